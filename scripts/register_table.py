"""Which keyword register ``auto`` picks for every real corpus in ../shared, loaded as an upload is
(``analysis.loaders.load_paths``), and the shares it decides from (``analysis.policy.register.register_decision``).

Usage: ``python scripts/register_table.py [SHARED_DIR] [--ranks]`` (default ``../shared`` of the project).

Rows: the CCTV 新闻联播 corpus, each Hebei CSV and all 29 together, the bjtcm notices, the realpages HTML files
and their plain-text renderings. Columns: articles, policy (share with a document type or 文号), not policy,
news signals (share of the non-policy articles with a dateline/byline/news outlet), the register, the reason and
the CPU-seconds of the decision and, as its baseline, of loading the files (``load_cpu_s``). Prints the table;
exits 0.

``--ranks`` also prints, for the CCTV corpus and the realpages HTML files, the rank of every word of
``data/stopwords_news.txt`` in the keyword ranking without a register (the source of the ranks cited in that
file) and the top 30 keywords with register ``none`` (what ``auto`` gave before) and ``auto`` (now).
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import pandas as pd  # noqa: E402

from analysis.filters import Filters, filter_mask  # noqa: E402
from analysis.keywords import tokenize_corpus  # noqa: E402
from analysis.loaders import load_paths  # noqa: E402
from analysis.policy.register import register_decision, register_stopwords, resolve_register, top_terms_for_register  # noqa: E402,E501
from analysis.tokenizer import build_tokenizer  # noqa: E402


def corpora(shared: Path) -> list[tuple[str, list[Path]]]:
    """(name, paths) of every real corpus under ``shared``, in table order."""
    hebei = sorted((shared / "corpora" / "hebei_gov").glob("*.csv"))
    pages = shared / "realpages"
    return ([("cctv_xwlb", [shared / "corpora" / "cctv_xwlb" / "articles.jsonl"])]
            + [(f"hebei/{p.stem[:40]}", [p]) for p in hebei]
            + [(f"hebei (all {len(hebei)})", hebei), ("bjtcm notices", [shared / "corpora" / "bjtcm" / "notices.json"]),
               ("realpages *.html", sorted(pages.glob("*.html"))), ("realpages *.txt", sorted(pages.glob("*.txt")))])


def table(shared: Path) -> pd.DataFrame:
    rows = []
    for name, paths in corpora(shared):
        start = time.process_time()
        arts = load_paths(paths).articles
        loaded = time.process_time()
        d = register_decision(arts)
        rows.append({"corpus": name, "articles": d.articles, "policy": round(d.policy_share, 3),
                     "not_policy": round(d.not_policy_share, 3), "news_signals": round(d.news_share, 3),
                     "register": d.register, "reason": d.reason, "cpu_s": round(time.process_time() - loaded, 3),
                     "load_cpu_s": round(loaded - start, 3)})
    return pd.DataFrame(rows)


def ranks(name: str, paths: list[Path]) -> None:
    """Print the news words' ranks and the top 30 before (``none``) and now (``auto``) for one corpus, ranked
    as ``python -m analysis keywords`` does (project tokenizer, each duplicate story once)."""
    arts = load_paths(paths).articles
    corpus = tokenize_corpus(arts, build_tokenizer())
    mask = filter_mask(arts, Filters(dedupe=True))
    plain = corpus.top_terms(mask, 3000)["term"].tolist()
    where = {t: i + 1 for i, t in enumerate(plain)}
    words = sorted(register_stopwords("news"), key=lambda w: where.get(w, 10**6))
    print(f"\n{name}: rank of each news-register word without a register (- = not in the top 3,000)")
    print(" ".join(f"{w}:{where.get(w, '-')}" for w in words))
    auto = resolve_register(arts, "auto")
    for label, register in (("none (auto before)", "none"), (f"auto now = {auto}", auto)):
        top = top_terms_for_register(corpus, mask, 30, register)["term"].tolist()
        print(f"top 30, {label}: " + " ".join(top))


def main(argv: list[str]) -> int:
    flags = [a for a in argv if a.startswith("--")]
    args = [a for a in argv if not a.startswith("--")]
    shared = Path(args[0]) if args else ROOT.parent / "shared"
    with pd.option_context("display.width", 200, "display.max_rows", 100, "display.max_colwidth", 48):
        print(table(shared).to_string(index=False))
    if "--ranks" in flags:
        ranks("cctv_xwlb", [shared / "corpora" / "cctv_xwlb" / "articles.jsonl"])
        ranks("realpages *.html", sorted((shared / "realpages").glob("*.html")))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
