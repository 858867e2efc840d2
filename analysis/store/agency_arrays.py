"""The mentions of a DuckDB store as compact NumPy arrays, read once per backend and kept with it (split from
:mod:`analysis.store.query_agencies`, whose views of a selection count over them):

- :func:`mention_arrays` — the resolved, named mentions with their sentence (≈ 21 bytes per mention, 67 MB for
  the 3.2 M mentions of a 1 M-article store);
- :func:`counted_under` — the stored names the successor roll-up counts under a name;
- :class:`Hits` — the selected mentions and (row or sentence, agency) groups after the 机构 page's options;
- :func:`backend_cache` — the per-backend cache these and the views keep their arrays in.
"""
from __future__ import annotations

import weakref

import numpy as np
import pandas as pd
import pyarrow.compute as pc

from analysis.agency_history import roll_up
from analysis.agency_table import is_media, media_names
from analysis.store.backends import Selection

#: Per-backend caches of :func:`mention_arrays` and the row periods (dropped with the backend).
_CACHE: "weakref.WeakKeyDictionary[object, dict]" = weakref.WeakKeyDictionary()


def backend_cache(backend) -> dict:
    """The dict of cached arrays kept with ``backend`` (``{}`` at first; dropped with the backend): keys such as
    ``("mentions", triples)``, ``("view", successors, sentences)``, ``"successor_ids"`` here and the views' own."""
    return _CACHE.setdefault(backend, {})


# ------------------------------------------------------------------------------------------------ the arrays
def _index_base(backend) -> dict:
    """The resolved, named mentions from the store's agency index (``DuckBackend.agency_index``: read once,
    shared with the ranking table): ``row``, ``agency`` (id; ids are ranks of the sorted names), ``alias``
    (into ``alias_agency`` / ``alias_surface``) per mention, sorted by (row, agency); ``names`` by id."""
    ix = backend.agency_index()
    return {k: ix[k] for k in ("row", "agency", "alias", "alias_agency", "alias_surface", "names")}


def mention_arrays(backend, *, triples: bool = False) -> dict:
    """The resolved, named mentions with their sentence (one SQL pass over ``mentions``, read once per backend
    and kept with it; what the same-sentence pairs need): ``row`` (int64), ``agency`` (id), ``unit`` (sentence
    number: equal for the mentions of one stored sentence span — row, field, ``sent_start``, ``sent_end``),
    sorted by (row, unit, agency); ``names`` by id. With ``triples`` also ``triple`` per mention (into
    ``triples``: the distinct (agency, level, parent), the successor roll-up's input) and ``alias`` (into
    ``alias_agency`` / ``alias_surface``) — only needed when a name's successor depends on the mention."""
    cache = backend_cache(backend)
    key = ("mentions", triples)
    if key in cache:
        return cache[key]
    strings = ", m.surface, m.level, m.parent" if triples else ""
    t = backend.con.sql(f"""SELECT a.row, m.agency_id, m.field = 'title' AS title, m.sent_start, m.sent_end{strings}
      FROM mentions m JOIN articles a USING (article_id)
      WHERE m.resolved AND m.agency_id <> coalesce((SELECT agency_id FROM agencies WHERE agency = ''), -1)
      ORDER BY a.row, title, m.sent_start, m.sent_end, m.agency_id""").to_arrow_table()
    row = t["row"].to_numpy().astype(np.int64)
    title = t["title"].to_numpy(zero_copy_only=False)
    start, end = t["sent_start"].to_numpy(), t["sent_end"].to_numpy()
    new_unit = np.ones(len(row), dtype=bool)
    new_unit[1:] = (row[1:] != row[:-1]) | (title[1:] != title[:-1]) | (start[1:] != start[:-1]) | \
        (end[1:] != end[:-1])
    out = {"row": row, "agency": t["agency_id"].to_numpy().astype(np.int64),
           "unit": np.cumsum(new_unit) - 1, "names": backend.agency_index()["names"]}
    if triples:
        out.update(_string_codes(t, out["agency"], out["names"]))
    cache[key] = out
    return out


