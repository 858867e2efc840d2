"""What one line of a scraped page is — the line rules of ``analysis.loaders.text``'s article extraction.

- :func:`looks_like_title` (4–120 characters, no sentence end, no meta/boilerplate line, not starting with a date),
  :func:`date_only_line` (a publish stamp alone on a line), :func:`source_name` (a bare outlet name next to one),
  :func:`anchor_meta` (the date/来源 line under a title);
- :func:`join_label_lines`: a label and its value rendered on two lines joined into one (``来源：`` / ``新华网``,
  the cells of a 政府信息公开 table);
- :func:`in_dated_list` / :func:`main_block`: dated link lists and link-list runs that are not the article;
- :func:`attribution_author`: the reporter a body closes with.
"""
from __future__ import annotations

import re

import pandas as pd

from analysis.boilerplate import is_boilerplate_line
from analysis.dates import dates_in
from analysis.meta_lines import Meta, fold, is_publish_label_line, parse_meta_line


# the fields of a 政府信息公开 (government information disclosure) table: metadata, never a title
_DISCLOSURE_FIELD = re.compile(r"^[【\[]?\s*(?:索引号|索 引 号|主题分类|发文机关|发布机构|发文字号|文号|发文单位|公开方式|公开范围|"
                               r"公开时限|信息来源|主题词|体裁分类|组配分类|所属机构|生成日期|有效性|效力状态|"
                               r"信息名称|名称|信息类别|成文日期|发布日期|实施日期|废止日期|內容分類|發文機關|發文字號)"
                               r"\s*[:：]")


def looks_like_title(line: str) -> bool:
    """True for a line that can be a headline: 4–120 characters, not a 政府信息公开 field, no sentence end
    (。：；), no boilerplate or meta line, not starting with a date, and 4+ Chinese characters or 12+ characters."""
    n = len(line)
    if n < 4 or n > 120:
        return False
    if _DISCLOSURE_FIELD.match(line):
        return False
    if line.endswith(("。", "：", ":", "；")):
        return False
    if is_boilerplate_line(line) or parse_meta_line(line) is not None or is_publish_label_line(line):
        return False
    if dates_in(fold(line[:12])) and dates_in(fold(line[:12]))[0][0] == 0:
        return False   # starts with a date: a list entry or a meta line
    return len(re.findall(r"[\u4e00-\u9fff]", line)) >= 4 or n >= 12


def date_only_line(line: str) -> pd.Timestamp | None:
    """``2019-09-26 10:56:28`` / ``2019年06月15日08:18`` alone on a line (a publish stamp)."""
    f = fold(line)
    found = dates_in(f)
    if not found or found[0][0] > 2:
        return None
    rest = f[found[0][1]:]
    if re.sub(r"[\d:：\s时分秒.上下午]", "", rest) == "":
        return found[0][2]
    return None


_NAME = r"[\u4e00-\u9fffA-Za-z·・]{2,16}"
_NAME_DATE = re.compile(rf"^(?P<name>{_NAME})\s+(?P<rest>(?:19|20)\d\d\D.*)$")


_ATTRIBUTION = re.compile(r"[(（]\s*(?:(?:文/图|图/文|文图|图文|文|记者|通讯员|作者|撰稿)[\s:：/|]*)?"
                          r"(?P<names>[\u4e00-\u9fff]{2,4}(?:[\s、,，][\u4e00-\u9fff]{2,4}){0,3})\s*[)）]$")
_ORG_END = re.compile(r"(?:局|厅|委|院|部|办|会|所|中心|站|队|社|报|网|台|处|科|室|组|团|司|馆|校|府)$")


def attribution_author(body: str) -> str:
    """The reporter a body closes with — ``…举行。（张巨峰）``, ``(文/图 刘玺东 易赛楠)`` — or ''.

    Only person-like names (2–4 characters each, not ending like an organisation: 局/委/办/中心…) count;
    ``（德清县发改局）`` is a source, not an author.
    """
    tail = body.rstrip()[-40:]
    m = _ATTRIBUTION.search(tail)
    if not m:
        return ""
    names = re.split(r"[\s、,，]+", m.group("names"))
    if any(_ORG_END.search(n) for n in names):
        return ""
    return " ".join(names)


