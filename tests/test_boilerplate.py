"""analysis.boilerplate: furniture lines out, body sentences kept, metadata captured."""
from __future__ import annotations

import pandas as pd
import pytest

from analysis.boilerplate import (is_boilerplate_line, split_boilerplate, strip_app_tail, strip_boilerplate,
                                  strip_follow_tail, trim_edges)
from analysis.loaders import LoadOptions, load_files
from analysis.meta_lines import Meta, parse_meta_line
from tests.test_body_tails import RELATED_CASES, strip_related_tail

P1 = "近日，某市市场监督管理局召开计量工作会议，部署全年重点任务，要求各单位加强民生计量监管。"
P2 = "会议强调，要以更高标准推进质量基础设施建设，切实服务地方产业高质量发展。"


@pytest.mark.parametrize("line", [
    "欢迎访问安全生产资讯网!",
    "您好，欢迎来到某某市人民政府门户网站",
    "首页",
    "网站首页",
    "当前位置：首页 > 新闻中心 > 工作动态",
    "您现在的位置: 首页 > 正文",
    "首页 > 要闻 > 头条 > 正文",
    "字号：大 中 小",
    "【字体：大 中 小】",
    "【打印本页】【关闭窗口】",
    "打印本页 关闭窗口",
    "扫一扫在手机打开当前页",
    "分享到：微信 微博 QQ空间",
    "相关阅读",
    "相关新闻：",
    "上一篇：某县开展食品安全检查",
    "下一篇：没有了",
    "[免责声明] 本文来源于网络转载,仅供学习交流使用,不构成商业目的。",
    "本网部分转载文章、图片等无法联系到权利人，请相关权利人与本网站联系。",
    "------分隔线----------------------------",
    "版权所有：某某市人民政府办公室",
    "Copyright © 2024 example.gov.cn All Rights Reserved",
    "京ICP备12345678号-1",
    "京公网安备 11010102000001号",
    "联系电话：010-56232582 13391776757",
    "监督电话:18610822936,违法和不良信息举报电话:010-57028685",
    "邮箱:qgzfyjsfzdyzx@163.com  客服QQ:321579164",
    "地址：北京市西城区三里河东路8号",
    "第一办公区:北京市东城区建国门内大街26号新闻大厦5层",
    "传真：0898-65201234",
    "北京中农兴业资讯中心主办 | 政讯通-全国政务信息一体化办公室 主管",
    "主办单位：国务院办公厅 运行维护单位：中国政府网运行中心",
    "承办：某某市大数据中心",
    "原文链接：https://amr.hainan.gov.cn/yw/gzdt/202404/t20240430_3656724.html",
    "",
])
def test_furniture_lines(line):
    assert is_boilerplate_line(line) is True


@pytest.mark.parametrize("line", [
    P1,
    "市民可拨打12345热线电话反映问题。",
    "举报电话：12315，市场监管部门将依法处理。",          # starts like a contact line, but is a sentence
    "地址变更后，企业应当在30日内申请变更登记。",
    "会议地址设在省政府第一会议室，联系电话另行通知。",
    "该局主办的展会吸引了众多企业参加。",
    "首页设计获得好评的政务网站共有12家。",
    "相关部门负责同志参加会议。",                       # 相关… but not a related-article list
    "版权保护是知识产权工作的重点之一，今年共查处侵权案件120件。",
    "声明指出，各地要严格落实安全生产责任。",
    "关于印发《计量发展规划（2021—2035年）》的通知",
])
def test_body_lines_stay(line):
    assert is_boilerplate_line(line) is False


def test_strip_keeps_body_sentences_that_mention_phone_and_address():
    text = "\n".join([
        "欢迎访问某某网", "首页", P1,
        "市民可拨打12345热线电话反映问题。",
        "举报电话：12315，市场监管部门将依法处理。",
        "联系电话：010-12345678",
        "地址：北京市东城区某某路26号",
    ])
    assert strip_boilerplate(text) == "\n".join([
        P1, "市民可拨打12345热线电话反映问题。", "举报电话：12315，市场监管部门将依法处理。"])


def test_split_captures_meta_and_original_link_and_cuts_the_tail():
    text = "\n".join([
        "时间:2024-05-02 来源:某市市场监督管理局 作者:佚名",
        "字号：大 中 小",
        "", "  " + P1, "", P2,
        "原文链接:https://example.gov.cn/xw/202404/t20240430_1.html",
        "[免责声明] 本文来源于网络转载,仅供学习交流使用。",
        "------分隔线----------------------------",
        "某某资讯中心",                                     # no marker of its own: gone with the tail
        "联系电话:010-12345678",
    ])
    body, meta = split_boilerplate(text)
    assert body == P1 + "\n" + P2
    assert meta == Meta(date=pd.Timestamp("2024-05-02"), source="某市市场监督管理局", author="佚名",
                        url="https://example.gov.cn/xw/202404/t20240430_1.html")


