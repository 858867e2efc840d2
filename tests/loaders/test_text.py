"""analysis.loaders.text.parse_text_page: one article out of a scraped text page."""
from __future__ import annotations

import time

import pandas as pd
import pytest

from analysis.errors import LoadError
from analysis.loaders.text import attribution_author, parse_text_page
from analysis.loaders.titles import strip_site_suffix

D = pd.Timestamp
KEYS = {"title", "date", "source", "author", "url", "body"}

SEED_TITLE = "坚持靠大做强 强基突破跨越 ——海南省市场监管局与质量基础设施“国家队”签署战略合作协议"


def test_seed(seed_text):
    art = parse_text_page(seed_text, "000_4e53eeebf8a18e4c.txt")
    assert set(art) == KEYS
    assert art["title"] == SEED_TITLE
    assert art["date"] == D("2024-05-02")
    assert art["source"] == "海南省市场监督管理局"
    assert art["author"] == "佚名"
    assert art["url"] == "https://amr.hainan.gov.cn/yw/gzdt/202404/t20240430_3656724.html"
    body = art["body"]
    assert body.startswith("近日")
    assert body.endswith("参加签约仪式。")
    assert len(body.split("\n")) == 8                     # the article's eight paragraphs
    for furniture in ("欢迎访问", "首页", "时间:", "来源:", "原文链接", "免责声明", "分隔线", "版权所有",
                      "联系电话", "监督电话", "邮箱", "QQ", "办公区", "主办", "北京中农兴业资讯中心", SEED_TITLE):
        assert furniture not in body, furniture


# A browser "save as text" rendering: <title> first, menus, breadcrumb, title, a date line with 来源/作者,
# the body (its first sentence holds an event date that is NOT the publish date), editor, related list, footer.
RENDERED = """某省应急管理厅开展安全生产大检查_工作动态_某省应急管理厅
首页
机构概况
政务公开
新闻中心
工作动态
通知公告
当前位置：首页 > 新闻中心 > 工作动态
某省应急管理厅开展安全生产大检查
2023年11月08日 10:30 来源：某省应急管理厅 作者：张三
【字体：大 中 小】 打印本页 关闭窗口
2023年11月6日，某省应急管理厅组成5个检查组，分赴全省14个市开展安全生产大检查，重点检查危险化学品、矿山和消防等领域。
检查组指出，各地要压实企业主体责任，对发现的问题隐患建立台账，限期整改到位。市民可拨打12350举报电话反映安全隐患。
下一步，该厅将持续加大执法检查力度，确保全省安全生产形势稳定。
责任编辑：李四
相关新闻
某市开展消防安全检查
某县部署冬季安全生产工作
主办单位：某省应急管理厅 承办单位：某省应急管理信息中心
地址：某省某市某路100号 邮编：100000 联系电话：0000-12345678
版权所有：某省应急管理厅 某ICP备12345678号
"""


def test_rendered_page():
    art = parse_text_page(RENDERED, "rendered.txt")
    assert art == {
        "title": "某省应急管理厅开展安全生产大检查",
        "date": D("2023-11-08"),
        "source": "某省应急管理厅",
        "author": "张三",
        "url": "",
        "body": "\n".join([
            "2023年11月6日，某省应急管理厅组成5个检查组，分赴全省14个市开展安全生产大检查，重点检查危险化学品、矿山和消防等领域。",
            "检查组指出，各地要压实企业主体责任，对发现的问题隐患建立台账，限期整改到位。市民可拨打12350举报电话反映安全隐患。",
            "下一步，该厅将持续加大执法检查力度，确保全省安全生产形势稳定。",
        ]),
    }


def test_publish_date_after_the_body_beats_a_date_inside_it():
    text = "\n".join([
        "某区召开金融工作座谈会",
        "来源于：某区办事处",
        "2019年2月27日下午，某区召开金融工作座谈会，区金融局、区发改局负责同志出席会议并讲话。",
        "发布日期：2019-03-06",
        "责任编辑：龙慧",
    ])
    art = parse_text_page(text, "a.txt")
    assert (art["title"], art["date"], art["source"], art["author"]) == (
        "某区召开金融工作座谈会", D("2019-03-06"), "某区办事处", "龙慧")
    assert art["body"] == "2019年2月27日下午，某区召开金融工作座谈会，区金融局、区发改局负责同志出席会议并讲话。"


