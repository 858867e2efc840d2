"""Portal boilerplate out of article bodies, with the article's own metadata captured on the way.

Scraped pages of Chinese portals wrap the article in the same furniture: a welcome banner and menus,
breadcrumbs (当前位置), the 字号 大 中 小 / 打印本页 / 关闭窗口 / 扫一扫 / 分享到 toolbar, related-article
lists (相关阅读, 上一篇/下一篇), a 免责声明, copyright and ICP lines, contact lines (电话, 邮箱, QQ, 地址),
and footers (主办/主管/承办). Left in, they inflate keyword and agency counts.

The rules work line by line on the text and are deliberately shape-based (a short line that *is* a
contact entry), not word-based: a body sentence that merely mentions 电话 or 地址 stays.

- ``strip_boilerplate(body) -> str``: the cleaned body (paragraphs joined by ``\\n``).
- ``split_boilerplate(text) -> (body, Meta)``: the same, plus what the removed lines said — the 原文链接
  URL and the 时间/来源/作者 line's values.
- the fields of one 时间/来源/作者 line (``parse_meta_line``) and ``Meta`` live in ``analysis.meta_lines``.
- ``trim_edges(lines)``: share widgets, counters, tag lists and related headlines clinging to the first and
  last lines of an extracted body (page parsers only; ``strip_boilerplate`` does not trim edges).

A tail marker (免责声明, 相关阅读, 上一篇, a separator, a copyright line, ``N 条评论``) ends the body only when
no article-like text follows it, so a toolbar's 下一篇 above the article never cuts it.
"""
from __future__ import annotations

import re

from analysis.body_tails import (APP_TAIL, FOLLOW_TAIL, RELATED_TAIL, strip_app_tail,  # noqa: F401 (re-exported)
                                 strip_follow_tail, strip_related_tail)
from analysis.dates import dates_in
from analysis.meta_lines import SENTENCE_END, Meta, clean_line, clean_lines, fold, meta_of_folded, parse_meta_line

__all__ = ["strip_boilerplate", "split_boilerplate", "is_boilerplate_line", "split_lines", "trim_edges", "original_link",
           "strip_follow_tail", "strip_app_tail", "strip_related_tail"]

# ---------------------------------------------------------------- boilerplate lines
_NAV_WORDS = {
    "首页", "网站首页", "返回首页", "回到首页", "登录", "注册", "登录注册", "退出", "搜索", "站内搜索", "高级搜索",
    "设为首页", "加入收藏", "网站地图", "无障碍", "无障碍浏览", "English", "ENGLISH", "繁體", "繁体", "简体",
    "更多", "更多>>", "更多>", "返回", "返回顶部", "顶部", "打印", "关闭", "收藏", "分享", "评论", "正文",
    "首頁", "網站首頁", "返回首頁", "網站地圖", "列印", "關閉", "登入", "註冊", "大", "中", "小", "字号", "默认", "×", "x", "X", "|", "·", ">", ">>", "»", "上一页", "下一页", "尾页",
    "手机版", "触屏版", "移动版", "微博", "微信", "客户端", "APP", "app", "RSS", "在线留言", "联系我们",
    "放大", "缩小", "正常", "标准", "超大", "A-", "A+", "A", "T", "+", "-", "举报", "收藏本文",
    "关于我们", "网站声明", "隐私政策", "帮助", "意见反馈", "纠错", "我要纠错", "调整字体", "字体",
}
_TOOLBAR = re.compile(
    r"打印本页|打印此页|打印文章|关闭窗口|关闭本页|列印本頁|關閉視窗|關閉窗口|扫一扫|分享到|返回顶部|收藏本页|加入收藏|设为首页|"
    r"字号\s*[:：]?\s*[【\[]?\s*大|字体\s*[:：]?\s*[【\[]?\s*大|[【\[]\s*大\s*[】\]]?\s*[【\[]?\s*中|大\s+中\s+小|"
    r"[【\[](?:打印|关闭|收藏|纠错|返回顶部)[】\]]|视力保护色|调整字体|手机扫码|用手机扫描|扫描二维码|扫码阅读|"
    r"微信扫一扫|分享至|转发到|^字号\s*[:：]|^字体\s*[:：]|浏览器.{0,12}(?:不支持|无法播放)")
