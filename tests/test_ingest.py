"""python -m analysis ingest / --dataset, and the batch pipeline on a Dask LocalCluster vs the local runner."""
from __future__ import annotations

import io
import json
from contextlib import redirect_stderr, redirect_stdout

import numpy as np
import pandas as pd
import pytest

from analysis.cli import main
from analysis.library import Library
from analysis.store.batch import AnalysisSpec
from analysis.store.ingest import groups, ingest, input_files, read_articles
from analysis.store.runner import DaskRunner, Event, LocalRunner, bare_main, make_runner
from analysis.store.store import TABLES
from analysis.tokenizer import build_tokenizer

AGENCIES = ["国家市场监督管理总局", "海南省市场监督管理局", "中国计量科学研究院", "国务院", "生态环境部"]


def _write_inputs(folder) -> list[str]:
    """Three files, 24 articles; the last file reposts two stories of the first (marked across files)."""
    folder.mkdir(parents=True, exist_ok=True)
    rows = []
    for i in range(24):
        day = f"2021-01-{(i % 28) + 1:02d}" if i % 7 else ""
        body = (f"{AGENCIES[i % 5]}召开第{i}次会议,部署计量与标准化工作。会议强调推进高质量发展,"
                f"编号{i * 37 % 101}。" + "经济运行稳定。" * (i % 3))
        rows.append({"title": f"第{i}条 {AGENCIES[(i + 1) % 5]}通知", "date": day, "source": ["甲", "乙", "丙"][i % 3],
                     "body": body, "url": f"http://example.gov.cn/{i}.html"})
    rows[22] = dict(rows[1], url="http://repost.cn/1.html", source="转载")
    rows[23] = dict(rows[5], url="http://repost.cn/5.html", source="转载")
    paths = []
    for k, part in enumerate((rows[:8], rows[8:16], rows[16:])):
        p = folder / f"part{k}.jsonl"
        p.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in part) + "\n", encoding="utf-8")
        paths.append(str(p))
    return paths


@pytest.fixture(scope="module")
def spec():
    return AnalysisSpec(tokenizer=build_tokenizer(agencies=False).settings, agency_user_path="")


def test_groups_keep_order_and_cover_every_file(tmp_path):
    paths = _write_inputs(tmp_path / "in")
    files = input_files([str(tmp_path / "in")])
    assert [n for _, n, _ in files] == ["part0.jsonl", "part1.jsonl", "part2.jsonl"]
    for k in (1, 2, 3, 10):
        g = groups(files, k)
        assert [p for grp in g for p, _ in grp] == paths and len(g) <= k
    assert input_files([str(tmp_path / "nope")]) == [(str(tmp_path / "nope"), str(tmp_path / "nope"), 0)]


def test_read_articles_matches_the_loader(tmp_path):
    from analysis.ids import with_article_ids
    from analysis.loaders import load_paths

    _write_inputs(tmp_path / "in")
    events: list[Event] = []
    arts, report = read_articles([str(tmp_path / "in")], LocalRunner(1), on_event=events.append)
    ref = load_paths([str(tmp_path / "in")])
    pd.testing.assert_frame_equal(arts, with_article_ids(ref.articles))
    assert arts["duplicate_of"].tolist()[22:] == [2, 6]  # reposts in part2 point to part0's stories
    assert (report.articles, report.duplicates, report.duplicate_groups) == (24, 2, 2)
    assert [e.stage for e in events][-2:] == ["dedup", "dedup"] and events[0] == Event("read", 1, 3)


