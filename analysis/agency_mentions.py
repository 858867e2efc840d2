"""Agency mentions of a table of articles: one row per mention (``find_mentions``), with its sentence, from the
matcher's matches in each article's title and body (``analysis.agency_matcher``).
"""
from __future__ import annotations

import bisect
import re

import pandas as pd

from analysis.agency_matcher import AgencyMatcher

MENTION_COLUMNS: tuple[str, ...] = ("row", "id", "agency", "surface", "field", "start", "end", "sentence",
                                    "resolved", "level", "region", "kind")
#: Sentence ends: the ``sentence`` column is the text between two of these around the mention.
SENTENCE_END = re.compile(r"[。！？!?；;\n]")


def sentence_bounds(text: str, upto: int) -> list[int]:
    """Positions of ``SENTENCE_END`` in ``text`` that can bound a sentence around a span ending at or before
    ``upto``: every one before ``upto`` and the first one at or after it (the rest of the text is not read)."""
    bounds = [x.start() for x in SENTENCE_END.finditer(text, 0, upto)]
    after = SENTENCE_END.search(text, upto)
    if after is not None:
        bounds.append(after.start())
    return bounds


def _sentence(text: str, bounds: list[int], start: int, end: int) -> str:
    """The stripped sentence of ``text`` around ``[start, end)``; ``bounds`` = positions of ``SENTENCE_END``."""
    i = bisect.bisect_left(bounds, start)
    lo = bounds[i - 1] + 1 if i > 0 else 0
    j = bisect.bisect_left(bounds, end)
    hi = bounds[j] + 1 if j < len(bounds) else len(text)
    return text[lo:hi].strip()


def match_sources(articles: pd.DataFrame) -> list[str]:
    """The source text the matcher reads for each article of ``articles`` (to resolve bare forms, never
    searched): the issuer (发文机关) line first when there is an ``issuer`` column — it names the document's own
    region before its source does — then ``source``. One function for the file path (``find_mentions``) and the
    store's batches (``analysis.store``), so that both give the same mentions (tester report N1)."""
    sources = articles["source"].tolist() if "source" in articles else [""] * len(articles)
    if "issuer" in articles:
        sources = [f"{i or ''}\n{s or ''}".strip() for i, s in zip(articles["issuer"].tolist(), sources)]
    return [s if isinstance(s, str) else "" for s in sources]


def find_mentions(articles: pd.DataFrame, matcher: AgencyMatcher | None = None) -> pd.DataFrame:
    """One row per agency mention in the title and body of every article.

    Columns: ``row`` (positional row in ``articles``), ``id``, ``agency`` (canonical; ``""`` when a bare
    form could not be resolved), ``surface`` (as written), ``field`` ('title' | 'body'), ``start``, ``end``
    (character offsets in that field), ``sentence``, ``resolved`` (bool), ``level``, ``region``, ``kind``
    (table / regional / bare / list / nested / parent / context / pattern / township / foreign), ``parent``.
    A sub-unit (kind ``nested``) is followed by one row of kind ``parent`` per body its name starts with
    (住房和城乡建设部住房保障司 → also 住房和城乡建设部, span 0–8): that body is named in the text too.
    An ``issuer`` column (发文机关), when present, is read with the source to resolve bare forms — never searched.
    """
    matcher = matcher or AgencyMatcher.default()
    cols: dict[str, list] = {c: [] for c in (*MENTION_COLUMNS, "parent")}
    titles = articles["title"].tolist() if "title" in articles else [""] * len(articles)
    bodies = articles["body"].tolist() if "body" in articles else [""] * len(articles)
    sources = match_sources(articles)
    ids = articles["id"].tolist() if "id" in articles else list(range(1, len(articles) + 1))
    for row, (title, body, source, id_) in enumerate(zip(titles, bodies, sources, ids)):
        found = matcher.match_article(title or "", body or "", source or "")
        if not found:
            continue
        bounds_cache: dict[str, list[int]] = {}
        upto: dict[str, int] = {}  # the last mention end per field: sentence ends after it are not needed
        for m in found:
            if m.end > upto.get(m.field, -1):
                upto[m.field] = m.end
        for m in found:
            text = title if m.field == "title" else body
            if m.field not in bounds_cache:
                bounds_cache[m.field] = sentence_bounds(text, upto[m.field])
            cols["row"].append(row)
            cols["id"].append(id_)
            cols["agency"].append(m.agency)
            cols["surface"].append(m.surface)
            cols["field"].append(m.field)
            cols["start"].append(m.start)
            cols["end"].append(m.end)
            cols["sentence"].append(_sentence(text, bounds_cache[m.field], m.start, m.end))
            cols["resolved"].append(m.resolved)
            cols["level"].append(m.level)
            cols["region"].append(m.region)
            cols["kind"].append(m.kind)
            cols["parent"].append(m.parent)
    df = pd.DataFrame(cols)
    text_cols = ("agency", "surface", "field", "sentence", "level", "region", "kind", "parent")
    return df.astype({"row": "int64", "id": "int64", "start": "int64", "end": "int64", "resolved": "bool",
                      **{c: "str" for c in text_cols}})

