"""Digests of the agency matcher's and the tokenizer's outputs on the real corpora — to show that a speed change
left every output byte-identical (run it on the old and the new code and compare the printed lines).

    nice -n 10 .venv/bin/python scripts/check_analysis_digest.py [--only cctv,hebei,bjtcm,realpages]

Corpora (read-only, ``../shared``): the CCTV 《新闻联播》 articles, every Hebei policy CSV, the bjtcm notices and
the 24 real pages' plain-text renderings, each loaded with the project's loader (``analysis.loaders.load_paths``).
For each corpus it prints

- ``mentions``: a blake2b digest of the full frame of ``analysis.agency_mentions.find_mentions`` (every column,
  every row, in order) with its row count;
- ``tokens``: a digest of ``analysis.segment.tokenize_chunk`` (vocabulary, id sequence, offsets) over the
  articles' ``title + "\\n" + body`` in batches of 5,000, with the tokenizer object and — for the first batch —
  with its picklable settings (the worker path of the store's batches);
- ``terms``: a digest of ``WenjianTokenizer.term_sequence`` of every 20th article's text.

This is a check script, not a unit test: it prints numbers for a person (or a diff) to compare.
"""
from __future__ import annotations

import argparse
import hashlib
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analysis.agency_mentions import find_mentions  # noqa: E402
from analysis.agency_matcher import AgencyMatcher  # noqa: E402
from analysis.agency_table import load_agencies  # noqa: E402
from analysis.loaders import load_paths  # noqa: E402
from analysis.segment import tokenize_chunk  # noqa: E402
from analysis.tokenizer import build_tokenizer  # noqa: E402

SHARED = ROOT.parent / "shared"
CORPORA = {
    "cctv": [SHARED / "corpora" / "cctv_xwlb" / "articles.jsonl"],
    "hebei": [SHARED / "corpora" / "hebei_gov"],
    "bjtcm": [SHARED / "corpora" / "bjtcm" / "notices.json"],
    "realpages": sorted((SHARED / "realpages").glob("*.txt")),
}
BATCH = 5_000


def _h() -> "hashlib._Hash":
    return hashlib.blake2b(digest_size=12)


def frame_digest(df) -> str:
    """Digest of every column (name, dtype, values in order) of a frame."""
    h = _h()
    for col in df.columns:
        h.update(f"{col}\x1f{df[col].dtype}\x1e".encode())
        h.update("\x1f".join(map(repr, df[col].tolist())).encode())
        h.update(b"\x1d")
    return h.hexdigest()


def tokens_digest(tk, texts: list[str]) -> tuple[str, int]:
    """Digest of ``tokenize_chunk`` over ``texts`` in batches of ``BATCH`` (and the first batch via settings)."""
    h, n = _h(), 0
    for i in range(0, len(texts), BATCH):
        vocab, seq, offsets = tokenize_chunk(tk, texts[i:i + BATCH])
        h.update("\x1f".join(vocab).encode())
        h.update(seq.astype("<i4").tobytes())
        h.update(offsets.astype("<i8").tobytes())
        n += int(len(seq))
    vocab, seq, offsets = tokenize_chunk(tk.settings, texts[:BATCH])  # the worker path
    h.update(b"settings" + "\x1f".join(vocab).encode() + seq.astype("<i4").tobytes() + offsets.astype("<i8").tobytes())
    return h.hexdigest(), n


def terms_digest(tk, texts: list[str]) -> str:
    h = _h()
    for t in texts[::20]:
        h.update("\x1f".join("\x00" if x is None else x for x in tk.term_sequence(t)).encode())
        h.update(b"\x1e")
    return h.hexdigest()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only", default=",".join(CORPORA), help="comma-separated corpora (default: all)")
    args = ap.parse_args(argv)
    matcher = AgencyMatcher.from_table(load_agencies(user_path=""))
    tk = build_tokenizer()
    for name in args.only.split(","):
        t0 = time.process_time()
        articles = load_paths([str(p) for p in CORPORA[name]]).articles
        mentions = find_mentions(articles, matcher)
        texts = [f"{t or ''}\n{b or ''}" for t, b in zip(articles["title"].tolist(), articles["body"].tolist())]
        tok, n_tok = tokens_digest(tk, texts)
        print(f"{name}: articles {len(articles):,}  mentions {len(mentions):,} {frame_digest(mentions)}  "
              f"tokens {n_tok:,} {tok}  terms {terms_digest(tk, texts)}  ({time.process_time() - t0:.1f} CPU-s)",
              flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