def test_related_list_is_cut_but_an_article_after_a_marker_is_not():
    related = "\n".join([P1, "相关阅读", "某县开展食品安全检查", "某市召开质量大会"])
    assert strip_boilerplate(related) == P1
    long_para = "这是一段很长的正文。" * 25                    # 250 characters of article text
    text = "\n".join(["[免责声明] 本站转载文章仅供参考。", long_para])
    assert strip_boilerplate(text) == long_para


def test_strip_empty_and_only_furniture():
    assert strip_boilerplate("") == ""
    assert strip_boilerplate("首页\n打印本页\n版权所有：某网\n") == ""


def test_strip_normalises_spaces_and_zero_width():
    assert strip_boilerplate("\u3000\u3000近日，\u200b会议召开。  \r\n\r\n第二段。") == "近日，会议召开。\n第二段。"


@pytest.mark.parametrize("line, expected", [
    ("时间:2024-05-02 来源:海南省市场监督管理局 作者:佚名",
     Meta(date=pd.Timestamp("2024-05-02"), source="海南省市场监督管理局", author="佚名")),
    ("2020-10-04 20:30 来源: 长江网", Meta(date=pd.Timestamp("2020-10-04"), source="长江网")),
    ("2019-08-13 14:07来源：澎湃新闻·澎湃号·政务", Meta(date=pd.Timestamp("2019-08-13"), source="澎湃新闻·澎湃号·政务")),
    ("发布时间：2019-05-18 来源：中国地理学会", Meta(date=pd.Timestamp("2019-05-18"), source="中国地理学会")),
    ("（责任编辑：系统管理员）", Meta(author="系统管理员")),
    ("来源于：东区办事处", Meta(source="东区办事处")),
    ("版权声明 来源：当代商报 时间：2019-09-23 14:34:05 作者：", Meta(date=pd.Timestamp("2019-09-23"), source="当代商报")),
    ("作者：张三 责任编辑：李四", Meta(author="张三")),
    ("来源：国家统计局。", Meta(source="国家统计局")),
    ("发布日期：2019-09-23 14:34:05 所属分类：", Meta(date=pd.Timestamp("2019-09-23"))),
    ("时间：2024年5月2日 星期四", Meta(date=pd.Timestamp("2024-05-02"))),
    ("时间：2024年5月2日上午，某局召开安全生产会议。", None),          # a body sentence starting with a label
    ("最后更新: 2023-06-01 09:30 6月1日，某市召开会议", None),
    ("数据来源：国家统计局", None),               # 来源 inside a word: a body line
    ("记者 王五", None),                       # no colon: not a labelled field
    ("来源：", None),
    ("据新华社报道，来源：可靠消息称会议延期。", None),
    ("时间就是生命，安全重于泰山。", None),
    (P1, None),
])
def test_parse_meta_line(line, expected):
    assert parse_meta_line(line) == expected


def test_a_marker_word_inside_a_sentence_does_not_cut():
    text = "\n".join([P1, "相关新闻发布会将于明日举行。", P2])
    assert strip_boilerplate(text) == text


def test_an_early_marker_does_not_cut_the_article_after_it():
    text = "\n".join(["导语。", "下一篇", P1, P2])          # a toolbar's 下一篇 above the article
    assert strip_boilerplate(text) == "\n".join(["导语。", P1, P2])


def test_comment_section_is_cut():
    text = "\n".join([P1, P2, "4,786 条评论", "网友甲 12小时前", "说得好，支持一下这样的做法，值得推广。"])
    assert strip_boilerplate(text) == P1 + "\n" + P2


@pytest.mark.parametrize("line", ["您的浏览器暂时无法播放此视频.", "������", "字号：A-", "A+", "最后更新: 2019-09-07 15:14:21"])
def test_more_furniture(line):
    assert strip_boilerplate("\n".join([P1, line, P2])) == P1 + "\n" + P2


