"""Government-site pages (issue 11): TRS CMS meta fields, column-name prefixes in titles, old table-layout
templates with content markers and dated sidebar lists. Pages are built here; the right values are exact."""
from __future__ import annotations

import pytest

from analysis.boilerplate import trim_edges
from analysis.loaders.html import parse_html_page
from analysis.loaders.titles import strip_site_suffix

P1 = "为进一步做好今年安全生产工作，县应急管理局于5月6日召开全县安全生产工作会议，传达学习上级有关会议精神。"
P2 = "会议要求，各乡镇、各部门要切实增强责任感和紧迫感，深入开展安全隐患排查整治，坚决遏制重特大事故发生。"
P3 = "会议还对近期防汛备汛工作进行了安排部署。"
BODY = "\n".join([P1, P2, P3])


def _trs(headline: str, title_tag: str, extra_meta: str = "") -> bytes:
    return f"""<html><head><meta charset="utf-8"><title>{title_tag}</title>
<meta name="ArticleTitle" content="{headline}"><meta name="PubDate" content="2022-04-17 14:46:00">
<meta name="ContentSource" content="生态环境部"><meta name="Url" content="http://www.mee.gov.cn/ywdt/t20220417_974894.shtml">
{extra_meta}</head><body><div class="nav">首页 &gt; 新闻 &gt; 要闻</div><h1>{headline}</h1>
<div>分享到： 【打印】 字号：大 中 小</div><div class="TRS_Editor"><p>{P1}</p><p>{P2}</p><p>{P3}</p></div>
<div>版权所有：中华人民共和国生态环境部 京ICP备05009132号</div></body></html>""".encode()


TRS = [
    ("生态环境部一周要闻（4.10-4.16）", "生态环境部一周要闻（4.10-4.16）_中华人民共和国生态环境部"),
    ("1-10月全县固定资产投资结构趋稳趋优", "1-10月全县固定资产投资结构趋稳趋优-德清县人民政府"),
    # my own: the headline carries a spaced hyphen and an English part
    ("“美丽中国 - 我是行动者”主题实践活动启动", "“美丽中国 - 我是行动者”主题实践活动启动-生态环境部"),
]


@pytest.mark.parametrize("headline,title_tag", TRS, ids=[t[0][:10] for t in TRS])
def test_trs_meta_fields_outrank_the_title_tag(headline, title_tag):
    art = parse_html_page(_trs(headline, title_tag), "trs.html", extras=True)
    assert art["title"] == headline
    assert art["date"].strftime("%Y-%m-%d") == "2022-04-17"
    assert art["source"] == "生态环境部"
    assert art["url"] == "http://www.mee.gov.cn/ywdt/t20220417_974894.shtml"
    assert art["body"] == BODY


def test_a_url_meta_naming_the_home_page_is_not_the_article_url():
    page = _trs("生态环境部一周要闻", "生态环境部一周要闻_生态环境部").replace(
        b'content="http://www.mee.gov.cn/ywdt/t20220417_974894.shtml"', b'content="http://www.mee.gov.cn/"')
    assert parse_html_page(page, "home.html")["url"] == ""


@pytest.mark.parametrize("title, expected", [
    ("图说洛阳| 洛阳市召开全市安全生产工作会议", "洛阳市召开全市安全生产工作会议"),
    ("要闻丨国务院常务会议部署稳经济一揽子措施 | 中国政府网", "国务院常务会议部署稳经济一揽子措施"),
    ("生态环境部一周要闻（4.10-4.16）_中华人民共和国生态环境部", "生态环境部一周要闻（4.10-4.16）"),
    ("1-10月全省经济运行情况 - 某省统计局", "1-10月全省经济运行情况"),
    ("某市召开全市安全生产工作会议|洛阳网", "某市召开全市安全生产工作会议"),
    ("通知公告|某某市人民政府门户网站", "通知公告"),            # a short column name before a site name stays
    ("图说|看图", "图说|看图"),
    # my own: a [bracketed] column prefix with a full-width bar and a suffix in 【】
    ("政务要闻｜全市深化营商环境改革推进会召开【某市政府网】", "全市深化营商环境改革推进会召开【某市政府网】"),
])
def test_title_prefix_and_suffix(title, expected):
    assert strip_site_suffix(title) == expected


