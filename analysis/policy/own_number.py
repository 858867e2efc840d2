"""Which 文号 in a body is the document's own: the number in its header (before any prose) or at its head, never
a number it cites (按照《…》（…号）), one inside 《》, or the number of the letter a 复函 answers (你市…号文收悉).

Used by ``analysis.policy.metadata.document_metadata`` after the table columns, the disclosure block, the
headnote and the title gave none (tester report s13, P11/P12: cited and answered numbers were taken as the
document's own).
"""
from __future__ import annotations

import re

from analysis.policy.numbers import find_doc_numbers

__all__ = ["header_number", "own_number_in_body", "stacked_order_number"]

#: a number that names an incoming letter, not this document: 你市承市政〔2002〕143号文收悉 (tester report s13, P11)
_REPLY_BEFORE = re.compile(r"你[市省局厅委县区部办院会司处单位公司]{1,2}[^。；：\n]{0,4}\Z|来文[^。\n]{0,4}\Z")
_REPLY_AFTER = re.compile(r"\s*(?:文|函|请示|报告|来函|来文)?\s*(?:收悉|悉)")
#: the head of a body before its first sentence: a title, a 文号, the issuer, line breaks — nothing that reads as prose
_PROSE = re.compile(r"[。，,；;：:！？]|你[市省局厅委县区]")
_CITING_JUST_BEFORE = re.compile(r"(?:按照|根据|依据|依照|参照|贯彻|落实|执行)[^\n]{0,10}\Z")


def _is_reply_reference(text: str, start: int, end: int) -> bool:
    """Whether the 文号 at ``text[start:end]`` is the number of the letter a 复函/批复 answers."""
    return bool(_REPLY_BEFORE.search(text[max(0, start - 8):start]) or _REPLY_AFTER.match(text, end))


def header_number(body: str, head: int = 250) -> str:
    """The 文号 in the header of ``body``: the first number in the first ``head`` characters with no prose
    before it (only the title, the issuer and line breaks: ``关于…的通知⏎财科教〔2017〕6号⏎为了…``,
    ``冀人社字〔2016〕182号为充分…``, ``科学技术部令第14号《…》``) and not inside 《》 or answered (…号文收悉).
    ``""`` when the body's head holds none — numbers later in the text are citations (tester report s13, P12)."""
    text = (body or "")[:head]
    for s, e, number in find_doc_numbers(text):
        before = text[:s]
        if _PROSE.search(before) or _CITING_JUST_BEFORE.search(before) or before.count("《") > before.count("》") \
                or _is_reply_reference(text, s, e):
            return ""
        if re.search(r"[（(][^（()）\n]{0,3}\Z|》[ \t　]*\Z", before):
            # （冀财教〔2017〕162号） or 《X办法》冀科人规〔2021〕1号 after a title: the number of the title's document
            return ""
        if re.search(r"(?:^|\n)\s*(?:为|根据|按照|依据|依照|遵照|经)", before):  # 为贯彻落实…《…》（后财〔2015〕1726号）
            return ""
        return number
    return ""


def own_number_in_body(body: str) -> str:
    """The document's own 文号 at its head: the first number in the first 300 characters that is not a
    citation (not inside （…） right after a 《title》 and not after 根据/按照/贯彻 …)."""
    head = (body or "")[:300]
    for s, e, number in find_doc_numbers(head):
        before = head[max(0, s - 12):s]
        if _is_reply_reference(head, s, e) or head[:s].count("《") > head[:s].count("》") \
                or re.match(r"\s*(?:公布|发布|印发|颁布)的", head[e:]):  # …令第二十三号公布的《X》同日废止
            continue
        if re.search(r"》\s*(?:[（(][^（()）》]{0,6})?$|根据|依据|按照|贯彻|落实|转发|印发", before) or (
                re.search(r"[（(]$", before) and head[:s].strip(" \n（(")):  # （冀财教〔2017〕162号） opening the body
            continue
        return number
    return ""


#: a 令 header laid out one part per line, as the issuing organs print it: 1–4 organ lines, ``令``, ``第 26 号``
#: (``中华人民共和国国家工商行政管理总局⏎中华人民共和国卫生部⏎令⏎第 26 号``)
_STACKED_ORDER = re.compile(r"\A\s*((?:[\u4e00-\u9fff]{2,30}(?:部|局|委员会|委|署|院|行|府)[ \t　]*\n\s*){1,4})"
                            r"令[ \t　]*\n\s*(第\s*(?:\d{1,4}|[〇零一二三四五六七八九十百]{1,8})\s*号)")
_PRC = "中华人民共和国"


def stacked_order_number(body: str) -> str:
    """The 令 number of a body that opens with a 令 header laid out on separate lines (:data:`_STACKED_ORDER`),
    written as the project writes joint orders (README: ``科学技术部、国家保密局令第16号``): the organs joined by
    ``、``, a joint order's ``中华人民共和国`` prefixes dropped (it is cited so), spaces in the number removed —
    ``国家工商行政管理总局、卫生部令第26号``; ``""`` when the body does not open so (tester s14 P-bj, bjtcm id 13)."""
    m = _STACKED_ORDER.match(body or "")
    if m is None:
        return ""
    organs = [line.strip(" \t　") for line in m.group(1).split("\n") if line.strip(" \t　")]
    if len(organs) > 1:
        organs = [o[len(_PRC):] if o.startswith(_PRC) and len(o) > len(_PRC) + 1 else o for o in organs]
    return "、".join(organs) + "令" + re.sub(r"\s+", "", m.group(2))
