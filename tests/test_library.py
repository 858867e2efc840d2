"""The dataset library: round trips, names, versions, merge, leftovers, concurrency and SIGKILL crash safety."""
from __future__ import annotations

import json
import multiprocessing
import os
import random
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pandas as pd
import pytest

from analysis.errors import InvalidOption, LimitExceeded, LoadError
from analysis.library import (ENV_ROOT, Library, articles_digest, clean_name, default_root, merge_articles)
from analysis.loaders.report import FileReport, ParseReport
from analysis.schema import coerce_articles

ROOT = Path(__file__).resolve().parents[1]


def articles(n: int = 3, tag: str = "") -> pd.DataFrame:
    return coerce_articles(pd.DataFrame({
        "title": [f"标题{tag}{i}" for i in range(n)],
        "body": [f"正文{tag}{i} 市场监管" for i in range(n)],
        "date": [f"2024-01-{i % 28 + 1:02d}" if i % 3 else None for i in range(n)],
        "source": ["新华网"] * n,
        "duplicate_of": [None, None, 1] + [None] * (n - 3) if n >= 3 else [None] * n,
    }))


def test_save_list_open_round_trip(tmp_path):
    lib = Library(tmp_path)
    df = articles(5)
    rep = ParseReport(files=[FileReport(name="a.csv", format="csv", encoding="gb18030", articles=5,
                                        column_mapping={"body": "内容"})], articles=5, missing={"url": 5})
    info = lib.save("  两会\n报道 ", df, rep)
    assert info.name == "两会 报道"
    assert info.articles == 5 and info.version == 1
    assert info.digest == articles_digest(df)
    assert [i.id for i in lib.list()] == [info.id]
    back, report, again = lib.load(info.id)
    pd.testing.assert_frame_equal(back, df)
    assert list(back.dtypes.astype(str)) == ["int64", "str", "datetime64[ns]", "str", "str", "str", "str",
                                             "str", "Int64", "bool", "str", "datetime64[ns]"]  # + date_source, written_date
    assert report == rep
    assert lib.report(info.id) == rep
    assert again == info
    assert info.size == (tmp_path / info.file).stat().st_size
    # a second Library object (another session / process) sees the same thing
    assert Library(tmp_path).list() == [info]


def test_save_without_report_and_empty_table(tmp_path):
    lib = Library(tmp_path)
    info = lib.save("空", articles(0))
    assert info.articles == 0 and info.digest == "empty"
    assert lib.report(info.id) is None
    assert lib.open(info.id).empty


def test_extra_columns_survive(tmp_path):
    lib = Library(tmp_path)
    df = articles(3).assign(agency_count=[1, 2, 3])
    back = lib.open(lib.save("x", df).id)
    assert back["agency_count"].tolist() == [1, 2, 3]


@pytest.mark.parametrize("raw, shown", [
    ("普通名称", "普通名称"),
    ("a\u202eevil\u202c.csv", "aevil.csv"),          # bidi override removed
    ("零\u200b宽", "零宽"),                            # zero-width space removed
    ("多\t行\n名称\r", "多 行 名称"),
    ("", "未命名数据集"),
    ("\u200b\u200b", "未命名数据集"),
    (None, "未命名数据集"),
    ("长" * 100, "长" * 80),
    ("<script>alert(1)</script>", "<script>alert(1)</script>"),  # escaping is the renderer's job
])
def test_clean_name(raw, shown):
    assert clean_name(raw) == shown


def test_names_never_become_paths(tmp_path):
    lib = Library(tmp_path / "lib")
    info = lib.save("../../../escape/../x", articles(3))
    files = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file())
    assert files == ["lib/.lock", f"lib/data/{info.id}-1.parquet", "lib/manifest.json"]
    assert info.name == "../../../escape/../x"


def test_rename_and_delete(tmp_path):
    lib = Library(tmp_path)
    a, b = lib.save("甲", articles(3, "a")), lib.save("乙", articles(4, "b"))
    renamed = lib.rename(a.id, "甲(改)")
    assert renamed.name == "甲(改)" and renamed.digest == a.digest and renamed.file == a.file
    assert [i.name for i in lib.list()] == ["甲(改)", "乙"]  # most recently changed first
    lib.delete(a.id)
    assert [i.id for i in lib.list()] == [b.id]
    assert not (tmp_path / a.file).exists()
    with pytest.raises(InvalidOption) as exc:
        lib.open(a.id)
    assert str(exc.value) == (f"数据集不存在(可能已被删除): {a.id!r};请刷新列表 / no dataset {a.id!r} in the "
                              "library (deleted?); refresh the list")
    for op in (lambda: lib.rename(a.id, "x"), lambda: lib.delete(a.id), lambda: lib.info("nope")):
        with pytest.raises(InvalidOption):
            op()