def _string_codes(t, agency: np.ndarray, names: np.ndarray) -> dict:
    """``alias`` / ``triple`` codes per mention of the Arrow table ``t`` (columns surface, level, parent)."""
    def codes(name: str) -> tuple[np.ndarray, list]:
        enc = pc.dictionary_encode(t[name].combine_chunks())
        return enc.indices.to_numpy(zero_copy_only=False).astype(np.int64), enc.dictionary.to_pylist()

    surface, surfaces = codes("surface")
    level, levels = codes("level")
    parent, parents = codes("parent")
    ns, nl, npa = len(surfaces) + 1, len(levels) + 1, len(parents) + 1
    ukey, alias = np.unique(agency * ns + surface, return_inverse=True)
    utri, triple = np.unique((agency * nl + level) * npa + parent, return_inverse=True)
    lv, pa = np.asarray([*levels, None], dtype=object), np.asarray([*parents, None], dtype=object)
    return {"alias": alias, "alias_agency": ukey // ns,
            "alias_surface": np.asarray(surfaces, dtype=object)[ukey % ns] if len(ukey) else np.zeros(0, object),
            "triple": triple,
            "triples": pd.DataFrame({"agency": names[utri // (nl * npa)], "level": lv[(utri // npa) % nl],
                                     "parent": pa[utri % npa]})}


def _rolled(triples: pd.DataFrame) -> np.ndarray:
    """``analysis.agency_history.roll_up`` of (agency, level, parent) triples, typed as ``mentions_frame``
    types the mentions: the name each is counted under today."""
    tri = triples.astype(str)
    return roll_up(tri)["agency"].to_numpy(dtype=object) if len(tri) else np.zeros(0, dtype=object)


def _successor_of_ids(backend) -> np.ndarray | None:
    """The successor name of every agency id, or ``None`` when some id's successor depends on the mention's
    level or parent (then the roll-up reads the mentions' triples: :func:`mention_arrays`)."""
    cache = backend_cache(backend)
    if "successor_ids" not in cache:
        tri = backend.query("""SELECT DISTINCT m.agency_id, g.agency, m.level, m.parent FROM mentions m
          JOIN agencies g USING (agency_id) WHERE m.resolved AND g.agency <> ''""")
        new = _rolled(tri[["agency", "level", "parent"]])
        names = backend.agency_index()["names"]
        out = names.copy()
        per_id = pd.Series(new, index=tri["agency_id"].to_numpy()).groupby(level=0).unique()
        if any(len(v) > 1 for v in per_id):
            cache["successor_ids"] = None
        else:
            out[per_id.index.to_numpy()] = [v[0] for v in per_id]
            cache["successor_ids"] = out
    return cache["successor_ids"]


def counted_under(backend, name: str) -> list[str]:
    """The stored agency names the successor roll-up counts under ``name`` (``name`` itself first when it is
    stored, then the older names, sorted): what a drill-down into a rolled-up agency lists the articles of.
    Raises nothing for an unknown name (``[]``)."""
    if backend.kind == "memory":
        m = backend.mentions[backend.mentions["resolved"] & (backend.mentions["agency"] != "")]
        tri = m[["agency", "level", "parent"]].drop_duplicates()
        olds = tri["agency"].to_numpy(dtype=object)[_rolled(tri) == name]
    else:
        by_id = _successor_of_ids(backend)
        names = backend.agency_index()["names"]
        if by_id is not None:
            olds = names[by_id == name]
        else:
            tri = mention_arrays(backend, triples=True)["triples"]
            olds = tri["agency"].to_numpy(dtype=object)[_rolled(tri) == name]
    olds = sorted(set(map(str, olds)) - {name})
    stored = backend.kind == "memory" and name in set(backend.mentions["agency"]) or \
        backend.kind != "memory" and name in set(backend.agency_index()["names"])
    return ([name] if stored else []) + olds


def _view(backend, successors: bool, sentences: bool = False) -> dict:
    """The mentions grouped for counting, built once per backend and option: the base arrays (``row``,
    ``agency``, ``alias``, …), ``names`` (sorted: codes compare as names do), ``code`` per mention, and the
    distinct (row or sentence, code) groups: ``group`` per mention, ``group_row``, ``group_code``, and with
    ``sentences`` ``group_unit``."""
    cache = backend_cache(backend)
    key = ("view", successors, sentences)
    if key in cache:
        return cache[key]
    by_id = _successor_of_ids(backend) if successors else None
    per_mention = successors and by_id is None
    base = mention_arrays(backend, triples=per_mention) if (sentences or per_mention) else _index_base(backend)
    if per_mention:
        names, tcode = np.unique(_rolled(base["triples"]).astype(str), return_inverse=True)
        code = tcode[base["triple"]]
    elif successors:
        assert by_id is not None   # (per_mention otherwise)
        names, id_code = np.unique(by_id.astype(str), return_inverse=True)
        code = id_code[base["agency"]]
    else:
        names, code = base["names"], base["agency"]
    names = np.asarray(names, dtype=object)
    w = max(len(names), 1)
    unit = base["unit"] if sentences else base["row"]
    uk, group = np.unique(unit * w + code, return_inverse=True)
    out = {**base, "names": names, "code": code.astype(np.int64), "group": group, "group_code": uk % w}
    out["group_row"] = base["row"][np.searchsorted(unit, uk // w)] if sentences else uk // w
    if sentences:
        out["group_unit"] = uk // w
    cache[key] = out
    return out


class Hits:
    """The selected mentions of a DuckDB backend after the page's options: ``hit`` (bool per mention of the
    view ``v``) and ``groups`` (bool per distinct (row or sentence, agency) group holding a hit)."""

    def __init__(self, backend, sel: Selection, include_foreign: bool, include_media: bool, successors: bool,
                 exclude=frozenset(), sentences: bool = False, count: bool = True):
        self.v = v = _view(backend, successors, sentences)
        ids = backend.agency_index()["names"]
        keep_id = ~np.isin(ids, list(exclude)) if exclude else np.ones(len(ids), dtype=bool)
        if not include_foreign:
            keep_id &= ~np.isin(ids, list(backend.foreign_agencies()))
        if not include_media:
            media = media_names()
            keep_id &= ~np.fromiter((bool(n) and is_media(n, media) for n in ids), dtype=bool, count=len(ids))
        self.keep_id, self.key = keep_id, (successors, sentences)
        self.names, self.w = v["names"], max(len(v["names"]), 1)
        if not count:   # (the pair lists need the options only)
            return
        self.hit = backend.row_mask(sel)[v["row"]] & keep_id[v["agency"]]
        self.groups = np.bincount(v["group"][self.hit], minlength=len(v["group_code"])) > 0
        self.names, self.w = v["names"], max(len(v["names"]), 1)