_BANNER = re.compile(r"^\s*(?:您好[,，!！]?\s*)?(?:欢迎|歡迎)(?:您)?(?:访问|来到|光临|进入|浏览|訪問|來到|光臨|進入|瀏覽)")
_BREADCRUMB = re.compile(r"^(?:您?當前(?:的)?位置|您?現在(?:的)?位置|您?当前(?:的)?位置|您?现在(?:的)?位置|您(?:现在)?的位置|所在位置|当前栏目|位置)\s*[:：]?|"
                         r"^\S{1,12}\s*(?:>|»|›|→|＞|>>)\s*\S{1,12}\s*(?:>|»|›|→|＞)")
_RELATED = re.compile(
    r"^[【\[]?\s*(?:相关信息|相关文件|相关政策|相关解读|相關信息|相關資訊|相關新聞|相關文章|相關連結|延伸閱讀|相关阅读|相关新闻|相关文章|相关链接|相关稿件|相关报道|相关推荐|相关事件|延伸阅读|推荐阅读|热点推荐|"
    r"热门推荐|热门文章|热门新闻|精彩推荐|猜你喜欢|为您推荐|更多阅读|往期回顾|阅读排行|点击排行|"
    r"上一篇|下一篇|上一条|下一条|上篇|下篇|你可能(?:会)?(?:喜欢|感兴趣)|大家都在看|最新评论|热门评论|网友评论|"
    r"全部评论|发表评论|我要评论|评论区|热门阅读|今日推荐|推荐新闻|热点新闻|排行榜|更多精彩|最近发表|最新文章|"
    r"最新发布|推荐文章|热门标签|热门资讯|媒体报道|延伸\s*[·・•]\s*推荐)"
    r"(?:$|[\s:：>》】\]|｜丨(（])|^\d[\d,]*\s*条评论")
_DISCLAIMER = re.compile(r"^(?:[【\[(（]\s*(?:免责声明|版权声明|特别声明|郑重声明|声明|免責聲明|版權聲明)\s*[】\])）]|"
                         r"(?:免责声明|版权声明|特别声明|郑重声明|声明|免責聲明|版權聲明)\s*(?:[:：]|\s|$))")
_DISCLAIMER_TEXT = re.compile(
    r"本站部分信息|本网部分|转载请注明|未经授权.{0,10}(?:转载|使用)|本文来源于网络|来源于网络转载|仅供学习交流|"
    r"版权归原作者|如涉及作品内容|如有侵权|侵权请|请.{0,12}与本(?:网|站)联系|不代表本(?:网|站)观点|"
    r"不承担任何(?:保证)?责任|本网站转载|本站转载|请在30日内")
_SEPARATOR = re.compile(r"^[-=_—~*·.。]{5,}|分隔线|分割线")
_COPYRIGHT = re.compile(r"版权所有|版權所有|Copyright|COPYRIGHT|©|\(c\)\s*\d{4}|ICP\s*[备证]|公网安备|网安备|备案号|"
                        r"网站标识码|网站识别码|All Rights Reserved", re.I)
_CONTACT = re.compile(
    r"^[^\s:：,，。;；]{0,10}(?:电话|手机|座机|邮箱|信箱|E-?mail|QQ|地址|办公区|传真|邮编|邮政编码|热线|微信号|"
    r"電話|手機|郵箱|電郵|傳真|郵編|熱線|辦公區|"
    r"联系人)\s*[:：]", re.I)
_CONTACT_VALUE = re.compile(r"\d{5,}|\d{3,4}-\d{6,8}|@|[省市区县路街道号楼层]\s*\d|\d+\s*[号楼层室]")
_FOOTER = re.compile(r"(?:^|\s|[|｜])(?:主辦|承辦|主办|主管|承办|协办|技术支持|运营维护|运维|建设维护|维护)(?:单位)?\s*[:：|｜]|"
                     r"\S(?:主办|主管|承办|协办|主辦|承辦)\s*(?:$|[|｜])")
_ORIGINAL_LINK = re.compile(
    r"^[【\[]?\s*(?:原文連結|原文鏈接|原文链接|原文地址|原文网址|原文|本文链接|文章链接|原始链接|来源链接|来源网址|源地址|"
    r"链接|網址|网址|访问地址|文章地址|页面地址|URL|Link)"
    r"\s*[】\]]?\s*[:：]?\s*(?P<url>https?://\S+)?", re.I)


