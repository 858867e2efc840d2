"""The final article table of a load: the raw fields of every input joined, normalised, dated, converted,
given their policy columns and marked for reposts."""
from __future__ import annotations

import logging
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.body_tails import strip_app_tail, strip_follow_tail
from analysis.dates import is_excel_serial, parse_date
from analysis.dedup import find_duplicates
from analysis.errors import note
from analysis.loaders.options import LoadOptions
from analysis.loaders.report import FileReport, ParseReport
from analysis.loaders.columns import EXTRA_FIELDS, FIELDS
from analysis.ids import KEY
from analysis.normalize import SIMPLIFY_COLUMNS, normalize_series, simplify_series
from analysis.policy.metadata import add_policy_columns
from analysis.schema import coerce_articles

log = logging.getLogger(__name__)

__all__ = ["Part", "assemble", "parse_dates", "simplify_loaded"]


@dataclass
class Part:
    """The raw articles of one input, with its report."""

    report: FileReport
    fields: dict[str, list]
    file: str


def parse_dates(values: list) -> pd.Series:
    """``datetime64[ns]`` Series of raw date values (strings, Timestamps, numbers, None): each distinct value
    parsed once with ``analysis.dates.parse_date``; what does not parse is NaT."""
    # one parse per distinct value: factorize string keys (other types keyed by type and repr)
    keys = [v if type(v) is str else None if v is None or (isinstance(v, float) and v != v)
            else f"\x00{type(v).__name__}:{v!r}" for v in values]
    codes, uniques = pd.factorize(pd.Series(keys, dtype=object), use_na_sentinel=True)
    first = np.full(len(uniques), -1, dtype=np.int64)
    valid = np.flatnonzero(codes >= 0)
    first[codes[valid][::-1]] = valid[::-1]  # the first row holding each distinct value
    parsed = []
    for pos in first.tolist():
        try:
            ts = parse_date(values[pos])
        except (ValueError, TypeError, OverflowError):
            ts = None
        parsed.append(np.datetime64("NaT", "ns") if ts is None else pd.Timestamp(ts).to_datetime64())
    lookup = np.array(parsed + [np.datetime64("NaT", "ns")], dtype="datetime64[ns]")
    return pd.Series(lookup[np.where(codes >= 0, codes, len(parsed))], dtype="datetime64[ns]")


def _to_str(df: pd.DataFrame) -> pd.DataFrame:
    """``df`` with every column of Python objects given pandas' str type (the type a column of Python strings
    gets when set from a list), in place; returns ``df``."""
    for col in df.columns:
        if df[col].dtype == object:
            df[col] = df[col].astype("str")
    return df


def _call(hook, table: pd.DataFrame, name: str) -> None:
    """A caller's hook (``LoadOptions.on_bodies`` / ``on_texts``): an exception it raises is logged, the load
    goes on without it."""
    try:
        hook(table)
    except Exception:  # noqa: BLE001 - a caller's early start; the load goes on without it
        log.exception("%s failed", name)


def _date_notes(raw: list, missing: np.ndarray, part_of: list[int], parts: list[Part]) -> None:
    """Notes in each input's report for its date values read as Excel serial days (``analysis.dates``:
    45352 → 2024-03-01) and for those that are not a date at all (non-empty, unread): nothing about a date goes
    unsaid (tester s15 L2). The first example of each input is quoted."""
    serial: dict[int, list] = {}
    unread: dict[int, list] = {}
    for value, gone, part in zip(raw, missing.tolist(), part_of):
        if is_excel_serial(value) and not gone:
            serial.setdefault(part, []).append(value)
        elif gone and value is not None and not (isinstance(value, float) and value != value) and str(value).strip():
            unread.setdefault(part, []).append(value)
    for part, values in serial.items():
        day = parse_date(values[0])
        parts[part].report.notes.append(note("excel_serial_dates", n=len(values), example=f"{values[0]:g}",
                                             day=f"{day:%Y-%m-%d}" if day is not None else "?"))
    for part, values in unread.items():
        parts[part].report.notes.append(note("dates_unread", n=len(values), example=str(values[0]).strip()[:40]))