def test_date_from_original_link_when_the_page_states_none():
    text = "\n".join([
        "某局发布计量器具强制检定目录",
        "近日，某局发布新版计量器具强制检定目录，自发布之日起施行，原目录同时废止。",
        "原文链接：http://example.gov.cn/zwgk/202404/t20240430_12345.html",
    ])
    art = parse_text_page(text, "b.txt")
    assert art["date"] == D("2024-04-30")
    assert art["url"] == "http://example.gov.cn/zwgk/202404/t20240430_12345.html"
    assert art["title"] == "某局发布计量器具强制检定目录"
    assert art["body"] == "近日，某局发布新版计量器具强制检定目录，自发布之日起施行，原目录同时废止。"


def test_no_date_stays_none():
    text = "某局开展质量月活动\n9月1日，某局启动质量月活动，组织企业开展质量提升行动，共计80家企业参加。"
    art = parse_text_page(text, "c.txt")
    assert art["date"] is None                      # "9月1日" has no year: never completed with a guess
    assert (art["source"], art["author"], art["url"]) == ("", "", "")


def test_title_wrapped_over_lines_and_outlet_beside_the_stamp():
    text = "\n".join([
        "全国人民代表大会常务委员会关于批准某项决议_公报_某政府网",
        "首页", "公报",
        "全国人民代表大会常务委员会",
        "关于批准某项决议",
        "新华社",
        "2007-08-20 23:59",
        "第十届全国人民代表大会常务委员会第二十八次会议，审议了某项议案，决定批准该项决议。",
    ])
    art = parse_text_page(text, "d.txt")
    assert art["title"] == "全国人民代表大会常务委员会关于批准某项决议"
    assert art["date"] == D("2007-08-20")
    assert art["source"] == "新华社"
    assert art["body"] == "第十届全国人民代表大会常务委员会第二十八次会议，审议了某项议案，决定批准该项决议。"


def test_truncated_title_repaired_from_原标题():
    text = "\n".join([
        "定了！某港即将开通！地铁直达+免...",
        "2019-08-13 14:07 来源：某某发布",
        "本文原标题：《定了！某港即将开通！地铁直达+免税城》",
        "近日，某港开港倒计时发布会召开，该港将于11月17日正式开港，可停靠世界最大邮轮。",
    ])
    art = parse_text_page(text, "e.txt")
    assert art["title"] == "定了！某港即将开通！地铁直达+免税城"


@pytest.mark.parametrize("text", [
    "",
    "   \n\n  ",
    "\ufeff",
    "首页\n新闻中心\n通知公告\n联系我们\n版权所有：某网站\n京ICP备12345678号",
    "某局召开会议",                              # a title without any body
])
def test_no_article_raises(text):
    with pytest.raises(LoadError) as info:
        parse_text_page(text, "empty.txt")
    assert info.value.file == "empty.txt"
    assert str(info.value) == ("empty.txt: 没有找到文章正文(正文不足 20 字),请检查这是否是一篇文章的页面 / "
                               "no article found (body under 20 characters); check that this is an article page")


@pytest.mark.parametrize("title, expected", [
    ("坚持靠大做强_海南省市场监督管理局", "坚持靠大做强"),
    ("外媒眼中的武汉长假：蓬勃发展，欢声笑语_首页武汉_新闻中心_长江网_cjn.cn", "外媒眼中的武汉长假：蓬勃发展，欢声笑语"),
    ("常德市金融系统积极开展活动--当代商报", "常德市金融系统积极开展活动"),
    ("山西品牌丝路行正式启动 - 山西省人民政府门户网站", "山西品牌丝路行正式启动"),
    ("法国全国大罢工再次严重影响交通-新华网", "法国全国大罢工再次严重影响交通"),
    ("1-10月德清县固定资产投资结构趋稳趋优", "1-10月德清县固定资产投资结构趋稳趋优"),
    ("没有后缀的标题", "没有后缀的标题"),
])
def test_strip_site_suffix(title, expected):
    assert strip_site_suffix(title) == expected


def test_input_is_not_mutated_and_type_checked():
    with pytest.raises(TypeError):
        parse_text_page(b"bytes", "x.txt")  # type: ignore[arg-type]


def test_a_megabyte_page_is_fast():
    para = "某市市场监管局开展计量器具专项检查，共检查加油站、集贸市场等单位120家，发现问题并督促整改。"
    text = "某局专项检查\n时间：2024-05-02 来源：某局\n" + "\n".join([para] * 12000) + "\n" + "首页\n" * 5000
    assert len(text.encode("utf-8")) > 1_000_000
    started = time.process_time()       # CPU time: the wall clock is noisy on a shared machine
    art = parse_text_page(text, "big.txt")
    elapsed = time.process_time() - started
    assert art["date"] == D("2024-05-02")
    assert art["body"].count("\n") == 11999
    assert elapsed < 1.0, f"{elapsed:.2f} s of CPU for a 1 MB page"