def test_dask_local_cluster_equals_local_runner(tmp_path, spec):
    distributed = pytest.importorskip("distributed")
    dask = pytest.importorskip("dask")
    paths = _write_inputs(tmp_path / "in")
    local_lib, dask_lib = Library(tmp_path / "lib-local"), Library(tmp_path / "lib-dask")
    info_l, store_l = ingest(paths, "本地", library=local_lib, runner=LocalRunner(2), spec=spec)
    # generous comm timeouts: on a loaded 2-core machine starting two worker processes can take > 30 s (the
    # default connect timeout), which once failed this test in a full run beside other jobs; the nannies spawn
    # their workers with a bare __main__ (runner.bare_main): an AppTest run earlier in this process had left
    # app.py as __main__, which each spawned worker re-ran and died in ("Nanny failed to start", 30 Nov)
    with dask.config.set({"distributed.comm.timeouts.connect": "180s", "distributed.comm.timeouts.tcp": "180s"}), \
            bare_main(), distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                     timeout="180s") as cl, \
            distributed.Client(cl, timeout="180s") as client:
        runner = DaskRunner(client=client)
        events: list[Event] = []
        info_d, store_d = ingest(paths, "集群", library=dask_lib, runner=runner, spec=spec, on_event=events.append)
        runner.close()  # a passed-in client is the caller's: still usable
        assert client.status == "running"
    assert {e.stage for e in events} == {"read", "dedup", "save", "analyze", "write"}
    pd.testing.assert_frame_equal(local_lib.load(info_l.id, keys=True)[0], dask_lib.load(info_d.id, keys=True)[0])
    assert info_l.digest == info_d.digest and info_l.articles == 24
    for name in TABLES:
        assert store_l.read(name).equals(store_d.read(name)), name
    assert store_l.meta["tables"] == store_d.meta["tables"] and store_l.meta["tables"]["duplicates"] == 4