def assemble(parts: list[Part], report: ParseReport, opt: LoadOptions) -> pd.DataFrame:
    """The article table of every input's raw fields (``analysis.schema.ARTICLE_COLUMNS`` plus the extra
    and policy columns), in input order: ``max_articles`` applied (notes in the part's and the load's
    report), text fields normalised column-wise, bodies over ``max_chars_per_article`` truncated (noted),
    dates parsed, traditional text converted when ``opt.to_simplified``, policy columns added and reposts
    marked (``duplicate_of``) when ``opt.mark_duplicates``."""
    total = sum(len(p.fields["body"]) for p in parts)
    if total > opt.max_articles:
        keep, kept_parts = opt.max_articles, []
        for p in parts:
            n = len(p.fields["body"])
            if keep <= 0:
                p.report.notes.append(note("file_over_limit", limit=opt.max_articles))
                p.report.articles = 0
                continue
            if n > keep:
                p.fields = {k: v[:keep] for k, v in p.fields.items()}
                p.report.notes.append(note("file_cut", limit=opt.max_articles, keep=keep))
                p.report.articles = keep
            kept_parts.append(p)
            keep -= len(p.fields["body"])
        report.notes.append(note("over_limit", total=total, limit=opt.max_articles))
        parts = kept_parts
    cols: dict[str, list] = {f: [] for f in (*FIELDS, *EXTRA_FIELDS)}
    files: list[str] = []
    part_of: list[int] = []
    meta: list[str] = []
    for i, p in enumerate(parts):
        n = len(p.fields["body"])
        for f in FIELDS:
            cols[f].extend(p.fields[f])
        cols["date_source"].extend(p.fields.get("date_source") or [""] * n)
        cols["written_date"].extend(p.fields.get("written_date") or [None] * n)
        meta.extend(p.fields.get("meta") or [""] * n)
        files.extend([p.file] * n)
        part_of.extend([i] * n)
    # text columns stay Python objects until the policy columns are read from them (a column of pandas' str
    # type would be converted there and back, ≈ 0.05 CPU-s on CCTV); _to_str gives them that type at the end
    df = pd.DataFrame({"id": np.arange(1, len(files) + 1, dtype="int64")})
    for f in ("title", "source", "author", "url"):
        df[f] = normalize_series(pd.Series(cols[f], dtype=object), multiline=False)
    body = normalize_series(pd.Series(cols["body"], dtype=object), multiline=True)
    lengths = body.str.len().to_numpy()
    too_long = lengths > opt.max_chars_per_article
    if too_long.any():
        body = body.where(~pd.Series(too_long), body.str.slice(0, opt.max_chars_per_article))
        counts = pd.Series(np.asarray(part_of)[too_long]).value_counts()
        for idx, n in counts.items():
            parts[int(idx)].report.notes.append(
                note("bodies_cut", n=n, limit=opt.max_chars_per_article))
    body, followed = strip_follow_tail(body)   # a portal's "更多信息请关注官方微信…" on every exported body
    if followed.any():
        for idx, n in pd.Series(np.asarray(part_of)[followed]).value_counts().sort_index().items():
            parts[int(idx)].report.notes.append(note("follow_tail", n=n))
    body, app = strip_app_tail(body)           # a portal's "(本文来自…，更多原创资讯请下载“…”APP)"
    if app.any():
        for idx, n in pd.Series(np.asarray(part_of)[app]).value_counts().sort_index().items():
            parts[int(idx)].report.notes.append(note("app_tail", n=n))
    df["body"] = pd.Series(body.to_numpy(), dtype=object)
    converted = np.zeros(len(df), dtype=bool)
    if opt.to_simplified:
        for f in ("title", "body", "source", "author"):
            df[f], changed = simplify_series(df[f])
            converted |= changed.to_numpy()
    if opt.on_bodies is not None:   # the texts are final: the caller's analysis may start (before the rest)
        _to_str(df)
        _call(opt.on_bodies, df[["id", "title", "source", "author", "url", "body"]], "on_bodies")
    df["date"] = parse_dates(cols["date"]).to_numpy()
    _date_notes(cols["date"], df["date"].isna().to_numpy(), part_of, parts)
    df["date_source"] = pd.Series(np.where(df["date"].isna(), "", np.asarray(cols["date_source"], dtype=object)),
                                  dtype=object)
    df["written_date"] = parse_dates(cols["written_date"]).to_numpy()
    df["file"] = pd.Series(files, dtype=object)
    df["converted"] = converted
    df["meta"] = pd.Series(meta, dtype=object)
    df = _to_str(add_policy_columns(df))  # 文号, 发文机关, 成文日期 … and headnote dates (analysis.policy.metadata)
    if opt.on_texts is not None:
        _call(opt.on_texts, df, "on_texts")
    if opt.mark_duplicates and len(df):
        df["duplicate_of"] = find_duplicates(df)
    else:
        df["duplicate_of"] = pd.array([pd.NA] * len(df), dtype="Int64")
    return coerce_articles(df)