_BODY_LABEL = re.compile(r"^(?:正文|内容|全文|正文内容|content|body|text)\s*[:：]\s*", re.I)
_NO_WORDS = re.compile(r"^[\W_\ufffd]+$")     # only symbols, emoji placeholders or replacement characters
_NAV_ROW = re.compile(r"^(?:[^\s，。！？、；,;!?]{1,8}\s+){3,}[^\s，。！？、；,;!?]{1,8}$")   # 新华社简介 公司官网 联系我们 …

# literal words each rule needs (a cheap test before the regular expression)
_TOOLBAR_WORDS = re.compile("[打关關列扫分顶收设字护转小览視]")
_COPYRIGHT_WORDS = re.compile(r"[版©备備码碼]|opyright|OPYRIGHT|\([cC]\)|ICP|ights")
_FOOTER_WORDS = re.compile("[主承协協技运運维維]")


def _has_any(text: str, words: re.Pattern[str]) -> bool:
    return words.search(text) is not None


def is_boilerplate_line(line: str) -> bool:
    """Whether one line is portal furniture rather than article text."""
    if len(line) > 400:
        return False      # every furniture rule below is for lines of at most 300 characters
    return _furniture(fold(clean_line(line)))


def _furniture(text: str) -> bool:
    """``is_boilerplate_line`` for a line already cleaned and folded."""
    if len(text) > 400:
        return False
    if not text:
        return True
    if text in _NAV_WORDS or _NO_WORDS.match(text):
        return True
    n = len(text)
    if n <= 60 and (_BANNER.search(text) or _BREADCRUMB.search(text)):
        return True
    if n <= 60 and _has_any(text, _TOOLBAR_WORDS) and _TOOLBAR.search(text):
        return True
    if n <= 40 and _RELATED.search(text):
        return True
    if n <= 300 and (_DISCLAIMER.search(text) or _DISCLAIMER_TEXT.search(text)):
        return True
    if _SEPARATOR.search(text) and n <= 60:
        return True
    if n <= 200 and _has_any(text, _COPYRIGHT_WORDS) and _COPYRIGHT.search(text):
        return True
    if n <= 160 and _is_contact(text):
        return True
    if n <= 100 and "。" not in text and _has_any(text, _FOOTER_WORDS) and _FOOTER.search(text):
        return True
    if n <= 300 and (link := _ORIGINAL_LINK.match(text)) and link.group("url"):
        return True
    return False


def _is_contact(text: str) -> bool:
    """A contact entry (``联系电话:010-…``, ``邮箱:a@b``, ``地址:…26号``), not a sentence mentioning 电话.

    A line that ends a sentence (。！) or holds one is body text even when it starts with ``举报电话：``.
    """
    m = _CONTACT.match(text)
    if not m:
        return False
    if "。" in text or text.endswith(("！", "!")):
        return False
    return bool(_CONTACT_VALUE.search(text[m.end():]))


# ---------------------------------------------------------------- whole bodies
def _is_tail_marker(text: str) -> bool:
    n = len(text)
    if n > 300:
        return False
    if n <= 40 and _RELATED.search(text):
        return True
    if n <= 300 and _DISCLAIMER.search(text):
        return True
    if n <= 60 and _SEPARATOR.search(text):
        return True
    return (n <= 200 and _has_any(text, _COPYRIGHT_WORDS) and bool(_COPYRIGHT.search(text))
            and not SENTENCE_END.search(text))


def split_boilerplate(text: str) -> tuple[str, Meta]:
    """Clean a body and return what the removed lines said.

    Line rules drop furniture anywhere; a tail marker (免责声明, 相关阅读, 上一篇, a separator, a copyright
    line) after the article ends the body unless article-like text follows it: a line of 200+ characters
    that is not itself furniture, or more sentence lines than the body kept so far. 原文链接 lines give ``Meta.url``; 时间/来源/作者 lines give the rest.
    """
    kept, meta = split_lines(clean_lines(text))
    return "\n".join(kept), meta


def original_link(line: str) -> str:
    """The URL of a ``原文链接：https://…`` (链接/网址/URL …) line, or ''."""
    return _link_url(fold(clean_line(line)))


def _link_url(text: str) -> str:
    link = _ORIGINAL_LINK.match(text)
    return link.group("url").rstrip("。,，;；)）】]") if link and link.group("url") else ""