def _cli(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(argv)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def ingested(tmp_path_factory):
    root = tmp_path_factory.mktemp("cli")
    paths = _write_inputs(root / "in")
    mp = pytest.MonkeyPatch()
    mp.setenv("WENJIAN_LIBRARY", str(root / "lib"))
    code, out, err = _cli(["ingest", *paths, "--name", "测试集", "--workers", "1"])
    yield paths, code, out, err
    mp.undo()


def test_cli_ingest_writes_a_dataset(ingested):
    paths, code, out, err = ingested
    assert code == 0, err
    row = pd.read_csv(io.StringIO(out)).iloc[0]
    assert (row["name"], row["articles"], row["duplicates"]) == ("测试集", 24, 2)
    assert "[analyze] 1/1 (100%)" in err and "24 articles from 3 files" in err
    lib = Library()
    assert [i.name for i in lib.list()] == ["测试集"]


@pytest.mark.parametrize("args", [
    ["articles"], ["keywords", "--top", "15"], ["kwic", "--term", "计量", "--width", "6"],
    ["agencies"], ["agencies", "--by-document"],
    ["timeline", "--freq", "week", "--term", "标准化", "--agency", "国务院"],
    ["keywords", "--keep-duplicates", "--top", "5"],
    ["policy"]])  # holds date_source / written_date (a stored dataset lost them: tester, stop 17)
def test_dataset_option_gives_the_same_table_as_paths(ingested, args):
    paths = ingested[0]
    code_p, out_p, err_p = _cli([*args, *paths])
    code_d, out_d, err_d = _cli([*args, "--dataset", "测试集"])
    assert code_p == code_d == 0, err_d
    assert out_d == out_p
    assert len(out_p.splitlines()) > 2


@pytest.mark.parametrize("terms", [["计量与标准化"], ["计量与标准化", "运行稳定", "会议"]])
@pytest.mark.parametrize("measure", ["count", "per_1000", "share"])
def test_timeline_terms_read_the_stored_tables(ingested, terms, measure):
    """tester S1: ``timeline --dataset --term T`` built a new store for every term set (the terms were store
    settings); now the term columns come from the ingest store and equal the file input byte for byte."""
    paths = ingested[0]
    stores = Library().root / "store"
    before = sorted(p.name for p in stores.iterdir())
    args = ["timeline", "--freq", "month", "--term-measure", measure, *[a for t in terms for a in ("--term", t)]]
    code_p, out_p, _ = _cli([*args, *paths])
    code_d, out_d, err_d = _cli([*args, "--dataset", "测试集"])
    assert code_p == code_d == 0, err_d
    assert out_d == out_p
    assert sorted(p.name for p in stores.iterdir()) == before  # no store folder added
    table = pd.read_csv(io.StringIO(out_d))
    if measure == "count":  # once per body (split as 计量|标准化 without the word); 22 stories, 4 undated (i % 7 == 0)
        assert table["term:计量与标准化"].tolist() == [18]


def test_cli_dataset_errors(ingested, capsys):
    code, _, err = _cli(["keywords", "--dataset", "没有这个"])
    assert code == 1 and "no dataset '没有这个' in the library" in err and "测试集" in err
    with pytest.raises(SystemExit) as exc:
        main(["keywords", "--dataset", "测试集", ingested[0][0]])
    assert exc.value.code == 2
    with pytest.raises(SystemExit) as exc:
        main(["keywords"])
    assert exc.value.code == 2
    assert "give either PATHs or --dataset NAME" in capsys.readouterr().err


def test_dataset_lookup_creates_no_library(tmp_path, monkeypatch):
    """tester S3: a failed ``--dataset`` lookup created the library folder (``./data/library``)."""
    root = tmp_path / "nolib"
    monkeypatch.setenv("WENJIAN_LIBRARY", str(root))
    code, out, err = _cli(["keywords", "--dataset", "nosuch"])
    assert (code, out) == (1, "")
    assert f"no dataset 'nosuch' in the library {root}" in err
    assert not root.exists()


def test_unreachable_scheduler_is_a_clear_error(monkeypatch):
    from analysis.errors import InvalidOption

    with pytest.raises(InvalidOption, match="cannot reach the Dask scheduler 'tcp://127.0.0.1:9'"):
        DaskRunner("tcp://127.0.0.1:9", timeout=1)
    monkeypatch.setenv("WENJIAN_DASK_SCHEDULER", "tcp://127.0.0.1:9")
    with pytest.raises(InvalidOption, match="cannot reach"):
        make_runner(None, timeout=1)  # the environment variable is used when no address is given
    monkeypatch.delenv("WENJIAN_DASK_SCHEDULER", raising=False)
    assert isinstance(make_runner(None, 3), LocalRunner) and make_runner(None, 3).workers == 3


# ------------------------------------------------------------------------------------------------ streaming ingest
def _split_signatures(df, cuts, folder):
    from analysis.store.signatures import part_signatures

    bounds = [0, *cuts, len(df)]
    sigs, files = [], {}
    for k, (lo, hi) in enumerate(zip(bounds[:-1], bounds[1:])):
        sigs.append(part_signatures(df.iloc[lo:hi].reset_index(drop=True), folder, k))
    return sigs, len(bounds) - 1


def _bucket_loader(folder, parts):
    import numpy as np

    def load(bucket):
        for p in range(parts):
            yield p, np.load(folder / f"shingles-{p:05d}-{bucket:02d}.npy")

    return load


def test_global_dedup_on_signatures_equals_find_duplicates(shared, tmp_path):
    """The CCTV corpus (exact and near reposts, 国内联播快讯 without bodies) plus copies of 3,000 of its
    articles with dates moved by 0–40 days, some undated: find_duplicates over the whole table equals the
    signature reduce over parts cut at arbitrary rows."""
    import numpy as np

    from analysis.dedup import find_duplicates
    from analysis.loaders import LoadOptions, load_paths
    from analysis.store.signatures import global_duplicates

    base = load_paths([str(shared / "corpora" / "cctv_xwlb" / "articles.jsonl")],
                      LoadOptions(mark_duplicates=False)).articles
    rng = np.random.default_rng(3)
    copies = base.sample(3000, random_state=5).copy()
    copies["date"] = copies["date"] + pd.to_timedelta(rng.integers(0, 40, len(copies)), unit="D")
    copies.loc[copies.index[:200], "date"] = pd.NaT
    df = pd.concat([base, copies], ignore_index=True)
    df["id"] = range(1, len(df) + 1)
    ref = find_duplicates(df)
    want = np.where(pd.isna(ref), -1, np.asarray(ref.fillna(0), dtype=np.int64))
    assert (want >= 0).sum() == 1255  # copies within 14 days or undated, and the corpus's own reposts
    for cuts in ([], [7, 9000, 9001, 15000]):
        sigs, parts = _split_signatures(df, cuts, tmp_path)
        got = global_duplicates(sigs, _bucket_loader(tmp_path, parts))
        assert got.tolist() == want.tolist()


def test_global_dedup_one_line_bodies_need_similar_titles(tmp_path):
    """Equal bodies under TITLED_CHARS (a link's text standing for the body) join only with similar titles —
    the same on signatures split into parts as in find_duplicates (no corpus needed)."""
    from analysis.dedup import find_duplicates
    from analysis.store.signatures import global_duplicates

    link = "河北省教育厅关于修订《河北省初中学业水平体育与健康科目考试方案》和《河北省初中学业水平体育与健康科目考试现场测试办法》的政策解读"
    t1 = "河北省教育厅关于印发《河北省初中学业水平体育与健康科目考试方案（2024 年修订）》的通知"
    t2 = "河北省教育厅关于印发《河北省初中学业水平体育与健康科目考试现场测试办法（2024 年修订）》的通知"
    df = pd.DataFrame({"id": range(1, 5), "title": [t1, t2, t1, t2 + "_河北省人民政府"], "body": [link] * 4,
                       "date": pd.to_datetime(["2024-01-12", "2024-01-12", "2024-01-13", "2024-01-14"])})
    assert find_duplicates(df).fillna(0).tolist() == [0, 0, 1, 2]
    for cuts in ([], [1], [2, 3]):
        sigs, parts = _split_signatures(df, cuts, tmp_path)
        assert global_duplicates(sigs, _bucket_loader(tmp_path, parts)).tolist() == [-1, -1, 1, 2]


def test_streaming_ingest_equals_the_in_memory_tables(tmp_path, spec):
    """Several parts (PART_ROWS = 10, text row groups of 3): the library table equals load_paths + keys, its digest is the table's,
    and every store table equals the in-memory build of the same articles (doc_terms, bigrams as sets of rows)."""
    from analysis.ids import with_article_ids
    from analysis.library import articles_digest
    from analysis.loaders import load_paths
    from analysis.store import ingest as ing
    from analysis.store.build import build_tables

    paths = _write_inputs(tmp_path / "in")
    mp = pytest.MonkeyPatch()
    mp.setattr(ing, "PART_ROWS", 10)
    mp.setattr(ing, "TEXT_ROW_GROUP", 3)  # KWIC reads the text row group by row group
    try:
        lib = Library(tmp_path / "lib")
        info, store = ingest(paths, "分块", library=lib, runner=LocalRunner(1), spec=spec)
    finally:
        mp.undo()
    assert store.meta["parts"] == [0, 10, 20]  # 8 + 8 + 8 articles read, cut into 10 + 10 + 4
    import pyarrow.parquet as pq

    assert pq.ParquetFile(store.files("article_text")[0]).metadata.num_row_groups == 4
    assert [p.name for p in store.files("articles")] == ["part-00000.parquet", "part-00001.parquet",
                                                          "part-00002.parquet"]
    saved = lib.load(info.id, keys=True)[0]
    ref = with_article_ids(load_paths([str(tmp_path / "in")]).articles)
    pd.testing.assert_frame_equal(saved, ref)
    assert info.digest == articles_digest(saved) and info.articles == 24
    mem = build_tables(ref, spec)
    for name in TABLES:
        got, want = store.read(name), mem[name]
        if name in ("doc_terms", "bigrams"):  # sorted by key inside each part: the same rows, another order
            keys = ["article_id", "term_id"] if name == "doc_terms" else ["key", "row"]
            got, want = (t.to_pandas().sort_values(keys).reset_index(drop=True) for t in (got, want))
            pd.testing.assert_frame_equal(got, want)
        else:
            assert got.equals(want), name
    assert store.meta["tables"] == {t: mem[t].num_rows for t in TABLES}
    # doc_rows (doc_terms by row, one pair of NumPy files per part) = the in-memory table's, cut at the parts
    from analysis.store.build import doc_rows

    rows = pd.Index(mem["articles"]["article_id"].to_numpy()).get_indexer(mem["doc_terms"]["article_id"].to_numpy())
    indptr, packed = doc_rows(rows, mem["doc_terms"]["term_id"].to_numpy(), mem["doc_terms"]["n"].to_numpy(), 24,
                              mem["terms"].num_rows)
    parts = store.doc_rows()
    assert [len(i) - 1 for i, _ in parts] == [10, 10, 4]
    assert np.concatenate([p for _, p in parts]).tolist() == packed.tolist()
    assert np.concatenate([np.diff(i) for i, _ in parts]).tolist() == np.diff(indptr).tolist()
    assert packed.dtype == np.uint32 and len(packed) == mem["doc_terms"].num_rows
    # the SQL backend over the parts (KWIC reads the text part by part) equals the in-memory reference
    from analysis.filters import Filters
    from analysis.store import query as Q, query_rows as QR
    from analysis.tokenizer import WenjianTokenizer

    duck, ref_be = Q.DuckBackend(store), Q.MemoryBackend.from_store(store)
    tk = WenjianTokenizer(spec.tokenizer)
    for f in (Filters(), Filters(sources=("乙", "转载")), Filters(dedupe=False, query="经济")):
        a, b = ref_be.select(f), duck.select(f)
        for term, limit, sort in (("计量", None, "position"), ("计量", 3, "position"), ("计量", 20, "position"),
                                  ("经济", 2, "left"), ("会议", 0, "position"), ("没有的词", 5, "position")):
            pd.testing.assert_frame_equal(QR.kwic(ref_be, a, term, tokenizer=tk, limit=limit, sort=sort, width=4),
                                          QR.kwic(duck, b, term, tokenizer=tk, limit=limit, sort=sort, width=4))
        pd.testing.assert_frame_equal(Q.top_terms(ref_be, a, 20), Q.top_terms(duck, b, 20))
        pd.testing.assert_frame_equal(Q.agency_summary(ref_be, a), Q.agency_summary(duck, b))
    kw = QR.kwic(duck, duck.select(Filters()), "计量", tokenizer=tk, limit=20)
    assert len(kw) == 20 and kw["id"].iloc[0] == 1 and kw["id"].iloc[-1] > 10  # read from two parts
    duck.close()
    assert not any(p.name.startswith(".tmp-ingest") for p in (tmp_path / "lib" / "store").iterdir())


def test_ingest_nothing_readable_leaves_no_work_folder(tmp_path, spec):
    from analysis.errors import LoadError

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.jsonl").write_text("not json\n", encoding="utf-8")
    lib = Library(tmp_path / "lib")
    with pytest.raises(LoadError, match="nothing could be read"):
        ingest([str(tmp_path / "in")], "空", library=lib, runner=LocalRunner(1), spec=spec)
    assert list((tmp_path / "lib" / "store").iterdir()) == [] and lib.list() == []


def test_term_cells_from_part_cells_equal_the_sql(tmp_path, spec):
    """``term_cells`` summed from the parts' partial cells (the ingest's path) = the SQL over every doc_terms row
    (the in-memory build's), with several months, undated articles, duplicates and a part without terms; every
    other roll-up is unchanged."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from analysis.ids import with_article_ids
    from analysis.loaders import LoadOptions, load_paths
    from analysis.store.build import DERIVED, build_tables
    from analysis.store.ingest import _write_cells, write_rollups

    folder = tmp_path / "in"
    folder.mkdir()
    rows = [{"title": f"第{i}条通知", "date": "" if i % 5 == 0 else f"20{19 + i % 3}-{i % 12 + 1:02d}-0{i % 9 + 1}",
             "source": "甲", "body": f"{AGENCIES[i % 5]}召开会议,部署计量工作。" + "经济运行稳定。" * (i % 4)}
            for i in range(30)]
    rows[25] = dict(rows[3], url="http://repost.cn/3.html", source="转载")  # a duplicate (dated)
    rows[26] = dict(rows[10], url="http://repost.cn/10.html", source="转载")  # a duplicate (undated)
    (folder / "a.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    ref = with_article_ids(load_paths([str(folder)], LoadOptions()).articles)
    mem = build_tables(ref, spec)
    assert mem["articles"]["duplicate_of"].null_count == 28 and mem["articles"]["date"].null_count == 6
    cuts = [(0, 12), (12, 12), (12, 30)]  # the middle part has no rows at all
    outs = {}
    for kind in ("sql", "cells"):
        out = tmp_path / kind
        for t in ("articles", "doc_terms", "mentions"):
            (out / f"{t}.parquet").mkdir(parents=True)
        pq.write_table(mem["agencies"], out / "agencies.parquet")
        ids = mem["articles"]["article_id"].to_numpy()
        cells = []
        for k, (lo, hi) in enumerate(cuts):
            name = f"part-{k:05d}.parquet"
            pq.write_table(mem["articles"].slice(lo, hi - lo), out / "articles.parquet" / name)
            for t in ("doc_terms", "mentions"):
                keep = np.isin(mem[t]["article_id"].to_numpy(), ids[lo:hi])
                pq.write_table(mem[t].filter(pa.array(keep)), out / f"{t}.parquet" / name)
            dt = mem["doc_terms"].filter(pa.array(np.isin(mem["doc_terms"]["article_id"].to_numpy(), ids[lo:hi])))
            rows_ = pd.Index(ids[lo:hi]).get_indexer(dt["article_id"].to_numpy())
            cells.append(tmp_path / f"cells-{k}.parquet")
            _write_cells(cells[-1], out / "articles.parquet" / name, rows_, dt["term_id"].to_numpy(),
                         dt["n"].to_numpy())
        assert pq.read_table(cells[1]).num_rows == 0
        write_rollups(out, cells if kind == "cells" else ())
        outs[kind] = {t: pq.read_table(out / f"{t}.parquet") for t in DERIVED}
    months = outs["cells"]["term_cells"]["month"]
    assert months.null_count > 0 and len(set(months.drop_null().to_pylist())) > 3
    assert set(outs["cells"]["term_cells"]["dup"].to_pylist()) == {True, False}
    for t in DERIVED:
        assert outs["cells"][t].equals(outs["sql"][t]), t
        assert outs["sql"][t].to_pandas().equals(mem[t].to_pandas()), t  # and the in-memory build's


@pytest.mark.parametrize("mode,term,dated,total", [
    ("token", "标准", 0, 0),            # only inside 标准化: never a word of its own
    ("substring", "标准", 18, 22),      # once per body: 22 stories (2 reposts left out), 4 of them undated
    ("token", "计量与标准化", 18, 22),  # a phrase the tokenizer splits: counted as its token sequence
    ("regex", "标准化|高质量", 36, 44)])
def test_timeline_term_modes_read_the_stored_tables(ingested, mode, term, dated, total):
    """tester s14 T1: ``--term-mode`` with ``--dataset`` counts from the stored corpus and equals the file input."""
    paths = ingested[0]
    args = ["timeline", "--freq", "year", "--term", term, "--term-mode", mode]
    code_p, out_p, _ = _cli([*args, *paths])
    code_d, out_d, err_d = _cli([*args, "--dataset", "测试集"])
    assert code_p == code_d == 0, err_d
    assert out_d == out_p
    assert pd.read_csv(io.StringIO(out_d))[f"term:{term}"].tolist() == [dated]   # one year: 2021
    assert f"--term-mode {mode}" in err_d and f"): {total}\n" in err_d   # the mode and the total, undated included


def test_policy_of_a_dataset_keeps_the_fields_of_the_files_own_columns(tmp_path, monkeypatch):
    """tester s16 P1: ``policy --dataset`` recomputed 文号 and 发文机关 from the texts alone — those a CSV gave in
    its own columns (发文字号, 发文机关) were lost (Hebei: 184 of 639 文号)."""
    csv = tmp_path / "docs.csv"
    csv.write_text("标题,发文字号,发文机关,日期,正文\n"
                   "关于加强计量工作的通知,冀市监〔2024〕12号,河北省市场监督管理局,2024-03-01,各市局：请做好计量工作。\n"
                   "计量新闻,,,2024-03-02,今天召开计量工作会议。\n", encoding="utf-8")
    monkeypatch.setenv("WENJIAN_LIBRARY", str(tmp_path / "lib"))
    assert _cli(["ingest", str(csv), "--name", "文件集", "--workers", "1"])[0] == 0
    code_p, out_p, _ = _cli(["policy", str(csv)])
    code_d, out_d, err_d = _cli(["policy", "--dataset", "文件集"])
    assert code_p == code_d == 0, err_d
    assert out_d == out_p
    rows = pd.read_csv(io.StringIO(out_d), dtype=str, keep_default_na=False)
    assert rows["doc_number"].tolist() == ["冀市监〔2024〕12号", ""]   # from the 发文字号 column, not the text
