"""An article title as a page states it: the ``<title>``'s ``_栏目_网站`` suffix and a leading ``栏目|`` column
name dropped (``strip_site_suffix``), the key two titles are compared by (``title_key``) and a cut title
repaired from the page's 原标题 line (``repair_title``) — shared by the text and HTML page parsers."""
from __future__ import annotations

import re

from analysis.meta_lines import clean_line, fold

__all__ = ["repair_title", "strip_site_suffix", "title_key"]

# "标题_栏目_网站名", "标题--网站", "标题 - 网站", "标题|网站": the article title is the first part.
_SUFFIX_SEP = re.compile(r"\s*(?:_{1,2}|-{1,2}|—{1,2}|\s\|\s|\|)\s*")
_SITE_WORD = re.compile(r"网|站|报|频道|新闻|中心|政府|门户|官网|官方|平台|日报|在线|资讯|\.cn|\.com|"
                        r"[A-Za-z]{4,}|局|委|厅|院|部|办|学会|协会|医院|传媒|订阅|头条")


def strip_site_suffix(title: str) -> str:
    """``坚持…协议_海南省市场监督管理局`` → ``坚持…协议``: drop trailing ``_栏目_网站`` parts.

    Only parts that look like site or column names are dropped (short, or naming a 网/站/报/局…), so a
    title that itself contains ``-`` (``1-10月…``) keeps it.
    """
    title = clean_line(title)
    prefix = _column_prefix(title)
    if prefix:
        title = title[prefix:]
    while True:
        parts = [m for m in _SUFFIX_SEP.finditer(title) if _real_separator(title, m)]
        if not parts:
            return title
        last = parts[-1]
        head, tail = title[: last.start()], title[last.end():]
        if len(head) < 4 or not tail:
            return title
        if len(tail) <= 6 or (len(tail) <= 30 and _SITE_WORD.search(tail)):
            title = head.strip()
            continue
        return title


_OPEN, _CLOSE = "（(【[《〈「『", "）)】]》〉」』"
_COLUMN_PREFIX = re.compile(r"^(?P<col>[^\s|｜丨]{2,8})\s*[|｜丨]\s*")
_SITE_END = re.compile(r"(?:网|网站|门户|官网|在线|频道|政府|日报|晚报|新闻|\.cn|\.com)$")


def _real_separator(title: str, m: re.Match[str]) -> bool:
    """A ``-``/``_``/``|`` that separates title parts: not inside brackets (``（4.10-4.16）``), not between digits
    (``1-10月``)."""
    before = title[: m.start()]
    depth = sum(before.count(c) for c in _OPEN) - sum(before.count(c) for c in _CLOSE)
    if depth > 0:
        return False
    sep = m.group(0).strip()
    if sep and sep[0] in "-—" and m.start() > 0 and m.end() < len(title):
        if title[m.start() - 1].isdigit() and title[m.end()].isdigit():
            return False
    return True


def _column_prefix(title: str) -> int:
    """Length of a leading column name and ``|`` (``图说洛阳| 标题``, ``要闻丨标题``), or 0. The part after
    the bar must be the longer one and not a site name (``标题|网站`` is handled as a suffix)."""
    m = _COLUMN_PREFIX.match(title)
    if not m:
        return 0
    rest = title[m.end():]
    head = rest.split("|")[0].split("｜")[0].split("丨")[0].strip()   # "栏目| 标题 | 网站"
    if len(head) >= 8 and len(head) > len(m.group("col")) and not _SITE_END.search(head):
        return m.end()
    return 0


def title_key(t: str) -> str:
    """A title for comparing with another: full-width folded, lower case, without spaces, quotes, brackets
    and punctuation (so 《关于…的通知》 and 关于…的通知 are one key)."""
    return re.sub(r"[\s\"'“”‘’《》【】\[\]()（）.…·•,，:：!！?？|_\-—]", "", fold(t)).lower()


_ORIGINAL_TITLE = re.compile(r"^(?:本文)?原标题\s*[:：]\s*[《<]?(?P<t>.+?)[》>]?$")


def repair_title(title: str, lines: list[str]) -> str:
    """A displayed title that is cut (``…免...``) or carries a keyword prefix (``[广告词]标题``) gives way
    to the ``原标题：`` the page states in ``lines``, when that one continues or ends the displayed title;
    ``title`` unchanged otherwise (also when the first 原标题 line names another title)."""
    key = title_key(title)
    for line in lines:
        m = _ORIGINAL_TITLE.match(fold(line))
        if not m:
            continue
        original = m.group("t").strip()
        okey = title_key(original)
        if len(okey) < 4 or okey == key:
            return title
        truncated = re.search(r"(?:\.{2,}|…+)$", title)
        if truncated and okey.startswith(key):
            return clean_line(line[line.find(original[:2]):]).rstrip("》>") if original[:2] in line else original
        prefix = re.match(r"^\s*[\[【(（][^\]】)）]{1,20}[\]】)）]\s*", title)
        if prefix and title_key(title[prefix.end():]) == okey:
            return title[prefix.end():].strip()
        return title
    return title
