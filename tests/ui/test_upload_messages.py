"""The messages of the last upload are seen (tester report #12): a JSONL line skipped is said in the sidebar,
and every message stands under the upload box, not inside it (collapsed once a dataset is open)."""
from __future__ import annotations

import json

from tests.ui.test_app import app, library_dir, needs_loaders, upload  # noqa: F401

CSV = ("标题,日期,来源,正文\n"
       "国家市场监督管理总局部署计量工作,2023-03-01,新华网,国家市场监督管理总局召开会议,部署计量工作。\n"
       "海南省市场监督管理局通知,2023-03-09,海南日报,海南省市场监督管理局发布通知,推进标准化工作。\n").encode("utf-8")


def _jsonl() -> bytes:
    lines = [json.dumps({"title": f"第{i}条新闻", "date": f"2023-03-{i:02d}", "body": f"第{i}条新闻的正文,内容足够长,可以读取。"},
                        ensure_ascii=False) for i in range(1, 8)]
    lines[5] = lines[5][: len(lines[5]) // 2]           # line 6 cut in half
    return "\n".join(lines).encode("utf-8")


def _outside_expanders(at, kind: str) -> list[str]:
    inside = {e.value for x in at.sidebar.expander for e in getattr(x, kind)}
    return [e.value for e in getattr(at.sidebar, kind) if e.value not in inside]


@needs_loaders
def test_skipped_line_is_said_under_the_upload_box(library_dir):
    at = upload(app(), ("news.csv", CSV, "text/csv"))
    assert not at.exception
    upload(at, ("news.jsonl", _jsonl(), "application/json"))
    assert not at.exception
    assert _outside_expanders(at, "success") == ["已载入 6 篇文章"]
    assert _outside_expanders(at, "warning") == ["news.jsonl:1 行不是有效的 JSON,已跳过(第 6 行)"]


@needs_loaders
def test_failed_upload_is_seen_with_a_dataset_open(library_dir):
    at = upload(app(), ("news.csv", CSV, "text/csv"))
    upload(at, ("wrongcols.csv", b"a,b,c\n1,2,3\n4,5,6\n", "text/csv"))
    assert not at.exception
    [err] = _outside_expanders(at, "error")
    assert err.startswith("上传失败,当前数据集保持不变:没有读到任何文章 — wrongcols.csv: 找不到正文或标题列;表的列: ")
    assert "map one by hand" not in err


def test_every_sidebar_expander_has_words(library_dir):
    """tester #19: a sidebar expander was labelled only "⚙"."""
    import re

    at = app()
    labels = [e.label for e in at.sidebar.expander]
    assert "图表下载设置" in labels
    assert all(re.search(r"[\u4e00-\u9fff]{2}", label) for label in labels), labels


@needs_loaders
def test_the_garbage_collector_is_on_again_after_an_upload(library_dir):
    """ui.sidebar_upload.ingest turns Python's cyclic collector off while it loads: on again after a good
    upload and after a failed one (AppTest runs the script in this process)."""
    import gc

    assert gc.isenabled()
    at = upload(app(), ("news.csv", CSV, "text/csv"))
    assert not at.exception and gc.isenabled()
    upload(at, ("wrongcols.csv", b"a,b,c\n1,2,3\n", "text/csv"))
    assert _outside_expanders(at, "error") and gc.isenabled()


def test_notes_several_files_share_are_said_once_and_at_most_five_stand():
    """tester s15 U13: 29 Hebei CSVs gave 29 sidebar notes (27 the same) pushing the filters ≈ 4,500 px down."""
    from analysis.loaders.report import FileReport, ParseReport
    from ui.i18n import t
    from ui.sidebar_upload import MAX_FILE_NOTES, file_note_messages

    same = "来源列 来源网站 是网址,取其域名作为来源 / the source column is a URL: its domain is the source"
    files = [FileReport(name=f"{i}.csv", notes=[same]) for i in range(27)]
    files += [FileReport(name="x.csv", notes=["只此一条"]), FileReport(name="bad.csv", error="坏", notes=["不显示"])]
    msgs = file_note_messages(ParseReport(files=files))
    assert msgs == [("warning", "up.file_note_many", {"n": 27, "names": "0.csv、1.csv、2.csv…", "err": same}),
                    ("warning", "up.file_note", {"name": "x.csv", "err": "只此一条"})]
    assert t("up.file_note_many", **msgs[0][2]).startswith("27 个文件(0.csv、1.csv、2.csv…):来源列")
    many = [FileReport(name=f"{i}.csv", notes=[f"第 {i} 条"]) for i in range(8)]
    msgs = file_note_messages(ParseReport(files=many))
    assert len(msgs) == MAX_FILE_NOTES + 1 == 6
    assert [m[2].get("name") for m in msgs[:5]] == ["0.csv", "1.csv", "2.csv", "3.csv", "4.csv"]
    assert msgs[-1] == ("info", "up.more_notes", {"n": 3})
    assert t("up.more_notes", n=3) == "另有 3 条文件提示:见“数据”页的解析报告"
    assert file_note_messages(ParseReport(files=[FileReport(name="a.csv")])) == []


def test_held_bar_holds_a_rerun_until_released():
    import pytest
    from streamlit.runtime.scriptrunner import RerunException, StopException
    from streamlit.runtime.scriptrunner_utils.script_requests import RerunData

    from ui.sidebar_upload import HeldBar

    class Bar:   # Streamlit raises a pending rerun from the next update of any element
        def __init__(self, raises):
            self.raises, self.calls = list(raises), []

        def progress(self, value, text=None):
            self.calls.append((value, text))
            if self.raises and self.raises.pop(0) is not None:
                raise self.raises_now

        def empty(self):
            self.calls.append("empty")

    click = RerunException(RerunData(page_script_hash="kw"))
    bar = Bar([None, click, None])
    bar.raises_now = click
    held = HeldBar(bar)
    for i in range(4):
        held.progress(i / 4, text=f"第{i}步")           # the rerun raised by the 2nd update is held
    held.empty()
    assert bar.calls == [(0.0, "第0步"), (0.25, "第1步"), (0.5, "第2步"), (0.75, "第3步"), "empty"]
    with pytest.raises(RerunException) as got:
        held.release()
    assert got.value is click
    held.release()                                       # once: nothing held any more
    stop = StopException()
    bar2 = Bar([click, stop])
    held2 = HeldBar(bar2)
    bar2.raises_now = click
    held2.progress(0.1)
    bar2.raises_now = stop
    held2.progress(0.2)
    with pytest.raises(StopException):                   # a stop outranks a rerun
        held2.release()


@needs_loaders
def test_a_click_during_the_upload_is_obeyed_after_the_upload_is_opened(library_dir, monkeypatch):
    """tester s16 U1: a click while the upload was analysed (Streamlit raises the rerun from the progress bar's
    next update) left it saved in the library but not opened — the sample still shown, nothing said."""
    import streamlit as st
    from streamlit.runtime.scriptrunner import RerunException
    from streamlit.runtime.scriptrunner_utils.script_requests import RerunData

    real = st.progress
    updates = []

    class Clicked:   # the upload's bar; its 3rd update meets the user's click
        def __init__(self, *a, **k):
            self._bar = real(*a, **k)

        def progress(self, *a, **k):
            updates.append(a)
            if len(updates) == 3:
                raise RerunException(RerunData())
            return self._bar.progress(*a, **k)

        def empty(self):
            return self._bar.empty()

    at = app()
    monkeypatch.setattr(st, "progress", Clicked)
    upload(at, ("news.csv", CSV, "text/csv"))
    assert not at.exception and len(updates) > 3         # the upload went on after the click
    assert _outside_expanders(at, "success") == ["已载入 2 篇文章"]
    assert "当前: **news\\.csv** — 2 篇" in [c.value for c in at.sidebar.caption]   # opened, not the sample
