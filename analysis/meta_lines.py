"""The metadata lines of a scraped page — 发布时间 / 来源 / 作者 lines (``2024-05-02 来源：市场监管总局 作者：张三``)
— read into a ``Meta`` (date, written date, source, author), and the line-normalisation helpers every page
parser shares (``clean_line``, ``clean_lines``, ``fold``).

``analysis.boilerplate`` removes portal furniture and reports what the removed lines said through these.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

from analysis.dates import WRITTEN_LABELS, dates_in, loose_dates_in
from analysis.normalize import normalize_text

__all__ = ["Meta", "parse_meta_line", "meta_of_folded", "is_publish_label_line", "clean_line", "clean_lines", "fold",
           "SENTENCE_END"]

# ---------------------------------------------------------------- normalisation helpers
# Full-width letters, digits and ASCII symbols (what analysis.normalize folds) plus wide spaces. Chinese
# punctuation (：，（）！？) is not folded: every pattern here accepts both widths.
_FOLDABLE_CHARS = ("".join(chr(c) for c in range(0xFF10, 0xFF1A)) + "".join(chr(c) for c in range(0xFF21, 0xFF3B))
                   + "".join(chr(c) for c in range(0xFF41, 0xFF5B)) + "＃＄％＆＊＋－／＜＝＞＠［＼］＾＿｀｛｜｝～")
_FOLD = {ord(c): ord(c) - 0xFEE0 for c in _FOLDABLE_CHARS}
_FOLD.update({0x3000: 0x20, 0xA0: 0x20})
_FOLDABLE = re.compile("[" + re.escape(_FOLDABLE_CHARS) + "\u3000\u00a0]")
# anything analysis.normalize would change in one line: controls, invisibles, odd spaces, full-width, markup
_NEEDS_CLEAN = re.compile("[\x00-\x1f\x7f-\xa0\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e"
                          "\u1680\u2000-\u200f\u2028-\u202f\u205f-\u206f\u3000\u3164\ufeff\uffa0\ufff9-\ufffb<&"
                          + re.escape(_FOLDABLE_CHARS) + "]")


def clean_line(line: str) -> str:
    """One line in the library's canonical form (``analysis.normalize``): invisible characters out,
    full-width letters/digits folded, every run of spaces as one space, trimmed."""
    if not line:
        return ""
    if not _NEEDS_CLEAN.search(line) and "  " not in line and line[0] != " " and line[-1] != " ":
        return line
    return normalize_text(line, multiline=False)


def clean_lines(text: str) -> list[str]:
    """A text's non-empty lines, normalised in one pass (``analysis.normalize.normalize_text``)."""
    return [x for x in normalize_text(text, multiline=True).split("\n") if x]


def fold(text: str) -> str:
    """Full-width letters/digits/symbols folded to half-width, for matching (already done by clean_line)."""
    return text.translate(_FOLD) if _FOLDABLE.search(text) else text


# ---------------------------------------------------------------- metadata lines
@dataclass
class Meta:
    """What a page says about its article outside the body. Empty string / None when not stated."""

    date: pd.Timestamp | None = None
    source: str = ""
    author: str = ""
    url: str = ""
    #: which rule gave ``date`` (``analysis.schema.DATE_SOURCES``: label, text, meta, url; "" when none)
    date_source: str = field(default="", compare=False)
    #: 成文日期 when the page states it apart from the publish date
    written_date: pd.Timestamp | None = None

    def merge(self, other: "Meta") -> None:
        """Fill this one's gaps from ``other`` (first statement wins; ``date_source`` goes with ``date``)."""
        if self.date is None and other.date is not None:
            self.date = other.date
            self.date_source = other.date_source
        if self.written_date is None:
            self.written_date = other.written_date
        self.source = self.source or other.source
        self.author = self.author or other.author
        self.url = self.url or other.url


_DATE_L = (r"发布时间|发布日期|发文日期|发表时间|发表日期|成文日期|成文时间|印发日期|更新时间|上传时间|最后更新|时间|日期|"
           r"發佈時間|發布時間|發佈日期|發布日期|發表時間|發表日期|發文日期|成文時間|印發日期|更新時間|時間")  # traditional too
# publish labels whose line is metadata even when the value cannot be read (发布时间：待定, 發布日期：--)
_PUBLISH_L = re.compile(r"发布时间|发布日期|发文日期|发表时间|发表日期|成文日期|成文时间|印发日期|"
                        r"發佈時間|發布時間|發佈日期|發布日期|發表時間|發表日期|發文日期|成文時間|印發日期")
_SOURCE_L = r"來源|文章來源|資料來源|来源于|文章来源|信息来源|稿件来源|新闻来源|内容来源|来源|稿源|出处|发布机构|发布单位|发布部门|来源单位"
_AUTHOR_L = r"作者|撰稿|撰文|记者|通讯员|责任编辑|责编|编辑|文字|文|发布者|发布人|記者|責任編輯|責編|編輯"
_OTHER_L = (r"浏览次数|浏览量|浏览|点击数|点击量|点击|阅读数|阅读量|阅读|访问量|访问次数|字号|字体|摄影|摄|图|"
            r"审核|审校|校对|签发|供稿|分享|打印|评论|参与")
_LABEL = re.compile(
    rf"(?:^|(?<=[\s\]】|｜丨/,，;；(（)\d]))[【\[]?(?P<label>{_DATE_L}|{_SOURCE_L}|{_AUTHOR_L}|{_OTHER_L})"
    r"\s*(?:[:：|丨｜]|(?=\s*\d{4}[-/.年]))\s*")
