"""analysis.loaders.html.parse_html_page: one article out of a saved HTML page (bytes)."""
from __future__ import annotations

import time

import pandas as pd
import pytest

import analysis.loaders.html as html_loader
from analysis.errors import LoadError
from analysis.loaders.html import decode_html, parse_html_page

D = pd.Timestamp

PORTAL = """<!DOCTYPE html>
<html><head>
<meta charset="utf-8">
<title>某省开展计量器具专项检查_工作动态_某省市场监督管理局</title>
<meta property="og:title" content="某省开展计量器具专项检查">
<link rel="canonical" href="https://amr.example.gov.cn/xw/gzdt/202403/t20240315_123456.html">
<style>.nav{color:red} body{font-size:14px}</style>
<script>var title = "脚本里的文字不是正文"; document.write("脚本输出");</script>
</head>
<body>
<div class="top">欢迎访问某省市场监督管理局网站！</div>
<ul class="nav"><li><a href="/">首页</a></li><li><a href="/jg">机构概况</a></li><li><a href="/zw">政务公开</a></li><li><a href="/xw">新闻中心</a></li></ul>
<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/xw">新闻中心</a> &gt; 工作动态</div>
<iframe src="/ad.html">框架里的广告文字</iframe>
<div class="article">
<h1>某省开展计量器具专项检查</h1>
<div class="info">发布时间：2024-03-15 10:00 来源：某省市场监督管理局 作者：王五</div>
<div class="tools">【字体：大 中 小】 <a href="javascript:print()">打印本页</a> <a href="javascript:close()">关闭窗口</a></div>
<div class="content">
<p>　　近日，某省市场监督管理局在全省范围内开展计量器具专项检查，重点检查加油站、集贸市场和医疗机构使用的计量器具。</p>
<p>　　检查共出动执法人员1200人次，检查单位3500家，发现并督促整改问题86个。市民可拨打12315热线电话反映计量问题。</p>
<p>　　下一步，该局将持续加强计量监督，切实维护消费者合法权益。</p>
<script>trackView("正文里的脚本");</script>
</div>
<div class="share">分享到：<a>微信</a> <a>微博</a></div>
<div class="related"><h3>相关新闻</h3><ul><li><a href="/1">某市开展电子计价秤检查</a></li><li><a href="/2">某县部署民生计量工作</a></li></ul></div>
</div>
<div class="footer">
<p>主办单位：某省市场监督管理局 承办单位：某省市场监管信息中心</p>
<p>地址：某省某市某路100号 邮编：100000 联系电话：0000-12345678</p>
<p>版权所有：某省市场监督管理局 某ICP备12345678号 某公网安备 12345678901234号</p>
</div>
</body></html>"""

PORTAL_ARTICLE = {
    "title": "某省开展计量器具专项检查",
    "date": D("2024-03-15"),
    "source": "某省市场监督管理局",
    "author": "王五",
    "url": "https://amr.example.gov.cn/xw/gzdt/202403/t20240315_123456.html",
    "body": "\n".join([
        "近日，某省市场监督管理局在全省范围内开展计量器具专项检查，重点检查加油站、集贸市场和医疗机构使用的计量器具。",
        "检查共出动执法人员1200人次，检查单位3500家，发现并督促整改问题86个。市民可拨打12315热线电话反映计量问题。",
        "下一步，该局将持续加强计量监督，切实维护消费者合法权益。",
    ]),
}


def test_portal_page():
    assert parse_html_page(PORTAL.encode("utf-8"), "p.html") == PORTAL_ARTICLE


def test_portal_page_without_trafilatura(monkeypatch):
    """The line rules alone find the same article (trafilatura missing or finding nothing)."""
    monkeypatch.setattr(html_loader, "_trafilatura_body", lambda text: "")
    assert parse_html_page(PORTAL.encode("utf-8"), "p.html") == PORTAL_ARTICLE


