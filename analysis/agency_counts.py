"""Counts over agency mentions (the frame ``analysis.agency_mentions.find_mentions`` returns): per agency, per
source or file, per period, per document, pairs named together, the drill-down rows of one agency, and the
status of each mention (current / historical / foreign / media) with the one rule for which mentions the
rankings count (``government_mentions``).
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.agency_history import historical_mask
from analysis.agency_table import is_media, media_names
from analysis.errors import invalid_option
from analysis.periods import FREQS, start_dates


def _masked(mentions: pd.DataFrame, mask: np.ndarray | None, resolved_only: bool = True) -> pd.DataFrame:
    """The mentions of the articles ``mask`` selects; only resolved ones when ``resolved_only``."""
    m = mentions
    if mask is not None:
        mask = np.asarray(mask, dtype=bool)
        m = m[mask[m["row"].to_numpy()]] if len(m) else m
    if resolved_only:
        m = m[m["resolved"] & (m["agency"] != "")]
    return m


def resolve_names(mentions: pd.DataFrame, names: list[str]) -> dict[str, str]:
    """Each of ``names`` (agencies as a user typed them, e.g. ``timeline --agency 省工信厅``) → the canonical name
    to count: itself when it is a resolved agency of ``mentions``; else the one agency whose resolved mentions
    were written exactly so (``surface``, line breaks inside a name ignored) — ``省工信厅`` → 河北省工业和信息化厅
    in a Hebei corpus; else itself (not mentioned, or written so for several agencies: nothing is guessed).
    ``mentions``: ``find_mentions``'s table. Returns ``{name: canonical}`` in the order of ``names``."""
    m = _masked(mentions, None)
    known = set(m["agency"])
    surfaces = m["surface"].astype(str).str.replace("\n", "", regex=False)
    out = {}
    for name in names:
        if name in known:
            out[name] = name
            continue
        written = m.loc[(surfaces == name).to_numpy(), "agency"].unique()
        out[name] = str(written[0]) if len(written) == 1 else name
    return out


#: Values of ``mention_status``: a government body under its current name, under a name no longer in use, a
#: foreign body, a news organisation.
STATUSES: tuple[str, ...] = ("current", "historical", "foreign", "media")


def _foreign_flags(mentions: pd.DataFrame) -> np.ndarray:
    """Bool per mention: a foreign government body (level ``foreign``)."""
    if "level" not in mentions:
        return np.zeros(len(mentions), dtype=bool)
    return (mentions["level"] == "foreign").to_numpy(dtype=bool)


def _media_flags(mentions: pd.DataFrame, media: frozenset[str] | None) -> np.ndarray:
    """Bool per mention: a news organisation (``analysis.agency_table.is_media``)."""
    names = media_names() if media is None else media
    codes, uniq = pd.factorize(mentions["agency"].astype(str))
    flags = np.array([bool(a) and is_media(a, names) for a in uniq], dtype=bool)
    return flags[codes] if len(codes) else np.zeros(0, dtype=bool)


def mention_status(mentions: pd.DataFrame, *, media: frozenset[str] | None = None, history=None) -> pd.Series:
    """The kind of body each mention names, one of ``STATUSES`` (``""`` for unresolved bare forms):
    ``foreign`` (level ``foreign``), else ``media`` (a news organisation: ``type`` media in the agency table,
    or a name ending in 融媒体中心 / 电视台 …, ``analysis.agency_table.is_media``), else ``historical`` (a
    name no longer in use, ``analysis.agency_history``: 建设部, 河北省质量技术监督局), else ``current``.
    ``media`` (canonical names) and ``history`` (an ``AgencyHistory``) default to the project's."""
    if mentions.empty:
        return pd.Series([], index=mentions.index, dtype="str")
    out = np.where(_foreign_flags(mentions), "foreign",
                   np.where(_media_flags(mentions, media), "media",
                            np.where(historical_mask(mentions, history), "historical", "current")))
    out = np.where(mentions["agency"].astype(str).to_numpy() == "", "", out)
    return pd.Series(out, index=mentions.index, dtype="str")


