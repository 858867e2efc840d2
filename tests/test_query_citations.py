"""``analysis.store.query_citations`` and the store's citation tables (``analysis.store.citations``): the
references of a selection, the most cited titles and the documents table are identical on both backends and
equal to the 政策 page's own functions (``find_citations``, ``top_cited``, ``documents_table`` +
``filter_documents``) on the same articles — exact values; and the split of ``find_citations`` into
extraction (at ingest) and resolution (at query time) changes no row."""
from __future__ import annotations

import contextlib

import numpy as np
import pandas as pd
import pytest

from analysis.errors import InvalidOption, LoadError
from analysis.filters import Filters, filter_mask
from analysis.library import Library
from analysis.policy.citations import find_citations, top_cited
from analysis.policy.documents import documents_table, filter_documents
from analysis.policy.metadata import add_policy_columns
from analysis.schema import coerce_articles
from analysis.store import query as Q
from analysis.store import query_citations as QC
from analysis.store.citations import citation_tables, document_keys, key_hash, lookup_keys
from analysis.store.store import Store, dataset_store
from tests.test_store_pages import spec  # noqa: F401 (the store's analysis spec)

TITLES = [
    "河北省人民政府关于加强安全生产工作的通知",                       # 1: cites itself by its 关于 subject
    "河北省科学技术奖励办法",                                         # 2: version of 2001
    "河北省科学技术奖励办法",                                         # 3: version of 2021
    "关于印发《河北省重点实验室管理办法》的通知",                     # 4: 印发 notice, 简称《办法》
    "新闻:各地贯彻落实安全生产部署",                                  # 5: news citing 1 by subject, and 文号
    "河北省人民政府关于加强安全生产工作的通知",                       # 6: repost of 1 (never a target)
    "国务院召开常务会议",                                             # 7: no reference at all
]
BODIES = [
    "河北省人民政府\n冀政发〔2020〕1号\n《关于加强安全生产工作的通知》要求冀政〔2020〕5号同步执行。",
    "河北省人民政府令〔2001〕第9号\n为奖励科技进步，制定本办法。",
    "河北省人民政府令〔2021〕第3号\n根据《河北省科学技术奖励办法》（河北省人民政府令〔2001〕第9号）修订。",
    "现将《河北省重点实验室管理办法》（以下简称《办法》）印发给你们。《办法》自公布之日起施行。"
    "依据《河北省科学技术奖励办法（2021年修订）》和《中华人民共和国安全生产法》执行。",
    "各地认真贯彻《关于加强安全生产工作的通知》要求冀政〔2020〕5号同步执行。根据冀政发〔2020〕1号文件，"
    "落实《河北省科学技术奖励办法》。附件：1.《安全检查表》",
    "河北省人民政府\n冀政发〔2020〕1号\n《关于加强安全生产工作的通知》要求冀政〔2020〕5号同步执行。",
    "会议研究了经济工作。",
]
ARTS = add_policy_columns(coerce_articles(pd.DataFrame({
    "title": TITLES, "body": BODIES,
    "date": ["2020-03-01", "2001-05-02", "2021-06-01", "2022-01-10", "2020-04-01", "2020-03-05", None],
    "source": ["甲", "乙", "乙", "甲", "丙", "丙", "甲"]})))
ARTS["duplicate_of"] = pd.array([pd.NA, pd.NA, pd.NA, pd.NA, pd.NA, 1, pd.NA], dtype="Int64")
FILTERS = [Filters(), Filters(dedupe=False), Filters(sources=("甲",)), Filters(sources=("丙",), dedupe=False),
           Filters(date_from=pd.Timestamp("2020-01-01")), Filters(sources=("无此来源",)), Filters(query="安全生产")]


@pytest.fixture(scope="module")
def saved(spec, tmp_path_factory):  # noqa: F811
    lib = Library(tmp_path_factory.mktemp("citations"))
    info = lib.save("引用", ARTS)
    store = dataset_store(lib, info.id, spec)
    with contextlib.closing(Q.DuckBackend(store)) as duck:
        yield Q.MemoryBackend.from_store(store), duck, lib.data_file(info.id)


