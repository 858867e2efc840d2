"""The 时间线 page (views/timeline.py) under Streamlit's AppTest, with a small dataset in session state."""
from __future__ import annotations

import io
import json
from pathlib import Path

import numpy as np
import pandas as pd
from streamlit.testing.v1 import AppTest

from analysis.filters import Filters
from analysis.schema import coerce_articles
from ui import cache
from ui.state import DATASET_KEY, FILTERS_KEY, Dataset

PAGE = str(Path(__file__).resolve().parents[2] / "views" / "timeline.py")


def dataset() -> Dataset:
    """Weeks 2024-W01..W12: 3 articles a week (甲 twice, 乙 once), 15 in W10; two undated articles."""
    dates, sources = [], []
    for w in range(12):
        monday = pd.Timestamp("2024-01-01") + pd.Timedelta(weeks=w)
        n = 15 if w == 9 else 3
        for i in range(n):
            dates.append((monday + pd.Timedelta(days=(2 * i) % 7)).strftime("%Y-%m-%d"))
            sources.append("乙" if i % 3 == 2 else "甲")
    dates += [None, None]
    sources += ["甲", "乙"]
    n = len(dates)
    arts = coerce_articles(pd.DataFrame({"title": [f"标题{i + 1}" for i in range(n)], "date": dates,
                                         "source": sources, "body": [""] * n}))
    return Dataset(name="t", articles=arts)


class FakeCorpus:
    def __init__(self, n: int):
        self.vec = np.ones(n, dtype=np.int64)
        self.vec[42:45] = 6   # week 11 (rows 42..44): the term's rate jumps
        self.doc_lengths = np.full(n, 100)

    def term_vector(self, term: str) -> np.ndarray:
        return self.vec if term == "计量" else np.zeros(len(self.vec), dtype=np.int64)

    def top_terms(self, mask=None, n=100) -> pd.DataFrame:
        return pd.DataFrame({"term": ["计量"], "count": [int(self.vec.sum())]}).head(n)


def page(**state) -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=60)
    at.session_state[DATASET_KEY] = dataset()
    for k, v in state.items():
        at.session_state[k] = v
    return at.run()


def test_sample_dataset_on_first_start():
    at = AppTest.from_file(PAGE, default_timeout=60).run()
    assert not at.exception
    assert len(at.get("plotly_chart")) == 1 and not at.dataframe[0].value.empty


def test_weekly_volume_table_spikes_and_drill_down():
    at = page(tl_freq="week")
    assert not at.exception
    table = at.dataframe[0].value
    assert table["period"].tolist() == [f"2024-W{w:02d}" for w in range(1, 13)]
    assert table["articles"].tolist() == [3] * 9 + [15, 3, 3]
    assert table["start"].iloc[9] == "2024-03-04" and table["end"].iloc[9] == "2024-03-10"
    assert any("文章: 2" in c.value for c in at.caption)  # the undated articles, shown apart
    spikes = at.dataframe[1].value
    assert spikes[["series", "period", "observed", "baseline"]].values.tolist() == [["文章", "2024-W10", 15, 3.0]]
    drill = at.dataframe[2].value
    assert len(drill) == 15 and drill["date"].iloc[0] == "2024-03-04" and drill["date"].iloc[-1] == "2024-03-10"


def test_auto_frequency_and_filters():
    at = page(**{FILTERS_KEY: Filters(date_from=pd.Timestamp("2024-03-01"), date_to=pd.Timestamp("2024-03-31"))})
    assert not at.exception
    assert at.caption[0].value == "自动选择:日"        # March only: 31 days → daily periods
    table = at.dataframe[0].value
    # first .. last dated article: Fri 1 Mar (1), W10 (15), W11 and W12 (3 each, the last on 22 Mar)
    assert len(table) == 22 and table["period"].iloc[[0, -1]].tolist() == ["2024-03-01", "2024-03-22"]
    assert table["articles"].sum() == 22 and table["articles"].iloc[:3].tolist() == [1, 0, 0]
    assert not any("无日期" in c.value for c in at.caption)  # a date range leaves the undated out