SIDEBAR = "".join(f'<tr><td><a href="/art/{i}.html">·县里召开第{i}次专题会议部署重点工作</a></td>'
                  f'<td>2023-04-{10 + i:02d}</td></tr>' for i in range(1, 9))


def _table_page(content: str, side_after: bool = False) -> bytes:
    side = f'<td width="250" valign="top"><table><tr><td>相关信息</td></tr>{SIDEBAR}</table></td>'
    main = f"""<td width="750" valign="top"><table>
<tr><td align="center"><b>县应急管理局召开全县安全生产工作会议</b></td></tr>
<tr><td align="center">发布时间：2023-05-06 来源：县应急管理局 【字号：大 中 小】</td></tr>
<tr><td>{content}</td></tr><tr><td>【打印本页】【关闭窗口】</td></tr></table></td>"""
    return f"""<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>县应急管理局召开全县安全生产工作会议-某某县人民政府</title></head><body>
<table width="1000"><tr><td><a href="/">首页</a></td><td><a href="/zwgk">政务公开</a></td></tr></table>
<table width="1000"><tr>{main + side if side_after else side + main}</tr></table>
<table><tr><td>版权所有：某某县人民政府 备案号：冀ICP备12345678号</td></tr></table></body></html>""".encode("gb18030")


PARAS = f"<p>{P1}</p><p>{P2}</p><p>{P3}</p>"
TABLE_PAGES = [
    ("meta", f'<meta name="ContentStart">{PARAS}<meta name="ContentEnd">', False),
    ("comment", f"<!--<$[信息内容]>begin-->{PARAS}<!--<$[信息内容]>end-->", False),
    ("zoom", f'<div id="zoom">{PARAS}</div>', False),
    ("ucap", f'<div id="UCAP-CONTENT">{PARAS}</div>', True),
    # my own: markers around the body, the sidebar after it, and a 相关信息 list inside the marked block's tail
    ("marked+tail", f'<meta name="ContentStart">{PARAS}<p>相关信息</p><p>·县里召开第一次专题会议 2023-04-11</p>'
                    f'<p>·县里召开第二次专题会议 2023-04-12</p><meta name="ContentEnd">', True),
]


@pytest.mark.parametrize("kind,content,side_after", TABLE_PAGES, ids=[t[0] for t in TABLE_PAGES])
def test_table_layout_pages(kind, content, side_after):
    art = parse_html_page(_table_page(content, side_after), "t.html", extras=True)
    assert art["title"] == "县应急管理局召开全县安全生产工作会议"
    assert (art["date"].strftime("%Y-%m-%d"), art["date_source"]) == ("2023-05-06", "label")
    assert art["source"] == "县应急管理局"
    assert art["body"] == BODY


def test_table_layout_page_without_markers_keeps_the_sidebar_out():
    art = parse_html_page(_table_page(PARAS), "t.html")
    assert art["date"].strftime("%Y-%m-%d") == "2023-05-06"     # not the sidebar's last 2023-04-18
    assert "专题会议" not in art["body"] and "2023-04" not in art["body"]
    assert art["body"].replace("\n", " ").split(" ") == [P1, P2, P3]


@pytest.mark.parametrize("lines, kept", [
    (["·会议一召开 2023-04-11", "·会议二召开 2023-04-12", P1, P2], [P1, P2]),
    (["[2023-04-11] 会议一召开", "[2023-04-12] 会议二召开", P1], [P1]),
    ([P1, "相关信息", "会议一召开（2023-04-11）", "会议二召开（2023-04-12）"], [P1]),
    (["会议一召开", "2023-04-11", "会议二召开", "2023-04-12", P1], [P1]),
    ([P1, "某县应急管理局", "2023年5月6日"], [P1, "某县应急管理局", "2023年5月6日"]),   # a signature stays
    ([P1, "·会议一召开 2023-04-11"], [P1, "·会议一召开 2023-04-11"][:1]),          # one dated entry: a headline
])
def test_dated_related_lists_are_trimmed_from_the_edges(lines, kept):
    assert trim_edges(lines) == kept


