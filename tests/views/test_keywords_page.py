"""The 关键词 page (views/keywords.py) under Streamlit's AppTest, with a small dataset in session state."""
from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from analysis.filters import Filters
from analysis.schema import coerce_articles
from ui.state import DATASET_KEY, FILTERS_KEY, Dataset

PAGE = str(Path(__file__).resolve().parents[2] / "views" / "keywords.py")


def dataset() -> Dataset:
    arts = coerce_articles(pd.DataFrame({
        "title": ["计量工作会议", "标准化简报", "市场监管动态"],
        "body": ["海南自贸港推进计量工作。计量检定是计量的基础。", "标准化工作与计量合作。",
                 "市场监督管理部门推进标准化。标准化提升质量。"],
        "source": ["甲", "乙", "乙"],
        "date": ["2024-01-05", "2024-02-10", "2024-03-01"],
    }))
    return Dataset(name="t", articles=arts)


@pytest.fixture(autouse=True)
def user_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("WENJIAN_USER_DIR", str(tmp_path))
    return tmp_path


def page(**state) -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=120)
    at.session_state[DATASET_KEY] = dataset()
    for k, v in state.items():
        at.session_state[k] = v
    return at.run()


LEFT = "left"  # the KWIC table's first column (a code: its header 左侧 is the grid's, ui/i18n kwic.col.left)


def table(at: AppTest, first_column: str) -> pd.DataFrame:
    """The first table whose first column is ``first_column`` (AppTest does not expose dataframe keys)."""
    return next(df.value for df in at.dataframe if list(df.value.columns[:1]) == [first_column])


def kwic_headers(at: AppTest) -> list[str]:
    """The headers the KWIC grid shows (its column configs' labels), in the table's column order."""
    grid = next(df for df in at.dataframe if list(df.value.columns[:1]) == [LEFT])
    config = json.loads(grid.proto.columns)
    return [config[c]["label"] for c in grid.value.columns]


def test_kwic_download_headers_are_codes_in_both_languages():
    """tester s14 U8 — one rule for every table download: the column codes (as the CLI prints them), whatever the
    interface language; only the headers the grid shows change with it."""
    from ui.session import LANG_KEY

    for lang, headers in (("zh", ["左侧", "检索词", "右侧", "标题", "日期", "来源", "文件", "链接", "编号"]),
                          ("en", ["Left", "Match", "Right", "Title", "Date", "Source", "File", "Link", "ID"])):
        at = page(kw_view="kwic", **{LANG_KEY: lang})
        assert not at.exception
        assert list(table(at, LEFT).columns) == ["left", "term", "right", "title", "date", "source", "file", "url", "id"]
        assert kwic_headers(at) == headers


def test_renders_with_exact_counts():
    at = page()
    assert not at.exception
    top = table(at, "term")
    # 计量检定 is a domain term, so only the three other 计量 of article 1 count; ties ordered by term
    assert top.head(3).to_dict("list") == {"term": ["标准化", "计量", "工作"], "count": [4, 4, 3],
                                           "documents": [2, 2, 2], "tfidf": [5.1507, 5.1507, 3.863]}
    assert top.set_index("term").loc["计量检定", "count"] == 1
    assert not set(top["term"]) & {"的", "是", "与", "。"}
    at.radio(key="kw_view").set_value("kwic").run()
    assert not at.exception
    kw = table(at, LEFT)  # KWIC of the top term (标准化): one row per occurrence, title included
    # issue 13: rows also carry the article's title, date, source and link (headers in the UI language),
    # after the concordance itself. tester s14 U8: the table (and so its CSV/XLSX download) is headed by the
    # column codes like every other download; the grid shows the headers in the UI language
    assert list(kw.columns) == ["left", "term", "right", "title", "date", "source", "file", "url", "id"]
    assert kwic_headers(at) == ["左侧", "检索词", "右侧", "标题", "日期", "来源", "文件", "链接", "编号"]
    assert kw[["title", "date", "source"]].values.tolist() == [["标准化简报", "2024-02-10", "乙"]] * 2 + \
        [["市场监管动态", "2024-03-01", "乙"]] * 2
    kw = kw[["id", "file", "left", "term", "right"]]
    assert kw.to_dict("list") == {"id": [2, 2, 3, 3], "file": ["", "", "", ""],
                                  "left": ["", "标准化简报 ", "市场监管动态 市场监督管理部门推进",
                                           "场监管动态 市场监督管理部门推进标准化。"],
                                  "term": ["标准化"] * 4,
                                  "right": ["简报 标准化工作与计量合作。", "工作与计量合作。", "。标准化提升质量。", "提升质量。"]}