def source_name(line: str) -> str:
    """A bare outlet name standing next to a date stamp (``新华社``, ``中国网``), else ''."""
    if re.fullmatch(_NAME, line) and not is_boilerplate_line(line) and not re.search(r"\d", line):
        return line
    return ""


def anchor_meta(line: str) -> Meta | None:
    """Meta of a date/来源 line under a title: a meta line, a bare date(time) stamp, or ``中国网 2019-11-25 10:37``."""
    meta = parse_meta_line(line)
    if meta is not None:
        # "发布时间：待定" is metadata but says nothing: no anchor for the title above it
        return meta if (meta.date is not None or meta.source or meta.author or meta.written_date is not None) else None
    ts = date_only_line(line)
    if ts is not None:
        return Meta(date=ts, date_source="text")
    m = _NAME_DATE.match(fold(line))
    if m and source_name(m.group("name")):
        ts = date_only_line(m.group("rest"))
        if ts is not None:
            return Meta(date=ts, source=m.group("name"), date_source="text")
    return None


_LABEL_ONLY = re.compile(r"^[【\[(（]?\s*(?:来源|来源于|文章来源|信息来源|作者|记者|编辑|责任编辑|责编|"
                         r"发布时间|发布日期|时间|日期)\s*[:：|]\s*$")


_FIELD_ONLY = re.compile(r"^[【\[]?(?P<label>索引号|主题分类|发文机关|发布机构|发文字号|文号|发文单位|公开方式|公开范围|"
                         r"公开时限|主题词|体裁分类|组配分类|所属机构|生成日期|有效性|效力状态|信息名称|名称|标题|"
                         r"信息类别|成文日期|成文时间|印发日期|发布日期|发布时间|发文日期|实施日期|施行日期|废止日期|"
                         r"信息来源|來源|发文機關|發文字號|發布日期|發佈日期|成文時間)[:：]?[】\]]?$")


def _field_label(line: str) -> str:
    """The label of a 政府信息公开 table cell standing alone (``索 引 号：``, ``标　　题``, ``成文日期``), or ''."""
    m = _FIELD_ONLY.match(re.sub(r"\s", "", fold(line)))
    return m.group("label") if m else ""


def join_label_lines(lines: list[str]) -> list[str]:
    """``来源：`` alone on a line followed by ``新华网`` (how many pages render) → one line; likewise the cells
    of a 政府信息公开 table (``成文日期`` / ``2023年05月04日`` → ``成文日期：2023年05月04日``), so a 成文日期
    is read as one and never taken for the publish date."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        if (_LABEL_ONLY.match(fold(line)) and nxt and len(nxt) <= 30
                and not _LABEL_ONLY.match(fold(nxt)) and parse_meta_line(nxt) is None):
            out.append(line + nxt)
            i += 2
            continue
        label = _field_label(line) if len(line) <= 12 else ""
        if label and nxt and len(nxt) <= 80 and not _field_label(nxt) and not _LABEL_ONLY.match(fold(nxt)):
            out.append(f"{label}：{nxt}")
            i += 2
            continue
        out.append(line)
        i += 1
    return out


def in_dated_list(lines: list[str], i: int) -> bool:
    """Line ``i`` is a date-only line following a headline that itself follows another date-only line:
    an entry of a dated link list (相关信息: headline / date / headline / date …), not the article's stamp."""
    return (date_only_line(lines[i]) is not None and i >= 3
            and date_only_line(lines[i - 2]) is not None and date_only_line(lines[i - 1]) is None)


def first_title_like(lines: list[str]) -> int | None:
    """Index of the first line that :func:`looks_like_title`, or ``None``."""
    for i, line in enumerate(lines):
        if looks_like_title(line):
            return i
    return None


def main_block(lines: list[str]) -> list[str]:
    """Cut a page-rendering body at the first long run of short lines (a link list) after real text."""
    out: list[str] = []
    seen_text = 0
    short_run: list[str] = []
    for line in lines:
        is_short = len(line) < 25 and not re.search(r"[。！？!?”，,、；;：:…]$", line)
        if is_short:
            short_run.append(line)
            if seen_text >= 80 and len(short_run) >= 8:
                return out
            continue
        out.extend(short_run)
        short_run = []
        out.append(line)
        seen_text += len(line)
    if len(short_run) < 8 or seen_text < 80:
        out.extend(short_run)
    return out
