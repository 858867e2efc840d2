"""Digests of everything an upload in the app produces — to show that a speed change of the upload path left
the saved dataset, the parse report and every store table byte-identical (issue 10, task "upsrv").

    nice -n 10 .venv/bin/python scripts/check_upload_digest.py [--ref REF] [--only cctv,hebei,bjtcm,all]

Each input set goes through the app's upload path without Streamlit, as ``ui.sidebar_upload.ingest`` runs it:
``analysis.loaders.load_files`` with ``on_bodies`` starting ``analysis.store.upload.EarlyAnalysis`` on a warm
2-process ``LocalRunner``; the table keyed once (``keyed_articles``) and saved (``Library.save``) — with
``--plain`` the parsed table is saved as it is, the path before the keys were computed once; then
``analyse_saved(early=…)`` and ``MemoryBackend.from_store`` (what the pages read; with the texts the upload builds
while its workers run, ``ArticleTexts``, where the code has them). Printed per input set, one line
per item: a blake2b digest of the parsed article table (CSV text + dtypes), the parse report (JSON), the saved
Parquet file's table and footer metadata, the library's content digest, every store table (in memory and as
written), and the backend's articles, mentions, document-term matrix and query texts.

``--ref REF`` runs the same on the project as of git ``REF`` (exported with ``git archive`` into a temporary
folder, with ``--plain``) and on this checkout, and prints the items that differ (none: "identical").

Input sets (read-only, ``../shared``): ``cctv`` — the CCTV JSONL (19,876 articles); ``hebei`` — the first two
Hebei policy CSVs; ``bjtcm`` — the bjtcm notices JSON; ``all`` — the four files in one upload.
This is a check script, not a unit test: it prints digests for a person (or a diff) to compare.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile
import types
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "corpora"


def input_sets() -> dict[str, list[Path]]:
    """The input sets by name (files in ``../shared``)."""
    hebei = sorted((SHARED / "hebei_gov").glob("*.csv"))[:2]
    cctv, bjtcm = [SHARED / "cctv_xwlb" / "articles.jsonl"], [SHARED / "bjtcm" / "notices.json"]
    return {"cctv": cctv, "hebei": hebei, "bjtcm": bjtcm, "all": cctv + hebei + bjtcm}


def _h(data: bytes | str) -> str:
    return hashlib.blake2b(data.encode() if isinstance(data, str) else data, digest_size=12).hexdigest()


def table_digest(table) -> str:
    """Digest of an Arrow table: schema (without metadata) and every value, in order."""
    h = hashlib.blake2b(digest_size=12)
    h.update(str(table.schema.remove_metadata()).encode())
    for col in table.columns:
        h.update(repr(col.combine_chunks().to_pylist()).encode())
    return h.hexdigest()


def digests(root: Path, files: list[Path], plain: bool) -> dict[str, str]:
    """Run the upload path of the project at ``root`` on ``files``; ``{item: digest}``."""
    sys.path.insert(0, str(root))
    import pyarrow.parquet as pq

    from analysis.library import Library
    from analysis.loaders import LoadOptions, load_files
    from analysis.loaders.report import report_to_dict
    from analysis.store.backends import MemoryBackend
    from analysis.store.batch import AnalysisSpec
    from analysis.store.build import keyed_articles
    from analysis.store.runner import LocalRunner
    from analysis.store.store import Store
    from analysis.store.upload import EarlyAnalysis, analyse_saved, warm_runner
    from analysis.tokenizer import build_tokenizer

    spec = AnalysisSpec(tokenizer=build_tokenizer().settings, agency_user_path="")
    main, sys.modules["__main__"] = sys.modules["__main__"], types.ModuleType("__main__")  # (spawned workers)
    runner = LocalRunner(2)
    try:
        warm_runner(runner, spec)
        early: list = []
        payload = [(f.name, f.read_bytes()) for f in files]
        if hasattr(EarlyAnalysis, "set_sources"):   # started from the texts alone, given the sources later
            opts = LoadOptions.from_env(on_bodies=lambda df: early.append(EarlyAnalysis(df, spec, runner)),
                                        on_texts=lambda df: early[0].set_sources(df))
        else:
            opts = LoadOptions.from_env(on_texts=lambda df: early.append(EarlyAnalysis(df, spec, runner)))
        result = load_files(payload, opts)
        arts = result.articles if plain else keyed_articles(result.articles)
        lib = Library(tempfile.mkdtemp(prefix="wj-check-"))
        info = lib.save("check", arts, result.report)
        store = analyse_saved(lib, info.id, arts, spec, runner, early=early[0] if early else None)
    finally:
        sys.modules["__main__"] = main
        runner.close()
    out = {"articles": _h(result.articles.to_csv() + str(result.articles.dtypes.to_dict())),
           "report": _h(json.dumps(report_to_dict(result.report), ensure_ascii=False, sort_keys=True))}
    saved = pq.read_table(Path(lib.root) / info.file)
    out["saved_table"] = table_digest(saved)
    out["saved_meta"] = _h(repr(sorted((k, v) for k, v in (saved.schema.metadata or {}).items() if b"pandas" not in k)))
    out["library_digest"] = info.digest
    on_disk = Store(store.path)
    for name in sorted(store.meta["tables"]):
        out[f"store:{name}"] = table_digest(store.read(name))
        out[f"disk:{name}"] = table_digest(on_disk.read(name))
    try:   # the app's path: the texts built while the workers ran (code since "uptail"), else from the store
        from analysis.store.backends import ArticleTexts
        b = MemoryBackend.from_store(store, texts=ArticleTexts.of(keyed_articles(result.articles)))
    except ImportError:
        b = MemoryBackend.from_store(store)
    dtm = b.corpus.dtm
    out["backend_articles"] = _h(b.articles.to_csv() + str(b.articles.dtypes.to_dict()))
    out["backend_mentions"] = _h(b.mentions.to_csv() + str(b.mentions.dtypes.to_dict()))
    out["backend_dtm"] = _h(dtm.indptr.tobytes() + dtm.indices.tobytes() + dtm.data.tobytes() + repr(dtm.shape).encode())
    out["backend_texts"] = _h("\x00".join(b.texts()))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--only", default="cctv,hebei,bjtcm,all", help="input sets, comma-separated")
    ap.add_argument("--ref", default=None, help="also run the project as of this git ref and compare")
    ap.add_argument("--plain", action="store_true", help="save the parsed table as it is (the older path)")
    ap.add_argument("--root", type=Path, default=ROOT, help=argparse.SUPPRESS)   # (the exported old code)
    ap.add_argument("--json", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    names = [n.strip() for n in args.only.split(",") if n.strip()]
    sets = input_sets()
    if unknown := [n for n in names if n not in sets]:
        ap.error(f"unknown input set(s) {', '.join(unknown)}: choose from {', '.join(sets)}")
    missing = [str(f) for n in names for f in sets[n] if not f.is_file()]
    if missing:
        sys.exit(f"input files not found (../shared is needed): {', '.join(missing)}")
    if args.json:   # (one input set, for the comparison run)
        print(json.dumps(digests(args.root, sets[names[0]], args.plain)))
        return
    old_root = None
    if args.ref:
        old_root = Path(tempfile.mkdtemp(prefix="wj-ref-"))
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", args.ref], check=True, capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", str(old_root)], input=archive, check=True)
    for name in names:
        runs = {"this checkout": (ROOT, args.plain)}
        if old_root is not None:
            runs = {f"{args.ref}": (old_root, True), **runs}
        got = {}
        for label, (root, plain) in runs.items():
            cmd = [sys.executable, str(Path(__file__).resolve()), "--root", str(root), "--only", name, "--json"]
            cmd += ["--plain"] if plain else []
            proc = subprocess.run(cmd, capture_output=True, text=True, cwd=root, env={**os.environ, "PYTHONHASHSEED": "0"})
            if proc.returncode:
                sys.exit(f"{name} ({label}) failed:\n{proc.stderr[-3000:]}")
            got[label] = json.loads(proc.stdout.strip().splitlines()[-1])
            print(f"== {name} ({label}): {len(got[label])} items")
            for k, v in got[label].items():
                print(f"   {k:28s} {v}")
        if len(got) == 2:
            a, b = got.values()
            diff = sorted(k for k in a.keys() | b.keys() if a.get(k) != b.get(k))
            print(f"-> {name}: " + ("identical" if not diff else f"DIFFERENT: {', '.join(diff)}"))


if __name__ == "__main__":
    main()