def government_mentions(mentions: pd.DataFrame, *, include_foreign: bool = False, include_media: bool = False,
                        media: frozenset[str] | None = None) -> pd.DataFrame:
    """The mentions the rankings count by default: foreign government bodies (level ``foreign``: 美国国务院)
    and news organisations (``mention_status`` ``media``: 中央广播电视总台, 新华社, a city's 融媒体中心) left
    out unless ``include_foreign`` / ``include_media``. The one place this rule lives: the 机构 and 概览 pages,
    ``agency_counts`` and the ``agencies`` command all call it. Unresolved bare forms are kept (they are
    counted and listed apart)."""
    keep = np.ones(len(mentions), dtype=bool)
    if not include_foreign:
        keep &= ~_foreign_flags(mentions)
    if not include_media and len(mentions):
        keep &= ~_media_flags(mentions, media)
    return mentions if keep.all() else mentions[keep]


def _aliases(m: pd.DataFrame) -> pd.Series:
    """Surface forms per agency, most frequent first (ties by name), joined by ``|`` (vectorised: one group-by);
    a form broken by a line end (中国银行保险监督管理⏎委员会) is shown without the break."""
    if len(m) and m["surface"].str.contains(r"[\r\n]", regex=True).any():
        m = m.assign(surface=m["surface"].str.replace(r"[\r\n]+", "", regex=True))
    pairs = m.groupby(["agency", "surface"], sort=False).size().reset_index(name="_n")
    pairs = pairs.sort_values(["agency", "_n", "surface"], ascending=[True, False, True], kind="stable")
    return pairs.groupby("agency", sort=False)["surface"].agg("|".join)


def agency_summary(mentions: pd.DataFrame, mask: np.ndarray | None = None, *,
                   aliases: bool = True) -> pd.DataFrame:
    """Per canonical agency: ``mentions``, ``documents`` (articles naming it) and ``aliases`` (surface forms
    seen, most frequent first — ties by name — joined by ``|``; left out with ``aliases=False``); sorted by
    mentions, then documents, then name. ``mask`` (bool per article row) restricts to those articles.
    Unresolved forms are left out."""
    cols = ["agency", "mentions", "documents"] + (["aliases"] if aliases else [])
    m = _masked(mentions, mask)
    if m.empty:
        return pd.DataFrame({c: [] for c in cols}).astype(
            {"mentions": "int64", "documents": "int64", "agency": "str", **({"aliases": "str"} if aliases else {})})
    g = m.groupby("agency", sort=False)
    out = pd.DataFrame({"mentions": g.size(), "documents": g["row"].nunique()})
    if aliases:
        out["aliases"] = _aliases(m)
    out = out.reset_index()
    out["agency"] = out["agency"].astype(str)
    out = out.sort_values(["mentions", "documents", "agency"], ascending=[False, False, True], kind="stable")
    return out.reset_index(drop=True)[cols].astype({"mentions": "int64", "documents": "int64"})


def unresolved_summary(mentions: pd.DataFrame, mask: np.ndarray | None = None) -> pd.DataFrame:
    """Bare forms no region could be found for: ``surface, level, mentions, documents``."""
    m = _masked(mentions, mask, resolved_only=False)
    m = m[~m["resolved"]]
    if m.empty:
        return pd.DataFrame({"surface": [], "level": [], "mentions": [], "documents": []})
    g = m.groupby(["surface", "level"])
    out = pd.DataFrame({"mentions": g.size(), "documents": g["row"].nunique()}).reset_index()
    return out.sort_values(["mentions", "surface"], ascending=[False, True]).reset_index(drop=True)


def by_source(mentions: pd.DataFrame, articles: pd.DataFrame, mask: np.ndarray | None = None,
              column: str = "source") -> pd.DataFrame:
    """``agency, source, mentions, documents`` (source "" shown as 未知来源); ``column="file"`` gives
    ``agency, file, mentions, documents`` per uploaded file instead ("" shown as 未知文件)."""
    if column not in ("source", "file"):
        raise invalid_option("column", column, ["source", "file"])
    m = _masked(mentions, mask)
    src = articles[column].to_numpy()[m["row"].to_numpy()] if len(m) else []
    m = m.assign(**{column: pd.Series(src, index=m.index, dtype="str").replace(
        "", "未知来源" if column == "source" else "未知文件")})
    g = m.groupby(["agency", column])
    out = pd.DataFrame({"mentions": g.size(), "documents": g["row"].nunique()}).reset_index()
    return out.sort_values(["agency", "mentions"], ascending=[True, False]).reset_index(drop=True)