def test_stacked_by_source():
    at = page(tl_freq="month", tl_split="stack")
    assert not at.exception
    table = at.dataframe[0].value
    assert table.columns.tolist() == ["period", "start", "end", "甲", "乙"]
    assert table[["period", "甲", "乙"]].values.tolist() == [["2024-01", 10, 4], ["2024-02", 8, 4],
                                                            ["2024-03", 14, 8]]


def test_terms_per_1000(monkeypatch):
    monkeypatch.setattr(cache, "corpus_for", lambda ds, *a: FakeCorpus(len(ds.articles)))
    at = page(tl_freq="week", tl_view="terms", tl_term_measure="per_1000")
    assert not at.exception
    assert at.text_input(key="tl_terms").value == "计量"
    table = at.dataframe[0].value
    assert table["计量"].round(6).tolist() == [10.0] * 10 + [60.0, 10.0]
    spikes = at.dataframe[1].value
    assert spikes["period"].tolist() == ["2024-W11"]
    drill = at.dataframe[2].value
    assert drill["occurrences"].tolist() == [6, 6, 6]
    at.text_input(key="tl_terms").set_value("计量，无此词").run()
    assert at.dataframe[0].value.columns.tolist() == ["period", "start", "end", "计量", "无此词"]
    assert any(c.value == "未出现:无此词" for c in at.caption)   # issue 13: one language; counts shown too
    assert any(c.value == "计量:整词 65 处 · 子串 0 处 · 无此词:整词 0 处 · 子串 0 处" for c in at.caption)


def test_calendar_view():
    at = page(tl_view="calendar")
    assert not at.exception
    assert len(at.get("plotly_chart")) == 1
    assert "2 篇无日期" in at.caption[-1].value


def test_calendar_view_in_english():
    """Tester report #7: the English calendar crashed (plural hover label formatted with str.format)."""
    from ui.session import LANG_KEY
    at = page(tl_view="calendar", **{LANG_KEY: "en"})
    assert not at.exception
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    texts = {t for row in spec["data"][0]["text"] for t in row if t}
    assert "2024-01-01 Mon: 1 article" in texts and "2024-03-04 Mon: 3 articles" in texts
    assert "2024-01-02 Tue: 0 articles" in texts
    assert "2 articles without a date are not shown." in at.caption[-1].value


def test_agencies_mentions(monkeypatch):
    mentions = pd.DataFrame({"row": list(range(48)) + [0, 1, 1, 2], "agency": ["甲局"] * 48 + ["乙局"] * 3 + [""]})
    monkeypatch.setattr(cache, "mentions_for", lambda ds, *a: mentions)
    at = page(tl_freq="week", tl_view="agencies")
    assert not at.exception
    assert at.multiselect(key="tl_agencies").value == ["甲局", "乙局"]  # most mentioned first; unresolved left out
    table = at.dataframe[0].value
    assert table["甲局"].tolist() == [3] * 9 + [15, 3, 3]
    assert table["乙局"].tolist() == [3] + [0] * 11
    assert at.dataframe[1].value[["series", "period"]].values.tolist() == [["甲局", "2024-W10"]]
    drill = at.dataframe[2].value
    assert len(drill) == 15 and set(drill["occurrences"]) == {1}
    at.radio(key="tl_agency_measure").set_value("articles").run()
    assert at.dataframe[0].value["乙局"].tolist() == [2] + [0] * 11


def monthly_terms_page(articles: pd.DataFrame, terms: str) -> AppTest:
    """The page on ``articles``, monthly, term view with ``terms`` typed in, after its first run."""
    at = AppTest.from_file(PAGE, default_timeout=120)
    at.session_state[DATASET_KEY] = Dataset(name="m", articles=articles)
    at.session_state["tl_freq"], at.session_state["tl_view"] = "month", "terms"
    at.session_state["tl_terms"] = terms
    return at.run()


