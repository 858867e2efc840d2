"""analysis/store/upload.py: an upload's store — the tables the pages read equal the full build's, the query
indexes are left out below the limit, the tables stay in memory, other versions' stores are removed."""
from __future__ import annotations

import pandas as pd
import pyarrow as pa
import pytest

import analysis.store.query as Q
import analysis.store.upload as U
from analysis.library import Library
from analysis.store.build import DERIVED, ROLLUPS, build_tables
from analysis.store.citations import TABLES as CITATION_TABLES
from analysis.store.runner import Event, LocalRunner
from analysis.store.store import OPTIONAL, TABLES, Store
from tests.test_store import ARTS, BODIES, DATES, SOURCES, TERMS

# DERIVED: roll-ups + agency indexes; the citation tables (analysis.store.citations): full builds only
PAGE_TABLES = [t for t in TABLES if t not in DERIVED and t != "bigrams" and t not in CITATION_TABLES]


@pytest.fixture()
def spec():
    from analysis.store.batch import AnalysisSpec
    from analysis.tokenizer import build_tokenizer

    return AnalysisSpec(tokenizer=build_tokenizer(agencies=False).settings, agency_user_path="")


@pytest.fixture()
def full(spec):
    return build_tables(ARTS, spec, batch_rows=100)


def test_light_store_has_the_full_builds_page_tables(tmp_path, spec, full, monkeypatch):
    monkeypatch.setattr(U, "UPLOAD_BATCH_ROWS", 5)  # three batches: ids must not depend on the batching
    lib = Library(tmp_path)
    events: list[Event] = []
    info, store = U.save_upload(lib, "甲", ARTS, None, spec, on_event=events.append)
    assert isinstance(store, U.TablesStore)
    assert [(e.stage, e.done, e.total) for e in events] == [("analyze", 1, 3), ("analyze", 2, 3), ("analyze", 3, 3),
                                                             ("write", 0, 1), ("write", 1, 1)]
    on_disk = Store(store.path)
    assert sorted(p.name for p in store.path.iterdir()) == sorted([f"{t}.parquet" for t in PAGE_TABLES] + ["meta.json"])
    assert on_disk.meta["tables"] == {t: full[t].num_rows for t in PAGE_TABLES}
    assert on_disk.meta["dataset"] == info.id and on_disk.meta["digest"] == info.digest
    for t in PAGE_TABLES:
        assert on_disk.read(t).equals(Store.read(store, t)), t       # what was written is what is held
        assert store.read(t).equals(on_disk.read(t)), t
        ref = full[t].cast(pa.schema([f.with_nullable(True) for f in full[t].schema]))
        assert on_disk.read(t).equals(ref), t                         # = the full build's table
    assert not store.has("bigrams") and not any(store.has(r) for r in ROLLUPS)
    assert not any(store.has(t) for t in CITATION_TABLES) and all(t in full for t in CITATION_TABLES)
    assert set(OPTIONAL) >= {"bigrams", *ROLLUPS}


def test_backends_over_a_light_store(tmp_path, spec):
    _, store = U.save_upload(Library(tmp_path), "甲", ARTS, None, spec)
    mem = Q.MemoryBackend.from_store(store)               # from the tables in memory
    again = Q.MemoryBackend.from_store(Store(store.path))   # from the files
    pd.testing.assert_frame_equal(mem.mentions, again.mentions)
    assert (mem.corpus.dtm != again.corpus.dtm).nnz == 0 and mem.corpus.vocab == again.corpus.vocab
    duck = Q.DuckBackend(Store(store.path))                 # no roll-ups, no bigram index: the base tables
    try:
        assert not duck.rollups and not duck.bigrams
        from analysis.filters import Filters

        for f in (Filters(), Filters(query="计量"), Filters(dedupe=True, query="发布 OR 部署")):
            pd.testing.assert_frame_equal(Q.top_terms(mem, mem.select(f), 20), Q.top_terms(duck, duck.select(f), 20))
            pd.testing.assert_frame_equal(Q.agency_summary(mem, mem.select(f)), Q.agency_summary(duck, duck.select(f)))
        assert Q.count(duck, duck.select(Filters(query="计量"))) == 3
        assert TERMS[1] in mem.corpus.vocab
    finally:
        duck.close()


