"""``analysis.store.query_policy``: the 政策 page's caption counts and issuer × year of a selection, read from the
saved table's policy fields — identical on both backends and equal to ``analysis.policy.documents.issuer_year``
of the same articles; exact values."""
from __future__ import annotations

import contextlib

import pandas as pd
import pytest

from analysis.errors import InvalidOption
from analysis.filters import Filters, filter_mask
from analysis.library import Library
from analysis.policy.documents import issuer_year
from analysis.policy.metadata import add_policy_columns
from analysis.schema import coerce_articles
from analysis.store import query as Q
from analysis.store import query_policy as QP
from analysis.store.store import dataset_store
from tests.test_store_pages import spec  # noqa: F401 (the store's analysis spec)

BODIES = ["河北省人民政府办公厅\n冀政办字〔2021〕12号\n各市人民政府:现将有关事项通知如下。",
          "河北省财政厅 河北省人民政府办公厅\n冀财预〔2020〕3号\n各市财政局:为做好预算工作,现通知如下。",
          "国务院召开常务会议,研究经济工作。",
          "河北省人民政府办公厅\n冀政办字〔2022〕5号\n关于做好工作的通知。",
          "河北省人民政府办公厅\n冀政办字〔2021〕30号\n各市人民政府:现将有关事项通知如下。"]
TITLES = ["河北省人民政府办公厅关于做好A工作的通知", "河北省财政厅 河北省人民政府办公厅关于做好B工作的通知", "新闻",
          "河北省人民政府办公厅关于做好C工作的通知", "河北省人民政府办公厅关于做好D工作的通知"]
ARTS = add_policy_columns(coerce_articles(pd.DataFrame({
    "title": TITLES, "body": BODIES, "date": ["2021-03-01", "2020-05-02", "2021-06-01", None, "2021-09-09"],
    "source": ["甲", "乙", "甲", "乙", "乙"]})))
FILTERS = [Filters(), Filters(sources=("甲",)), Filters(dedupe=False), Filters(date_from=pd.Timestamp("2021-01-01")),
           Filters(sources=("无此来源",)), Filters(query="预算")]


@pytest.fixture(scope="module")
def saved(spec, tmp_path_factory):  # noqa: F811
    lib = Library(tmp_path_factory.mktemp("policy"))
    info = lib.save("政策", ARTS)
    store = dataset_store(lib, info.id, spec)
    with contextlib.closing(Q.DuckBackend(store)) as duck:
        yield Q.MemoryBackend.from_store(store), duck, lib.data_file(info.id)


@pytest.mark.parametrize("f", FILTERS)
def test_both_backends_equal_the_page(saved, f):
    mem, duck, data = saved
    mask = filter_mask(ARTS, f)
    for fn in (QP.policy_summary, QP.issuer_year):
        pd.testing.assert_frame_equal(fn(mem, mem.select(f), data), fn(duck, duck.select(f), data))
    pd.testing.assert_frame_equal(QP.issuer_year(duck, duck.select(f), data, top=25, unknown="(未知)"),
                                  issuer_year(ARTS[mask], top=25, unknown="(未知)"))
    shown = ARTS[mask]
    assert QP.policy_summary(duck, duck.select(f), data).values.tolist() == [
        [len(shown), int((shown["doc_number"] != "").sum()), int((shown["issuer"] != "").sum())]]


def test_values(saved):
    _, duck, data = saved
    assert QP.policy_summary(duck, duck.select(Filters()), data).values.tolist() == [[5, 4, 4]]
    m = QP.issuer_year(duck, duck.select(Filters()), data)
    # the lead issuer of a joint document is its first (河北省财政厅); the undated one (row 3) is left out
    assert m.columns.tolist() == ["issuer", "2020", "2021"]
    assert m.values.tolist() == [["河北省人民政府办公厅", 0, 2], ["unknown", 0, 1], ["河北省财政厅", 1, 0]]
    assert QP.issuer_year(duck, duck.select(Filters()), data, top=1).values.tolist() == [["河北省人民政府办公厅", 0, 2]]
    assert QP.issuer_year(duck, duck.select(Filters(sources=("无此来源",))), data).columns.tolist() == ["issuer"]


def test_a_selection_of_the_other_backend_is_refused(saved):
    mem, duck, data = saved
    with pytest.raises(InvalidOption):
        QP.issuer_year(duck, mem.select(Filters()), data)
    with pytest.raises(InvalidOption):
        QP.policy_summary(mem, duck.select(Filters()), data)


def test_a_table_saved_without_the_policy_fields(saved, tmp_path):
    _, _, data = saved
    assert QP.has_policy_fields(data)
    old = tmp_path / "old.parquet"
    ARTS.drop(columns=["doc_number", "issuer"]).to_parquet(old)
    assert not QP.has_policy_fields(old)


def test_issuer_year_figure_scales_colours_to_the_named_issuers():
    """A collection of mostly news: the unknown row (140k a year) must not leave every issuer white."""
    from analysis.figures.policy import issuer_year_figure
    m = pd.DataFrame({"issuer": ["(未知)", "甲", "乙"], "2020": [140000, 300, 5], "2021": [120000, 500, 0]})
    heat = issuer_year_figure(m, "t", unknown="(未知)").data[0]
    assert (heat.zmin, heat.zmax) == (0, 500.0)
    assert heat.z.tolist() == [[140000, 120000], [300, 500], [5, 0]]   # every count kept (hover)
    assert issuer_year_figure(m, "t").data[0].zmax == 140000.0        # no unknown row named: the full range
    assert issuer_year_figure(m.iloc[:1], "t", unknown="(未知)").data[0].zmax is None   # only unknown: plotly's own
