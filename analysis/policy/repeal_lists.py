"""The list of documents a repeal decision repeals or declares void, in its appendix (tester s13 P1):

    一、决定废止的规范性文件目录（68件）
    1.科技开发企业审批登记暂行办法
    发文单位：国家科学技术委员会国家工商行政管理局
    发文时间：1987年11月2日
    文号：（87）国科发综字0810号
    说明：统一适用《公司法》和《公司登记管理条例》（国务院令第451号）的规定。

(Hebei ids 1761, 1764, 1766: 科学技术部令第12号 / 第14号 / 第17号). Each numbered item names a document the
decision repeals, so it is a ``repeal`` citation of that title with the 文号 of its 文号 line — never the
decision's own 文号 or issuer (``analysis.policy.own_number`` / ``issuers`` leave such lines out). The 说明 line
names what replaces it: its references keep their own role. A 《…》 reference elsewhere in such a section
(a list written as one run, ``（三）予以废止规范性文件目录序号文件名称文号1《关于…的通知》冀科政规〔2022〕2号``, Hebei
id 2069) is a repeal too. Used by :func:`analysis.policy.citations.extract_citations`.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache
from typing import NamedTuple

from analysis.policy.numbers import find_doc_numbers, normalize_doc_number

__all__ = ["RepealItem", "in_repeal_list", "repeal_items", "repeal_sections"]

#: a heading opening a list of repealed / voided documents: 决定废止的规范性文件目录（68件）, 二、决定宣布失效的规章目录,
#: 科技部决定废止的政策性文件目录, （三）予以废止规范性文件目录… (the keyword within its first 30 characters)
_REPEAL_HEADING = re.compile(r"^[^。；;，,《\n]{0,24}(?:废止|废除|失效)[^。；;，,《\n]{0,16}(?:目录|清单|名单|名录)")
#: what every :data:`_REPEAL_HEADING` holds (a quick test of a whole body before its lines are read)
_ANY_HEADING = re.compile(r"(?:废止|废除|失效)[^。；;，,《\n]{0,16}(?:目录|清单|名单|名录)")
#: a heading of another kind of list, which ends a repeal section: 继续有效的…目录, （二）限期修改规范性文件目录,
#: 予以修改的省政府规范性文件（8件）
_OTHER_HEADING = re.compile(r"^[^。；;，,《\n]{0,40}(?:目录|清单|名单|名录)\s*(?:[（(]\s*\d+\s*件\s*[）)])?\s*[：:]?\s*$|"
                            r"^[^。；;，,《\n]{0,24}(?:有效|修改|修订|保留)[^。；;，,《\n]{0,16}(?:目录|清单|名单|名录|"
                            r"文件\s*[（(]\s*\d+\s*件\s*[）)])")
#: a numbered item: 1.科技开发企业审批登记暂行办法, 2、社会力量设立科学技术奖管理办法, 1．国家秘密技术出口审查暂行规定
_ITEM = re.compile(r"^[ \t　]*(\d{1,3})[ \t]*[.．、][ \t　]*(\S[^\n]{1,150}?)[ \t　]*$")
#: the lines describing an item (the next line must be one of them, so the item is a list entry, not prose)
_FIELD = re.compile(r"^[ \t　]*(?:发文单位|发文机关|发布机关|发文时间|发布时间|成文时间|文号|发文字号|原文号)[^\n：:]{0,8}[：:]")
_NUMBER_FIELD = re.compile(r"^[ \t　]*(?:[^\n：:]{0,10}文号|发文字号|原文号)[ \t]*[：:][ \t　]*(\S[^\n]*?)[ \t　]*$")
#: a 文号 with a two-digit or leading year: （87）国科发综字0810号, [1992]国科发改字第545号, [93]国科发财字476号
_LEADING_YEAR_NUMBER = re.compile(r"[〔\[［（(【]\s*(?:19|20)?\d{2}\s*[〕\]］）)】]\s*[\u4e00-\u9fff]{1,14}?第?\s*\d{1,5}\s*号")


class RepealItem(NamedTuple):
    """One repealed document of a list: ``title`` (the item line without its number; inner 《》 written 〈〉:
    ``〈关于…的暂行规定〉的几点说明``), ``number`` (its 文号 as written on its 文号 line, normalised; ``""`` when the
    item gives none), ``start``/``end`` (the title's span in the body), ``line`` (the item line),
    ``number_span`` (the span of that 文号 on its line, or ``(end, end)``)."""

    title: str
    number: str
    start: int
    end: int
    line: str
    number_span: tuple[int, int]


#: where a list written without line breaks (Hebei id 1781, the text of 1766 in one run) starts a new line:
#: before an item number (``。2．技术合同…``; right after a 文号 or a bracket also ``…230号5.863计划…``), a field
#: label (``…令第6号说明：``, ``发布时间、机关与文号：`` as one label) or a numbered heading (``。二、决定宣布失效的规章目录``)
_RUN_BREAK = re.compile(r"(?<=[。；;）)\u4e00-\u9fff])(?=\d{1,3}[.．、][^\d\s])|(?<=[号）)])(?=\d{1,3}[.．、])|"
                        r"(?<=[。；;）)号\u4e00-\u9fff])(?=[一二三四五六七八九十]{1,3}、)|"
                        r"(?:发文单位|发文机关|发布机关|发文时间|发布时间|成文时间|文号|发文字号|原文号)[^\n：:。，《]{0,8}[：:]|说明[：:]")


@lru_cache(maxsize=8)
def _lines(body: str) -> tuple[tuple[int, str], ...]:
    """``(offset, text)`` of each line of ``body``: its lines, a line that runs several list entries together cut
    at :data:`_RUN_BREAK`."""
    out: list[tuple[int, str]] = []
    pos = 0
    for line in body.split("\n"):
        cuts = [m.start() for m in _RUN_BREAK.finditer(line) if m.start() > 0] if len(line) > 40 else []
        for a, b in zip([0, *cuts], [*cuts, len(line)]):
            if b > a:
                out.append((pos + a, line[a:b]))
        if not line:
            out.append((pos, ""))
        pos += len(line) + 1
    return tuple(out)


def repeal_sections(body: str) -> list[tuple[int, int]]:
    """The ``(start, end)`` spans of ``body`` holding a list of repealed or voided documents: from a heading such
    as ``决定废止的规范性文件目录（68件）`` (:data:`_REPEAL_HEADING`) to the next heading of another list (继续有效 /
    限期修改 … 目录) or the end of the body, when it holds at least one :func:`repeal_items` entry — a heading
    that only names the list (``附件：1.废止的省政府规范性文件目录``, Hebei id 144, whose body has no such list) opens
    none —; or the line of a list written on its heading's line (``（三）予以废止规范性文件目录…1《…》冀科政规〔2022〕2号``);
    ``[]`` when there is none."""
    spans = _sections(body)
    if not spans:
        return []
    items = repeal_items(body, [(s, e) for s, e, glued in spans if not glued])
    return [(s, e) for s, e, glued in spans if glued or any(s <= it.start < e for it in items)]


def _sections(body: str) -> list[tuple[int, int, bool]]:
    """The candidate sections of :func:`repeal_sections`, each with whether it is a list on its heading's line."""
    if ("废" not in body and "失效" not in body) or not _ANY_HEADING.search(body):
        return []
    spans: list[tuple[int, int, bool]] = []
    start: int | None = None
    for pos, line in _lines(body):
        text = line.strip()
        if _REPEAL_HEADING.match(text):
            if "《" in text:  # the list written on its heading's line: that line alone
                if start is not None:
                    spans.append((start, pos, False))
                spans.append((pos, pos + len(line), True))
                start = None
            elif start is None:
                start = pos
        elif start is not None and not _ITEM.match(line) and _OTHER_HEADING.match(text):
            spans.append((start, pos, False))
            start = None
    if start is not None:
        spans.append((start, len(body), False))
    return spans


def _item_number(value: str) -> tuple[str, int, int]:
    """The 文号 of an item's 文号 line value and its span in ``value`` (``（87）国科发综字0810号``,
    ``1989年12月6日国家科委、国家保密局令第6号``, ``1999年12月26日科学技术部令第3号发布，…令第10号修改`` → the first;
    a later number on the line — the amendment of the repealed document — stays a reference of its own);
    ``("", 0, 0)`` when there is none."""
    found = find_doc_numbers(value)
    loose = _LEADING_YEAR_NUMBER.search(value)
    if loose and (not found or loose.start() < found[0][0]):
        return normalize_doc_number(loose.group(0)), loose.start(), loose.end()
    return (found[0][2], found[0][0], found[0][1]) if found else ("", 0, 0)


def in_repeal_list(body: str, sections: list[tuple[int, int]], pos: int) -> bool:
    """Whether offset ``pos`` of ``body`` stands in one of its repeal ``sections`` (:func:`repeal_sections`) on a
    line other than a 说明/备注 line (which names what replaces the repealed document) or an item's 发文单位 /
    文号 … line (a second number there, ``…令第10号修改``, is the repealed document's amendment: its own role)."""
    if not any(s <= pos < e for s, e in sections):
        return False
    lines = _lines(body)
    starts = [p for p, _ in lines]
    line_start = starts[bisect_right(starts, pos) - 1]
    line = body[line_start:pos + 1]
    return not (re.match(r"[ \t　]*(?:说明|备注|注)[：:]", line) or _FIELD.match(line))


def repeal_items(body: str, sections: list[tuple[int, int]] | None = None) -> list[RepealItem]:
    """The numbered items of every :func:`repeal_sections` span (or of the given ``sections``) whose next line
    describes it (发文单位 / 发文时间 / 文号 / 发布时间、机关与文号 …), in text order, each with the 文号 of its
    文号 line (up to the next item)."""
    items: list[RepealItem] = []
    for s, e in repeal_sections(body) if sections is None else sections:
        lines = _lines(body[s:e])
        for i, (pos, line) in enumerate(lines):
            m = _ITEM.match(line)
            if not m or i + 1 >= len(lines) or not _FIELD.match(lines[i + 1][1]):
                continue
            title = m.group(2).rstrip("。；;")
            title = re.sub(r"《([^《》]*)》", r"〈\1〉", title) if not (title.startswith("《") and title.endswith("》")
                                                                     and title.count("《") == 1) else title[1:-1]
            start = s + pos + m.start(2)
            end = s + pos + m.end(2)
            number, span = "", (end, end)
            for pos2, line2 in lines[i + 1:]:
                if _ITEM.match(line2) and not _FIELD.match(line2):
                    break
                nm = _NUMBER_FIELD.match(line2)
                if nm:
                    number, a, b = _item_number(nm.group(1))
                    span = (s + pos2 + nm.start(1) + a, s + pos2 + nm.start(1) + b)
                    break
            items.append(RepealItem(title=title, number=number, start=start, end=end, line=line.strip(),
                                    number_span=span))
    return items
