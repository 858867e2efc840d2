"""Evaluate agency mention finding against the hand labels of ``../shared/realpages/labels.jsonl``.

    .venv/bin/python scripts/eval_agencies.py [--verbose]

For each of the 24 real pages the article (title + body) is cut from the raw ``.html`` with the project's
own loader (``analysis.loaders.html.parse_html_page``: page menus, sidebars and footers are not the article;
``--from txt`` uses ``parse_text_page`` on the plain-text rendering instead),
and ``find_mentions`` runs over it with the project's table (the user's edits are ignored). News
organisations (人民日报社, 中新社: typed ``media``, which the labels list as ``other_orgs``) are left out with
``government_mentions`` as in the rankings; foreign bodies are kept, since the labels include them
(法国交管部门). ``--all`` scores every mention, news organisations included.

Mentions of kind ``parent`` (the body a sub-unit's name starts with: 中国人民银行 inside
中国人民银行常德市中心支行) may find a label but are never false positives, with or without ``--all``: the
labels are flat — a sub-unit is labelled by its whole written name, not its parent inside it as well (on the 24
pages, 5 of the 6 parent rows name a body the labeller did not list; the sixth, 江门市公安局, is also written
alone on its page). Counting them as false would count the labels' own rule against the matcher.

Labels: ``agencies`` = government bodies named in the body, *as written*; ``agencies_generic`` = generic
references (政府, 相关部门); ``other_orgs`` = companies, media, universities, associations.

Matching, per page, on sets of distinct names:

- **predicted** = the distinct surface forms of the page's mentions (as written, e.g. 省商务厅), resolved or
  not.
- A label in ``agencies`` is **found** when a predicted surface or a predicted canonical name equals it, or
  when it is exactly two adjacent mentions written together (市委市政府 = 市委 + 市政府).
- A predicted surface is a **true positive** when it equals an ``agencies`` label or is a surface of the
  same canonical agency as a mention that found one (so 长春市政府 and 长春市人民政府 both count); it is **neutral** (neither true nor
  false) when it equals an ``agencies_generic`` label; otherwise it is a **false positive** — including names
  the labeller put in ``other_orgs`` and real bodies the labeller did not list.

Recall = found labels / labels; precision = true positives / (true positives + false positives), both
micro-averaged over the pages. The script prints both, the misses and the false positives.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analysis.agencies import AgencyMatcher, find_mentions, government_mentions  # noqa: E402
from analysis.agency_table import load_agencies  # noqa: E402
from analysis.loaders.html import parse_html_page  # noqa: E402
from analysis.loaders.text import parse_text_page  # noqa: E402

PAGES = ROOT.parent / "shared" / "realpages"


def load_pages(folder: Path = PAGES, source: str = "html") -> tuple[pd.DataFrame, list[dict]]:
    """The 24 labelled pages as an article table (title, body, source) and their labels, in the same order;
    ``source="txt"`` cuts the article from the plain-text rendering instead (``parse_text_page``)."""
    labels = [json.loads(line) for line in (folder / "labels.jsonl").read_text(encoding="utf-8").splitlines()
              if line.strip()]
    rows = []
    for lab in labels:
        if source == "txt":
            txt = lab.get("file_text_rendering") or lab["file"].replace(".html", ".txt")
            page = parse_text_page((folder / txt).read_text(encoding="utf-8"), txt)
        else:
            page = parse_html_page((folder / lab["file"]).read_bytes(), lab["file"])
        rows.append({"id": len(rows) + 1, "title": page["title"], "body": page["body"],
                     "source": page.get("source") or "", "file": lab["file"]})
    return pd.DataFrame(rows), labels


def score(mentions: pd.DataFrame, labels: list[dict]) -> dict:
    """Recall and precision as defined in the module docstring, with the misses and false positives. Mentions
    of kind ``parent`` can find a label, never be false (flat labels: a sub-unit is labelled by its whole name)."""
    found = total = tp = fp = neutral = 0
    misses, false_pos = [], []
    for row, lab in enumerate(labels):
        m = mentions[mentions["row"] == row].sort_values(["field", "start"])
        gold = set(lab["agencies"])
        generic = set(lab.get("agencies_generic") or [])
        surfaces = set(m.loc[m["kind"] != "parent", "surface"])
        hit_surfaces = set()
        for g in gold:
            hit = m[(m["surface"] == g) | (m["agency"] == g)]
            ok = len(hit) > 0
            if not ok:  # two adjacent mentions written together (市委市政府)
                recs = m.to_dict("records")
                for a, b in zip(recs, recs[1:]):
                    if a["field"] == b["field"] and a["end"] == b["start"] and a["surface"] + b["surface"] == g:
                        ok = True
                        hit_surfaces |= {a["surface"], b["surface"]}
            hit_surfaces |= set(m.loc[m["agency"].isin(set(hit["agency"]) - {""}), "surface"]) | set(hit["surface"])
            total += 1
            found += ok
            if not ok:
                misses.append((lab["file"], g))
        for s in sorted(surfaces):
            if s in gold or s in hit_surfaces:
                tp += 1
            elif s in generic:
                neutral += 1
            else:
                fp += 1
                false_pos.append((lab["file"], s))
    return {"labels": total, "found": found, "recall": found / total if total else 0.0, "tp": tp, "fp": fp,
            "neutral": neutral, "precision": tp / (tp + fp) if tp + fp else 0.0, "misses": misses,
            "false_positives": false_pos}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--verbose", action="store_true", help="print every page's mentions")
    ap.add_argument("--from", dest="source", choices=("html", "txt"), default="html",
                    help="cut the article from the raw .html (default) or from the .txt rendering")
    ap.add_argument("--all", action="store_true",
                    help="score every mention, news organisations included")
    args = ap.parse_args(argv)
    articles, labels = load_pages(source=args.source)
    mentions = find_mentions(articles, AgencyMatcher.from_table(load_agencies(user_path="")))
    if not args.all:
        mentions = government_mentions(mentions, include_foreign=True)
    res = score(mentions, labels)
    if args.verbose:
        for row, lab in enumerate(labels):
            m = mentions[mentions["row"] == row]
            print(f"# {lab['file']}: {sorted(set(zip(m['surface'], m['agency'])))}")
    print(f"pages: {len(labels)}  labelled agencies: {res['labels']}")
    print(f"recall:    {res['recall']:.3f} ({res['found']}/{res['labels']})")
    print(f"precision: {res['precision']:.3f} ({res['tp']}/{res['tp'] + res['fp']}; {res['neutral']} neutral)")
    print("misses:", "; ".join(f"{f.split('tests_')[-1]}: {g}" for f, g in res["misses"]) or "none")
    print("false positives:", "; ".join(f"{f.split('tests_')[-1]}: {g}" for f, g in res["false_positives"])
          or "none")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
