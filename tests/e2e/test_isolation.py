"""Isolation between users of one server (issue 7 item 5): two browser contexts at once (two Streamlit
sessions), each uploading its own collection at the same moment and applying a different filter. Each sees
only its own titles, sources and counts on 概览 and 文章, keeps its own filters across page switches, and
downloads only its own rows (CSV from 数据 and from 文章).

Saved datasets: each browser has its own workspace (a private library, its token in the URL); another user
never sees it in the dataset picker, unless given the link (the last test)."""
from __future__ import annotations

import csv
import io
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest

from tests.e2e.harness import act, run_count, wait_run

pytestmark = pytest.mark.e2e

HEADER = "标题,日期,来源,正文\n"
#: A: three articles; its filter is the query 检定 (2 of 3)
A_ROWS = [("甲独有计量检定通报", "2024-01-03", "甲报", "甲地开展计量检定专项检查。"),
          ("甲独有标准发布", "2024-01-09", "甲社", "甲地发布地方标准。"),
          ("甲独有检定规程", "2024-02-11", "甲报", "甲地修订检定规程。")]
#: B: four articles, one of them a repost (same title and body, another outlet); its filter is "count reposts
#: once" switched off (3 of 4 → 4 of 4)
B_ROWS = [("乙专属质量抽查结果", "2024-03-05", "乙报", "乙市公布产品质量监督抽查结果，合格率百分之九十八。"),
          ("乙专属质量抽查结果", "2024-03-06", "乙网", "乙市公布产品质量监督抽查结果，合格率百分之九十八。"),
          ("乙专属认证活动", "2024-04-01", "乙报", "乙市开展认证认可宣传活动。"),
          ("乙专属检验机构", "2024-05-20", "乙报", "乙市检验检测机构能力验证。")]
EXPECT = {
    "a": {"count": "筛选后 2 / 3 篇", "metric": "2", "query": "检定",
          "rows": [("甲独有检定规程", "2024-02-11", "甲报"), ("甲独有计量检定通报", "2024-01-03", "甲报")]},
    "b": {"count": "筛选后 4 / 4 篇", "metric": "4", "query": "",
          "rows": [("乙专属质量抽查结果", "2024-03-05", "乙报"), ("乙专属质量抽查结果", "2024-03-06", "乙网"),
                   ("乙专属认证活动", "2024-04-01", "乙报"), ("乙专属检验机构", "2024-05-20", "乙报")]},
}
OTHER = {"a": ("乙专属", "乙报", "乙网"), "b": ("甲独有", "甲报", "甲社")}


def write_csv(path: Path, rows) -> Path:
    path.write_text(HEADER + "".join(",".join(r) + "\n" for r in rows), encoding="utf-8")
    return path


def goto(page, title: str) -> None:
    act(page, lambda: page.locator('[data-testid="stTopNavLink"]', has_text=title).click())


def download_rows(page, selector: str) -> list[tuple[str, str, str]]:
    with page.expect_download() as dl:
        page.locator(selector).click()
    raw = Path(dl.value.path()).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    date_key = next(k for k in rows[0] if k in ("date", "日期"))
    title_key = next(k for k in rows[0] if k in ("title", "标题"))
    source_key = next(k for k in rows[0] if k in ("source", "来源"))
    return sorted((r[title_key], r[date_key], r[source_key]) for r in rows)


def main_text(page) -> str:
    return page.locator('[data-testid="stMain"]').inner_text()


@pytest.fixture(scope="module")
def two_sessions(server, chromium):
    """Two browser contexts (two Streamlit sessions) on one server, shared by this module's tests."""
    from tests.e2e.harness import VIEWPORT

    contexts = []
    try:
        pages = {}
        for who in ("a", "b"):
            contexts.append(chromium.new_context(accept_downloads=True, viewport=VIEWPORT))
            page = contexts[-1].new_page()
            page.goto(server)
            wait_run(page, 0)
            pages[who] = page
        yield pages
    finally:
        for ctx in contexts:
            ctx.close()


