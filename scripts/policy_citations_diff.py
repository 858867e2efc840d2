"""The citations of the real policy corpora, old vs new in the same run: every reference row removed, added or
changed, then the counts — to show that a change of the citation or metadata rules moved only what it should.

    nice -n 10 .venv/bin/python scripts/policy_citations_diff.py [--ref REF]

Inputs (read-only, ``../shared``): the 29 Hebei policy CSVs loaded together (a citation resolves across the whole
corpus) and the bjtcm notices JSON, through ``analysis.loaders.load_paths``; references by
``analysis.policy.citations.find_citations``. A row is keyed by (citing id, start offset, text as written);
compared: cited_title, cited_doc_number, role, resolved_id, self. ``--ref REF`` (default ``main``) is the project
as of git ``REF`` (``git archive`` into a temporary folder); the new side is this checkout. A check script, not a
unit test (companion of ``scripts/policy_fields_diff.py``).
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
FIELDS = ("cited_title", "cited_doc_number", "role", "resolved_id", "self")


def dump() -> dict[str, dict[str, list[str]]]:
    """``{corpus: {"id|start|written": [value per field]}}`` of this process's project (values as text)."""
    import pandas as pd

    from analysis.loaders import load_paths
    from analysis.policy.citations import find_citations

    out = {}
    for name, path in (("hebei_gov", SHARED / "hebei_gov"), ("bjtcm", SHARED / "bjtcm" / "notices.json")):
        c = find_citations(load_paths([path]).articles)
        out[name] = {f"{i}|{s}|{w}": ["" if v is None or v is pd.NA else str(v) for v in vals]
                     for i, s, w, *vals in zip(c["id"], c["start"], c["written"], *(c[f].astype(object) for f in FIELDS))}
    return out


def _side(root: Path) -> dict[str, dict[str, list[str]]]:
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / Path(__file__).name), "--dump"], capture_output=True,
                          text=True, cwd=root, env={**os.environ, "PYTHONPATH": str(root)}, check=True)
    return json.loads(proc.stdout)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--ref", default="main")
    ap.add_argument("--dump", action="store_true", help=argparse.SUPPRESS)   # the child process's mode
    args = ap.parse_args()
    if args.dump:
        json.dump(dump(), sys.stdout, ensure_ascii=False)
        return
    with tempfile.TemporaryDirectory() as tmp:
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", args.ref], check=True, capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", tmp], input=archive, check=True)
        old, new = _side(Path(tmp)), _side(ROOT)
    for name in old:
        a, b = old[name], new[name]
        gone, added = [k for k in a if k not in b], [k for k in b if k not in a]
        changed = {f: 0 for f in FIELDS}
        for k in gone:
            print(f"{name} | removed {k} | {dict(zip(FIELDS, a[k]))}")
        for k in added:
            print(f"{name} | added {k} | {dict(zip(FIELDS, b[k]))}")
        for k in a.keys() & b.keys():
            diff = {f: (x, y) for f, x, y in zip(FIELDS, a[k], b[k]) if x != y}
            for f in diff:
                changed[f] += 1
            if diff:
                print(f"{name} | changed {k} | " + ", ".join(f"{f}: {x!r} → {y!r}" for f, (x, y) in diff.items()))
        print(f"{name}: {len(a)} → {len(b)} references at {args.ref} vs this checkout; removed {len(gone)}, added "
              f"{len(added)}; changed per field: " + ", ".join(f"{f} {n}" for f, n in changed.items()))


if __name__ == "__main__":
    main()