def test_scripts_styles_iframes_menus_footer_never_reach_the_body():
    body = parse_html_page(PORTAL.encode("utf-8"), "p.html")["body"]
    for text in ("脚本", "trackView", "font-size", "框架里的广告", "欢迎访问", "首页", "机构概况", "当前位置",
                 "打印本页", "分享到", "相关新闻", "电子计价秤", "主办单位", "联系电话", "ICP", "版权所有"):
        assert text not in body, text


@pytest.mark.parametrize("declaration, codec", [
    ('<meta charset="gb2312">', "gbk"),
    ('<meta http-equiv="Content-Type" content="text/html; charset=GBK">', "gbk"),
    ('<meta charset="gb18030">', "gb18030"),
    ("", "gbk"),                                  # undeclared: sniffed
])
def test_gbk_pages(declaration, codec):
    page = PORTAL.replace('<meta charset="utf-8">', declaration)
    data = page.encode(codec)
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")                      # the bytes really are not UTF-8
    assert parse_html_page(data, "gbk.html") == PORTAL_ARTICLE


def test_declared_charset_that_lies_falls_back():
    page = PORTAL.replace('<meta charset="utf-8">', '<meta charset="gb2312">')
    assert parse_html_page(page.encode("utf-8"), "lie.html") == PORTAL_ARTICLE


@pytest.mark.parametrize("data, encoding", [
    (b"\xef\xbb\xbf<p>\xe4\xb8\xad</p>", "utf-8-sig"),
    ("<p>中</p>".encode("utf-16"), "utf-16"),
    (b'<meta charset="GB2312"><p>\xd6\xd0</p>', "gb18030"),
    ("<p>中</p>".encode("utf-8"), "utf-8"),
])
def test_decode_html(data, encoding):
    text, used = decode_html(data)
    assert used == encoding
    assert "中" in text


MINIMAL = """<html><head><meta charset="utf-8">
<title>某市召开安全生产工作会议 - 某市应急管理局</title>
<meta property="article:published_time" content="2023-06-01T09:30:00+08:00">
<meta property="og:url" content="https://yjj.example.gov.cn/news/2023/0601/1.html">
</head><body>
<p>6月1日，某市召开安全生产工作会议，分析当前安全生产形势，部署下一阶段重点工作。</p>
<p>会议要求，各地各部门要压紧压实安全生产责任，深入开展隐患排查整治。</p>
</body></html>"""


def test_title_from_title_tag_and_date_from_meta():
    art = parse_html_page(MINIMAL.encode("utf-8"), "m.html")
    assert art == {
        "title": "某市召开安全生产工作会议",
        "date": D("2023-06-01"),
        "source": "",
        "author": "",
        "url": "https://yjj.example.gov.cn/news/2023/0601/1.html",
        "body": "6月1日，某市召开安全生产工作会议，分析当前安全生产形势，部署下一阶段重点工作。\n"
                "会议要求，各地各部门要压紧压实安全生产责任，深入开展隐患排查整治。",
    }


def test_stray_closing_html_tag_does_not_cut_the_page():
    page = MINIMAL.replace("<body>", "<body><div>页头</div></html>\n<!--end header-->")
    assert parse_html_page(page.encode("utf-8"), "s.html")["body"].startswith("6月1日，某市召开")


def test_undated_page_stays_undated():
    page = MINIMAL.replace('<meta property="article:published_time" content="2023-06-01T09:30:00+08:00">', "")
    page = page.replace("/2023/0601/", "/news/")
    assert parse_html_page(page.encode("utf-8"), "u.html")["date"] is None


NAV_ONLY = """<html><head><meta charset="utf-8"><title>某某网 - 首页</title>
<script>var a = "这是一段很长的脚本文字，不应被当作文章正文，无论它有多长多长多长多长多长。";</script></head>
<body><ul><li>首页</li><li>新闻</li><li>通知公告</li><li>联系我们</li></ul>
<div>版权所有：某某网 京ICP备12345678号</div></body></html>"""


@pytest.mark.parametrize("data", [
    NAV_ONLY.encode("utf-8"),
    b"<html><head><title>x</title></head><body></body></html>",
])
def test_page_without_article_raises(data):
    with pytest.raises(LoadError) as info:
        parse_html_page(data, "nav.html")
    assert info.value.file == "nav.html"
    assert str(info.value) == ("nav.html: 没有找到文章正文(正文不足 20 字),请检查这是否是一篇文章的页面 / "
                               "no article found (body under 20 characters); check that this is an article page")