def test_large_upload_gets_the_query_indexes(tmp_path, spec, full):
    lib = Library(tmp_path)
    info = lib.save("甲", ARTS)
    store = U.analyse_saved(lib, info.id, ARTS, spec, light_max=len(ARTS) - 1)
    on_disk = Store(store.path)
    assert on_disk.meta["tables"] == {t: full[t].num_rows for t in TABLES}
    for t in ("bigrams", *ROLLUPS):
        assert on_disk.read(t).equals(full[t].cast(pa.schema([f.with_nullable(True) for f in full[t].schema]))), t


def test_existing_store_is_opened_and_older_versions_removed(tmp_path, spec):
    lib = Library(tmp_path)
    info, first = U.save_upload(lib, "甲", ARTS, None, spec)
    events: list[Event] = []
    again = U.analyse_saved(lib, info.id, ARTS, spec, on_event=events.append)
    assert type(again) is Store and again.path == first.path and events == []   # not rebuilt
    info2, second = U.save_upload(lib, "甲", ARTS.head(5), None, spec, replace_id=info.id)
    assert info2.id == info.id and info2.version == info.version + 1
    assert not first.path.exists() and second.path.exists()
    assert Store(second.path).n_articles == 5


def test_warm_runner_builds_in_each_slot(spec):
    runner = LocalRunner(1)
    events: list[Event] = []
    runner.map(U.warm_worker, [0, 1], spec, stage="warm", on_event=events.append)
    assert [e.done for e in events] == [1, 2]
    U.warm_runner(runner, spec)  # one process: built here, returns


def test_a_store_without_a_required_table_is_not_written(tmp_path, spec, full):
    from analysis.store.store import write_store

    tables = {t: full[t] for t in PAGE_TABLES if t != "mentions"}
    with pytest.raises(KeyError):
        write_store(tmp_path / "s", tables, {"articles": len(ARTS)})
    assert not (tmp_path / "s").exists() and list(tmp_path.iterdir()) == []


def _blocked_write(monkeypatch):
    """``write_store`` held until the returned event is set (a background write still under way)."""
    import threading

    release = threading.Event()
    real = U.write_store

    def write(*args, **kwargs):
        assert release.wait(30), "the test never released the write"
        return real(*args, **kwargs)

    monkeypatch.setattr(U, "write_store", write)
    return release


def test_background_write_serves_the_same_tables_before_and_after(tmp_path, spec, full, monkeypatch):
    monkeypatch.setattr(U, "UPLOAD_BATCH_ROWS", 5)
    release = _blocked_write(monkeypatch)
    lib = Library(tmp_path)
    info = lib.save("甲", ARTS)
    events: list[Event] = []
    store = U.analyse_saved(lib, info.id, ARTS, spec, on_event=events.append, background=True)
    assert isinstance(store, U.TablesStore)
    assert [(e.stage, e.done) for e in events] == [("analyze", 1), ("analyze", 2), ("analyze", 3)]  # no write
    assert not store.written and store.write_error is None and not (store.path / "meta.json").exists()
    assert store.meta["tables"] == {t: full[t].num_rows for t in PAGE_TABLES} and store.meta["dataset"] == info.id
    assert store.has("mentions") and not store.has("bigrams")
    during = Q.MemoryBackend.from_store(store)            # what the pages read while the files are written
    release.set()
    assert store.wait(30) is store and store.written and store.write_error is None
    on_disk = Store(store.path)
    assert on_disk.meta == store.meta
    after = Q.MemoryBackend.from_store(on_disk)
    pd.testing.assert_frame_equal(during.mentions, after.mentions)
    pd.testing.assert_frame_equal(during.articles, after.articles)
    assert (during.corpus.dtm != after.corpus.dtm).nnz == 0 and during.corpus.vocab == after.corpus.vocab
    for t in PAGE_TABLES:
        ref = full[t].cast(pa.schema([f.with_nullable(True) for f in full[t].schema]))
        assert on_disk.read(t).equals(ref), t
    assert U.analyse_saved(lib, info.id, ARTS, spec, background=True).path == store.path   # reopened, not rebuilt


