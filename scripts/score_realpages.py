"""Score the article extractors on ../shared/realpages (24 real pages, hand-made labels).

Usage: ``python scripts/score_realpages.py [REALPAGES_DIR] [-v]``

For each page, both the raw HTML (``parse_html_page``) and its plain-text rendering
(``parse_text_page``) are parsed; title, date, source and author are compared with ``labels.jsonl``.

What counts as right:
- **title**: equal after normalising both sides — NFKC (full-width → half-width), whitespace, quotes,
  brackets, dots/ellipses and other punctuation removed, lower-cased (``title_key``). The label's
  ``title_original`` (the article's own headline, when the portal shows a rewritten one) is also accepted.
- **date**: the same day as ``publish_date``.
- **source**: the label's ``source`` before any note in parentheses / ``;`` (``新京报``, ``苏皖城市报道``),
  compared with ``title_key``; also right when one contains the other (``人民网-文化频道`` vs
  ``人民网-文化频道 原创稿``).
- **author**: labels mix roles (``责任编辑：霍琦``, ``记者唐霁 … ; 责任编辑：尹世杰``); right when the found
  author's key is contained in the label's key, or when the label says none (null) and none was found.

Prints one line per page and the percentages; exits 0. ``score()`` returns the numbers for the test.
"""
from __future__ import annotations

import json
import re
import sys
import time
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from analysis.errors import LoadError  # noqa: E402
from analysis.loaders.html import parse_html_page  # noqa: E402
from analysis.loaders.text import parse_text_page  # noqa: E402

FIELDS = ("title", "date", "source", "author")


def title_key(text: str | None) -> str:
    """Comparison key: NFKC, no whitespace or punctuation, lower-case."""
    text = unicodedata.normalize("NFKC", text or "")
    return "".join(ch for ch in text if unicodedata.category(ch)[0] in "LN").lower()


def _label_source(label: str | None) -> str:
    label = label or ""
    return re.split(r"\s*[(（;；]", label)[0].strip()


def judge(found: dict, label: dict) -> dict[str, bool]:
    """Which of title/date/source/author ``found`` got right against one label row."""
    titles = {title_key(label.get("title")), title_key(label.get("title_original"))} - {""}
    date = found.get("date")
    src_label, src_found = title_key(_label_source(label.get("source"))), title_key(found.get("source"))
    auth_label, auth_found = title_key(label.get("author")), title_key(found.get("author"))
    return {
        "title": title_key(found.get("title")) in titles,
        "date": date is not None and date.strftime("%Y-%m-%d") == label.get("publish_date"),
        "source": bool(src_found) and (src_found == src_label or src_found in src_label or src_label in src_found),
        "author": (not auth_label and not auth_found) or (bool(auth_found) and auth_found in auth_label),
    }


def score(folder: Path, verbose: bool = False) -> dict[str, dict[str, float]]:
    """``{"html": {field: share}, "txt": {...}}`` plus per-page seconds in ``["html"]["max_seconds"]``."""
    labels = [json.loads(x) for x in (folder / "labels.jsonl").read_text(encoding="utf-8").splitlines() if x.strip()]
    totals: dict[str, dict[str, float]] = {"html": dict.fromkeys(FIELDS, 0.0), "txt": dict.fromkeys(FIELDS, 0.0)}
    slowest = {"html": 0.0, "txt": 0.0}
    for label in labels:
        for kind, file_key in (("html", "file"), ("txt", "file_text_rendering")):
            path = folder / label[file_key]
            started = time.process_time()   # CPU seconds: wall time is noisy on a shared machine
            try:
                if kind == "html":
                    found = parse_html_page(path.read_bytes(), path.name)
                else:
                    found = parse_text_page(path.read_text(encoding="utf-8", errors="replace"), path.name)
            except LoadError as exc:
                found = {"title": "", "date": None, "source": "", "author": "", "error": str(exc)}
            slowest[kind] = max(slowest[kind], time.process_time() - started)
            ok = judge(found, label)
            for f in FIELDS:
                totals[kind][f] += ok[f]
            if verbose or not all(ok.values()):
                marks = " ".join(f"{f}={'ok' if ok[f] else 'NO'}" for f in FIELDS)
                print(f"{kind:4} {path.name:45} {marks}")
                for f in FIELDS:
                    if not ok[f]:
                        want = label.get("publish_date") if f == "date" else label.get(f)
                        got = found.get(f)
                        got = got.strftime("%Y-%m-%d") if hasattr(got, "strftime") else got
                        print(f"       {f}: found {got!r} / label {want!r}")
    n = len(labels)
    for kind in totals:
        for f in FIELDS:
            totals[kind][f] = totals[kind][f] / n
        totals[kind]["max_seconds"] = slowest[kind]
    return totals


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    args = [a for a in argv if a != "-v"]
    folder = Path(args[0]) if args else ROOT.parent / "shared" / "realpages"
    if not (folder / "labels.jsonl").is_file():
        print(f"no labels.jsonl in {folder}", file=sys.stderr)
        return 2
    totals = score(folder, verbose=verbose)
    print()
    for kind in ("html", "txt"):
        t = totals[kind]
        print(f"{kind:4}  title {t['title']:.1%}  date {t['date']:.1%}  source {t['source']:.1%}  "
              f"author {t['author']:.1%}  (slowest page {t['max_seconds']:.2f} s CPU)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