def test_concurrent_sessions_see_filter_and_download_only_their_own(two_sessions, tmp_path):
    pages = two_sessions
    files = {"a": write_csv(tmp_path / "a_only.csv", A_ROWS), "b": write_csv(tmp_path / "b_only.csv", B_ROWS)}
    # both uploads in flight at the same time
    before = {who: run_count(page) for who, page in pages.items()}
    for who, page in pages.items():
        page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(str(files[who]))
    for who, page in pages.items():
        wait_run(page, before[who])
        # the upload's run may be followed by the fresh-uploader run: wait until the count caption is there
        page.locator('[data-testid="stSidebar"]').get_by_text("筛选后").wait_for()

    # different filters at the same time: A a query, B switches "count reposts once" off
    a, b = pages["a"], pages["b"]
    query = a.locator(".st-key-wj_f_query input")
    before = {"a": run_count(a), "b": run_count(b)}
    query.fill("检定")
    query.press("Enter")
    b.locator('[data-testid="stSidebar"]').get_by_text("转载只计一次").click()
    wait_run(a, before["a"])
    wait_run(b, before["b"])

    for who, page in pages.items():
        exp = EXPECT[who]
        sidebar = page.locator('[data-testid="stSidebar"]')
        assert sidebar.get_by_text(exp["count"]).count() == 1, who
        # 概览: own count, own sources, nothing of the other's
        metric = page.locator('[data-testid="stMetricValue"]').first.inner_text()
        assert metric == exp["metric"], who
        text = main_text(page) + sidebar.inner_text()
        assert not [w for w in OTHER[who] if w in text], who
        # 文章: the reader shows one of the session's own (filtered) articles, nothing of the other's
        goto(page, "文章")
        text = main_text(page)
        assert f"{len(exp['rows'])} 篇文章" in text, who
        assert any(title in text for title, _, _ in exp["rows"]), who
        assert not [w for w in OTHER[who] if w in text], who
        page.locator('[data-testid="stMain"] [data-testid="stExpander"] summary').filter(has_text="下载").click()
        page.locator(".st-key-dl_ar_dl button").wait_for(state="visible")
        assert download_rows(page, ".st-key-dl_ar_dl button") == sorted(exp["rows"]), who
        # another page and back: the session's own filter is still set
        goto(page, "机构")
        goto(page, "数据")
        assert page.locator(".st-key-wj_f_query input").input_value() == exp["query"], who
        assert sidebar.get_by_text(exp["count"]).count() == 1, who
        assert download_rows(page, ".st-key-dl_da_articles button") == sorted(exp["rows"]), who
        assert not [w for w in OTHER[who] if w in main_text(page)], who


def test_saved_datasets_are_private_to_a_workspace_unless_its_link_is_shared(two_sessions, server, tmp_path):
    """Each browser has its own workspace (``?ws=`` token in the URL): A's upload is not listed in B's
    dataset picker, and B's current dataset is untouched. Opening A's link (same token) is how a team shares
    a workspace: then A's upload is listed and opens."""
    a, b = two_sessions["a"], two_sessions["b"]
    sidebar_b = b.locator('[data-testid="stSidebar"]')
    b_current = sidebar_b.get_by_text("当前:").inner_text()
    act(a, lambda: a.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(
        str(write_csv(tmp_path / "a_private.csv", A_ROWS))))
    token = {p: parse_qs(urlparse(p.url).query).get("ws", [""])[0] for p in (a, b)}
    assert token[a] and token[b] and token[a] != token[b]
    goto(b, "概览")   # a rerun refreshes B's picker from B's library
    assert sidebar_b.get_by_text("当前:").inner_text() == b_current
    sidebar_b.locator('[data-testid="stSelectbox"]').first.click()
    options = b.get_by_role("option").all_inner_texts()
    b.keyboard.press("Escape")
    assert not [o for o in options if o.startswith(("a_only.csv", "a_private.csv"))], options

    # B opens A's link: A's workspace, with A's uploads
    b.goto(f"{server}/?ws={token[a]}")
    wait_run(b, 0)
    sidebar_b.locator('[data-testid="stSelectbox"]').first.click()
    assert "a_private.csv (3)" in b.get_by_role("option").all_inner_texts()
    act(b, lambda: b.get_by_role("option").filter(has_text="a_private.csv").first.click())
    assert sidebar_b.get_by_text("筛选后 3 / 3 篇").count() == 1
