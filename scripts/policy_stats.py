"""Policy metadata and citation numbers on a corpus (default: ../shared/corpora/hebei_gov, issue 12).

    python scripts/policy_stats.py [PATH ...]

Prints: dated share and dates by date_source; the 政府规章 file's headnote dates; fields filled; citations by
role with the share resolved inside the corpus; the 20 most cited titles.
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import pandas as pd  # noqa: E402

from analysis.loaders import load_paths  # noqa: E402
from analysis.policy.citations import find_citations, role_counts, top_cited  # noqa: E402


def main(argv: list[str]) -> int:
    paths = argv or [str(ROOT.parent / "shared" / "corpora" / "hebei_gov")]
    res = load_paths(paths)
    a = res.articles
    n = len(a)
    print(f"articles {n}; dated {int(a['date'].notna().sum())} ({a['date'].notna().mean():.2%})")
    print("dates by date_source:", res.report.date_sources)
    regs = a[a["file"].str.contains("政府规章")]
    if len(regs):
        print(f"政府规章: {len(regs)} documents, {int((regs['date_source'] == 'headnote').sum())} dated from the "
              f"headnote, {int(regs['date'].isna().sum())} undated (headnote states no 公布 date)")
    for col in ("doc_number", "issuer", "status", "doc_type", "amendments"):
        print(f"{col}: {int((a[col] != '').sum())} of {n}")
    for col in ("written_date", "effective_date"):
        print(f"{col}: {int(a[col].notna().sum())} of {n}")
    cites = find_citations(a)
    titled = cites[cites["cited_title"] != ""]
    print(f"references {len(cites)} (self {int(cites['self'].sum())}); 《》 titles {len(titled)}, "
          f"distinct {titled['cited_title'].nunique()}; 文号 written {int((cites['cited_doc_number'] != '').sum())}")
    with pd.option_context("display.width", 200, "display.max_colwidth", 40):
        print(role_counts(cites).to_string(index=False))
        print(top_cited(cites, a, 20).to_string(index=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