def test_kwic_modes_and_both_counts():
    at = page()
    at.radio(key="kw_view").set_value("kwic").run()
    at.text_input(key="kw_kwic_term").set_value("标准").run()
    assert not at.exception
    # 标准 is never a word of its own here, only inside 标准化: no rows, said in words instead of an empty grid
    # (it was `table(at, LEFT).empty`)
    assert not [d for d in at.dataframe if LEFT in d.value.columns]
    assert "当前筛选的文章中没有与“标准”匹配之处。可换一种匹配方式,或放宽左侧的筛选。" in [i.value for i in at.info]
    captions = [c.value for c in at.caption]
    assert "作为整词:0 处(0 篇) · 在文本中(子串):4 处(2 篇)" in captions
    assert "文本中还有 4 处出现在更长的词里(如 标准化)。" in [i.value for i in at.info]
    at.button(key="kw_kwic_to_sub").click().run()
    assert at.radio(key="kw_kwic_mode").value == "substring"
    conc = table(at, LEFT)
    assert conc["term"].tolist() == ["标准"] * 4   # (headed 检索词 on the grid, tester s14 U8)
    # the concordance first, where it came from after (the contexts were off screen at 1,400 px)
    assert conc.columns.tolist()[:4] == [LEFT, "term", "right", "title"] and conc.columns[-1] == "id"
    assert kwic_headers(at)[:4] == ["左侧", "检索词", "右侧", "标题"] and kwic_headers(at)[-1] == "编号"
    at.radio(key="kw_kwic_mode").set_value("regex").run()
    at.text_input(key="kw_kwic_term").set_value("计量|标准").run()
    assert table(at, LEFT)["term"].tolist() == ["计量"] * 4 + ["标准", "标准", "计量", "标准", "标准"]
    at.text_input(key="kw_kwic_term").set_value("(计量").run()
    assert not at.exception and "正则表达式无效" in at.warning[0].value


def test_follows_the_global_filters():
    at = page(**{FILTERS_KEY: Filters(sources=("乙",))})
    assert not at.exception
    top = table(at, "term").set_index("term")
    assert top.loc["标准化", "count"] == 4 and top.loc["计量", "count"] == 1 and "海南自贸港" not in top.index


def test_every_view_renders():
    at = page()
    assert at.radio(key="kw_view").options == ["高频词", "词云", "短语", "上下文(KWIC)", "对比", "分组", "词典"]
    for view in ("top", "cloud", "phrases", "kwic", "compare", "group", "dict"):   # views/keywords.py VIEWS
        at.radio(key="kw_view").set_value(view).run()
        assert not at.exception, view
    at.radio(key="kw_view").set_value("cloud").run()
    at.toggle(key="kw_cloud_on").set_value(True).run()
    assert not at.exception and len(at.get("image")) == 1
    at.radio(key="kw_view").set_value("compare").run()
    cmp = table(at, "term")  # sources: A = 乙 (sorted first), B = 甲
    assert cmp[["term", "side", "count_a", "count_b"]].head(1).values.tolist() == [["标准化", "A", 4, 0]]


def test_dictionary_change_applies_and_persists(user_dir):
    at = page(kw_view="dict")
    at.text_area(key="kw_dict_stop").set_value("工作")
    at.text_area(key="kw_dict_syn").set_value("市场监督管理=市场监管")
    submit = [b for b in at.button if "保存" in str(b.label)][0]
    submit.click().run()
    assert not at.exception
    saved = json.loads((user_dir / "user_dict.json").read_text(encoding="utf-8"))
    assert saved == {"words": [], "stopwords": ["工作"], "synonyms": [["市场监督管理", "市场监管"]]}
    at.radio(key="kw_view").set_value("top").run()
    top = table(at, "term").set_index("term")
    assert "工作" not in top.index
    assert top.loc["市场监管", "count"] == 2 and "市场监督管理" not in top.index


def test_kwic_of_a_user_stopword_counts_its_whole_words(user_dir):
    """tester s16 K1: after the stopword 工作 the KWIC said 3 rows as words but 作为整词:0 处 and "3 more inside
    longer words"; the whole words are counted from the tokenized text and the page says it is a stopword."""
    at = page(kw_view="dict")
    at.text_area(key="kw_dict_stop").set_value("工作")
    [b for b in at.button if "保存" in str(b.label)][0].click().run()
    at.radio(key="kw_view").set_value("top").run()
    assert "工作" not in table(at, "term")["term"].tolist()          # left out of the ranking
    at.radio(key="kw_view").set_value("kwic").run()
    at.text_input(key="kw_kwic_term").set_value("工作").run()
    assert not at.exception
    assert table(at, LEFT)["term"].tolist() == ["工作"] * 3
    captions = [c.value for c in at.caption]
    assert "作为整词:3 处(2 篇) · 在文本中(子串):3 处(2 篇)" in captions
    assert "“工作”是停用词:关键词排行和 TF-IDF 不计它,这里的整词次数来自分词结果(不是词频表)。" in captions
    assert not [i.value for i in at.info if "更长的词" in i.value]   # no false "more inside longer words"