@pytest.mark.parametrize("lines, expected", [
    (["举报", "330", "QQ空间", P1, P2], [P1, P2]),
    ([P1, P2, "标签：长春 新经济", "新华社简介 公司官网 联系我们 我要链接 版权声明"], [P1, P2]),
    ([P1, "某某市市场监督管理局", "2024年5月2日"], [P1, "某某市市场监督管理局", "2024年5月2日"]),   # a notice's signature
    (["下周一，", "京沪高速施工进入第二阶段，", "平安出行。"], ["下周一，", "京沪高速施工进入第二阶段，", "平安出行。"]),
    ([P1, "【1】【2】【3】【4】"], [P1]),
    (["9", "23", "2019-09-07 15:10:53", P1], [P1]),                         # a date stamp above the body
    ([P1, "【深度】越南拒用中国5G，原因和后果是...大参考2019-09-08"], [P1]),   # a headline with its date
    ([P1, "附件：某某办法实施细则"], [P1, "附件：某某办法实施细则"]),
])
def test_trim_edges(lines, expected):
    assert trim_edges(lines) == expected


# ---------------------------------------------------------------- the "follow our account" tail of exported bodies
FOLLOW_CASES = [
    # (body, body after, had the tail) — the Hebei 人社 portal's footer glued to the last sentence or alone
    ("第十五条本办法自2020年1月1日起施行。更多信息请关注官方微信“河北人社”", "第十五条本办法自2020年1月1日起施行。", True),
    ("更多信息请关注官方微信“河北人社”", "", True),
    ("人力资源社会保障部国家发展改革委财政部2014年12月25日更多信息请关注官方微信“河北人社”",
     "人力资源社会保障部国家发展改革委财政部2014年12月25日", True),
    ("通知如下。\n欢迎关注微信公众号：河北发布", "通知如下。", True),
    ("正文。\n更多资讯，请扫码关注官方微博", "正文。", True),
    # advice to follow a named account is a sentence of the notice: kept
    ("如需要了解更多资助政策，请关注河北省学生资助微信公众号。", "如需要了解更多资助政策，请关注河北省学生资助微信公众号。", False),
    ("群众可关注官方微信了解进展。", "群众可关注官方微信了解进展。", False),
    # not at the end: kept
    ("更多信息请关注官方微信“河北人社”\n第一条 为了规范管理，制定本办法。",
     "更多信息请关注官方微信“河北人社”\n第一条 为了规范管理，制定本办法。", False),
    ("", "", False),
]


def test_strip_follow_tail_nothing_to_do_returns_the_same_series():
    bodies = pd.Series(["关于开展检查的通知。", "无"], dtype=object)
    out, changed = strip_follow_tail(bodies)
    assert out is bodies and not changed.any()


def test_strip_follow_tail_skips_missing_values_and_keeps_the_index():
    bodies = pd.Series([None, float("nan"), "正文。更多信息请关注官方微信“河北人社”", ""], index=[5, 6, 7, 8], dtype=object)
    out, changed = strip_follow_tail(bodies)
    assert out.tolist()[2:] == ["正文。", ""] and out.index.tolist() == [5, 6, 7, 8]
    assert out.iloc[0] is None and changed.tolist() == [False, False, True, False]
    empty, none = strip_follow_tail(pd.Series([], dtype=object))
    assert empty.tolist() == [] and none.tolist() == []


def test_follow_tail_removed_on_load_and_said_in_the_parse_report():
    csv = ("标题,发布时间,内容\n"
           "关于印发办法的通知,2024-03-05,第一条 本办法自发布之日起施行。更多信息请关注官方微信“河北人社”\n"
           "关于转发通知的通知,2024-03-06,更多信息请关注官方微信“河北人社”\n"
           "关于检查的通知,2024-03-07,请各单位认真落实。\n").encode("utf-8")
    res = load_files([("a.csv", csv)], LoadOptions())
    assert res.articles["body"].tolist() == ["第一条 本办法自发布之日起施行。", "", "请各单位认真落实。"]
    assert res.report.missing["body"] == 1
    notes = res.report.files[0].notes
    assert any(n.startswith("2 篇正文末尾的“关注官方微信/公众号”一行") and n.endswith("was removed from the end of 2 bodies")
               for n in notes), notes


