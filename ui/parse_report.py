"""The parse report as the 数据 page shows it, in the interface language (the CLI words the same data
bilingually: ``analysis.commands.messages.report_lines``). A ZIP whose entries were read is a container, not a file: its
entries are counted, the archive itself is not (its own notes and errors are kept)."""
from __future__ import annotations

import pandas as pd

from analysis.loaders.report import FileReport, ParseReport, counted_files, is_container
from ui.i18n import column, one_language, t


def summary_lines(report: ParseReport) -> list[str]:
    """What the load found, one line each, in the interface language."""
    files = counted_files(report)
    ok = [f for f in files if f.ok]
    failed = [f for f in report.files if not f.ok]
    lines = [t("pr.read", n=report.articles, files=len(ok), failed=len(failed))]
    gaps = ", ".join(f"{column(k)} {v}" for k, v in report.missing.items() if v)
    if gaps:
        lines.append(t("pr.missing", gaps=gaps))
    if report.date_sources:
        lines.append(t("pr.date_sources", counts=", ".join(f"{t('pr.ds.' + (k or 'unrecorded'))} {v:,}"
                                                            for k, v in report.date_sources.items())))
    if report.duplicates:
        lines.append(t("pr.duplicates", n=report.duplicates, groups=report.duplicate_groups))
    if report.converted:
        lines.append(t("pr.converted", n=report.converted))
    for f in report.files:
        if f.column_mapping:
            lines.append(f"{f.name}: {mapping_text(f)}")
        if f.skipped_rows:
            lines.append(t("pr.skipped", name=f.name, n=f.skipped_rows))
    for f in report.files:
        lines += [f"{f.name}: {one_language(note)}" for note in f.notes]
    lines += [one_language(note) for note in report.notes]
    lines += [t("pr.failed", name=f.name, err=one_language(f.error)) for f in failed]
    return lines


def mapping_text(f: FileReport) -> str:
    """A file's column mapping as shown: each article field in the interface language ← the file's column."""
    return ", ".join(f"{column(k)}←{v}" for k, v in f.column_mapping.items())


def files_frame(report: ParseReport) -> pd.DataFrame:
    """The library's per-file table without ZIP containers, errors and column mappings in the interface
    language (the library writes the mapping with field codes: ``title←标题``)."""
    frame = report.files_frame()
    keep = [not is_container(f, report.files) for f in report.files]
    frame = frame[keep].reset_index(drop=True)
    frame["error"] = frame["error"].map(one_language)
    if "columns" in frame:
        frame["columns"] = [mapping_text(f) for f, k in zip(report.files, keep) if k]
    return frame