def test_term_modes_equal_the_command_line(tmp_path, capsys):
    """tester s14 T1: the page's 整词 / 子串 series and ``timeline --term-mode token|substring`` count the same
    (both pass ``analysis.kwic.MatchedCorpus`` to ``term_series``), on the small table of the CLI's tests:
    新冠 glued to the character before it (因新冠, 过新冠, 长新冠) is a substring, not a word."""
    from analysis.cli import main
    from analysis.loaders import load_paths
    from tests.test_cli_timeline import MODE_ROWS, write_jsonl

    path = write_jsonl(tmp_path / "m.jsonl", MODE_ROWS)
    at = monthly_terms_page(load_paths([path]).articles, "新冠 改革")
    assert not at.exception
    expected = {"token": {"新冠": [2, 0, 1], "改革": [0, 0, 0]}, "substring": {"新冠": [5, 0, 1], "改革": [0, 0, 3]}}
    for mode, columns in expected.items():
        at.radio(key="tl_term_mode").set_value(mode).run()
        assert not at.exception
        page = at.dataframe[0].value
        assert page["period"].tolist() == ["2024-01", "2024-02", "2024-03"]
        assert {t: page[t].tolist() for t in columns} == columns
        assert main(["timeline", str(path), "--freq", "month", "--term", "新冠", "--term", "改革", "--term-mode", mode]) == 0
        cli = pd.read_csv(io.StringIO(capsys.readouterr().out))
        assert {t: cli[f"term:{t}"].tolist() for t in columns} == columns
    # the caption counts the whole selection, the undated article too: 新冠 4 words / 7 substrings
    assert "新冠:整词 4 处 · 子串 7 处 · 改革:整词 1 处 · 子串 4 处" in [c.value for c in at.caption]


def test_a_user_stopword_is_drawn_by_its_whole_words_as_the_command_line(tmp_path, capsys, monkeypatch):
    """tester s16 K1/K2: with the user stopword 中国 the 整词 series drew 中国 as a flat 0 line; it counts its
    whole words, says it is a stopword, and equals ``timeline --term-mode token --user-dict``."""
    from analysis.cli import main
    from analysis.loaders import load_paths
    from analysis.user_dict import make_user_dict, save_user_dict
    from tests.test_cli_timeline import write_jsonl
    from tests.test_kwic_stopwords import ROWS, STOPWORDS, SYNONYMS, WORDS

    monkeypatch.setenv("WENJIAN_USER_DIR", str(tmp_path / "user"))
    save_user_dict(make_user_dict(WORDS, STOPWORDS, SYNONYMS))
    path = write_jsonl(tmp_path / "s.jsonl", [{k: v for k, v in r.items() if k != "id"} for r in ROWS])
    at = monthly_terms_page(load_paths([path]).articles, "中国 深改")
    assert not at.exception
    page = at.dataframe[0].value
    assert {t: page[t].tolist() for t in ("中国", "深改")} == {"中国": [3, 2, 0], "深改": [0, 2, 0]}
    captions = [c.value for c in at.caption]
    assert "中国:整词 5 处 · 子串 6 处 · 深改:整词 2 处 · 子串 1 处" in captions
    assert "“中国”是停用词:关键词排行和 TF-IDF 不计它,这里的整词次数来自分词结果(不是词频表)。" in captions
    assert main(["timeline", str(path), "--freq", "month", "--term", "中国", "--term", "深改", "--term-mode", "token",
                 "--user-dict"]) == 0
    cli = pd.read_csv(io.StringIO(capsys.readouterr().out))
    assert {t: cli[f"term:{t}"].tolist() for t in ("中国", "深改")} == {"中国": [3, 2, 0], "深改": [0, 2, 0]}