# ---------------------------------------------------------------- tester s14 R1: app tail, teaser, 延伸·推荐
APP_LINE = "(本文来自澎湃新闻，更多原创资讯请下载“澎湃新闻”APP)"
APP_CASES = [
    # (body, body after, had the tail)
    (f"要加强对全会精神贯彻落实情况的监督检查。\n（原题为《新年伊始》）\n{APP_LINE}",
     "要加强对全会精神贯彻落实情况的监督检查。\n（原题为《新年伊始》）", True),          # thepaper_3
    ("正文第一段。\n更多精彩内容请下载人民日报客户端", "正文第一段。", True),
    ("正文第一段。\n【更多资讯请下载“北京日报”App】\n", "正文第一段。", True),
    (APP_LINE, "", True),
    # a notice's own instruction, a mention inside a sentence, a tail not at the end: kept
    ("办理流程如下。\n请下载“北京通”APP办理。", "办理流程如下。\n请下载“北京通”APP办理。", False),
    ("更多内容可下载客户端查看，也可登录网站。", "更多内容可下载客户端查看，也可登录网站。", False),
    (f"{APP_LINE}\n第一段正文在后面。", f"{APP_LINE}\n第一段正文在后面。", False),
    ("市民可通过下载“粤省事”APP预约。", "市民可通过下载“粤省事”APP预约。", False),
    ("", "", False),
]


@pytest.mark.parametrize("strip, cases", [(strip_follow_tail, FOLLOW_CASES), (strip_app_tail, APP_CASES),
                                          (strip_related_tail, RELATED_CASES)],
                         ids=["follow_tail", "app_tail", "related_tail"])
def test_strip_tail_cases(strip, cases):
    bodies = pd.Series([b for b, _, _ in cases], dtype=object)
    before = bodies.copy()
    out, changed = strip(bodies)
    assert out.tolist() == [a for _, a, _ in cases]
    assert changed.tolist() == [c for _, _, c in cases]
    pd.testing.assert_series_equal(bodies, before)   # the input is not changed


def test_app_tail_removed_on_load_and_said_in_the_parse_report():
    csv = ("标题,发布时间,内容\n"
           f"新年伊始的文章,2024-01-01,\"第一段。\n{APP_LINE}\"\n"
           "关于检查的通知,2024-03-07,请各单位认真落实。\n").encode("utf-8")
    res = load_files([("p.csv", csv)], LoadOptions())
    assert res.articles["body"].tolist() == ["第一段。", "请各单位认真落实。"]
    assert res.report.files[0].notes == [
        "1 篇正文末尾的“下载客户端”一行(如“更多原创资讯请下载……APP”)已去掉 / a \"download our app\" line "
        "(\"for more, download the … APP\") was removed from the end of 1 body"]


TEASER = "港铁公司车务营运总监表示，8月31日晚，港铁公司启动疏散程序。 医院管理局经理在记者会上表示，有46人因参…"


@pytest.mark.parametrize("lines, expected", [
    ([P1, P2, "采写：南都记者 余毅菁 向雪妮", TEASER, ",南方都市报"], [P1, P2, "采写：南都记者 余毅菁 向雪妮"]),  # njxfhn_1
    ([P1, P2, "记者 张三", TEASER], [P1, P2, "记者 张三"]),
    # the page's text rendering: source glued to the teaser, more side-list stories after it (≤ the article)
    ([P1, P2, P2 + P1, "采写：南都记者 余毅菁", TEASER + ",南方都市报", "徐阿婆 冯警官 事主 江门 蓬江",
      "合肥地铁3号线启动测设工作2019年11月03日"], [P1, P2, P2 + P1, "采写：南都记者 余毅菁"]),
    # a byline and teaser near the top (more text after than before): not the article's end, kept
    ([P1, "记者 张三", TEASER, P2, P2 + P1], [P1, "记者 张三", TEASER, P2, P2 + P1]),
    ([P1, P2, "责任编辑：李四", "某某表示，今年的目标是..."], [P1, P2, "责任编辑：李四"]),
    # a writer's own trailing-off (……), or a cut sentence with no byline before it: kept
    ([P1, P2, "记者 张三", "他说，这只是开始……"], [P1, P2, "记者 张三", "他说，这只是开始……"]),
    ([P1, P2, TEASER], [P1, P2, TEASER]),
])
def test_trim_edges_cuts_a_teaser_after_the_byline(lines, expected):
    assert trim_edges(lines) == expected


def test_yanshen_tuijian_block_ends_the_body():   # 163_5: "延伸 · 推荐" and the related story, twice
    related = "近日，四川江油一社区女民警在开展辖区核查工作时，平均日拨100余个电话，被停机。"
    text = "\n".join([P1, P2, "延伸 · 推荐", "女警一天打100电话被停机", related, "女警一天打100电话被停机", related])
    assert strip_boilerplate(text) == f"{P1}\n{P2}"
    assert is_boilerplate_line("延伸·推荐") and is_boilerplate_line("延伸 · 推荐")
    assert not is_boilerplate_line("延伸推荐制度的适用范围，")