def test_a_failed_background_write_keeps_the_tables(tmp_path, spec, monkeypatch):
    import pyarrow.parquet as pq

    lib = Library(tmp_path)
    info = lib.save("甲", ARTS)
    real, written = pq.write_table, []

    def fail(table, where, **kwargs):   # the disk fills up after the first table of the store
        if written:
            raise OSError(28, "No space left on device")
        written.append(where)
        return real(table, where, **kwargs)

    monkeypatch.setattr(pq, "write_table", fail)
    store = U.analyse_saved(lib, info.id, ARTS, spec, background=True)
    with pytest.raises(OSError, match="No space left"):
        store.wait(30)
    assert isinstance(store.write_error, OSError) and not store.written
    assert len(written) == 1 and not store.path.exists()              # nothing half-written
    assert [p.name for p in store.path.parent.iterdir()] == []        # (the temporary folder removed)
    mem = Q.MemoryBackend.from_store(store)                           # the session's tables are all there
    assert len(mem.articles) == len(ARTS) and TERMS[1] in mem.corpus.vocab
    assert lib.info(info.id).articles == len(ARTS)                    # the dataset is saved


def _csv(rows) -> bytes:
    lines = ["标题,日期,来源,正文"] + [f"{t},{d or ''},{s},{b}" for t, d, s, b in rows]
    return "\n".join(lines).encode("utf-8")


LONG = "国家市场监督管理总局召开全国计量工作会议,部署推进计量强国建设,要求各地市场监管部门加强计量标准体系建设。" * 4
CSV_ROWS = [(f"标题{i} 通知", d, s, b) for i, (d, s, b) in enumerate(zip(DATES, SOURCES, BODIES))] + \
    [("计量工作会议召开", "2021-01-12", "丁", LONG), ("计量工作会议召开", "2021-01-13", "戊", LONG)]


def test_an_analysis_started_during_the_load_gives_the_same_store(tmp_path, spec, monkeypatch):
    from analysis.loaders import LoadOptions, load_files

    monkeypatch.setattr(U, "UPLOAD_BATCH_ROWS", 5)
    seen: list[pd.DataFrame] = []
    early: list[U.EarlyAnalysis] = []

    def on_texts(table):
        assert "duplicate_of" not in table   # before the reposts are marked
        seen.append(table)
        early.append(U.EarlyAnalysis(table, spec, LocalRunner(1)))

    result = load_files([("a.csv", _csv(CSV_ROWS))], LoadOptions(on_texts=on_texts))
    assert len(seen) == 1 and len(seen[0]) == len(CSV_ROWS) == len(result.articles) == 14
    assert result.articles["duplicate_of"].tolist()[-1] == 13             # the repost is marked after
    lib = Library(tmp_path / "a")
    info = lib.save("甲", result.articles)
    events: list[Event] = []
    store = U.analyse_saved(lib, info.id, result.articles, spec, on_event=events.append, early=early[0])
    assert [(e.stage, e.done, e.total) for e in events] == [("analyze", 1, 3), ("analyze", 2, 3), ("analyze", 3, 3),
                                                             ("write", 0, 1), ("write", 1, 1)]
    assert Store(store.path).read("duplicates").num_rows == 2
    lib2 = Library(tmp_path / "b")
    plain = U.analyse_saved(lib2, lib2.save("甲", result.articles).id, result.articles, spec)
    for t in PAGE_TABLES:
        assert store.read(t).equals(plain.read(t)), t                   # keys put in, same tables
    assert Store(store.path).read("doc_terms").equals(Store(plain.path).read("doc_terms"))


