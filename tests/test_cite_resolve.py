"""``analysis.store.cite_resolve``: the ``resolved_id`` of the store's ``citations`` table, resolved once when the
store is built — by an ingest whose parts cannot see each other (targets in other parts), equal to the
one-process build and to the 政策 page's own rows; the version rules (never a later document); a target outside
the selection; a store of an older ingest (no ``resolved_id``) still opens and asks for a re-ingest."""
from __future__ import annotations

import contextlib
import json
import shutil

import numpy as np
import pandas as pd
import pyarrow.parquet as pq
import pytest

from analysis.errors import LoadError
from analysis.filters import Filters
from analysis.library import Library
from analysis.policy.citation_index import CorpusIndex, written_by
from analysis.store import ingest as ing, query as Q, query_citations as QC
from analysis.store.build import build_tables
from analysis.store.cite_resolve import frame_resolved, resolve, until_years
from analysis.store.citations import citation_tables
from analysis.store.runner import LocalRunner
from analysis.store.store import Store
from tests.test_query_citations import BODIES, FILTERS, TITLES
from tests.test_store_pages import spec  # noqa: F401 (the store's analysis spec)

DATES = ["2020-03-01", "2001-05-02", "2021-06-01", "2022-01-10", "2020-04-01", "2020-03-05", ""]
SOURCES = ["甲", "乙", "乙", "甲", "丙", "丙", "甲"]


@pytest.fixture(scope="module")
def ingested(spec, tmp_path_factory):  # noqa: F811
    """The 7 documents of ``test_query_citations`` ingested in parts of 3 rows: 4 cites 3, 5 cites 1 and 2 — in
    other parts; 6 (a repost of 1) cites 1."""
    root = tmp_path_factory.mktemp("resolve")
    (root / "in").mkdir()
    path = root / "in" / "docs.jsonl"
    path.write_text("".join(json.dumps({"title": t, "body": b, "date": d, "source": s, "url": f"http://x.cn/{i}"},
                                       ensure_ascii=False) + "\n"
                            for i, (t, b, d, s) in enumerate(zip(TITLES, BODIES, DATES, SOURCES))), encoding="utf-8")
    mp = pytest.MonkeyPatch()
    mp.setattr(ing, "PART_ROWS", 3)
    try:
        lib = Library(root / "lib")
        info, store = ing.ingest([str(path)], "引用", library=lib, runner=LocalRunner(1), spec=spec)
    finally:
        mp.undo()
    with contextlib.closing(Q.DuckBackend(store)) as duck:
        yield lib, info, store, duck


def _ids(store: Store) -> dict[int, int]:
    arts = store.read("articles", ["article_id", "id"]).to_pandas()
    return dict(zip(arts["article_id"].tolist(), arts["id"].tolist()))


def test_ingest_resolves_across_parts(ingested, spec):  # noqa: F811
    lib, info, store, duck = ingested
    assert store.meta["parts"] == [0, 3, 6]
    assert len(store.files("citations")) == 3
    ids = _ids(store)
    c = store.read("citations")
    got = [(ids[a], w, s, None if r is None else ids[r]) for a, w, s, r in zip(
        *(c.column(k).to_pylist() for k in ("article_id", "written", "self", "resolved_id")))]
    assert got == [
        (1, "《关于加强安全生产工作的通知》", False, 1),   # its 关于 subject: itself (a self-reference at query time)
        (1, "冀政发〔2020〕1号", True, None),            # self by its text: never resolved
        (1, "要求冀政〔2020〕5号", False, None),           # outside the corpus
        (2, "河北省人民政府令〔2001〕第9号", True, None),
        (3, "《河北省科学技术奖励办法》", True, None), (3, "河北省人民政府令〔2021〕第3号", True, None),
        (4, "《河北省重点实验室管理办法》", True, None), (4, "《办法》", True, None), (4, "《办法》", True, None),
        (4, "《河北省科学技术奖励办法（2021年修订）》", False, 3),   # in the part before: the version year picks 3
        (4, "《中华人民共和国安全生产法》", False, None),
        (5, "《关于加强安全生产工作的通知》", False, 1),
        (5, "《河北省科学技术奖励办法》", False, 2),   # written 2020: the 2001 version, never the 2021 one
        (5, "要求冀政〔2020〕5号", False, None), (5, "冀政发〔2020〕1号", False, 1),
        (6, "《关于加强安全生产工作的通知》", False, 1),   # a repost is never a target: 1, not itself
        (6, "冀政发〔2020〕1号", True, None), (6, "要求冀政〔2020〕5号", False, None),
    ]
    mem = build_tables(lib.load(info.id, keys=True)[0], spec)
    assert store.read("citations").equals(mem["citations"])   # = the one-process build of the saved table
    assert store.read("citations").schema.field("resolved_id").type == "int64"
    data = lib.data_file(info.id)
    ref = Q.MemoryBackend.from_store(store)   # the page's own code (find_citations) on the saved table
    for f in FILTERS:
        pd.testing.assert_frame_equal(QC.citations(duck, duck.select(f), data), QC.citations(ref, ref.select(f), data))


