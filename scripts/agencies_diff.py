"""The agencies the real corpora name, old vs new in the same run: every ``agencies --by-document`` row that changed,
grouped — to show that a change of the naming rules moved only the names it should (tester s15 A7, task agfix6).

    nice -n 10 .venv/bin/python scripts/agencies_diff.py [--ref REF] [--only cctv,hebei,bjtcm,realpages]

Inputs (read-only, ``../shared``): ``cctv`` — the CCTV JSONL (19,876 articles); ``hebei`` — the 29 Hebei policy
CSVs in one run; ``bjtcm`` — the bjtcm notices JSON; ``realpages`` — the 24 real ``.html`` pages. Each side runs
``python -m analysis agencies PATHS --by-document --include-foreign --include-media`` and ``… --unresolved``
(the project as of git ``REF``, default ``main``, exported with ``git archive`` into a temporary folder; then this
checkout), both without a user table (``WENJIAN_USER_DIR`` a temporary folder).

Printed per input set: the row counts, then one line per group of changed rows — how many documents, the surface
as written, the old ``agency×mentions`` → the new (``(none)``: no such row) and up to 8 document ids — most
frequent first; then whether the ``--unresolved`` table is identical (else both versions). A check script, not
a unit test: read every line.
"""
from __future__ import annotations

import argparse
import collections
import csv
import io
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
FLAGS = ["--by-document", "--include-foreign", "--include-media"]


def input_sets() -> dict[str, list[Path]]:
    """The input sets by name (files in ``../shared``)."""
    corpora = SHARED / "corpora"
    return {"cctv": [corpora / "cctv_xwlb" / "articles.jsonl"],
            "hebei": sorted((corpora / "hebei_gov").glob("*.csv")),
            "bjtcm": [corpora / "bjtcm" / "notices.json"],
            "realpages": sorted((SHARED / "realpages").glob("*.html"))}


def run(root: Path, paths: list[Path], flags: list[str], user_dir: str) -> str:
    """stdout of ``python -m analysis agencies`` in the project at ``root``."""
    env = {**os.environ, "PYTHONPATH": str(root), "WENJIAN_USER_DIR": user_dir}
    proc = subprocess.run([sys.executable, "-m", "analysis", "agencies", *map(str, paths), *flags], cwd=root,
                          env=env, capture_output=True, text=True, check=True)
    return proc.stdout


def rows(text: str) -> collections.Counter:
    """The ``--by-document`` rows as a multiset of ``(id, file, agency, surface, mentions)``."""
    return collections.Counter((r["id"], r["file"], r["agency"], r["surface"], r["mentions"])
                               for r in csv.DictReader(io.StringIO(text)))


def changes(old: collections.Counter, new: collections.Counter) -> list[str]:
    """Lines naming every changed row, grouped by (old agencies, new agencies, surface), largest group first."""
    by_key: dict[tuple, tuple[list, list]] = collections.defaultdict(lambda: ([], []))
    for side, diff in ((0, old - new), (1, new - old)):
        for (i, f, agency, surface, mentions), n in diff.items():
            by_key[(i, f, surface)][side].extend([(agency, mentions)] * n)
    groups: dict[tuple, list[str]] = collections.defaultdict(list)
    for (i, _f, surface), (gone, added) in by_key.items():
        groups[(tuple(sorted(gone)), tuple(sorted(added)), surface)].append(i)

    def names(pairs: tuple) -> str:
        return " + ".join(f"{a}×{m}" for a, m in pairs) or "(none)"

    out = []
    for (gone, added, surface), ids in sorted(groups.items(), key=lambda g: (-len(g[1]), g[0])):
        ids = sorted(ids, key=lambda x: int(x) if x.isdigit() else 0)
        out.append(f"{len(ids):4d}  [{surface}]  {names(gone)}  ->  {names(added)}   ids {','.join(ids[:8])}")
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--ref", default="main")
    ap.add_argument("--only", default="cctv,hebei,bjtcm,realpages")
    args = ap.parse_args()
    sets = input_sets()
    with tempfile.TemporaryDirectory() as tmp:
        old_root, user_dir = Path(tmp) / "old", str(Path(tmp) / "user")
        old_root.mkdir()
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", args.ref], check=True, capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", str(old_root)], input=archive, check=True)
        for name in args.only.split(","):
            paths = sets[name]
            old, new = (rows(run(r, paths, FLAGS, user_dir)) for r in (old_root, ROOT))
            lines = changes(old, new)
            print(f"=== {name}: {sum(old.values())} rows at {args.ref}, {sum(new.values())} now; "
                  f"{len(lines)} groups changed")
            print("\n".join(lines))
            old_u, new_u = (run(r, paths, ["--unresolved"], user_dir) for r in (old_root, ROOT))
            print("--unresolved: identical" if old_u == new_u else f"--unresolved at {args.ref}:\n{old_u}now:\n{new_u}")


if __name__ == "__main__":
    main()