def test_new_version_replaces_old_file(tmp_path):
    lib = Library(tmp_path)
    v1 = lib.save("数据", articles(3))
    v2 = lib.save("数据 v2", articles(6), dataset_id=v1.id)
    assert (v2.id, v2.version, v2.articles, v2.created) == (v1.id, 2, 6, v1.created)
    assert not (tmp_path / v1.file).exists() and (tmp_path / v2.file).exists()
    assert len(lib.open(v1.id)) == 6 and len(lib.list()) == 1
    with pytest.raises(InvalidOption):
        lib.save("x", articles(1), dataset_id="000000000000")


def story(seed: int) -> str:
    rng = random.Random(seed)
    return "".join(chr(0x4E00 + rng.randrange(3000)) for _ in range(120))


def test_merge_renumbers_and_marks_duplicates_across_datasets(tmp_path):
    lib = Library(tmp_path)
    a = coerce_articles(pd.DataFrame({"title": ["甲一", "甲二", "甲三"], "body": [story(1), story(2), story(1)],
                                      "date": ["2024-01-01", "2024-01-02", "2024-01-03"]}))
    b = coerce_articles(pd.DataFrame({"title": ["乙一", "甲二"], "body": [story(3), story(2)],
                                      "date": ["2024-01-05", "2024-01-04"]}))
    a["duplicate_of"] = pd.array([pd.NA, pd.NA, 1], dtype="Int64")      # as the loader marked it
    ia = lib.save("甲", a, ParseReport(files=[FileReport(name="a.csv", articles=3)], articles=3))
    ib = lib.save("乙", b, ParseReport(files=[FileReport(name="b.txt", articles=2)], articles=2))
    m = lib.merge([ia.id, ib.id, ia.id], "合并")
    df = lib.open(m.id)
    assert df["id"].tolist() == [1, 2, 3, 4, 5]
    assert df["title"].tolist() == ["甲一", "甲二", "甲三", "乙一", "甲二"]
    # 3 repeats 1 inside 甲; 5 (in 乙) reposts 2 (in 甲): marked across the datasets
    assert df["duplicate_of"].tolist() == [pd.NA, pd.NA, 1, pd.NA, 2]
    rep = lib.report(m.id)
    assert [f.name for f in rep.files] == ["a.csv", "b.txt"]
    assert (rep.articles, rep.duplicates, rep.duplicate_groups) == (5, 2, 2)
    assert len(lib.list()) == 3  # originals kept
    with pytest.raises(InvalidOption) as exc:
        lib.merge([ia.id, ia.id], "x")
    assert str(exc.value) == "合并至少需要两个不同的数据集 / merging needs at least two different datasets"


def test_merge_articles_without_dedup_shifts_marks():
    df = articles(3)
    other = articles(4)
    other.loc[3, "duplicate_of"] = 99  # points outside its table
    merged = merge_articles([df, other], recompute_duplicates=False)  # marks are shifted, not recomputed
    assert merged["duplicate_of"].tolist() == [pd.NA, pd.NA, 1, pd.NA, pd.NA, 4, pd.NA]
    assert other.loc[3, "duplicate_of"] == 99  # input untouched


def test_leftovers_are_cleaned_and_ignored(tmp_path):
    lib = Library(tmp_path)
    info = lib.save("好", articles(3))
    (tmp_path / ".tmp-abc").write_bytes(b"half a manifest")
    (tmp_path / "data" / ".tmp-xyz").write_bytes(b"PAR1 truncated")
    (tmp_path / "data" / "deadbeef0000-1.parquet").write_bytes(b"orphan from a crash")
    lib2 = Library(tmp_path)
    assert sorted(p.name for p in (tmp_path / "data").iterdir()) == [f"{info.id}-1.parquet"]
    assert not (tmp_path / ".tmp-abc").exists()
    assert lib2.list() == [info]


def test_crash_before_manifest_commit_keeps_old_version(tmp_path, monkeypatch):
    lib = Library(tmp_path)
    v1 = lib.save("数据", articles(3))

    def boom(self, manifest):
        raise OSError("disk full")

    monkeypatch.setattr(Library, "_write_manifest", boom)
    with pytest.raises(OSError):
        lib.save("数据", articles(9), dataset_id=v1.id)
    monkeypatch.undo()
    lib2 = Library(tmp_path)
    assert lib2.list() == [v1]
    assert len(lib2.open(v1.id)) == 3
    assert sorted(p.name for p in (tmp_path / "data").iterdir()) == [f"{v1.id}-1.parquet"]