# what may follow a date in a meta line: a time of day, a weekday, separators
_DATE_TAIL = re.compile(r"\d{1,2}\s*[:：时]\s*\d{1,2}(?:\s*[:：分]\s*\d{1,2}\s*秒?)?|星期.|周.|[上下]午|[\s|丨｜/·,，;；()（）]")
_OTHER_FIELD = re.compile(r"\s[\u4e00-\u9fff]{2,6}\s*[:：].*$")   # " 所属分类：…" — a field we do not read
_META_HINT = re.compile(r"[:：|丨｜]|(?:19|20)\d\d|[〇零]")
_AUTHOR_ORDER = ("作者", "撰稿", "撰文", "记者", "記者", "文字", "文", "通讯员", "编辑", "編輯", "责任编辑", "責任編輯",
                 "责编", "責編", "发布者", "发布人")
#: A line that ends like a sentence (。！？ with an optional closing quote or bracket).
SENTENCE_END = re.compile(r"[。！？!?][”\"’）)]?$")


def _value(raw: str) -> str:
    v = raw.strip().strip("】[]【|丨｜:：,，;；/").strip()
    v = re.sub(r"\s{2,}.*$", "", v)           # a second field after a wide gap
    v = re.split(r"[,，;；|丨｜]|返回|查看|点击|分享", v)[0]
    return v.strip().strip("()（）").rstrip("。.；;")


def parse_meta_line(line: str) -> Meta | None:
    """The fields of a 时间/来源/作者 line (``时间:2024-05-02 来源:X 作者:Y``), or ``None`` if it is not one.

    A meta line is short, starts with a label or a date, and holds nothing but labelled values (a date
    may stand unlabelled, as in ``2020-10-04 20:30 来源: 长江网``). Sentences that merely contain 来源
    are not meta lines.
    """
    if len(line) > 200 or not _META_HINT.search(line):
        return None       # every field needs a separator (：|) or a date after its label
    return meta_of_folded(fold(clean_line(line)))


def meta_of_folded(text: str) -> Meta | None:
    """``parse_meta_line`` for a line already cleaned and folded (:func:`clean_line`, :func:`fold`)."""
    if len(text) > 200 or not _META_HINT.search(text):
        return None
    if len(text) > 2 and text[0] in "(（[【" and text[-1] in ")）]】":
        text = text[1:-1].strip()     # "（责任编辑：系统管理员）"
    if not text or len(text) > 160 or SENTENCE_END.search(text) and "。" in text[:-1]:
        return None
    labels = list(_LABEL.finditer(text))
    if not labels:
        return None
    head = text[: labels[0].start()].strip(" 【[|丨")
    meta = Meta()
    if head in ("版权声明", "声明", "正文", "详情", "文章信息", "信息"):
        head = ""
    if head:
        # only a date (with time) may precede the first label: "2019-09-26 10:56:28 来源：证券时报网"
        head_dates = dates_in(head)
        if not head_dates or head_dates[0][0] > 1:
            return None
        rest = head[head_dates[0][1]:]
        if re.sub(r"[\d:：\s时分秒]", "", rest):
            return None
        meta.date, meta.date_source = head_dates[0][2], "label"
    authors: dict[str, str] = {}
    useful = bool(meta.date)
    for i, m in enumerate(labels):
        end = labels[i + 1].start() if i + 1 < len(labels) else len(text)
        label, value = m.group("label"), text[m.end():end]
        if re.fullmatch(_DATE_L, label):
            found = loose_dates_in(value)
            rest = _DATE_TAIL.sub("", _OTHER_FIELD.sub("", value[found[0][1]:])) if found else ""
            if found and found[0][0] <= 2 and len(rest.strip()) <= 3:
                if label in WRITTEN_LABELS:
                    meta.written_date = meta.written_date or found[0][2]
                elif meta.date is None:
                    meta.date, meta.date_source = found[0][2], "label"
                useful = True
            elif _PUBLISH_L.fullmatch(label) and m.group(0).rstrip()[-1:] in ":：" and _unread_value(value):
                useful = True      # "发布时间：待定" — a metadata line whose date cannot be read
            elif value.strip():
                return None        # "时间" followed by something else: a sentence, not a meta line
        elif re.fullmatch(_SOURCE_L, label):
            v = _value(value)
            dated = dates_in(v) if v else []
            if dated and dated[0][0] > 0 and not _DATE_TAIL.sub("", v[dated[0][1]:]).strip():
                # "来源：新华网 2021-11-25 16:26:07": the date stands in the 来源 line
                if meta.date is None:
                    meta.date, meta.date_source = dated[0][2], "label"
                v = v[:dated[0][0]].strip()
                useful = True
            v = v.split(" ")[0] if v else v
            if v and not meta.source and len(v) <= 40:
                meta.source = v
                useful = True
        elif re.fullmatch(_AUTHOR_L, label):
            v = _value(value)
            if v and len(v) <= 40:
                authors.setdefault(label, v)
                useful = True
    for label in _AUTHOR_ORDER:
        if label in authors:
            meta.author = authors[label]
            break
    return meta if useful else None


_PUBLISH_LINE = re.compile(rf"^[【\[]?\s*(?:{_PUBLISH_L.pattern})\s*[:：]")


def is_publish_label_line(line: str) -> bool:
    """A line starting with a publish label and a colon (``发布时间：…``, ``發布日期：…``), whatever its value:
    metadata, never a title."""
    return _PUBLISH_LINE.match(fold(clean_line(line))) is not None


def _unread_value(value: str) -> bool:
    """A publish label's value that is no date but no sentence either: short, no sentence punctuation."""
    v = value.strip()
    # a full but refused day (2999-01-01, implausible) stays visible in the body for the reader to see
    return (len(v) <= 24 and not re.search(r"[。，,！？!?；;]", v)
            and not re.search(r"\d{2,4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}", v))