def test_target_outside_the_selection_stays_named(ingested):
    """Source 甲 (documents 1, 4, 7): 4 cites the 2021 version, document 3 of source 乙 — still its target,
    named in most cited and counted in 4's references, as on the page; 3 is not a row of the documents table."""
    lib, info, store, duck = ingested
    data = lib.data_file(info.id)
    ref = Q.MemoryBackend.from_store(store)
    sel = duck.select(Filters(sources=("甲",)))
    c = QC.citations(duck, sel, data)
    row = c[c["written"] == "《河北省科学技术奖励办法（2021年修订）》"]
    assert row[["id", "resolved_id", "self"]].astype(object).values.tolist() == [[4, 3, False]]
    top = QC.top_cited(duck, sel, data, 10, inside=True)
    assert top.astype(object).values.tolist() == [["河北省科学技术奖励办法", 1, 1, True, 3, "河北省人民政府令〔2021〕第3号"]]
    pd.testing.assert_frame_equal(top, QC.top_cited(ref, ref.select(Filters(sources=("甲",))), data, 10, inside=True))
    total, docs = QC.documents(duck, sel, data)
    assert total == 3 and docs[["id", "citing", "cited_by"]].values.tolist() == [[1, 0, 0], [4, 2, 0], [7, 0, 0]]


def test_store_of_an_older_ingest_opens_and_asks_for_a_reingest(ingested, tmp_path):
    lib, info, store, duck = ingested
    folder = tmp_path / "old"
    shutil.copytree(store.path, folder)
    for part in (folder / "citations.parquet").glob("part-*.parquet"):   # as the previous version wrote them
        pq.write_table(pq.read_table(part).drop_columns(["resolved_id"]), part)
    with contextlib.closing(Q.DuckBackend(Store(folder))) as old:
        assert Q.count(old, old.select(Filters())) == 6   # the store opens and answers the other pages
        assert not QC.has_citations(old) and QC.has_citations(duck)
        assert QC.stored_rows(old, old.select(Filters())) == QC.stored_rows(duck, duck.select(Filters())) == 15
        with pytest.raises(LoadError) as err:
            QC.citations(old, old.select(Filters()), lib.data_file(info.id))
    assert err.value.code == "store.no_citations"


def test_never_a_document_written_later():
    """《X管理办法》 exists only as a 2006 document: a citing document written in 2000 does not mean it (null), one
    of 2010 does; a document of unknown year resolves without the filter; self rows are never resolved."""
    df = pd.DataFrame({"article_id": [101, 102, 103, 104],
                       "title": ["河北省X管理办法", "关于做好X工作的通知", "关于执行X工作的意见", "X工作简报"],
                       "body": ["《河北省X管理办法》自公布之日起施行。", "根据《河北省X管理办法》执行。", "依据《河北省X管理办法》执行。",
                                "落实《河北省X管理办法》。"],
                       "doc_number": ["", "", "", ""],
                       "written_date": pd.to_datetime(["2006-03-01", "2000-05-01", "2010-01-01", None]),
                       "date": pd.to_datetime(["2006-03-05", "2000-05-02", "2010-01-02", None]),
                       "duplicate_of": pd.array([pd.NA] * 4, dtype="Int64")})
    tables = citation_tables(df["article_id"].to_numpy(), df["title"], df["body"], df["doc_number"])
    cites = tables["citations"]
    got = frame_resolved(tables, df)
    assert got.column("article_id").to_pylist() == [101, 102, 103, 104]
    assert got.column("self").to_pylist() == [True, False, False, False]
    assert got.column("resolved_id").to_pylist() == [None, None, 101, 101]
    assert got.column_names[:-1] == cites.column_names and got.column_names[-1] == "resolved_id"


def test_resolve_once_per_distinct_reference():
    seen: list[set] = []
    index = CorpusIndex(pd.DataFrame({"id": [7, 8], "title": ["河北省A条例", "河北省B条例"], "date": ["2001-01-01"] * 2}))

    def index_for(pairs):
        seen.append(pairs)
        return index

    got = resolve(["河北省A条例", "河北省A条例", "B条例", "河北省B条例", ""], ["", "", "", "", "冀政〔2020〕5号"],
                  np.array([False, False, False, True, False]), np.array([2020, 2020, 2020, 2020, -1]), index_for)
    assert got.tolist() == [7, 7, -1, -1, -1]   # 《B条例》 is no key of 河北省B条例; the self row is not resolved
    assert seen == [{("河北省A条例", ""), ("B条例", ""), ("", "冀政〔2020〕5号")}]
    assert resolve([], [], np.array([], dtype=bool), np.array([], dtype=np.int64), index_for).tolist() == []
    assert resolve(["甲"], [""], np.array([True]), np.array([-1]), index_for).tolist() == [-1] and len(seen) == 1


def test_until_years():
    fields = pd.DataFrame({"title": ["X办法（2019年修订）", "Y通知", "Z意见", "W", "V"],
                           "doc_number": ["", "冀政发〔2015〕3号", "", "", None],
                           "written_date": [None, None, pd.Timestamp("2012-04-01"), None, None],
                           "date": [pd.Timestamp("2020-01-01")] * 3 + [pd.Timestamp("2018-02-02"), None]})
    assert until_years(fields).tolist() == [2019, 2015, 2012, 2018, -1]
    assert until_years(fields[["title"]]).tolist() == [2019, -1, -1, -1, -1]
    assert until_years(fields).tolist() == [-1 if (y := written_by(t, n or "", w, d)) is None else y
                                            for t, n, w, d in fields.itertuples(index=False)]
