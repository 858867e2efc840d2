"""Agency mentions placed in a region the document never names — the false mentions of issue 11 (a Hebei
regulation's 城市和县人民政府 read as the county 和县 of Anhui, then its bare 省人民政府 resolved to Anhui).

    .venv/bin/python scripts/eval_region_context.py [FOLDER_OR_FILES ...]   (default ../shared/corpora/hebei_gov)

Loads the files with the project's loader, runs ``find_mentions`` with the project's table (the user's edits
ignored) and counts the regional, bare and list mentions (kinds regional / bare / list / township) whose region
— or, for a county, its city or province — is named nowhere in the article's title, body or source (full name
or short name). Such a mention came from a place name read inside an ordinary word or from a bare form resolved
against a false place. Prints the total, the count per region and the top surfaces.
"""
from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analysis.agencies import AgencyMatcher, find_mentions  # noqa: E402
from analysis.agency_table import load_agencies, load_regions  # noqa: E402
from analysis.loaders import load_paths  # noqa: E402

DEFAULT = ROOT.parent / "shared" / "corpora" / "hebei_gov"


def main(argv: list[str] | None = None) -> int:
    args = (argv if argv is not None else sys.argv[1:]) or [str(DEFAULT)]
    paths = []
    for a in args:
        p = Path(a)
        if not p.exists():
            raise SystemExit(f"eval_region_context: no such file or folder: {p}")
        paths += sorted(p.glob("*.csv")) if p.is_dir() else [p]
    res = load_paths(paths)
    articles = res.articles
    matcher = AgencyMatcher.from_table(load_agencies(user_path=""))
    m = find_mentions(articles, matcher)
    regions = load_regions()
    names = {}  # region full name -> names that would show the document is about it (itself, city, province)
    by_code: dict[str, set[str]] = {}
    for r in regions.itertuples(index=False):
        by_code.setdefault(r.code, set()).update({r.name, r.short} - {""})
    for r in regions.itertuples(index=False):
        names.setdefault(r.name, set()).update({r.name, r.short} - {""}, by_code.get(r.parent_code, set()))
    texts = (articles["title"].fillna("") + "\n" + articles["body"].fillna("") + "\n"
             + articles["source"].fillna("")).tolist()
    sel = m[m["kind"].isin(["regional", "bare", "list", "township"]) & (m["region"] != "")]
    false = [(x.region, x.surface) for x in sel.itertuples(index=False)
             if x.region in names and not any(n in texts[x.row] for n in names[x.region])]
    print(f"articles: {len(articles):,}  mentions: {len(m):,}  regional/bare/list mentions with a region: {len(sel):,}")
    print(f"placed in a region the document never names: {len(false)}")
    for (reg, n) in Counter(r for r, _ in false).most_common(15):
        print(f"  {n:5d}  {reg}")
    print("top surfaces:", ", ".join(f"{s}×{n}" for s, n in Counter(s for _, s in false).most_common(15)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
