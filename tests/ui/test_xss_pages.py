"""XSS under AppTest: a dataset whose titles, sources, authors, bodies and links hold ``<script>``,
``<img onerror>``, event handlers, markdown (bold, ``javascript:`` links) and HTML entities, shown on every
page and every view. Checked on what the server sends to the browser:

- ``st.html`` blocks (the article reader) hold the payloads only HTML-escaped;
- markdown blocks rendered with ``unsafe_allow_html`` hold no user text with a raw tag;
- other markdown (captions, messages, headers) holds no raw tag and no markdown link to ``javascript:``
  built from user text (``md_escape`` escapes both);
- no link button points anywhere but http(s).

The browser-side counterpart (dialogs, the live DOM, tooltips, the HTML report) is
``tests/e2e/test_xss_browser.py``."""
from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from analysis.schema import coerce_articles
from ui.state import DATASET_KEY, Dataset

APP = str(Path(__file__).resolve().parents[2] / "app.py")
SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(2)>"
SVG = '"><svg onload=alert(3)>'
MD = "**粗体** [链接](javascript:alert(4))"
ENTITY = "&lt;b&gt;实体&amp;"
PAYLOADS = [SCRIPT, IMG, SVG, MD, ENTITY]
#: a raw tag from user text (the app's own markup uses only these tags)
OWN_TAGS = {"p", "mark", "h3", "div", "style", "i", "b", "br", "span", "strong", "em", "small"}
RAW_TAG = re.compile(r"<\s*/?\s*([a-zA-Z][a-zA-Z0-9]*)")
JS_LINK = re.compile(r"(?<!\\)\]\((?<!\\)javascript:", re.I)


def hostile() -> Dataset:
    titles = [f"{SCRIPT}计量新规", f"{MD} 标准化", f"{SVG}海南省市场监督管理局", f"{ENTITY}{IMG}计量检定"]
    bodies = [f"{IMG} 海南省市场监督管理局开展计量检定。{MD}", f"市场监管总局发布标准化文件。{SCRIPT}",
              f"{ENTITY} 中国计量科学研究院开放实验室，计量。{SVG}", f"计量 {IMG} 标准化 {MD} 海南省市场监督管理局"]
    arts = coerce_articles(pd.DataFrame({
        "title": titles, "body": bodies,
        "source": [f"{IMG}来源甲", MD, f"{SCRIPT}来源乙", f"{IMG}来源甲"],
        "author": [SCRIPT, MD, "", IMG],
        "url": ["javascript:alert(5)", "https://example.org/a", "data:text/html,<script>alert(6)</script>", ""],
        "date": ["2024-01-05", "2024-02-10", "2024-03-01", "2024-03-20"],
    }))
    return Dataset(name=f"{IMG}{MD}", articles=arts)


@pytest.fixture(autouse=True)
def dirs(tmp_path, monkeypatch):
    monkeypatch.setenv("WENJIAN_LIBRARY", str(tmp_path / "library"))
    monkeypatch.setenv("WENJIAN_USER_DIR", str(tmp_path / "user"))


def user_tags(text: str) -> set[str]:
    return {m.group(1).lower() for m in RAW_TAG.finditer(text)} - OWN_TAGS


def check(at: AppTest, where: str) -> None:
    assert not at.exception, where
    assert not [e.value for e in at.main.error], where
    for block in at.get("html"):
        body = block.proto.body
        assert user_tags(body) == set(), (where, body[:300])
        for payload in (SCRIPT, IMG, SVG):
            assert payload not in body, (where, payload)
    for kind in ("markdown", "caption", "info", "warning", "success", "error", "header", "subheader", "title"):
        for el in at.get(kind):
            proto = getattr(el, "proto", None)
            body = getattr(proto, "body", None) or str(getattr(el, "value", ""))
            if getattr(proto, "allow_html", False):
                assert user_tags(body) == set(), (where, kind, body[:300])
            assert not JS_LINK.search(body), (where, kind, body[:300])
            for payload in (SCRIPT, IMG, SVG):
                assert payload not in body, (where, kind, body[:300])
    for button in at.get("link_button"):
        assert button.proto.url.startswith(("http://", "https://")), (where, button.proto.url)


def start() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=180)
    at.session_state[DATASET_KEY] = hostile()
    return at.run()


def test_every_page_and_view_keeps_hostile_text_inert():
    at = start()
    check(at, "概览")
    at.text_input(key="wj_f_query").set_value("计量").run()
    check(at, "概览 with a query")
    at.switch_page("views/keywords.py").run()
    for view in ("top", "cloud", "phrases", "kwic", "compare", "group", "dict"):   # views/keywords.py VIEWS
        at.radio(key="kw_view").set_value(view).run()
        if view == "kwic":
            at.text_input(key="kw_kwic_term").set_value("计量").run()
        check(at, f"关键词 {view}")
    at.switch_page("views/agencies.py").run()
    for view in ("ranking", "network", "timeline", "aliases", "review"):   # views/agencies.py VIEWS
        at.radio(key="ag_view").set_value(view).run()
        check(at, f"机构 {view}")
    at.switch_page("views/timeline.py").run()
    for view in ("volume", "terms", "agencies", "calendar"):   # views/timeline.py VIEWS
        at.radio(key="tl_view").set_value(view).run()
        if view == "terms":
            at.text_input(key="tl_terms").set_value("计量 标准化").run()
        check(at, f"时间线 {view}")
    at.switch_page("views/articles.py").run()
    check(at, "文章")
    at.switch_page("views/data.py").run()
    check(at, "数据")


def test_reader_shows_each_payload_escaped():
    at = start()
    at.switch_page("views/articles.py").run()
    shown = " ".join(h.proto.body for h in at.get("html"))
    # the newest article (2024-03-20) is open: its title and body escaped, nothing dropped
    # an entity in the text is shown as the entity (its & escaped), never decoded into a tag
    assert "<h3 style='margin:0 0 .4em 0'><p>&amp;lt;b&amp;gt;实体&amp;amp;&lt;img src=x onerror=alert(2)&gt;计量检定" in shown
    assert "计量 &lt;img src=x onerror=alert(2)&gt; 标准化 **粗体** [链接](javascript:alert(4))" in shown
    assert not at.get("link_button")
    captions = [c.value for c in at.main.caption]
    assert any(r"作者: \<img src=x onerror=alert\(2\)\>" in c for c in captions), captions


def test_terms_not_found_are_escaped_in_the_caption():
    """The user's own terms come back in a markdown caption when not found (views/timeline.py)."""
    at = start()
    at.switch_page("views/timeline.py").run()
    at.radio(key="tl_view").set_value("terms").run()
    at.text_input(key="tl_terms").set_value(f"计量 {SCRIPT} [x](javascript:alert(7))").run()
    check(at, "时间线 terms typed by the user")