def split_lines(lines: list[str]) -> tuple[list[str], Meta]:
    """``split_boilerplate`` over lines already cleaned with ``clean_line``/``clean_lines``."""
    meta = Meta()
    kept: list[str] = []
    # article_after[i]: an article-like line (200+ characters, not furniture) stands at i or later
    # prose_after[i]: characters of paragraph-like lines (sentences, not furniture) at i or later
    article_after = [False] * (len(lines) + 1)
    prose_after = [0] * (len(lines) + 1)
    for j in range(len(lines) - 1, -1, -1):
        line = lines[j]
        prose = len(line) >= 25 and SENTENCE_END.search(line) is not None and not _furniture(fold(line))
        article_after[j] = article_after[j + 1] or (len(line) >= 200 and not _furniture(fold(line)))
        prose_after[j] = prose_after[j + 1] + (len(line) if prose else 0)
    kept_chars = 0
    for i, line in enumerate(lines):
        if not line:
            continue
        if len(line) > 400:       # no furniture rule applies to a long paragraph
            kept.append(line)
            kept_chars += len(line)
            continue
        folded = fold(line)
        url = _link_url(folded)
        if url:
            meta.url = meta.url or url
            continue
        if kept and _is_tail_marker(folded) and not article_after[i + 1] and prose_after[i + 1] <= kept_chars:
            # the rest is furniture; still read a 原文链接 or meta line from it
            for rest in lines[i:]:
                url = _link_url(fold(rest))
                if url:
                    meta.url = meta.url or url
                else:
                    found = meta_of_folded(fold(rest))
                    if found is not None:
                        meta.merge(found)
            break
        found = meta_of_folded(folded)
        if found is not None:
            meta.merge(found)
            continue
        body_label = _BODY_LABEL.match(line)
        if body_label:                     # a crawler dump's "正文：第一段…"
            line = line[body_label.end():].strip()
            folded = fold(line)
            if not line:
                continue
        if _furniture(folded):
            continue
        kept.append(line)
        kept_chars += len(line)
    return kept, meta


def strip_boilerplate(body: str) -> str:
    """The body without portal furniture (banners, menus, toolbars, related lists, disclaimers,
    copyright/ICP, contact and footer lines, 原文链接 and 时间/来源/作者 lines); paragraphs joined by ``\\n``."""
    if not body:
        return ""
    return split_boilerplate(body)[0]



_PUNCT_END = re.compile(r"[，,。！？!?：:；;…、”\"’）)】》」』]$")
_SIGNATURE = re.compile(r"(?:局|厅|委|委员会|院|部|办|办公室|会|府|室|中心|公司|站|所|处|科|队|社|报)$")
_EDGE_JUNK = re.compile(r"^(?:\d{1,2}[、.]\s*)?(?:标签|关键词|关键字|Tags?|扫二维码|扫描|长按|回复|点击|小编最近文章|跟贴|跟帖|"
                        r"热门评论|网友评论|发表评论|我要评论|参与评论|相关搜索|人参与|\d+\s*(?:人参与|条评论|跟贴))",
                        re.I)
_PAGINATION = re.compile(r"^(?:[【\[]\d+[】\]]\s*)+$|^(?:上一页|下一页|首页|尾页|\d+|\s)+$")


def _is_date_line(line: str) -> bool:
    """The line is a date (with a time of day, perhaps) and little else: ``2019-09-07 15:10:53``."""
    found = dates_in(line)
    return bool(found) and found[0][0] <= 1 and len(re.sub(r"[\d:：\s时分秒]", "", line[found[0][1]:])) <= 2


def _edge_junk(line: str, at_end: bool) -> bool:
    if _EDGE_JUNK.search(line) or _PAGINATION.search(line) or _NAV_ROW.match(line):
        return True
    if _PUNCT_END.search(line) or line.startswith("附件"):
        return False
    if at_end:
        # an issuing body or a date closing a notice is part of it; a headline with a date stuck on is not
        return not (_SIGNATURE.search(line) or _is_date_line(line)) and len(line) <= 60
    return _is_date_line(line) or len(line) <= 12


_DATE_EDGE = re.compile(r"^[\[【(（]?\s*(?:19|20)\d\d[-/.年]\d{1,2}[-/.月]\d{1,2}日?\s*[\]】)）]?\s*\S|"
                        r"\S\s*[\[【(（]?\s*(?:19|20)\d\d[-/.年]\d{1,2}[-/.月]\d{1,2}日?\s*[\]】)）]?$")