def _page(f: Filters):
    """What the 政策 page computes (views/policy.py): every citation of the dataset, rows of the selected
    citing documents; the selected articles."""
    arts = ARTS.assign(id=np.arange(1, len(ARTS) + 1))
    mask = filter_mask(ARTS, f)
    cites = find_citations(arts)
    ids = set(arts.loc[mask, "id"].tolist())
    return arts, arts[mask], cites[cites["id"].isin(ids)].reset_index(drop=True)


@pytest.mark.parametrize("f", FILTERS)
def test_citations_of_both_backends_equal_the_page(saved, f):
    mem, duck, data = saved
    arts, shown, own = _page(f)
    got_mem, got_duck = QC.citations(mem, mem.select(f), data), QC.citations(duck, duck.select(f), data)
    pd.testing.assert_frame_equal(got_mem, got_duck)
    pd.testing.assert_frame_equal(got_duck, own)
    short = own.drop(columns=["sentence", "written"])   # text=False: the same rows without the two text columns
    pd.testing.assert_frame_equal(QC.citations(duck, duck.select(f), data, text=False), short)
    pd.testing.assert_frame_equal(QC.citations(mem, mem.select(f), data, text=False), short)
    for inside in (None, True, False):
        pd.testing.assert_frame_equal(QC.top_cited(duck, duck.select(f), data, 10, inside=inside),
                                      top_cited(own, arts, 10, inside=inside))
        pd.testing.assert_frame_equal(QC.top_cited(mem, mem.select(f), data, 10, inside=inside),
                                      top_cited(own, arts, 10, inside=inside))
    table = documents_table(shown, own)
    for kw in ({}, {"text": "安全"}, {"issuers": ["河北省人民政府"]}, {"min_citing": 1}, {"min_cited_by": 1},
               {"date_column": "date", "years": (2020, 2021)}, {"types": ["通知"]}):
        ref = filter_documents(table, **kw)
        for be in (mem, duck):
            total, page = QC.documents(be, be.select(f), data, **kw)
            assert total == len(ref)
            pd.testing.assert_frame_equal(page, ref)
    for be in (mem, duck):
        total, page = QC.documents(be, be.select(f), data, sort="title", descending=True, limit=2, offset=1)
        ref = table.sort_values("title", ascending=False, kind="stable").iloc[1:3].reset_index(drop=True)
        assert total == len(table)
        pd.testing.assert_frame_equal(page, ref)


def test_exact_rows(saved):
    _, duck, data = saved
    c = QC.citations(duck, duck.select(Filters(dedupe=False)), data)
    got = c[["id", "written", "self", "resolved_id", "role"]].astype(object).values.tolist()
    assert got == [
        # 1 names itself by its 文号 and by its 关于 subject (resolved to itself: a self-reference), so the
        # 文号 standing inside the span of its own title is no row
        [1, "冀政发〔2020〕1号", True, 1, "other"], [1, "《关于加强安全生产工作的通知》", True, 1, "implementation"],
        [2, "河北省人民政府令〔2001〕第9号", True, 2, "other"],
        [3, "河北省人民政府令〔2021〕第3号", True, 3, "other"], [3, "《河北省科学技术奖励办法》", True, 3, "amendment"],
        [4, "《河北省重点实验室管理办法》", True, 4, "other"], [4, "《办法》", True, 4, "other"],
        [4, "《办法》", True, 4, "other"],
        [4, "《河北省科学技术奖励办法（2021年修订）》", False, 3, "basis"],   # the version year picks 3
        [4, "《中华人民共和国安全生产法》", False, pd.NA, "basis"],
        # 5 (news) cites 1 by subject and 文号; a title without 文号 or year: the first document holding it
        [5, "《关于加强安全生产工作的通知》", False, 1, "implementation"],
        [5, "要求冀政〔2020〕5号", False, pd.NA, "implementation"],
        [5, "冀政发〔2020〕1号", False, 1, "basis"], [5, "《河北省科学技术奖励办法》", False, 2, "implementation"],
        # 6, a repost with 1's title and body: its 《…》 resolves to 1 (a repost is never a target), not to
        # itself, so here the 文号 after the cited title is a row — the one difference made at query time
        [6, "冀政发〔2020〕1号", True, 6, "other"], [6, "《关于加强安全生产工作的通知》", False, 1, "implementation"],
        [6, "要求冀政〔2020〕5号", False, pd.NA, "other"],
    ]
    # the form in an attachment list gives no row; article 7 has no reference
    assert "《安全检查表》" not in c["written"].tolist() and 7 not in c["id"].tolist()
    assert QC.citations(duck, duck.select(Filters()), data)["id"].unique().tolist() == [1, 2, 3, 4, 5]
    top = QC.top_cited(duck, duck.select(Filters(dedupe=False)), data, 3)
    assert top.astype(object).values.tolist() == [
        ["河北省人民政府关于加强安全生产工作的通知", 3, 2, True, 1, "冀政发〔2020〕1号"],
        ["要求冀政〔2020〕5号", 2, 2, False, pd.NA, "要求冀政〔2020〕5号"],
        ["中华人民共和国安全生产法", 1, 1, False, pd.NA, ""]]


