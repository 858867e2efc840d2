"""Keyboard only, in real Chromium (tester-s15 K3): Tab reaches the page's links and the "打开文章" box under
the 文章 table, typing part of a title and Enter open that article in the reader; on 概览 the box under the
agency chart opens that bar's articles (the same drill-down as a click), and the box of the drill-down's table
opens one of them. No mouse event is sent. Screenshots go to ``$WENJIAN_SCREENSHOTS`` when set."""
from __future__ import annotations

import re

import pytest

from tests.e2e.harness import act, wait_run
from tests.e2e.test_browser import shoot

pytestmark = pytest.mark.e2e

#: what has the keyboard focus: a link's text, or the key class (st-key-…) of the widget holding it
FOCUS_JS = """() => {
  const el = document.activeElement;
  if (!el) return "";
  const holder = el.closest('[class*="st-key-"]');
  const key = holder ? [...holder.classList].find(c => c.startsWith("st-key-")) : "";
  return (el.tagName === "A" ? "link:" + el.innerText.trim() : "") + "|" + (key || "");
}"""


def tab_to(page, wanted, limit: int = 200) -> int:
    """Press Tab until ``wanted(focus)`` holds (``focus`` as :data:`FOCUS_JS` gives it); returns the presses."""
    for presses in range(1, limit + 1):
        page.keyboard.press("Tab")
        if wanted(page.evaluate(FOCUS_JS)):
            return presses
    raise AssertionError(f"not reached by {limit} presses of Tab")


def reader_title(page) -> str:
    return page.locator("[data-testid='stMain'] h3").last.inner_text().strip()


def newest_articles(n: int) -> list[str]:
    """Titles of the sample's ``n`` newest articles as the 文章 table lists them (reposts counted once)."""
    from ui.state import read_sample

    arts = read_sample()
    arts = arts[arts["duplicate_of"].isna()]
    return arts.sort_values(["date", "id"], ascending=[False, True])["title"].head(n).tolist()


def test_keyboard_opens_an_article_from_the_articles_table(server, browser):
    first, second = newest_articles(2)
    page = browser.new_page()
    page.goto(server)
    wait_run(page, 0, timeout=240_000)   # (the first run loads the tokenizer; slow on a busy machine)
    # (a navigation link's text begins with its icon's ligature name: "article\n\n文章")
    tab_to(page, lambda f: f.startswith("link:") and f.split("|")[0].endswith("文章"))
    act(page, lambda: page.keyboard.press("Enter"))
    page.locator("[data-testid='stMain'] h1, [data-testid='stMain'] h2").filter(
        has_text=re.compile("^文章$")).first.wait_for(timeout=60_000)
    assert reader_title(page) == first                     # nothing chosen yet: the newest
    tab_to(page, lambda f: f.endswith("|st-key-ar_open"))
    box = page.locator(".st-key-ar_open")
    assert box.locator("[data-testid='stWidgetLabel']").inner_text().strip() == "打开文章"
    page.keyboard.type(second)
    act(page, lambda: page.keyboard.press("Enter"))
    assert reader_title(page) == second
    assert second in box.locator("input").input_value()      # the box shows what it opened
    shoot(page, "keyboard-articles")


def test_keyboard_drills_down_from_the_overview_agency_chart(server, browser):
    page = browser.new_page()
    page.goto(server)
    wait_run(page, 0, timeout=240_000)   # (the first run loads the tokenizer; slow on a busy machine)
    tab_to(page, lambda f: f.endswith("|st-key-ov_ag_drill_pick"))
    page.keyboard.type("中国计量科学研究院")
    act(page, lambda: page.keyboard.press("Enter"))
    heading = page.get_by_text("所选项对应的文章:中国计量科学研究院")
    heading.wait_for(timeout=30_000)
    count = heading.inner_text().rsplit("—", 1)[1].strip()
    from analysis.agencies import AgencyMatcher, find_mentions
    from ui.state import read_sample

    arts = read_sample()
    kept = arts[arts["duplicate_of"].isna()]
    mentions = find_mentions(kept, AgencyMatcher.default())
    ids = set(mentions.loc[mentions["agency"] == "中国计量科学研究院", "id"])
    assert count == f"{len(ids)} 篇文章"
    # then the drill-down's own box: its first article (the table's order: oldest first)
    titles = kept[kept["id"].isin(ids)].sort_values(["date", "id"])["title"].tolist()
    tab_to(page, lambda f: f.endswith("|st-key-ov_ag_drill_open"))
    page.keyboard.type(titles[0])
    act(page, lambda: page.keyboard.press("Enter"))
    assert reader_title(page) == titles[0]
    shoot(page, "keyboard-overview-drill")