@pytest.mark.parametrize("data", [b"", b"   \n  "])
def test_empty_page_raises(data):
    with pytest.raises(LoadError) as info:
        parse_html_page(data, "empty.html")
    assert str(info.value) == "empty.html: 页面是空的 / the page is empty"


@pytest.mark.parametrize("garbage", [bytes(range(256)) * 40, b"\x89PNG\r\n\x1a\n" + bytes(range(1, 32)) * 100])
def test_binary_garbage_raises_load_error(garbage):
    with pytest.raises(LoadError) as info:
        parse_html_page(garbage, "garbage.html")
    assert str(info.value) == ("garbage.html: 这不是文本或 HTML 文件(内容是二进制数据)/ "
                               "not a text or HTML file (binary content)")


@pytest.mark.parametrize("paragraphs, menus", [(6000, 3000), (150, 9000)])   # mostly text / mostly markup
def test_a_megabyte_page_is_fast(paragraphs, menus):
    para = "<p>某市市场监管局开展计量器具专项检查，共检查加油站、集贸市场等单位120家，发现问题并督促整改。</p>\n"
    menu = '<div class="nav"><ul><li><a href="/x/y/z/long/path/index.html" class="menu-item">首页</a></li></ul></div>\n'
    page = PORTAL.replace("<p>　　下一步", para * paragraphs + "<p>　　下一步").replace("<body>", "<body>" + menu * menus)
    data = page.encode("utf-8")
    assert len(data) > 800_000
    started = time.process_time()      # CPU time: the wall clock is noisy on a shared machine
    art = parse_html_page(data, "big.html")
    elapsed = time.process_time() - started
    assert art["title"] == "某省开展计量器具专项检查"
    assert art["date"] == D("2024-03-15")
    assert art["body"].count("\n") == paragraphs + 2
    assert "首页" not in art["body"] and "相关新闻" not in art["body"]
    assert elapsed < 1.0, f"{elapsed:.2f} s of CPU for a 1 MB page"


def test_h1_when_the_title_tag_is_a_column_name():
    page = """<html><head><meta charset="utf-8"><title>新闻动态--某学会官网</title></head><body>
<div class="nav"><a>首页</a><a>学会概况</a><a>新闻动态</a></div>
<h1>某学会2019年学术年会在重庆成功举行</h1>
<p>5月10日至12日，某学会2019年学术年会在重庆举行，来自全国高校和科研院所的400余位专家学者参加会议。</p>
</body></html>"""
    art = parse_html_page(page.encode("utf-8"), "h1.html")
    assert (art["title"], art["date"]) == ("某学会2019年学术年会在重庆成功举行", None)
    assert art["body"] == "5月10日至12日，某学会2019年学术年会在重庆举行，来自全国高校和科研院所的400余位专家学者参加会议。"


def test_big5_page():
    page = ('<html><head><meta charset="big5"><title>某署推出資助計劃_某某政府網</title></head><body>'
            "<h1>某署推出資助計劃</h1><p>發佈時間：2024年5月2日</p>"
            "<p>某署今日宣布推出新一輪中小企業資助計劃，協助企業提升競爭力，申請期由下月開始。</p></body></html>")
    art = parse_html_page(page.encode("big5"), "big5.html")
    assert (art["title"], art["date"]) == ("某署推出資助計劃", D("2024-05-02"))
    assert art["body"] == "某署今日宣布推出新一輪中小企業資助計劃，協助企業提升競爭力，申請期由下月開始。"


def test_title_and_date_merged_into_the_first_body_block_are_removed():
    page = MINIMAL.replace("<p>6月1日，", "<p><b>某市召开安全生产工作会议</b> 最后更新: 2023-06-01 09:30 6月1日，")
    art = parse_html_page(page.encode("utf-8"), "merged.html")
    assert art["body"].startswith("6月1日，某市召开安全生产工作会议，分析")