def test_an_early_analysis_of_other_texts_is_not_used(tmp_path, spec, full):
    other = ARTS.drop(columns=["duplicate_of"]).assign(body=ARTS["body"].str.replace("计量", "度量"))
    early = U.EarlyAnalysis(other, spec, LocalRunner(1))
    early.parts()   # (finished)
    lib = Library(tmp_path)
    info = lib.save("甲", ARTS)
    store = U.analyse_saved(lib, info.id, ARTS, spec, early=early)   # analysed again: the saved table's terms
    ref = full["doc_terms"].cast(pa.schema([f.with_nullable(True) for f in full["doc_terms"].schema]))
    assert store.read("doc_terms").equals(ref) and "计量" in store.read("terms")["term"].to_pylist()
    assert U.EarlyAnalysis(ARTS.drop(columns=["duplicate_of"]), spec).matches(
        store.read("article_text"), U.match_sources(ARTS))
    early2 = U.EarlyAnalysis(ARTS, spec, LocalRunner(1))
    assert U.analyse_saved(lib, info.id, ARTS, spec, early=early2).path == store.path   # the store exists
    assert early2._cancel.is_set()


def test_an_early_analysis_is_cancelled_between_batches(spec):
    import threading

    started, go = threading.Event(), threading.Event()

    class SlowRunner:   # runs the batches here, one by one, the first held until the test says go
        def map(self, fn, items, *args, stage="analyze", on_event=None):
            out = []
            for i, item in enumerate(items):
                started.set()
                assert go.wait(30)
                out.append(fn(item, *args))
                on_event(Event(stage, i + 1, len(items)))
            return out

    early = U.EarlyAnalysis(ARTS, spec, SlowRunner(), batch_rows=4)
    assert started.wait(30)
    early.cancel()
    go.set()
    with pytest.raises(U._Cancelled):
        early.parts()


def test_upload_batches_are_of_about_equal_text_length():
    work = pa.table({"title": ["t"] * 6, "body": ["x" * 99, "x" * 99, "x" * 99, "x" * 299, "", "x" * 99]})
    cut = U.upload_batches(work, rows=10, slots=2)   # 100 100 100 | 300 1 100 characters (+1 each)
    assert [b.num_rows for b in cut] == [3, 3]
    assert [b.num_rows for b in U.upload_batches(work, rows=2, slots=2)] == [2, 2, 2]   # 202 | 302 | 103
    assert [b.num_rows for b in U.upload_batches(work, rows=10, slots=1)] == [6]
    assert [b.num_rows for b in U.upload_batches(work, rows=10, slots=8)] == [1, 1, 1, 1, 1, 1]  # ≤ 1 per article
    assert U.upload_batches(work.slice(0, 0), rows=10, slots=2) == []
    assert pa.Table.from_batches(U.upload_batches(work, rows=4, slots=2)).equals(work)   # in order, all rows


def test_arrow_text_is_the_list_conversion_without_python_strings():
    from analysis.store.build import arrow_text

    col = pd.Series(["国务院", "", "第一行\n第二行", "a\x00b"], dtype=object).astype(str)   # pandas ≥ 3: Arrow-backed
    out = arrow_text(col)
    assert isinstance(out, pa.StringArray) and out.type == pa.string()
    assert out.to_pylist() == ["国务院", "", "第一行\n第二行", "a\x00b"]
    assert out.equals(pa.array(col.astype(str).tolist(), pa.string()))
    assert arrow_text(pd.Series([1, 2.5])).to_pylist() == ["1.0", "2.5"]   # (astype(str), as before)
    assert arrow_text(pd.Series([], dtype=object)).to_pylist() == []
    with pytest.raises(pa.ArrowTypeError, match="'body' has 1 missing values"):
        arrow_text(pd.Series(["甲", None], name="body").astype("str"))


def test_store_key_with_the_spec_digest_given_is_the_same_key(spec):
    from analysis.store.store import store_key

    assert store_key("abc", spec, spec_digest=spec.digest()) == store_key("abc", spec)
    assert store_key("abc", spec, spec_digest="other") != store_key("abc", spec)


