"""A text file of one paragraph (no line break, no title line) is one article whose body is that paragraph
(tester report #8: it was refused as "正文不足 20 字")."""
from __future__ import annotations

import pytest

from analysis.errors import LoadError
from analysis.loaders import load_files
from analysis.loaders.text import parse_text_page

SENTENCE = "国务院总理主持召开国务院常务会议,部署进一步做好稳就业工作,要求各地区各部门强化政策支持。"   # 45 characters


@pytest.mark.parametrize("repeat,tail", [(64, ""), (64, "\n"), (1064, "\r\n")])
def test_one_paragraph_is_the_body(repeat, tail):
    text = SENTENCE * repeat
    art = parse_text_page(text + tail, "news.txt", extras=True)
    assert art["body"] == text
    assert len(art["body"]) == 45 * repeat
    assert art["title"] == ""
    assert art["date"] is None
    assert art["notes"] == [f"只有一段文字({45 * repeat:,} 字),没有标题行:整段读作正文,标题留空 / one paragraph "
                            f"({45 * repeat:,} characters) and no title line: read whole as the body, title left empty"]


def test_one_paragraph_through_the_loader_says_what_was_done():
    text = SENTENCE * 64
    res = load_files([("news.txt", text.encode("utf-8"))])
    assert len(res.articles) == 1
    assert res.articles["body"].iloc[0] == text
    assert res.articles["title"].iloc[0] == ""
    rep = res.report.files[0]
    assert rep.error in (None, "")
    assert rep.notes == ["只有一段文字(2,880 字),没有标题行:整段读作正文,标题留空 / one paragraph (2,880 characters) "
                         "and no title line: read whole as the body, title left empty"]


def test_title_line_then_body_unchanged():
    art = parse_text_page("国务院常务会议部署稳就业\n" + SENTENCE * 3, "n.txt")
    assert art["title"] == "国务院常务会议部署稳就业"
    assert art["body"] == SENTENCE * 3


def test_a_short_paragraph_is_still_refused():
    with pytest.raises(LoadError) as exc:
        parse_text_page("会议今天召开,内容很短。", "short.txt")
    assert exc.value.code == "page.no_article"