# --- 政府信息公开 pages: a table of fields above the document (成文日期 and 发布日期 both shown) --------------
N1 = "各省、自治区、直辖市人民政府，国务院各部委、各直属机构：经国务院同意，现将有关事项通知如下。"
N2 = "一、加强组织领导。各地区各部门要高度重视，结合实际抓好贯彻落实，确保各项措施落地见效。"
DOC_TITLE = "国务院办公厅关于加强某某工作的通知"


def _disclosure_page(colon: str, order: tuple[str, str] = ("成文日期", "发布日期")) -> bytes:
    return f"""<html><head><meta charset="utf-8"><title>{DOC_TITLE}_政策_中国政府网</title></head><body>
<div class="nav">首页 &gt; 政策 &gt; 国务院文件</div>
<table class="bd1"><tr><td>索 引 号{colon}</td><td>000014349/2023-00010</td><td>主题分类{colon}</td><td>科技、教育\\科技</td></tr>
<tr><td>发文机关{colon}</td><td>国务院办公厅</td><td>{order[0]}{colon}</td><td>2023年05月04日</td></tr>
<tr><td>标　　题{colon}</td><td>{DOC_TITLE}</td></tr>
<tr><td>发文字号{colon}</td><td>国办发〔2023〕15号</td><td>{order[1]}{colon}</td><td>2023年05月06日</td></tr></table>
<div class="article"><h1>{DOC_TITLE}</h1><p>{N1}</p><p>{N2}</p><p>国务院办公厅</p><p>2023年5月4日</p></div>
<div>版权所有：中国政府网 京ICP备05070218号</div></body></html>""".encode()


@pytest.mark.parametrize("colon", ["：", ""], ids=["colon", "no-colon"])
def test_disclosure_page_date_is_the_publish_date(colon):
    art = parse_html_page(_disclosure_page(colon), "xxgk.html", extras=True)
    assert art["title"] == DOC_TITLE
    assert (art["date"].strftime("%Y-%m-%d"), art["date_source"]) == ("2023-05-06", "label")
    assert art["written_date"].strftime("%Y-%m-%d") == "2023-05-04"
    # the block stays at the body's head as label：value lines (analysis.policy reads 文号/发文机关 there)
    assert art["body"].split("\n")[:5] == ["索引号：000014349/2023-00010", "主题分类：科技、教育\\科技", "发文机关：国务院办公厅",
                                           f"标题：{DOC_TITLE}", "发文字号：国办发〔2023〕15号"]
    assert art["body"].endswith(f"{N1}\n{N2}\n国务院办公厅\n2023年5月4日")


def test_disclosure_page_as_text_and_the_signature_date_is_no_publish_stamp():
    # my own: the text rendering, cells one per line, and the dates in the other order (发布日期 first)
    import lxml.html

    from analysis.loaders.html import _visible_lines
    from analysis.loaders.text import parse_text_page

    root = lxml.html.document_fromstring(_disclosure_page("", ("发布日期", "成文日期")).decode())
    root.remove(root.find("head"))
    text = f"{DOC_TITLE}_政策_中国政府网\n" + "\n".join(_visible_lines(root))
    art = parse_text_page(text, "xxgk.txt", extras=True)
    assert art["title"] == DOC_TITLE
    # the 2023-05-04 under 国务院办公厅 closes the notice: not the publish date; the labels decide
    assert (art["date"].strftime("%Y-%m-%d"), art["written_date"].strftime("%Y-%m-%d")) == ("2023-05-04", "2023-05-06")
    assert art["body"] == f"{N1}\n{N2}\n国务院办公厅\n2023年5月4日"