def simplify_loaded(articles: pd.DataFrame, *, mark_duplicates: bool = True) -> tuple[pd.DataFrame, int]:
    """The table a fresh load with ``LoadOptions(to_simplified=True)`` gives, from an already loaded article
    table ``articles`` (``analysis.schema`` columns plus the policy columns, e.g. a library dataset), and the
    number of articles the conversion changed (tester s15 D2: the 数据 page's one-click conversion converted the
    text only, so a traditional article and its simplified twin stayed two articles).

    As :func:`assemble` does after its own conversion: :data:`analysis.normalize.SIMPLIFY_COLUMNS` converted
    (OpenCC ``t2s``, only where a traditional character occurs), ``converted`` set where a text changed (kept
    where it already was), the policy columns read again from the converted text, ``duplicate_of`` found again
    (``analysis.dedup.find_duplicates``; ``<NA>`` everywhere when ``mark_duplicates`` is false) and the table
    coerced (``analysis.schema.coerce_articles``). ``id`` (the row number) and every other column stay.
    ``article_id`` is dropped: the key is content-derived (``analysis.ids``), so the converted articles get
    the keys of their converted content when saved — the keys a fresh load with conversion gets.

    A ``date``/``written_date`` the policy rules had filled in from the unconverted text (equal to what
    ``add_policy_columns`` finds there, with the same ``date_source``) is cleared first and looked for again
    in the converted text; any other value is the loader's and stays (the loader's values win, as in a load).
    Never mutates ``articles``."""
    out = articles.drop(columns=[KEY], errors="ignore").copy().reset_index(drop=True)
    n = len(out)
    changed = np.zeros(n, dtype=bool)
    for f in SIMPLIFY_COLUMNS:
        if f in out:
            out[f], mask = simplify_series(out[f].fillna("").astype(str))
            changed |= mask.to_numpy()
    before = out["converted"].fillna(False).astype(bool).to_numpy() if "converted" in out else np.zeros(n, bool)
    out["converted"] = before | changed
    rows = np.flatnonzero(changed)
    if len(rows):
        _clear_found_dates(out, articles.reset_index(drop=True), rows)
    out = _to_str(add_policy_columns(out))
    if mark_duplicates and n:
        out["duplicate_of"] = find_duplicates(out)
    else:
        out["duplicate_of"] = pd.array([pd.NA] * n, dtype="Int64")
    return coerce_articles(out), int(changed.sum())


def _clear_found_dates(out: pd.DataFrame, original: pd.DataFrame, rows: np.ndarray) -> None:
    """In place on ``out``: at ``rows`` (positions), clear ``date`` (and its ``date_source``) and
    ``written_date`` where they are what the policy rules find in ``original``'s unconverted text (see
    :func:`simplify_loaded`)."""
    sub = original.iloc[rows].copy()
    sub["date"] = pd.Series(pd.NaT, index=sub.index, dtype="datetime64[ns]")
    sub["written_date"] = pd.Series(pd.NaT, index=sub.index, dtype="datetime64[ns]")
    sub["date_source"] = ""
    found = add_policy_columns(sub)
    for col, source in (("date", True), ("written_date", False)):
        if col not in out:
            continue
        have = pd.to_datetime(original[col].iloc[rows], errors="coerce").to_numpy()
        same = (have == pd.to_datetime(found[col], errors="coerce").to_numpy())
        if source and "date_source" in original:
            same &= original["date_source"].iloc[rows].fillna("").to_numpy() == found["date_source"].to_numpy()
        clear = rows[same]
        if len(clear):
            values = pd.to_datetime(out[col], errors="coerce").astype("datetime64[ns]")
            values.iloc[clear] = pd.NaT
            out[col] = values
            if source and "date_source" in out:
                src = out["date_source"].fillna("").astype(str).to_numpy(dtype=object)
                src[clear] = ""
                out["date_source"] = src
