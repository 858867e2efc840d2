"""How often the tokenizer keeps policy terms whole on the real corpora, with and without them in the dictionary,
against a plain substring count (``str.count``) over the same texts.

    nice -n 10 /work/main/.venv/bin/python scripts/policy_term_counts.py [--only cctv,hebei] [TERM ...]

Terms default to the policy-term section of ``data/domain_terms.txt`` (the lines after the comment that names
the 政府工作报告 source). For each corpus (CCTV 《新闻联播》 JSONL, every Hebei policy CSV; ``../shared``, read-only,
loaded with ``analysis.loaders.load_paths``) and each term it prints

- ``substr``: ``(title + "\\n" + body).count(term)`` summed over the articles — the upper bound a keyword count
  can reach (lower where the term sits inside a longer dictionary word, e.g. 双随机 inside 双随机、一公开);
- ``before``: the term's count among ``WenjianTokenizer.terms`` with the given terms removed from the dictionary;
- ``after``: the same with the project's dictionary as it is.

A check script, not a unit test: it prints numbers for a person to compare.
"""
from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analysis.loaders import load_paths  # noqa: E402
from analysis.jieba_engines import DOMAIN_TERMS_FILE  # noqa: E402
from analysis.tokenizer import TokenizerSettings, WenjianTokenizer, build_tokenizer  # noqa: E402

SHARED = ROOT.parent / "shared" / "corpora"
CORPORA = {"cctv": [SHARED / "cctv_xwlb" / "articles.jsonl"], "hebei": [SHARED / "hebei_gov"]}
SECTION = "# Policy terms of the State Council's 政府工作报告"


def policy_terms() -> list[str]:
    """The words after the ``SECTION`` comment of ``data/domain_terms.txt`` (up to the next comment or the end)."""
    out, inside = [], False
    for line in DOMAIN_TERMS_FILE.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            if inside and out:
                break
            inside = inside or line.startswith(SECTION)
            continue
        if inside and line.strip():
            out.append(line.strip())
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("terms", nargs="*", help="terms to count (default: the policy-term section)")
    ap.add_argument("--only", default="cctv,hebei")
    args = ap.parse_args(argv)
    terms = args.terms or policy_terms()
    after = build_tokenizer()
    drop = set(terms)
    s = after.settings
    before = WenjianTokenizer(TokenizerSettings(words=tuple(w for w in s.words if w not in drop),
                                                stopwords=s.stopwords, synonyms=s.synonyms,
                                                min_length=s.min_length, engine=s.engine))
    for name in args.only.split(","):
        t0 = time.process_time()
        arts = load_paths([str(p) for p in CORPORA[name]]).articles
        texts = [f"{t or ''}\n{b or ''}" for t, b in zip(arts["title"].tolist(), arts["body"].tolist())]
        sub = Counter({w: sum(t.count(w) for t in texts) for w in terms})
        cb, ca = Counter(), Counter()
        for t in texts:
            if any(w in t for w in terms):
                cb.update(x for x in before.terms(t) if x in drop)
                ca.update(x for x in after.terms(t) if x in drop)
        print(f"{name}: {len(texts):,} articles ({time.process_time() - t0:.1f} CPU-s)")
        print(f"  {'term':<16}{'substr':>8}{'before':>8}{'after':>8}")
        for w in terms:
            print(f"  {w:<16}{sub[w]:>8}{cb[w]:>8}{ca[w]:>8}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