def test_a_keyed_table_gives_the_same_saved_dataset_and_store(tmp_path, spec, monkeypatch):
    """ui.sidebar_upload computes the keys once (keyed_articles) and hands the keyed table to the library and
    the store: the saved file and every table are those of the plain table, and no key is computed again."""
    import analysis.ids as ids
    from analysis.store.build import keyed_articles

    plain_lib, keyed_lib = Library(tmp_path / "a"), Library(tmp_path / "b")
    info_a, store_a = U.save_upload(plain_lib, "甲", ARTS, None, spec)
    keyed = keyed_articles(ARTS)
    calls = []
    real = ids._assign
    monkeypatch.setattr(ids, "_assign", lambda *a: calls.append(1) or real(*a))
    info_b, store_b = U.save_upload(keyed_lib, "甲", keyed, None, spec)
    assert calls == []
    assert info_b.digest == info_a.digest and info_b.articles == len(ARTS) == 12
    import pyarrow.parquet as pq
    assert pq.read_table(keyed_lib.root / info_b.file).equals(pq.read_table(plain_lib.root / info_a.file))
    assert store_b.path.name.split("-v1-")[1] == store_a.path.name.split("-v1-")[1]   # same store key
    for name in store_a.meta["tables"]:
        assert store_b.read(name).equals(store_a.read(name)), name


def test_the_background_writer_thread_runs_at_a_lower_priority():
    import os
    import threading

    def niceness():
        return os.getpriority(os.PRIO_PROCESS, threading.get_native_id())

    mine = niceness()
    assert U._WRITER.submit(niceness).result(10) == min(19, mine + U.WRITER_NICE)
    assert niceness() == mine   # the calling thread (and the process) keep theirs


def test_a_refused_priority_change_leaves_the_writer_as_it_was(monkeypatch):
    import os

    def refuse(*args):
        raise PermissionError("not allowed")

    monkeypatch.setattr(os, "setpriority", refuse)
    U._lower_priority()   # no exception: the thread keeps the process's priority


# a notice whose 发文机关 (read from its signature by the policy columns) resolves a bare 市场监管局; the others name
# no issuer: only the notice is matched again when the analysis started from the texts alone
NOTICE = {"title": "关于开展2024年计量监督检查的通知", "date": "2024-03-01", "source": "本站",
          "body": "各市、县市场监管局：\n为做好计量监督检查工作，省市场监管局决定开展专项检查。请市场监管局认真组织。\n"
                  "海南省市场监督管理局\n2024年3月1日"}
PLAIN = [{"title": f"计量新闻{i}", "date": f"2024-03-0{i + 2}", "source": "新华社",
          "body": f"市场监管局今天召开会议{i}。国家市场监督管理总局部署计量工作{i}。"} for i in range(5)]


def _jsonl(rows) -> bytes:
    import json

    return "\n".join(json.dumps(r, ensure_ascii=False) for r in rows).encode("utf-8")


def _started_from_texts(spec, runner, rows):
    from analysis.loaders import LoadOptions, load_files

    early: list[U.EarlyAnalysis] = []
    seen: list[list[str]] = []

    def on_bodies(table):
        seen.append(list(table.columns))
        early.append(U.EarlyAnalysis(table, spec, runner))

    result = load_files([("n.jsonl", _jsonl(rows))], LoadOptions(
        on_bodies=on_bodies, on_texts=lambda table: early[0].set_sources(table)))
    return result, early[0], seen[0]