def by_period(mentions: pd.DataFrame, articles: pd.DataFrame, freq: str = "month",
              mask: np.ndarray | None = None) -> pd.DataFrame:
    """``agency, period (start date), mentions, documents`` over dated articles (undated ones are left out).
    Periods are ``analysis.periods``'s (weeks are ISO weeks starting on Monday). Every period from the first
    to the last dated *selected article* appears for every agency mentioned, 0 where it was not mentioned (so
    lines do not bridge gaps and sums over periods stay right)."""
    if freq not in FREQS:
        raise invalid_option("freq", freq, list(FREQS))
    m = _masked(mentions, mask)
    dates = pd.to_datetime(articles["date"]).to_numpy()[m["row"].to_numpy()] if len(m) else []
    m = m.assign(date=pd.Series(dates, index=m.index, dtype="datetime64[ns]")).dropna(subset=["date"])
    m = m.assign(period=start_dates(m["date"], freq))  # ISO weeks (Monday start), as on every page
    g = m.groupby(["agency", "period"])
    out = pd.DataFrame({"mentions": g.size(), "documents": g["row"].nunique()})
    selected = pd.to_datetime(articles["date"])
    if mask is not None:
        selected = selected[np.asarray(mask, dtype=bool)]
    selected = selected.dropna()
    if len(out) and len(selected):
        days = pd.Series(pd.date_range(selected.min().normalize(), selected.max().normalize(), freq="D"))
        span = pd.DatetimeIndex(pd.Series(start_dates(days, freq)).unique())  # as ``period`` above
        span = span.union(out.index.get_level_values("period").unique())
        full = pd.MultiIndex.from_product([out.index.get_level_values("agency").unique(), span],
                                          names=["agency", "period"])
        out = out.reindex(full, fill_value=0)
    out = out.reset_index().astype({"mentions": "int64", "documents": "int64"})
    return out.sort_values(["agency", "period"]).reset_index(drop=True)


def cooccurrence(mentions: pd.DataFrame, mask: np.ndarray | None = None, same_sentence: bool = False
                 ) -> pd.DataFrame:
    """Pairs of agencies named together: ``a, b, articles`` (a < b; weight = number of articles where the
    pair occurs — within one sentence when ``same_sentence``), sorted by weight."""
    m = _masked(mentions, mask)
    keys = ["row", "field", "sentence"] if same_sentence else ["row"]
    units = m[keys + ["agency"]].drop_duplicates()
    if units.empty:
        return pd.DataFrame({"a": pd.Series([], dtype="str"), "b": pd.Series([], dtype="str"),
                             "articles": pd.Series([], dtype="int64")})
    units = units.assign(_unit=units.groupby(keys, sort=False).ngroup())[["_unit", "row", "agency"]]
    pairs = units.merge(units[["_unit", "agency"]], on="_unit", suffixes=("_a", "_b"))
    pairs = pairs[pairs["agency_a"] < pairs["agency_b"]]
    weight = pairs[["row", "agency_a", "agency_b"]].drop_duplicates().groupby(["agency_a", "agency_b"]).size()
    out = weight.rename("articles").reset_index().rename(columns={"agency_a": "a", "agency_b": "b"})
    out["articles"] = out["articles"].astype("int64")
    return out.sort_values(["articles", "a", "b"], ascending=[False, True, True]).reset_index(drop=True)


def mention_rows(mentions: pd.DataFrame, articles: pd.DataFrame, agency: str,
                 mask: np.ndarray | None = None) -> pd.DataFrame:
    """Drill-down: every mention of ``agency`` with its article (id, title, date, source) and sentence."""
    m = _masked(mentions, mask)
    m = m[m["agency"] == agency]
    art = articles.iloc[m["row"].to_numpy()]
    return pd.DataFrame({"id": m["id"].to_numpy(), "title": art["title"].to_numpy(),
                         "date": art["date"].dt.strftime("%Y-%m-%d").fillna("").to_numpy(),
                         "source": art["source"].to_numpy(), "surface": m["surface"].to_numpy(),
                         "sentence": m["sentence"].to_numpy()})


def by_document(mentions: pd.DataFrame, articles: pd.DataFrame, mask: np.ndarray | None = None) -> pd.DataFrame:
    """``id, file, agency, surface, mentions``: one row per article, agency and surface form."""
    m = _masked(mentions, mask)
    g = m.groupby(["row", "id", "agency", "surface"], sort=False).size().rename("mentions").reset_index()
    g["file"] = articles["file"].to_numpy()[g["row"].to_numpy()] if len(g) else []
    g = g.sort_values(["id", "agency", "mentions", "surface"], ascending=[True, True, False, True])
    return g[["id", "file", "agency", "surface", "mentions"]].reset_index(drop=True)