@pytest.mark.parametrize("body, expected", [
    ("南美站活动将先后在巴西、乌拉圭、阿根廷举行。（张巨峰）", "张巨峰"),
    ("让金融的发展更好地满足人民日益增长的美好生活需要。(文/图 刘玺东 易赛楠)", "刘玺东 易赛楠"),
    ("会议要求抓好落实。（记者 王五）", "王五"),
    ("总体全县投资结构趋稳趋优。（德清县发改局）", ""),          # an organisation: a source, not an author
    ("会议要求抓好落实。（完）", ""),
    ("会议要求抓好落实。", ""),
    ("", ""),
])
def test_attribution_author(body, expected):
    assert attribution_author(body) == expected


def test_author_from_closing_attribution_when_no_label():
    text = "某县召开会议\n2024-05-02 来源：某县融媒体中心\n会议要求各部门抓好落实，确保各项任务按期完成。（张三 李四）"
    art = parse_text_page(text, "f.txt")
    assert (art["source"], art["author"]) == ("某县融媒体中心", "张三 李四")
    assert art["body"] == "会议要求各部门抓好落实，确保各项任务按期完成。（张三 李四）"


from hypothesis import given, settings, strategies as st  # noqa: E402


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(st.text(max_size=80), st.sampled_from([
    "首页", "时间:2024-05-02 来源:某局 作者:佚名", "原文链接:http://x.cn/t20240430_1.html", "[免责声明] 本文来源于网络。",
    "近日，某局召开会议，部署全年重点工作，要求各单位抓好落实。", "（张三）", "相关新闻", "版权所有", "|", "·"])), max_size=30))
def test_any_text_gives_an_article_or_load_error(lines):
    try:
        art = parse_text_page("\n".join(lines), "fuzz.txt")
    except LoadError:
        return
    assert set(art) == KEYS
    assert len(art["body"].replace("\n", "").replace(" ", "")) >= 20


def test_traditional_chinese_page():
    text = "\n".join([
        "歡迎訪問某某政府網站", "首頁",
        "某署推出中小企業資助計劃",
        "發佈時間：2024年5月2日 來源：某某署 記者：陳大文",
        "某署今日宣布推出新一輪中小企業資助計劃，協助企業提升競爭力，申請期由下月開始。",
        "【列印本頁】【關閉視窗】",
        "聯絡電話：2345 6789",
        "版權所有 © 某某政府",
    ])
    art = parse_text_page(text, "hk.txt")
    assert art == {"title": "某署推出中小企業資助計劃", "date": D("2024-05-02"), "source": "某某署", "author": "陳大文",
                   "url": "", "body": "某署今日宣布推出新一輪中小企業資助計劃，協助企業提升競爭力，申請期由下月開始。"}


def test_crawler_dump_with_labelled_fields():
    text = "\n".join([
        "标题：某市开展食品安全抽检",
        "链接：https://scjgj.example.gov.cn/xxgk/2024/0315/45.html",
        "发布时间：2024-03-15",
        "来源：某市市场监督管理局",
        "正文：近日，某市市场监督管理局组织开展食品安全监督抽检，共抽检食品样品300批次。",
        "抽检结果显示，合格率为98.7%，不合格产品已依法处置。",
    ])
    assert parse_text_page(text, "dump.txt") == {
        "title": "某市开展食品安全抽检", "date": D("2024-03-15"), "source": "某市市场监督管理局", "author": "",
        "url": "https://scjgj.example.gov.cn/xxgk/2024/0315/45.html",
        "body": "近日，某市市场监督管理局组织开展食品安全监督抽检，共抽检食品样品300批次。\n抽检结果显示，合格率为98.7%，不合格产品已依法处置。",
    }


def test_poster_style_short_lines_are_kept_and_link_lists_cut():
    poster = ["下周一，", "京沪高速施工就将进入第二阶段，", "也是对无锡市民出行影响最大的一段。", "什么？", "你还不知道？",
              "5月10日起，江阴大桥将半幅封闭施工，请广大驾驶员提前规划出行路线，注意安全。", "道路施工会给大家的出行带来不便，",
              "但短暂的维修换来的是", "日后的更安全、更畅通。", "请大家互相转告通知，", "平安出行，安全到家。"]
    links = ["热门", "某地暴雨", "某市通报", "某县发布", "某区开展", "某局部署", "某厅召开", "某委印发", "某办通知"]
    text = "\n".join(["京沪高速部分路段封闭施工", "2019-05-17 来源：某某城市报道"] + poster + links)
    art = parse_text_page(text, "poster.txt")
    assert art["body"] == "\n".join(poster)
    assert (art["date"], art["source"]) == (D("2019-05-17"), "某某城市报道")