def _dated_headline(line: str) -> bool:
    """``·某会议召开 2023-04-18``, ``[2023-04-18] 某会议召开``, ``某会议召开（2023-04-18）``: a related-article
    entry (a headline with its date at one end), not a sentence."""
    if len(line) > 80 or "。" in line or not _DATE_EDGE.search(line):
        return False
    found = dates_in(line)
    if not found:
        return False
    start, end = found[0][0], found[-1][1]
    rest = (line[:start] + line[end:]).strip(" []【】()（）·•-|")
    return len(rest) >= 4


def _dated_list_run(lines: list[str], i: int, step: int) -> int:
    """How many lines from ``i`` (going by ``step``) form a dated link list: entries that are a dated headline,
    or a short headline with a date-only line next to it. Fewer than two entries count as none."""
    n, entries, j = len(lines), 0, i
    while 0 <= j < n:
        line = lines[j]
        if _dated_headline(line):
            entries, j = entries + 1, j + step
            continue
        k = j + step
        if 0 <= k < n and len(line) <= 40 and not _PUNCT_END.search(line.rstrip("·")) and not _is_date_line(line) \
                and _is_date_line(lines[k]):
            entries, j = entries + 1, j + 2 * step
            continue
        if _is_date_line(line) and 0 <= k < n and len(lines[k]) <= 40 and not _is_date_line(lines[k]) \
                and not _PUNCT_END.search(lines[k]) and step == -1:
            # going backwards a pair ends with its date: date first, headline next
            entries, j = entries + 1, j + 2 * step
            continue
        break
    return abs(j - i) if entries >= 2 else 0


#: The article's closing byline: ``采写：南都记者 余毅菁 向雪妮``, ``记者 张三``, ``责任编辑：李四``.
_BYLINE = re.compile(r"^[(（]?\s*(?:采写|采访|撰文|文字|记者|作者|编辑|责任编辑|责编|通讯员|文)\s*[:：|丨/]?\s*\S")
#: A related story's teaser cut by the portal: a sentence ending in ONE ellipsis (``…因参…`` / ``...``), perhaps
#: with its source glued on (``…因参…,南方都市报``); a writer's own trailing-off is ``……`` and stays.
_CUT_TEASER = re.compile(r"(?:[^…\s.]…|[^.\s…]\.{3})(?:[,，]\s*\S{1,20})?$")
#: The teaser's source caption on a line of its own: ``,南方都市报``.
_SOURCE_CAPTION = re.compile(r"^[,，、]\s*\S{1,20}$")


def _teaser_tail(lines: list[str]) -> int:
    """How many lines at the end follow the article's closing byline when the line right after that byline
    is a related story's cut teaser (one ellipsis; njxfhn_1 of ../shared/realpages: ``采写：南都记者 …`` /
    ``港铁公司…因参…`` / ``,南方都市报``, then, in the page's text rendering, more side-list stories; tester
    s14 R1). The byline is one of the last lines (what follows it is shorter than what precedes it) and
    stays. 0 when the end is not that shape."""
    n = len(lines)
    after = 0
    for b in range(n - 2, 0, -1):
        after += len(lines[b + 1])
        before = lines[b]
        if len(before) <= 60 and _BYLINE.match(before) and len(lines[b + 1]) <= 300 \
                and _CUT_TEASER.search(lines[b + 1]):
            return n - 1 - b if after <= sum(map(len, lines[:b])) else 0
    return 0


def trim_edges(lines: list[str]) -> list[str]:
    """Drop page furniture that clings to a body's first and last lines: share widgets and counters
    (``举报``, ``330``, ``QQ空间``), font buttons, tag lists, pagination, a run of headline-like lines
    without punctuation after the last sentence (related articles), a dated link list (two or more
    ``headline 2023-04-18`` entries, or headline / date line pairs: a table layout's 相关信息 sidebar).

    Only the edges are trimmed; short lines inside the article (poster-style layouts) stay. At the end a
    closing signature (an issuing 局/委/办… or a date) stops the trimming. A related story's teaser after the
    closing byline (``_teaser_tail``) is cut and the byline kept.
    """
    start, end = 0, len(lines)
    while start < end:
        run = _dated_list_run(lines[:end], start, 1)
        if run:
            start += run
        elif _edge_junk(lines[start], at_end=False):
            start += 1
        else:
            break
    teaser = _teaser_tail(lines[start:end])
    if teaser:
        return lines[start:end - teaser]
    while end > start:
        run = _dated_list_run(lines[start:end], end - 1 - start, -1)
        if run:
            end -= run
        elif _edge_junk(lines[end - 1], at_end=True):
            end -= 1
        else:
            break
    return lines[start:end]