def test_unreadable_manifest_and_file_give_clear_errors(tmp_path):
    lib = Library(tmp_path)
    info = lib.save("x", articles(3))
    (tmp_path / info.file).write_bytes(b"not parquet")
    with pytest.raises(LoadError, match="数据集文件无法读取: x"):
        lib.open(info.id)
    (tmp_path / "manifest.json").write_text("{broken", encoding="utf-8")
    with pytest.raises(LoadError, match="数据集目录清单损坏"):
        lib.list()


def test_disk_budget(tmp_path, monkeypatch):
    lib = Library(tmp_path)
    first = lib.save("一", articles(3))
    monkeypatch.setenv("WENJIAN_LIBRARY_MAX_MB", str(first.size * 1.5 / 2**20))
    with pytest.raises(LimitExceeded, match="数据集库空间不足") as exc:
        lib.save("二", articles(3, "b"))
    assert "delete datasets you no longer need" in str(exc.value)
    assert lib.list() == [first]
    assert sorted(p.name for p in (tmp_path / "data").iterdir()) == [f"{first.id}-1.parquet"]
    assert lib.save("一 v2", articles(3, "c"), dataset_id=first.id).version == 2   # replacing fits
    monkeypatch.setenv("WENJIAN_LIBRARY_MAX_MB", "0")
    assert len(lib.save("二", articles(3, "b")).id) == 12


def test_default_root_from_env(monkeypatch, tmp_path):
    monkeypatch.setenv(ENV_ROOT, str(tmp_path / "elsewhere"))
    assert default_root() == tmp_path / "elsewhere"
    assert Library().root == tmp_path / "elsewhere"
    monkeypatch.delenv(ENV_ROOT)
    assert default_root() == ROOT / "data" / "library"


def test_threads_share_one_library(tmp_path):
    lib = Library(tmp_path)
    errors: list[BaseException] = []

    def work(k: int) -> None:
        try:
            for j in range(5):
                info = lib.save(f"t{k}-{j}", articles(3 + j, f"{k}"))
                lib.rename(info.id, f"T{k}-{j}")
                assert len(lib.open(info.id)) == 3 + j
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(k,)) for k in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert sorted(i.name for i in lib.list()) == sorted(f"T{k}-{j}" for k in range(6) for j in range(5))


def _process_worker(root: str, k: int) -> None:
    lib = Library(root)
    for j in range(8):
        lib.save(f"p{k}-{j}", articles(3, f"{k}{j}"))


def test_two_processes_do_not_lose_each_others_saves(tmp_path):
    ctx = multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=_process_worker, args=(str(tmp_path), k)) for k in range(2)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
    assert [p.exitcode for p in procs] == [0, 0]
    assert sorted(i.name for i in Library(tmp_path).list()) == sorted(f"p{k}-{j}" for k in range(2) for j in range(8))


CHILD = textwrap.dedent("""
    import os, sys, random
    import pandas as pd
    sys.path.insert(0, {root!r})
    from analysis.library import Library, articles_digest
    from analysis.schema import coerce_articles
    lib = Library({lib!r})
    rng = random.Random({seed})
    known = [i.id for i in lib.list()]
    for step in range(1000):
        n = rng.randint(20_000, 60_000)
        df = coerce_articles(pd.DataFrame({{
            "title": [f"标题{{step}}-{{i}}" for i in range(n)],
            "body": os.urandom(n * 150).hex(" ", 150).split(" "),  # incompressible: 3–9 MB files
            "date": pd.date_range("2020-01-01", periods=n, freq="h").normalize(),
        }}))
        target = rng.choice(known) if known and rng.random() < 0.75 else None
        print("attempt", target or "-", n, articles_digest(df), flush=True)
        info = lib.save(f"round{{step}}", df, dataset_id=target)
        if target is None:
            known.append(info.id)
        print("saved", info.id, info.version, info.articles, info.digest, flush=True)
""")


