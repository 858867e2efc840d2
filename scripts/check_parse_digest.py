"""Digests of the parse (``analysis.loaders.load_files``: the article table and the parse report) of every real
input, old vs new in the same run — to show that a speed change of the loader left its output byte-identical.

    nice -n 10 .venv/bin/python scripts/check_parse_digest.py [--ref REF] [--only cctv,hebei,bjtcm,realpages]

Input sets (read-only, ``../shared``): ``cctv`` — the CCTV JSONL (19,876 articles); ``hebei`` — each of the 29
Hebei policy CSVs alone, then all together in one load; ``bjtcm`` — the bjtcm notices JSON; ``realpages`` —
each saved page (HTML and text) alone, then all together. Each load goes through ``load_files`` as an upload
does (bytes, default ``LoadOptions``, reposts marked). Per load one digest (blake2b) of the article table as
CSV text with its dtypes and of the report as JSON.

``--ref REF`` (default ``main``) runs the same on the project as of git ``REF`` (``git archive`` into a
temporary folder) and prints the loads that differ (none: "identical"). A check script, not a unit test.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def loads(only: list[str]) -> dict[str, list[Path]]:
    """``{load name: files}`` of the chosen input sets."""
    out: dict[str, list[Path]] = {}
    if "cctv" in only:
        out["cctv"] = [SHARED / "corpora" / "cctv_xwlb" / "articles.jsonl"]
    if "hebei" in only:
        csvs = sorted((SHARED / "corpora" / "hebei_gov").glob("*.csv"))
        out.update({f"hebei/{p.name}": [p] for p in csvs})
        out["hebei/all"] = csvs
    if "bjtcm" in only:
        out["bjtcm"] = [SHARED / "corpora" / "bjtcm" / "notices.json"]
    if "realpages" in only:
        pages = sorted(p for p in (SHARED / "realpages").iterdir() if p.suffix in (".html", ".htm", ".txt"))
        out.update({f"realpages/{p.name}": [p] for p in pages})
        out["realpages/all"] = pages
    return out


def digests(root: Path, only: list[str]) -> dict[str, str]:
    """Load every input set with the project at ``root``; ``{load name: digest}``."""
    sys.path.insert(0, str(root))
    from analysis.errors import WenjianError
    from analysis.loaders import load_files
    from analysis.loaders.report import report_to_dict

    out = {}
    for name, files in loads(only).items():
        try:
            res = load_files([(f.name, f.read_bytes()) for f in files])
        except WenjianError as exc:
            out[name] = "error:" + hashlib.blake2b(exc.message.encode(), digest_size=8).hexdigest()
            continue
        df = res.articles
        text = df.to_csv() + str(df.dtypes.to_dict()) + json.dumps(report_to_dict(res.report), ensure_ascii=False,
                                                                      sort_keys=True)
        out[name] = hashlib.blake2b(text.encode(), digest_size=8).hexdigest()
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--only", default="cctv,hebei,bjtcm,realpages", help="input sets, comma-separated")
    ap.add_argument("--ref", default="main", help="git ref of the old code to compare with")
    ap.add_argument("--root", type=Path, help=argparse.SUPPRESS)   # (one run, JSON out)
    args = ap.parse_args()
    only = [n.strip() for n in args.only.split(",") if n.strip()]
    if unknown := [n for n in only if n not in ("cctv", "hebei", "bjtcm", "realpages")]:
        ap.error(f"unknown input set(s) {', '.join(unknown)}: choose from cctv, hebei, bjtcm, realpages")
    if args.root is not None:
        print(json.dumps(digests(args.root, only)))
        return
    if not SHARED.is_dir():
        sys.exit(f"{SHARED} not found: the real inputs are needed")
    got = {}
    with tempfile.TemporaryDirectory(prefix="wj-parse-ref-") as tmp:
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", args.ref], check=True, capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", tmp], input=archive, check=True)
        for label, root in ((args.ref, Path(tmp)), ("this checkout", ROOT)):
            proc = subprocess.run([sys.executable, __file__, "--root", str(root), "--only", ",".join(only)],
                                  capture_output=True, text=True, cwd=root)
            if proc.returncode:
                sys.exit(f"{label} failed:\n{proc.stderr[-3000:]}")
            got[label] = json.loads(proc.stdout.strip().splitlines()[-1])
    old, new = got.values()
    diff = sorted(k for k in old.keys() | new.keys() if old.get(k) != new.get(k))
    print(f"{len(new)} loads compared ({', '.join(only)}), {args.ref} vs this checkout")
    for k in diff:
        print(f"   DIFFERENT {k}: {old.get(k)} vs {new.get(k)}")
    print("identical" if not diff else f"DIFFERENT: {len(diff)} of {len(new)} loads")


if __name__ == "__main__":
    main()
