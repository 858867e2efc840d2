"""``python -m analysis policy``: policy documents with their formal metadata, or their citations.

Documents (default): ``id, title, doc_number, issuer, date, date_source, written_date, effective_date,
status, doc_type, amendments, citing, cited_by, file`` — ``issuer`` and ``amendments`` are ``|``-joined,
dates ``YYYY-MM-DD`` (``""`` unknown); ``citing`` = references to other documents, ``cited_by`` = corpus
documents citing this one (see ``analysis.policy``).

``--citations``: one row per 《…》 title or 文号 in the bodies: ``id, cited_title, cited_doc_number, role,
resolved_id, sentence`` (role basis/repeal/amendment/implementation/other; ``resolved_id`` the corpus
document named, empty when external); self-references are left out unless ``--self``. Counts by role and
the share resolved inside the corpus are printed on stderr. Reposts are left out unless ``--keep-duplicates``.
"""
from __future__ import annotations

import argparse
import sys

import pandas as pd

from analysis.commands.messages import option_help, say
from analysis.filters import Filters, filter_mask
from analysis.policy.citations import document_counts, find_citations, role_counts
from analysis.policy.metadata import with_policy_columns
from analysis.schema import dates_as_text

HELP = ("政策文件的文号、发文机关、日期、效力与引用 / policy documents: 文号, issuer, dates, status, type, "
        "citations (--citations: one row per reference)")
DOCUMENT_COLUMNS = ("id", "title", "doc_number", "issuer", "date", "date_source", "written_date", "effective_date",
                    "status", "doc_type", "amendments", "citing", "cited_by", "file")
CITATION_OUTPUT = ("id", "cited_title", "cited_doc_number", "role", "resolved_id", "sentence")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--citations", action="store_true", help=option_help("policy.citations"))
    parser.add_argument("--self", action="store_true", dest="include_self", help=option_help("policy.include_self"))


def run(args: argparse.Namespace, articles: pd.DataFrame) -> pd.DataFrame:
    arts = with_policy_columns(articles)
    mask = filter_mask(arts, Filters(dedupe=not args.keep_duplicates))
    arts = arts[mask].reset_index(drop=True)
    cites = find_citations(arts)
    counts = role_counts(cites)
    total = counts.iloc[-1]
    print(say("policy.citations", citations=int(total["citations"]), resolved=int(total["resolved"]),
              share=total["resolved_share"],
              roles=", ".join(f"{r.role} {r.citations}" for r in counts.iloc[:-1].itertuples())), file=sys.stderr)
    if args.citations:
        out = cites if args.include_self else cites[~cites["self"]]
        return out[list(CITATION_OUTPUT)].reset_index(drop=True)
    out = arts.merge(document_counts(cites, arts), on="id", how="left")
    for col in ("date", "written_date", "effective_date"):
        out[col] = dates_as_text(out[col])
    return out[list(DOCUMENT_COLUMNS)]