def test_sigkill_mid_save_never_loses_a_saved_dataset(tmp_path):
    """A child process saves 20k–60k-article datasets (new ones and new versions) in a loop and is killed
    with SIGKILL at a random moment, 6–12 times over the same library (≥ 2 kills inside a save). After each kill the library opens,
    every dataset it lists reads back with exactly the listed row count and digest, and every save the
    child reported as finished is still there (that version or a newer one)."""
    lib_root = tmp_path / "lib"
    rng = random.Random(7)
    saved: dict[str, tuple[int, int, str]] = {}      # id -> (version, rows, digest) last acknowledged
    attempted_digests: set[str] = set()
    kills_mid_write = 0
    round_no = 0
    while round_no < 6 or (kills_mid_write < 2 and round_no < 12):  # ≥ 2 kills must land inside a save
        round_no += 1
        code = CHILD.format(root=str(ROOT), lib=str(lib_root), seed=round_no)
        child = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
        lines: list[str] = []
        attempts_before_kill = rng.randint(1, 3)
        while sum(line.startswith("attempt") for line in lines) < attempts_before_kill:
            line = child.stdout.readline()
            assert line, "the child died on its own"
            lines.append(line)
        time.sleep(rng.uniform(0.0, 0.3))  # a save takes ~0.1–0.4 s here: kill before, during or after it
        child.send_signal(signal.SIGKILL)
        out, _ = child.communicate(timeout=30)
        assert child.returncode == -signal.SIGKILL
        lines = "".join(lines + [out]).splitlines()
        for line in lines:
            parts = line.split()
            if parts[0] == "attempt":
                attempted_digests.add(parts[3])
            elif parts[0] == "saved":
                saved[parts[1]] = (int(parts[2]), int(parts[3]), parts[4])
        kills_mid_write += bool(lines) and lines[-1].startswith("attempt")

        lib = Library(lib_root)  # opens (and cleans leftovers) after the crash
        listed = {i.id: i for i in lib.list()}
        for ds_id, (version, rows, digest) in saved.items():
            assert ds_id in listed, f"round {round_no}: saved dataset {ds_id} lost"
            info = listed[ds_id]
            assert info.version >= version
            if info.version == version:
                assert (info.articles, info.digest) == (rows, digest)
        for info in listed.values():
            df = lib.open(info.id)
            assert len(df) == info.articles
            assert articles_digest(df) == info.digest
            assert info.digest in attempted_digests
        leftovers = [p.name for p in lib_root.rglob(".tmp-*")]
        assert leftovers == []
        live = {Path(i.file).name for i in listed.values()}
        assert {p.name for p in (lib_root / "data").iterdir()} == live
    assert saved, "the child never finished a save: the test did not exercise anything"
    print(f"kills mid-save: {kills_mid_write}/{round_no}, saves acknowledged: {len(saved)} datasets")
    assert kills_mid_write >= 2, "too few kills landed during a save; raise the sizes or the number of rounds"


def test_manifest_is_plain_json_with_generated_ids(tmp_path):
    lib = Library(tmp_path)
    info = lib.save("名称", articles(3), ParseReport(files=[FileReport(name=f"{i}.txt") for i in range(2000)]))
    assert len(lib.report(info.id).files) == 2000
    manifest = json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["format"] == 1 and manifest["generation"] == 1
    assert list(manifest["datasets"]) == [info.id]
    assert "report" not in manifest["datasets"][info.id]          # reports live in the Parquet footer
    assert (tmp_path / "manifest.json").stat().st_size < 1000
    assert len(info.id) == 12 and all(c in "0123456789abcdef" for c in info.id)
    assert oct(os.stat(tmp_path / info.file).st_mode)[-3:] in {"600", "644", "640"}


def test_same_upload_twice_is_one_dataset(tmp_path):
    """tester M2: the same files uploaded twice gave two picker entries with the same label (and two stores)."""
    lib = Library(tmp_path)
    first = lib.save("a.csv 等 2 个文件", articles(3), ParseReport(articles=3))
    other = lib.save("乙", articles(4, "b"))
    again = lib.save("a.csv 等 2 个文件", articles(3), ParseReport(articles=3))
    assert (again.id, again.version, again.file, again.reused, first.reused) == (first.id, 1, first.file, True, False)
    assert [i.id for i in lib.list()] == [first.id, other.id]  # one entry, now the most recent
    assert sorted(p.name for p in (tmp_path / "data").iterdir()) == sorted([f"{first.id}-1.parquet",
                                                                           f"{other.id}-1.parquet"])
    # another name or other content: a dataset of its own; a new version of a dataset is always written
    assert lib.save("丙", articles(3)).id not in (first.id, other.id)
    assert lib.save("a.csv 等 2 个文件", articles(5)).id != first.id
    v2 = lib.save("a.csv 等 2 个文件", articles(3), dataset_id=first.id)
    assert (v2.id, v2.version, v2.reused) == (first.id, 2, False)


def test_digest_is_blake2b_of_the_categorized_row_hashes():
    """The digest stays what it was when pandas categorized each column before hashing (hashing without
    categorizing is faster on mostly unique texts and gives the same row hashes): stored digests still match."""
    import hashlib

    from analysis.schema import ARTICLE_COLUMNS
    df = articles(40, "甲")
    df.loc[5:9, "body"] = "同一段正文"      # repeated values, the case categorizing is made for
    df.loc[3, "title"] = ""
    rows = pd.util.hash_pandas_object(df[list(ARTICLE_COLUMNS)], index=False, categorize=True)
    want = hashlib.blake2b(rows.to_numpy().tobytes(), digest_size=16).hexdigest()
    assert articles_digest(df) == want
    assert articles_digest(df.iloc[:0]) == "empty"
    assert articles_digest(df.assign(body=df["body"].str.replace("甲", "乙"))) != want