@pytest.mark.parametrize("at", [0, 3, 5])   # first / middle / last row: its batch of 2 rows is spliced
def test_an_analysis_started_from_the_texts_matches_the_issuers_rows_again(tmp_path, spec, monkeypatch, at):
    monkeypatch.setattr(U, "UPLOAD_BATCH_ROWS", 2)
    rows = PLAIN[:at] + [NOTICE] + PLAIN[at:]
    result, early, columns = _started_from_texts(spec, LocalRunner(1), rows)
    assert columns == ["id", "title", "source", "author", "url", "body"]     # no 发文机关 yet
    assert result.articles["issuer"].tolist()[at] == "海南省市场监督管理局"
    assert early._again is not None and early._again[0].tolist() == [at]     # only the notice again
    lib = Library(tmp_path / "a")
    store = U.analyse_saved(lib, lib.save("甲", result.articles).id, result.articles, spec, early=early)
    lib2 = Library(tmp_path / "b")
    plain = U.analyse_saved(lib2, lib2.save("甲", result.articles).id, result.articles, spec)
    assert not early._cancel.is_set()                                         # its results were used
    for t in PAGE_TABLES:
        assert store.read(t).equals(plain.read(t)), t
    m = store.read("mentions").to_pandas()
    names = dict(zip(store.read("agencies")["agency_id"].to_pylist(), store.read("agencies")["agency"].to_pylist()))
    key = store.read("articles")["article_id"].to_pylist()[at]   # the notice's key
    mine = m[m["article_id"] == key]
    assert [(names[a], s) for a, s in zip(mine["agency_id"], mine["surface"])] == [
        ("海南省市场监督管理局", "省市场监管局"), ("海南省市场监督管理局", "市场监管局"), ("海南省市场监督管理局", "海南省市场监督管理局")]


def test_without_the_sources_the_early_analysis_is_not_used(tmp_path, spec):
    from analysis.loaders import LoadOptions, load_files

    early: list[U.EarlyAnalysis] = []
    result = load_files([("n.jsonl", _jsonl([NOTICE, *PLAIN]))], LoadOptions(
        on_bodies=lambda table: early.append(U.EarlyAnalysis(table, spec, LocalRunner(1)))))
    lib = Library(tmp_path)
    store = U.analyse_saved(lib, lib.save("甲", result.articles).id, result.articles, spec, early=early[0])
    assert early[0]._cancel.is_set()   # the notice's source (its 发文机关) differs: the table analysed again
    m = store.read("mentions")
    assert m["resolved"].to_pylist() == [True] * 3 + [False, True] * 5   # the notice's bare forms resolved


def test_sources_of_another_table_change_nothing(spec):
    early = U.EarlyAnalysis(ARTS.drop(columns=["duplicate_of"]), spec, LocalRunner(1))
    before = early.work["source"].to_pylist()
    early.set_sources(ARTS.iloc[:3])                   # another length: ignored (matches() decides)
    assert early._again is None and early.work["source"].to_pylist() == before
    early.set_sources(ARTS)                            # the same sources: nothing to match again
    assert early._again is None and early.work["source"].to_pylist() == before
    early.parts()


def test_the_issuers_rows_are_matched_on_a_started_pool_beside_the_batches(tmp_path, spec):
    runner = LocalRunner(2)
    try:
        U.warm_runner(runner, spec)
        result, early, _ = _started_from_texts(spec, runner, [*PLAIN[:2], NOTICE, *PLAIN[2:]])
        assert early._again_thread is not None      # on the pool, not after the batches
        lib = Library(tmp_path / "a")
        store = U.analyse_saved(lib, lib.save("甲", result.articles).id, result.articles, spec, runner, early=early)
        lib2 = Library(tmp_path / "b")
        plain = U.analyse_saved(lib2, lib2.save("甲", result.articles).id, result.articles, spec)
        for t in PAGE_TABLES:
            assert store.read(t).equals(plain.read(t)), t
    finally:
        runner.close()


def test_upload_batches_pickle_only_their_own_rows():
    import pickle

    work = pa.table({"article_id": list(range(8)), "title": ["标题"] * 8, "body": ["计量" * 500] * 8})
    whole = len(pickle.dumps(work.combine_chunks().to_batches()[0]))
    cut = U.upload_batches(work, rows=4, slots=2)
    assert [b.num_rows for b in cut] == [4, 4]
    assert all(len(pickle.dumps(b)) < 0.6 * whole for b in cut)   # a plain slice pickles the whole table's text
    assert pa.Table.from_batches(cut).equals(work)
