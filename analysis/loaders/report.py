"""What a load found: per-file outcomes and per-column gaps, as data (the dashboard words them in
``ui.parse_report``, the command line in ``analysis.commands.messages``)."""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

import pandas as pd


@dataclass
class FileReport:
    """The outcome for one input file (or one ZIP entry: ``name`` is then ``archive.zip/entry``)."""

    name: str
    format: str = ""            # csv, tsv, xlsx, json, jsonl, txt, html, zip
    encoding: str = ""          # the encoding used to decode it, when it was text
    articles: int = 0
    error: str = ""             # empty when the file loaded; otherwise what is wrong and what to do
    column_mapping: dict[str, str] = field(default_factory=dict)  # article field -> source column
    skipped_rows: int = 0       # table rows that had no usable text (reported, not loaded)
    columns: list[str] = field(default_factory=list)  # a table's own column names (for the mapping override)
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.error


#: The missing-value columns of the report, in this order.
MISSING_COLUMNS: tuple[str, ...] = ("title", "date", "source", "author", "url", "body")


def count_date_sources(articles: pd.DataFrame) -> dict[str, int]:
    """``{date_source: dated articles}``, most first (``""`` reported as ``"unrecorded"``); ``{}`` when the
    table has no ``date_source``."""
    if "date_source" not in articles or "date" not in articles:
        return {}
    dated = articles.loc[articles["date"].notna(), "date_source"].fillna("").astype(str)
    counts = dated.replace("", "unrecorded").value_counts()
    return {str(k): int(v) for k, v in counts.items()}


@dataclass
class ParseReport:
    files: list[FileReport] = field(default_factory=list)
    articles: int = 0
    missing: dict[str, int] = field(default_factory=dict)   # column -> articles with it empty
    duplicates: int = 0                                     # rows marked duplicate_of
    duplicate_groups: int = 0
    converted: int = 0                                      # traditional -> simplified conversions
    notes: list[str] = field(default_factory=list)          # load-wide notes (e.g. the article limit was hit)
    date_sources: dict[str, int] = field(default_factory=dict)  # date_source -> dated articles (which rule)

    def count(self, articles: pd.DataFrame) -> None:
        """Set the statistics of the final article table (the one home of these numbers: the loader, the
        library's merge and the store's ingest all call it): ``articles`` (rows), ``missing`` (empty text
        per :data:`MISSING_COLUMNS`, ``date`` = no date), ``duplicates`` (rows with ``duplicate_of``),
        ``duplicate_groups`` (distinct originals), ``converted`` (rows converted to simplified) and
        ``date_sources`` (:func:`count_date_sources`). ``articles`` has the columns of
        ``analysis.schema.ARTICLE_COLUMNS`` plus ``converted``; ``files`` and ``notes`` are left alone."""
        self.articles = len(articles)
        self.missing = {c: int(articles["date"].isna().sum()) if c == "date" else int((articles[c] == "").sum())
                        for c in MISSING_COLUMNS}
        dup = articles["duplicate_of"]
        self.duplicates = int(dup.notna().sum())
        self.duplicate_groups = int(dup.dropna().nunique())
        self.converted = int(articles["converted"].sum())
        self.date_sources = count_date_sources(articles)

    @property
    def failed(self) -> list[FileReport]:
        return [f for f in self.files if not f.ok]

    def files_frame(self) -> pd.DataFrame:
        return pd.DataFrame([
            {"file": f.name, "format": f.format, "encoding": f.encoding, "articles": f.articles,
             "skipped_rows": f.skipped_rows, "error": f.error,
             "columns": ", ".join(f"{k}←{v}" for k, v in f.column_mapping.items())}
            for f in self.files
        ], columns=["file", "format", "encoding", "articles", "skipped_rows", "error", "columns"])


def is_container(f: FileReport, files: list[FileReport]) -> bool:
    """True for a ZIP (``format == "zip"``) that loaded and has entries ``name/…`` in ``files``: an archive
    holds files of articles but is not one itself (tester s14 U5: "25 articles from 26 files")."""
    return f.format == "zip" and f.ok and any(g.name.startswith(f.name + "/") for g in files)


def counted_files(report: ParseReport) -> list[FileReport]:
    """The report's files without ZIP containers (see :func:`is_container`): what "from N files" counts,
    on the 数据 page and the command line alike."""
    return [f for f in report.files if not is_container(f, report.files)]


def report_to_dict(report: ParseReport | None) -> dict | None:
    """A JSON-able form of a parse report (what the library stores with a dataset)."""
    return None if report is None else dataclasses.asdict(report)


def report_from_dict(data: dict | None) -> ParseReport | None:
    """Inverse of :func:`report_to_dict`; unknown keys (from newer versions) are ignored."""
    if not data:
        return None
    ffields = {f.name for f in dataclasses.fields(FileReport)}
    files = [FileReport(**{k: v for k, v in f.items() if k in ffields}) for f in data.get("files", [])]
    rfields = {f.name for f in dataclasses.fields(ParseReport)} - {"files"}
    return ParseReport(files=files, **{k: v for k, v in data.items() if k in rfields})



@dataclass
class LoadResult:
    articles: pd.DataFrame
    report: ParseReport