def test_documents_sorted_and_paged(saved):
    _, duck, data = saved
    total, page = QC.documents(duck, duck.select(Filters()), data, sort="cited_by", descending=True, limit=3)
    assert total == 6
    assert page[["id", "citing", "cited_by"]].values.tolist() == [[1, 0, 1], [2, 0, 1], [3, 0, 1]]
    total, page = QC.documents(duck, duck.select(Filters()), data, sort="citing", descending=True, limit=2)
    assert page[["id", "citing", "cited_by"]].values.tolist() == [[5, 4, 0], [4, 2, 0]]
    total, page = QC.documents(duck, duck.select(Filters()), data, sort="date", limit=10, offset=4)
    assert total == 6 and page["id"].tolist() == [4, 7]   # undated last
    with pytest.raises(InvalidOption):
        QC.documents(duck, duck.select(Filters()), data, sort="body")
    with pytest.raises(InvalidOption):
        QC.documents(duck, duck.select(Filters()), data, date_column="year", years=(2020, 2021))


def test_another_backends_selection_is_refused(saved):
    mem, duck, data = saved
    with pytest.raises(InvalidOption):
        QC.citations(duck, mem.select(Filters()), data)


def test_store_without_citation_tables_says_so(saved, tmp_path):
    _, duck, data = saved
    import shutil
    folder = tmp_path / "old"
    shutil.copytree(duck.store.path, folder)
    for t in ("citations", "doc_keys"):
        (folder / f"{t}.parquet").unlink()
    with contextlib.closing(Q.DuckBackend(Store(folder))) as old:
        assert not QC.has_citations(old) and QC.has_citations(duck)
        with pytest.raises(LoadError) as err:
            QC.citations(old, old.select(Filters()), data)
    assert err.value.code == "store.no_citations"


def test_keys_and_tables():
    assert document_keys("河北省人民政府关于加强安全生产工作的通知", "冀政发〔2020〕1号") == {
        "河北省人民政府关于加强安全生产工作的通知", "关于加强安全生产工作的通知", "#('冀政发', 2020, 1)"}
    assert lookup_keys("《中华人民共和国安全生产法》", "") == {"安全生产法"}
    assert key_hash("安全生产法") == key_hash("安全生产法") != key_hash("安全生产")
    t = citation_tables(np.array([11, 12]), ["甲", "乙"], ["无引用", "根据《安全生产法》执行。"], ["", ""])
    assert t["citations"].column("article_id").to_pylist() == [12]
    assert t["citations"].column("cited_title").to_pylist() == ["安全生产法"]
    assert t["doc_keys"].num_rows == 0   # titles of fewer than 3 characters answer to no key


def test_real_policy_corpus_split_is_exact(shared):
    """extract (at ingest) + resolve (at query time) = find_citations on the Hebei policy corpus and BJTCM."""
    from analysis.loaders import load_paths
    from analysis.policy.citation_index import CorpusIndex
    from analysis.policy.citations import extract_citations, has_references, resolve_pending

    arts = load_paths([str(shared / "corpora" / "hebei_gov"), str(shared / "corpora" / "bjtcm" / "notices.json")]).articles
    ref = find_citations(arts)
    index = CorpusIndex(arts)
    rows = []
    for aid, title, body, number in zip(arts["id"], arts["title"].fillna(""), arts["body"].fillna(""),
                                        arts["doc_number"].fillna("")):
        if has_references(body):
            rows.extend(resolve_pending(int(aid), title, number, extract_citations(title, body, number), index))
    assert len(rows) == len(ref) > 1000
    assert [tuple(r) for r in rows] == [tuple(None if v is pd.NA else v for v in r) for r in
                                        ref.astype(object).itertuples(index=False)]
