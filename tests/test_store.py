"""analysis.store: tables equal the in-memory analyses; numpy and DuckDB backends agree on random filters."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.agencies import AgencyMatcher, find_mentions
from analysis.agency_table import load_agencies
from analysis.errors import InvalidOption, LoadError
from analysis.filters import Filters
from analysis.ids import KEY, article_ids
from analysis.keywords import tokenize_corpus
from analysis.library import Library
from analysis.schema import coerce_articles
from analysis.store import query as Q, query_rows as QR
from analysis.store.batch import AnalysisSpec
from analysis.store.build import build_tables
from analysis.store.store import TABLES, Store, build_store, dataset_store
from analysis.tokenizer import build_tokenizer

BODIES = [
    "国家市场监督管理总局召开会议,部署计量工作。GDP 增长稳定。中国计量科学研究院参加。",
    "海南省市场监督管理局发布通知,推进标准化工作。",
    "中国计量科学研究院发布报告。计量标准建设取得进展;gdp 数据公布。",
    "国务院常务会议研究经济工作,国家发展改革委部署稳增长措施。",
    "海南省市场监督管理局发布通知,推进标准化工作。",  # a repost of row 2 (marked below)
    "财政部、税务总局联合发布公告,支持小微企业。",
    "市场监管总局通报产品质量抽查结果,计量器具合格率提高。",
    "生态环境部部署大气污染防治工作,经济与环境协调发展。",
    "",  # an empty body
    "商务部召开新闻发布会,介绍外贸形势。Gdp 与进出口。",
    "国家发展改革委部署稳增长工作,推进标准化建设。",
    "国务院新闻办公室举行发布会。",
]
DATES = ["2020-12-27", "2020-12-28", "2021-01-01", "2021-01-03", "2020-12-28", "2021-01-04", None,
         "2021-01-10", "2021-01-11", "2021-02-01", "2021-03-31", None]
SOURCES = ["甲", "乙", "甲", "丙", "乙", "", "甲", "乙", "丙", "甲", "", "乙"]
TERMS = ["标准化", "计量", "经济", "gdp", "GDP", "发布", "部署", "市场监管", "不存在", "局", "c", "准化工作"]


def _articles() -> pd.DataFrame:
    df = coerce_articles(pd.DataFrame({"title": [f"标题{i} 通知" for i in range(len(BODIES))], "body": BODIES,
                                       "date": DATES, "source": SOURCES, "file": ["a.csv"] * len(BODIES)}))
    df["duplicate_of"] = pd.array([pd.NA] * 4 + [2] + [pd.NA] * 7, dtype="Int64")
    return df


ARTS = _articles()


@pytest.fixture(scope="module")
def tk():
    return build_tokenizer(agencies=False)


@pytest.fixture(scope="module")
def matcher():
    return AgencyMatcher.from_table(load_agencies(user_path=""))


@pytest.fixture(scope="module")
def spec(tk):
    return AnalysisSpec(tokenizer=tk.settings, agency_user_path="")


@pytest.fixture(scope="module")
def store(spec, tmp_path_factory):
    return build_store(tmp_path_factory.mktemp("store") / "s", ARTS, spec, batch_rows=5)


@pytest.fixture(scope="module")
def backends(store):
    duck = Q.DuckBackend(store)
    yield Q.MemoryBackend.from_store(store), duck
    duck.close()


def test_tables_and_keys(store):
    assert sorted(p.name for p in store.path.iterdir()) == sorted([f"{t}.parquet" for t in TABLES] + ["meta.json", "doc_rows"])
    arts = store.read("articles").to_pandas()
    assert arts["article_id"].tolist() == article_ids(ARTS).tolist()
    assert arts["row"].tolist() == list(range(12)) and arts["id"].tolist() == list(range(1, 13))
    assert arts["n_tokens"].tolist()[8] == 2  # 标题8 通知: the empty body leaves the title's two terms
    dup = store.read("duplicates").to_pydict()
    assert dup == {"article_id": [arts["article_id"][1], arts["article_id"][4]],
                   "group_id": [arts["article_id"][1]] * 2}
    terms = store.read("terms")["term"].to_pylist()
    assert terms == sorted(terms) and store.read("terms")["term_id"].to_pylist() == list(range(len(terms)))
    m = store.read("mentions").to_pandas()
    assert m.columns.tolist() == ["article_id", "field", "start", "end", "sent_start", "sent_end", "agency_id",
                                  "resolved", "surface", "level", "region", "kind", "parent"]
    assert "sentence" not in m  # offsets, not sentence copies
    assert store.meta["tables"]["articles"] == 12 and store.n_articles == 12


def test_memory_backend_from_store_equals_todays_objects(store, tk, matcher):
    mem = Q.MemoryBackend.from_store(store)
    pd.testing.assert_frame_equal(mem.articles.drop(columns=[KEY]), ARTS)
    pd.testing.assert_frame_equal(mem.mentions, find_mentions(ARTS, matcher))
    corpus = tokenize_corpus(ARTS, tk)
    assert mem.corpus.doc_lengths.tolist() == corpus.doc_lengths.tolist()
    for term in corpus.vocab:
        assert mem.corpus.term_vector(term).tolist() == corpus.term_vector(term).tolist(), term
    assert sorted(mem.corpus.vocab) == sorted(corpus.vocab)
    pd.testing.assert_frame_equal(mem.corpus.top_terms(None, 30), corpus.top_terms(None, 30))
    # term sequences (what phrases use) name the same terms in the same order
    assert mem.corpus.offsets.tolist() == corpus.offsets.tolist()
    names = lambda c: [c.vocab[i] if i >= 0 else None for i in c.sequence.tolist()]  # noqa: E731
    assert names(mem.corpus) == names(corpus)
    from analysis.phrases import phrases

    pd.testing.assert_frame_equal(phrases(mem.corpus, n=10, min_count=1), phrases(corpus, n=10, min_count=1))
    assert len(phrases(corpus, n=10, min_count=1)) > 0


def test_memory_backend_from_store_with_the_uploads_texts_is_the_same(store, matcher):
    """An upload hands the texts it built while its workers ran (``ArticleTexts`` of its keyed table): the
    backend holds the same articles, mentions (with their sentences) and query texts as one read from the store."""
    from analysis.filters import search_texts
    from analysis.store.backends import ArticleTexts

    keyed = store.articles()
    texts = ArticleTexts.of(keyed)
    assert texts.titles[8] == "标题8 通知" and texts.bodies[8] == "" and texts.search[8] == "标题8 通知\n"
    assert texts.search[2] == "标题2 通知\n" + BODIES[2].lower() and texts.search == search_texts(ARTS)
    plain, given = Q.MemoryBackend.from_store(store), Q.MemoryBackend.from_store(store, texts=texts)
    pd.testing.assert_frame_equal(given.articles, plain.articles)
    pd.testing.assert_frame_equal(given.mentions, plain.mentions)
    pd.testing.assert_frame_equal(given.mentions, find_mentions(ARTS, matcher))
    assert given.texts() is texts.search and given.texts() == plain.texts()
    short = ArticleTexts(texts.titles[:-1], texts.bodies[:-1], texts.search[:-1])   # another table's texts
    with pytest.raises(LoadError):
        Q.MemoryBackend.from_store(store, texts=short)


def test_tables_do_not_depend_on_batching(store, spec):
    one = build_tables(ARTS, spec, batch_rows=1000)
    for name in TABLES:
        assert one[name].equals(store.read(name)), name


FILTERS = st.builds(
    Filters,
    date_from=st.sampled_from([None, pd.Timestamp("2020-12-28"), pd.Timestamp("2021-01-04")]),
    date_to=st.sampled_from([None, pd.Timestamp("2021-01-03"), pd.Timestamp("2021-01-10")]),
    sources=st.lists(st.sampled_from(["甲", "乙", "丙", "", "丁"]), max_size=2, unique=True).map(tuple),
    query=st.lists(st.sampled_from(TERMS + ["OR", "NOT", "-计量"]), max_size=3).map(" ".join)
    .filter(lambda q: not q.endswith("NOT")),
    agencies=st.lists(st.sampled_from(["国家市场监督管理总局", "国务院", "海南省市场监督管理局", "不存在的局"]),
                      max_size=2, unique=True).map(tuple),
    dedupe=st.booleans(), keep_undated=st.booleans())


@settings(max_examples=60, deadline=None)
@given(f=FILTERS, freq=st.sampled_from(["day", "week", "month", "quarter", "year"]))
def test_backends_agree_on_random_filters(backends, tk, f, freq):
    mem, duck = backends
    a, b = mem.select(f), duck.select(f)
    assert Q.selection_mask(duck, b).tolist() == a.mask.tolist()
    assert Q.count(duck, b) == int(a.mask.sum())
    pd.testing.assert_frame_equal(Q.top_terms(mem, a, 8), Q.top_terms(duck, b, 8))
    pd.testing.assert_frame_equal(Q.agency_summary(mem, a), Q.agency_summary(duck, b))
    for same in (False, True):
        pd.testing.assert_frame_equal(Q.cooccurrence(mem, a, same_sentence=same),
                                      Q.cooccurrence(duck, b, same_sentence=same))
    (vm, um), (vd, ud) = Q.volume(mem, a, freq), Q.volume(duck, b, freq)
    pd.testing.assert_frame_equal(vm, vd)
    assert um == ud
    pd.testing.assert_frame_equal(Q.sources(mem, a), Q.sources(duck, b))
    for term in ("计量", "标准化"):
        pd.testing.assert_frame_equal(QR.kwic(mem, a, term, tokenizer=tk, width=5),
                                      QR.kwic(duck, b, term, tokenizer=tk, width=5))
    pd.testing.assert_frame_equal(QR.kwic(mem, a, "监督", width=3), QR.kwic(duck, b, "监督", width=3))
    for limit in (1, 3):  # the SQL backend reads candidate articles page by page until the limit
        pd.testing.assert_frame_equal(QR.kwic(mem, a, "部署", tokenizer=tk, limit=limit),
                                      QR.kwic(duck, b, "部署", tokenizer=tk, limit=limit))


def test_kwic_of_a_stopword_finds_its_whole_words_on_both_backends(backends, tk):
    """A stopword (召开) has no doc_terms of its own: the SQL side takes the texts that hold it (tester s16 K1)."""
    mem, duck = backends
    for be in backends:
        out = QR.kwic(be, be.select(Filters(dedupe=False)), "召开", tokenizer=tk, width=2)
        assert out[["id", "left", "term", "right"]].values.tolist() == [[1, "总局", "召开", "会议"],
                                                                         [10, "务部", "召开", "新闻"]]
    for limit in (1, None):
        pd.testing.assert_frame_equal(QR.kwic(mem, mem.select(Filters()), "召开", tokenizer=tk, limit=limit),
                                      QR.kwic(duck, duck.select(Filters()), "召开", tokenizer=tk, limit=limit))


CELL_FILTERS = st.builds(  # selections the roll-ups answer (whole months), and some they cannot (mid-month)
    Filters,
    date_from=st.sampled_from([None, pd.Timestamp("2020-12-01"), pd.Timestamp("2021-01-01"), pd.Timestamp("2021-01-04"),
                               pd.Timestamp("2020-12-28")]),
    date_to=st.sampled_from([None, pd.Timestamp("2020-12-31"), pd.Timestamp("2021-01-31"), pd.Timestamp("2021-03-31")]),
    dedupe=st.booleans(), keep_undated=st.booleans())


@settings(max_examples=40, deadline=None)
@given(f=CELL_FILTERS)
def test_rollups_agree_with_the_base_tables(backends, f):
    mem, duck = backends
    a, b = mem.select(f), duck.select(f)
    whole_months = f.date_from not in (pd.Timestamp("2021-01-04"), pd.Timestamp("2020-12-28"))
    assert (duck.cells(b) is not None) == whole_months  # the roll-up path is the one under test
    pd.testing.assert_frame_equal(Q.top_terms(mem, a, 8), Q.top_terms(duck, b, 8))
    pd.testing.assert_frame_equal(Q.top_terms(mem, a, 1000), Q.top_terms(duck, b, 1000))
    pd.testing.assert_frame_equal(Q.agency_summary(mem, a), Q.agency_summary(duck, b))
    pd.testing.assert_frame_equal(Q.agency_summary(mem, a, aliases=False), Q.agency_summary(duck, b, aliases=False))
    pd.testing.assert_frame_equal(Q.cooccurrence(mem, a), Q.cooccurrence(duck, b))


@settings(max_examples=40, deadline=None)
@given(rows=st.sets(st.integers(0, len(BODIES) - 1)))
def test_doc_rows_count_any_rows(backends, rows):
    """doc_rows (doc_terms by row, memory-mapped) give the counts of the in-memory matrix for any rows."""
    mem, duck = backends
    mask = np.zeros(len(BODIES), dtype=bool)
    mask[sorted(rows)] = True
    cnt, docs = duck.term_counts(np.flatnonzero(mask))
    want_cnt, want_docs = mem.corpus.counts(mask)
    assert duck.term_names().tolist() == mem.corpus.vocab  # the same ids on both
    assert cnt.tolist() == np.asarray(want_cnt).tolist() and docs.tolist() == np.asarray(want_docs).tolist()


def test_top_terms_of_any_selection_read_doc_rows(backends, monkeypatch):
    """Selections the roll-ups cannot answer take the doc_rows path — more than half the articles through the
    totals minus the rows left out — and equal the in-memory reference (no doc_terms scan)."""
    mem, duck = backends
    seen = []
    real = duck.term_counts
    monkeypatch.setattr(duck, "term_counts", lambda rows: seen.append(len(rows)) or real(rows))
    for f, read in ((Filters(sources=("甲",)), 4), (Filters(dedupe=False, query="NOT 不存在"), 0),
                    (Filters(date_from=pd.Timestamp("2020-12-28"), date_to=pd.Timestamp("2021-01-10")), 5)):
        a, b = mem.select(f), duck.select(f)
        pd.testing.assert_frame_equal(Q.top_terms(mem, a, 5), Q.top_terms(duck, b, 5))
        pd.testing.assert_frame_equal(Q.top_terms(mem, a, 1000), Q.top_terms(duck, b, 1000))
        assert seen[-1] == read, f  # rows read: the selection, or the rows left out when it is the larger part
    # dates inside months around whole months: the months from the roll-up cells, only the edge rows read
    for keep_undated in (False, True):
        f = Filters(date_from=pd.Timestamp("2020-12-15"), date_to=pd.Timestamp("2021-02-10"), keep_undated=keep_undated)
        a, b = mem.select(f), duck.select(f)
        pd.testing.assert_frame_equal(Q.top_terms(mem, a, 1000), Q.top_terms(duck, b, 1000))
        assert seen[-1] == 3  # 2020-12-27, 2020-12-28 (its repost is left out), 2021-02-01
    assert Q.top_terms(duck, duck.select(Filters(sources=("甲",))), 0).empty


def test_agency_counts_of_any_selection_read_the_agency_index(backends, monkeypatch):
    """Agency ranking and network of selections the roll-ups cannot answer come from the agency indexes by
    row (no SQL over mentions) and equal the in-memory reference; the same-sentence network still uses SQL."""
    mem, duck = backends
    real = duck.query

    def no_mentions(sql, params=()):
        assert "mentions m" not in sql, sql
        return real(sql, params)

    ix = duck.agency_index()
    assert ix["row"].tolist() == sorted(ix["row"].tolist()) and len(ix["pair_row"]) == 3  # the three pairs
    for f in (Filters(sources=("甲", "丙")), Filters(query="发布 OR 部署"), Filters(agencies=("国务院",)),
              Filters(date_from=pd.Timestamp("2021-01-02"), dedupe=False), Filters(sources=("丁",))):
        a, b = mem.select(f), duck.select(f)
        with monkeypatch.context() as m:
            m.setattr(duck, "query", no_mentions)
            for aliases in (True, False):
                pd.testing.assert_frame_equal(Q.agency_summary(mem, a, aliases=aliases),
                                              Q.agency_summary(duck, b, aliases=aliases))
            pd.testing.assert_frame_equal(Q.cooccurrence(mem, a), Q.cooccurrence(duck, b))
        pd.testing.assert_frame_equal(Q.cooccurrence(mem, a, same_sentence=True),
                                      Q.cooccurrence(duck, b, same_sentence=True))


def test_cell_condition():
    assert Q.cell_condition(Filters()) == ("NOT c.dup", [])
    assert Q.cell_condition(Filters(dedupe=False, query="  ")) == ("TRUE", [])
    f = Filters(date_from=pd.Timestamp("2021-01-01"), date_to=pd.Timestamp("2021-02-28"), keep_undated=True)
    assert Q.cell_condition(f) == ("NOT c.dup AND ((c.month >= ? AND c.month <= ?) OR c.month IS NULL)", [612, 613])
    for bad in (Filters(sources=("甲",)), Filters(query="计量"), Filters(agencies=("国务院",)),
                Filters(date_to=pd.Timestamp("2021-02-27")), Filters(date_from=pd.Timestamp("2021-02-02"))):
        assert Q.cell_condition(bad) is None


def test_known_selection_values(backends):
    mem, duck = backends
    f = Filters(date_from=pd.Timestamp("2020-12-28"), date_to=pd.Timestamp("2021-01-03"), query="gdp OR 经济")
    for be in backends:
        sel = be.select(f)
        assert Q.count(be, sel) == 2  # rows 2 (GDP) and 3 (经济); row 9 (Gdp) is outside the dates
        vol, undated = Q.volume(be, sel, "week")
        assert vol["period"].tolist() == ["2020-W53"] and vol["articles"].tolist() == [2] and undated == 0
        top = Q.top_terms(be, sel, 2)
        assert top.columns.tolist() == ["term", "count", "documents", "tfidf"]
    kw = QR.kwic(duck, duck.select(Filters()), "gdp", width=2)
    assert kw["term"].tolist() == ["gdp"]  # substring KWIC is case-sensitive: GDP and Gdp are not rows
    co = Q.cooccurrence(duck, duck.select(Filters()))
    assert co.to_dict("list") == {"a": ["中国计量科学研究院", "国务院", "国家税务总局"],
                                  "b": ["国家市场监督管理总局", "国家发展和改革委员会", "财政部"], "articles": [1, 1, 1]}
    # row 1 names 总局 and 计量院 in different sentences: not a same-sentence pair
    assert Q.cooccurrence(duck, duck.select(Filters()), same_sentence=True)["a"].tolist() == ["国务院", "国家税务总局"]
    ag = Q.agency_summary(duck, duck.select(Filters(dedupe=False)))
    assert ag.set_index("agency").loc["海南省市场监督管理局", "documents"] == 2


def test_errors(backends, store, tmp_path):
    mem, duck = backends
    with pytest.raises(InvalidOption, match="selection"):
        Q.top_terms(duck, mem.select(Filters()))
    with pytest.raises(InvalidOption, match="query"):
        duck.select(Filters(query='"unclosed'))
    with pytest.raises(InvalidOption, match="freq"):
        Q.volume(duck, duck.select(Filters()), "hour")
    with pytest.raises(InvalidOption, match="n"):
        Q.top_terms(duck, duck.select(Filters()), -1)
    (tmp_path / "half").mkdir()
    with pytest.raises(LoadError, match="incomplete"):
        Store(tmp_path / "half")
    (tmp_path / "half" / "meta.json").write_text("{}")
    with pytest.raises(LoadError, match="lacks tables"):
        Store(tmp_path / "half")
    # a store of the first format (no term_seq) still opens; its corpus has no sequences (no phrases)
    import shutil

    old = tmp_path / "old"
    shutil.copytree(store.path, old)
    (old / "term_seq.parquet").unlink()
    mem_old = Q.MemoryBackend.from_store(Store(old))
    assert mem_old.corpus.sequence is None and mem_old.corpus.term_vector("计量").tolist() == \
        mem.corpus.term_vector("计量").tolist()


def test_empty_selection(backends):
    f = Filters(sources=("丁",))
    for be in backends:
        sel = be.select(f)
        assert Q.count(be, sel) == 0
        assert Q.top_terms(be, sel, 5).empty and Q.agency_summary(be, sel).empty
        vol, undated = Q.volume(be, sel, "month")
        assert vol.empty and undated == 0


def test_dataset_store_is_keyed_and_replaced(tmp_path, spec):
    lib = Library(tmp_path)
    info = lib.save("甲", ARTS)
    s1 = dataset_store(lib, info.id, spec)
    assert dataset_store(lib, info.id, spec).path == s1.path  # opened, not rebuilt
    assert s1.meta["dataset"] == info.id and s1.meta["digest"] == info.digest
    lib.save("甲", ARTS.head(5), dataset_id=info.id)  # a new version
    s2 = dataset_store(lib, info.id, spec)
    assert s2.path != s1.path and not s1.path.exists() and s2.n_articles == 5
    assert s2.read("articles")["article_id"].to_pylist() == article_ids(ARTS.head(5)).tolist()
    other = AnalysisSpec(tokenizer=build_tokenizer(["通知标题"], agencies=False).settings, agency_user_path="")
    assert dataset_store(lib, info.id, other).path != s2.path  # another dictionary, another store
    assert pa.types.is_date32(s2.read("articles").schema.field("date").type)


def test_stores_nobody_uses_are_removed(tmp_path, spec):
    """tester M2: each dictionary change left a full store of the dataset on disk for ever. Now a version keeps
    its STORES_KEPT most recently used stores (the one just built counts); older, unopened ones go."""
    import os

    from analysis.store.store import STORES_KEPT, drop_unused_stores

    lib = Library(tmp_path)
    info = lib.save("甲", ARTS)
    specs = [AnalysisSpec(tokenizer=build_tokenizer([w], agencies=False).settings, agency_user_path="")
             for w in ("词一号", "词二号", "词三号", "词四号")]
    stores = []
    for k, sp in enumerate([spec, *specs[:2]]):  # three settings: all kept
        stores.append(dataset_store(lib, info.id, sp))
        os.utime(stores[-1].path / "meta.json", (1_000 + k, 1_000 + k))  # used in this order
    assert STORES_KEPT == 3 and all(s.path.exists() for s in stores)
    Store(stores[0].path)  # the first one opened again: now the most recently used of the three
    newest = dataset_store(lib, info.id, specs[2])  # a fourth settings' store: the least recently used goes
    assert newest.path.exists() and stores[0].path.exists() and stores[2].path.exists()
    assert not stores[1].path.exists()
    assert drop_unused_stores(newest.path.parent, info.id, info.version, newest.path, kept=1) == \
        sorted([stores[0].path.name, stores[2].path.name], key=lambda n: n != stores[0].path.name)
    assert sorted(p.name for p in newest.path.parent.iterdir()) == [newest.path.name]  # the one kept never goes
    other = lib.save("乙", ARTS.head(3))
    s_other = dataset_store(lib, other.id, spec)
    drop_unused_stores(newest.path.parent, info.id, info.version, newest.path, kept=1)
    assert s_other.path.exists()  # other datasets' stores are not touched


def test_open_backend_picks_memory_for_small_stores(store):
    from analysis.store.backends import open_backend

    assert isinstance(open_backend(store), Q.MemoryBackend)
    duck = open_backend(store, memory_max=5)
    assert isinstance(duck, Q.DuckBackend) and Q.count(duck, duck.select(Filters())) == 11
    duck.close()


def test_query_filter_with_the_bigram_index(spec, tmp_path):
    """Articles that hold every bigram of a term but not the term, a term across title and body, case, a
    one-character term: the bigram path (two characters: the index alone; longer: candidates checked on the
    text; one: a scan) selects exactly what the in-memory query does."""
    bodies = ["推进标准化工作。", "标准与准化不同。", "GDP 增长。", "局长讲话。", "化学。", "标准化"]
    titles = ["甲", "乙", "丙", "丁", "标准", "戊"]
    arts = coerce_articles(pd.DataFrame({"title": titles, "body": bodies, "date": ["2021-01-01"] * 6,
                                         "source": ["甲"] * 6}))
    store = build_store(tmp_path / "s", arts, spec)
    b = store.read("bigrams").to_pandas()
    assert b["key"].is_monotonic_increasing and len(b) == len(b.drop_duplicates())
    assert sorted(b.loc[b["key"] == (ord("准") << 21 | ord("化")), "row"]) == [0, 1, 5]
    assert not (b["key"] == (ord("\n") << 21 | ord("化"))).any()  # pairs with the title/body newline are left out
    mem, duck = Q.MemoryBackend.from_store(store), Q.DuckBackend(store)
    expect = {"标准化": [0, 5], "准化": [0, 1, 5], "gdp": [2], "GDP": [2], "局": [3], "标准 -标准化": [1, 4],
              "准化 OR 局": [0, 1, 3, 5]}
    for query, rows in expect.items():
        f = Filters(query=query)
        assert np.flatnonzero(Q.selection_mask(duck, duck.select(f))).tolist() == rows, query
        assert np.flatnonzero(mem.select(f).mask).tolist() == rows, query
    sel = duck.select(Filters(query="准化", sources=("甲",)))
    assert sel.tables and Q.count(duck, sel) == 3
    duck.close()


def test_sorted_distinct_is_pythons_sorted_set():
    """The global term names of ``combine``: distinct, in the order of Python's ``sorted`` (code points — also
    past the Basic Multilingual Plane, where UTF-16 order would differ)."""
    from analysis.store.batch import sorted_distinct

    words = ["计量", "b", "a", "\U00020000", "ｚ", "中", "a", "", "Ab", "计量局"]
    got = sorted_distinct([pa.array(words[:5], pa.string()), pa.array([], pa.string()), pa.array(words[5:], pa.string())])
    assert got.type == pa.string()
    assert got.to_pylist() == ["", "Ab", "a", "b", "中", "计量", "计量局", "ｚ", "\U00020000"] == sorted(set(words))
    assert sorted_distinct([]).to_pylist() == []
