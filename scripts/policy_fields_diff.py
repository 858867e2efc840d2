"""The policy columns of the real policy corpora, old vs new in the same run: every cell that changed, then the
count — to show that a change of the policy rules moved only the values it should.

    nice -n 10 .venv/bin/python scripts/policy_fields_diff.py [--ref REF] [--columns issuer,doc_number,...]

Inputs (read-only, ``../shared``): each of the 29 Hebei policy CSVs and the bjtcm notices JSON, each loaded
alone through ``analysis.loaders.load_paths`` (which adds the columns of ``analysis.policy.metadata``).
``--ref REF`` (default ``main``) is the project as of git ``REF`` (``git archive`` into a temporary folder);
the new side is this checkout. Prints one line per changed cell (file, id, title, column, old → new) and a
summary per column. A check script, not a unit test.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "corpora"
COLUMNS = ("doc_number", "issuer", "written_date", "effective_date", "status", "doc_type", "amendments", "date",
           "date_source")


def inputs() -> list[Path]:
    return sorted((SHARED / "hebei_gov").glob("*.csv")) + [SHARED / "bjtcm" / "notices.json"]


def dump(columns: list[str]) -> dict[str, list[list[str]]]:
    """``{file name: [[id, title, value per column], …]}`` of this process's project (values as text)."""
    from analysis.loaders import load_paths

    out = {}
    for path in inputs():
        a = load_paths([path]).articles
        out[path.name] = [[str(i), str(t)] + [str(v) for v in vals]
                          for i, t, *vals in zip(a["id"], a["title"], *(a[c] for c in columns))]
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--ref", default="main")
    ap.add_argument("--columns", default=",".join(COLUMNS))
    ap.add_argument("--dump", action="store_true", help=argparse.SUPPRESS)   # the child process's mode
    args = ap.parse_args()
    columns = args.columns.split(",")
    if args.dump:
        json.dump(dump(columns), sys.stdout, ensure_ascii=False)
        return
    with tempfile.TemporaryDirectory() as tmp:
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", args.ref], check=True, capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", tmp], input=archive, check=True)
        sides = []
        for root in (Path(tmp), ROOT):
            proc = subprocess.run([sys.executable, str(ROOT / "scripts" / Path(__file__).name), "--dump",
                                   "--columns", args.columns], capture_output=True, text=True, cwd=root,
                                  env={**os.environ, "PYTHONPATH": str(root)}, check=True)
            sides.append(json.loads(proc.stdout))
    old, new = sides
    changed = {c: 0 for c in columns}
    rows = 0
    for name in old:
        for a, b in zip(old[name], new[name]):
            for k, col in enumerate(columns, start=2):
                if a[k] != b[k]:
                    changed[col] += 1
                    print(f"{name} | id {a[0]} | {a[1][:30]} | {col}: {a[k]!r} → {b[k]!r}")
        rows += len(old[name])
        if len(old[name]) != len(new[name]):
            print(f"{name}: {len(old[name])} rows at {args.ref}, {len(new[name])} now")
    print(f"{len(old)} files, {rows} rows, {args.ref} vs this checkout; changed cells per column: "
          + ", ".join(f"{c} {n}" for c, n in changed.items()))


if __name__ == "__main__":
    main()
