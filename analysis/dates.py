"""Publish dates as Chinese portals write them — parsed strictly, never invented.

``parse_date`` reads one value (a cell, a meta tag, an int such as 20240502); ``find_date_in_text`` finds
the publish date in a block of text (labelled dates such as 发布时间 first); ``date_from_url`` reads the
day that many CMS put into article URLs (``…/t20240430_…``) and is only a fallback.

Every function returns a day-level ``pd.Timestamp`` or ``None``. Impossible dates (2024-13-45) and
implausible ones (before 1949, or more than a year after today) give ``None``: an unknown date stays
unknown rather than becoming a wrong one.
"""
from __future__ import annotations

import datetime as _dt
import re
from typing import Any

import pandas as pd

__all__ = ["parse_date", "find_date_in_text", "find_labelled_date", "find_labelled_dates", "date_from_url",
           "DATE_LABELS", "WRITTEN_LABELS", "MIN_YEAR", "MINGUO_OFFSET", "dates_in", "loose_dates_in"]

MIN_YEAR = 1949

# Labels that introduce a publish date, strongest first (a 发布时间 beats a bare 时间).
DATE_LABELS = ("发布时间", "发布日期", "发文日期", "发表时间", "发表日期", "成文日期", "成文时间", "印发日期",
               "發佈時間", "發布時間", "發佈日期", "發布日期", "發表時間", "發表日期", "發文日期", "成文時間", "印發日期",
               "上传时间", "更新时间", "更新時間", "时间", "時間", "日期")
# Labels of the day a document was signed (成文日期), kept apart from the publish date: on 政府信息公开 pages
# that show both, ``date`` is the 发布日期 (GB/T 9704-2012 calls the signing day 成文日期).
WRITTEN_LABELS = ("成文日期", "成文时间", "成文時間", "印发日期", "印發日期")
#: 民國 year + 1911 = Gregorian year (ROC calendar, used on Taiwanese government pages: 112-05-06 = 2023-05-06)
MINGUO_OFFSET = 1911

_CN_DIGITS = {"〇": 0, "零": 0, "○": 0, "Ｏ": 0, "O": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
              "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_NUM = "〇零○一二两三四五六七八九十"

_FOLD = {i: i - 0xFEE0 for i in range(0xFF01, 0xFF5F)}
_FOLD.update({0x3000: 0x20, 0xA0: 0x20})

# year sep month sep day  (年月日, -, /, ., with optional spaces); the day must not run on into more digits
_YMD = re.compile(
    r"(?<!\d)((?:19|20)\d{2})\s*(?:(年)|[-/.])\s*(\d{1,2})\s*(?:月|[-/.])\s*(\d{1,2})(?!\d)\s*(?:日|号)?")
_COMPACT = re.compile(r"(?<!\d)((?:19|20)\d{2})(\d{2})(\d{2})(?!\d)")
_CN_YMD = re.compile(rf"([{_CN_NUM[:-1]}]{{4}})\s*年\s*([{_CN_NUM}]{{1,3}})\s*月\s*([{_CN_NUM}]{{1,3}})\s*[日号]")
_YEARISH = re.compile(r"(?:19|20)\d\d|年")
# forms only read where a date is expected (a date cell, the value after a 发布时间 label), never in running
# text: "2023 05 06" (spaces as separators), "20230506", 民國 "112-05-06" / "民國112年5月6日"
_SPACED = re.compile(r"(?<![\d.])((?:19|20)\d{2})[ \u3000]+(\d{1,2})[ \u3000]+(\d{1,2})(?![\d.:])")
_MINGUO = re.compile(r"(?<![\d.])(?:(民[國国])\s*(?:前\s*)?)?(\d{2,3})\s*(?:(年)|[-/.])\s*(\d{1,2})\s*(?:月|[-/.])\s*"
                     r"(\d{1,2})(?!\d)\s*(?:日|号|號)?")
_TIME_AFTER = re.compile(r"\s*(?:T|\s)?\s*\d{1,2}\s*[:：时]\s*\d{1,2}")

_MONTHS = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], start=1)}
_EN_DMY = re.compile(r"(?<!\d)(\d{1,2})\s+([A-Za-z]{3})[a-z]*\.?,?\s+((?:19|20)\d{2})(?!\d)")
_EN_MDY = re.compile(r"\b([A-Za-z]{3})[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+((?:19|20)\d{2})(?!\d)")


def _fold(text: str) -> str:
    """Full-width ASCII to half-width (２０２４ → 2024, ： stays; the library-wide normaliser does more)."""
    return text.translate(_FOLD)


def _latest_allowed() -> _dt.date:
    return _dt.date.today() + _dt.timedelta(days=366)


def _make(year: int, month: int, day: int) -> pd.Timestamp | None:
    """A day Timestamp when the date exists and is plausible, else None."""
    if year < MIN_YEAR:
        return None
    try:
        d = _dt.date(year, month, day)
    except ValueError:
        return None
    if d > _latest_allowed():
        return None
    return pd.Timestamp(d)


def _cn_number(text: str) -> int | None:
    """二〇二四 → 2024 (digit by digit); 十二 → 12, 二十一 → 21, 三十 → 30 (counting form)."""
    if not text:
        return None
    if "十" not in text:
        value = 0
        for ch in text:
            if ch not in _CN_DIGITS:
                return None
            value = value * 10 + _CN_DIGITS[ch]
        return value
    tens, _, ones = text.partition("十")
    if "十" in ones:
        return None
    t = _CN_DIGITS.get(tens, -1) if tens else 1
    o = _CN_DIGITS.get(ones, -1) if ones else 0
    if t < 0 or o < 0:
        return None
    return t * 10 + o


def dates_in(text: str) -> list[tuple[int, int, pd.Timestamp, bool]]:
    """Every valid full date in ``text``: ``(start, end, day, has_time)`` in text order — ``2024-05-02``,
    ``2024/5/2``, ``2024年5月2日`` and Chinese numerals (``二〇二四年五月二日``); impossible days (2月30日), years
    before ``MIN_YEAR`` and days more than a year ahead are skipped. ``start``/``end``: character offsets into ``text``."""
    found: list[tuple[int, int, pd.Timestamp, bool]] = []
    if not _YEARISH.search(text):
        return found
    for m in _YMD.finditer(text):
        # "2024年5-2" style mixes are rare; accept any separator pair
        ts = _make(int(m.group(1)), int(m.group(3)), int(m.group(4)))
        if ts is not None:
            found.append((m.start(), m.end(), ts, bool(_TIME_AFTER.match(text, m.end()))))
    for m in _CN_YMD.finditer(text):
        y, mo, d = _cn_number(m.group(1)), _cn_number(m.group(2)), _cn_number(m.group(3))
        if y is not None and mo is not None and d is not None:
            ts = _make(y, mo, d)
            if ts is not None:
                found.append((m.start(), m.end(), ts, False))
    found.sort(key=lambda f: f[0])
    return found


def _minguo_year(m: re.Match[str]) -> int | None:
    """The Gregorian year of a 民國 date match: 2–3 digit years with 民國 before them, 3-digit years alone
    (100–199: 2011 onwards; ``12-05-06`` without 民國 is too ambiguous to read)."""
    year = int(m.group(2))
    if m.group(1) is None and not 100 <= year <= 199:
        return None
    if year < MIN_YEAR - MINGUO_OFFSET:
        return None
    return year + MINGUO_OFFSET


def loose_dates_in(text: str) -> list[tuple[int, int, pd.Timestamp, bool]]:
    """:func:`dates_in` plus the forms read only where a date is expected (after a label such as 发布时间):
    ``2023 05 06``, ``20230506``, 民國 ``112-05-06`` / ``民國112年5月6日`` (sorted by position; same tuple
    shape). Not for running text: ``20230506`` there is as likely a serial number."""
    found = dates_in(text)
    taken = [(s, e) for s, e, _, _ in found]

    def free(a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e in taken)

    for m in _SPACED.finditer(text):
        ts = _make(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if ts is not None and free(m.start(), m.end()):
            found.append((m.start(), m.end(), ts, bool(_TIME_AFTER.match(text, m.end()))))
    for m in _COMPACT.finditer(text):
        ts = _make(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if ts is not None and free(m.start(), m.end()):
            found.append((m.start(), m.end(), ts, bool(_TIME_AFTER.match(text, m.end()))))
    for m in _MINGUO.finditer(text):
        year = _minguo_year(m)
        ts = _make(year, int(m.group(4)), int(m.group(5))) if year else None
        if ts is not None and free(m.start(), m.end()):
            found.append((m.start(), m.end(), ts, bool(_TIME_AFTER.match(text, m.end()))))
    found.sort(key=lambda f: f[0])
    return found


def parse_date(value: Any) -> pd.Timestamp | None:
    """One date value → day ``Timestamp`` or ``None``.

    Accepts ``datetime``/``date``/``Timestamp``; ints (and floats/strings of 8 digits) as ``yyyymmdd``,
    10/13-digit ints as Unix seconds/milliseconds, numbers (not strings) 20000–80000 as Excel serial days
    (:func:`excel_serial_date`: 45352 → 2024-03-01); strings such as ``2024-05-02``, ``2024/5/2 10:00``,
    ``2024年5月2日``, ``2024.05.02``, ``2024-05-02T10:00:00+08:00``, ``二〇二四年五月二日``,
    ``2 May 2024``/``May 2, 2024``, ``2023 05 06`` (spaces), 民國 ``112-05-06`` / ``民國112年5月6日``
    (+1911: 2023-05-06; a 3-digit year, or 2–3 digits after 民國). A string that holds a date among other
    words (``发布时间：2024-05-02``, ``发布日期：20240502``) gives that date. The time of day is dropped (the
    article table keeps days).
    """
    if value is None or value is pd.NaT:
        return None
    if isinstance(value, bool):
        return None
    if isinstance(value, pd.Timestamp):
        if value.tzinfo is not None:
            value = value.tz_convert("Asia/Shanghai").tz_localize(None)
        return _make(value.year, value.month, value.day)
    if isinstance(value, (_dt.datetime, _dt.date)):
        return _make(value.year, value.month, value.day)
    if isinstance(value, float):
        if value != value:  # NaN
            return None
        if not value.is_integer():   # a fraction: only an Excel serial day with its time of day
            return excel_serial_date(value)
        value = int(value)
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):  # numpy scalars
        try:
            return parse_date(value.item())
        except (TypeError, ValueError):
            return None
    if isinstance(value, int):
        return _parse_int(value)
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    if not isinstance(value, str):
        return None
    text = _fold(value).strip()
    if not text:
        return None
    if text.isdigit():
        return _parse_int(int(text)) if len(text) in (8, 10, 13) else None
    found = dates_in(text) or loose_dates_in(text)
    if found:
        return found[0][2]
    return _parse_english(text)


#: Excel's serial day numbers read as dates (1900 date system: day 1 = 1900-01-01, with Lotus's phantom
#: 1900-02-29, so a serial counts from 1899-12-30): 20000–80000 = 1954-10-03 … 2119-01-10 — five digits, which no
#: other date form uses (yyyymmdd has eight). A spreadsheet cell formatted "General" or "Number" holds a date
#: this way (tester s15 L2: 45352 in an XLSX 日期 column = 2024-03-01 was dropped).
EXCEL_SERIAL_RANGE = (20_000, 80_000)


def excel_serial_date(value: float) -> pd.Timestamp | None:
    """The day of an Excel serial number (int or float, :data:`EXCEL_SERIAL_RANGE`; the fraction is the time of
    day, dropped), else ``None``."""
    lo, hi = EXCEL_SERIAL_RANGE
    if not lo <= value < hi:
        return None
    day = _dt.date(1899, 12, 30) + _dt.timedelta(days=int(value))
    return _make(day.year, day.month, day.day)


def is_excel_serial(value: Any) -> bool:
    """True for a number (not a string, not a bool) that :func:`parse_date` reads as an Excel serial day."""
    return isinstance(value, (int, float)) and not isinstance(value, bool) and value == value \
        and EXCEL_SERIAL_RANGE[0] <= value < EXCEL_SERIAL_RANGE[1]


def _parse_int(value: int) -> pd.Timestamp | None:
    digits = len(str(abs(value)))
    if digits == 5:
        return excel_serial_date(value)
    if digits == 8:
        return _make(value // 10000, value // 100 % 100, value % 100)
    if digits in (10, 13):
        seconds = value / 1000 if digits == 13 else value
        try:
            ts = pd.Timestamp(seconds, unit="s", tz="UTC").tz_convert("Asia/Shanghai")
        except (ValueError, OverflowError):
            return None
        return _make(ts.year, ts.month, ts.day)
    return None


def _parse_english(text: str) -> pd.Timestamp | None:
    m = _EN_DMY.search(text)
    if m and m.group(2).lower() in _MONTHS:
        return _make(int(m.group(3)), _MONTHS[m.group(2).lower()], int(m.group(1)))
    m = _EN_MDY.search(text)
    if m and m.group(1).lower() in _MONTHS:
        return _make(int(m.group(3)), _MONTHS[m.group(1).lower()], int(m.group(2)))
    return None


_LABELLED = re.compile(
    r"(" + "|".join(DATE_LABELS) + r")\s*(?:[:：]|\]|】|\s)\s*")


def _label_tier(label: str) -> int:
    """0: a publish label (发布/发文/发表); 1: the signing day (成文/印发); 2: upload/update; 3: a bare 时间/日期."""
    if label in ("时间", "時間", "日期"):
        return 3
    if label in WRITTEN_LABELS:
        return 1
    return 2 if label.startswith(("上传", "更新")) else 0


def find_labelled_dates(text: str) -> tuple[pd.Timestamp | None, pd.Timestamp | None]:
    """``(date, written_date)`` from the labels in ``text``.

    ``date``: the date after the strongest kind of label (发布时间/发布日期/发文日期 … before 成文日期/印发日期,
    before 更新时间, before a bare 时间/日期); among labels of the same kind the first one. ``written_date``:
    the first date after a 成文日期/印发日期 label. After a label, ``2023 05 06``, ``20230506`` and 民國
    ``112-05-06`` are read too. ``None`` for what is not stated.
    """
    text = _fold(text)
    best: tuple[int, pd.Timestamp] | None = None
    written: pd.Timestamp | None = None
    for m in _LABELLED.finditer(text):
        tier = _label_tier(m.group(1))
        if best is not None and tier >= best[0] and (tier != 1 or written is not None):
            continue
        found = loose_dates_in(text[m.end():m.end() + 40])
        if found and found[0][0] <= 2:
            if tier == 1 and written is None:
                written = found[0][2]
            if best is None or tier < best[0]:
                best = (tier, found[0][2])
            if tier == 0 and written is not None:
                break
    return (best[1] if best else None), written


def find_labelled_date(text: str) -> pd.Timestamp | None:
    """The date after the strongest kind of label in ``text`` (``find_labelled_dates``' first value)."""
    return find_labelled_dates(text)[0]


def find_date_in_text(text: str) -> pd.Timestamp | None:
    """The publish date in a block of text, or ``None``.

    Order: a date after a label (发布时间/发布日期/发文日期 before 时间/日期); then the first date written
    with a time of day (``2019-09-26 10:56``, how portals print publish lines); then the first full date.
    Dates without a year (5月2日) are never completed with a guessed year.
    """
    if not text:
        return None
    labelled = find_labelled_date(text)
    if labelled is not None:
        return labelled
    found = dates_in(_fold(text))
    for _start, _end, ts, has_time in found:
        if has_time:
            return ts
    return found[0][2] if found else None


_URL_PATTERNS = (
    re.compile(r"/t((?:19|20)\d{2})(\d{2})(\d{2})_\d+"),                     # TRS: /t20240430_3656724.html
    re.compile(r"/((?:19|20)\d{2})-(\d{1,2})[/-](\d{1,2})(?=/|[_-]|$)"),     # /2024-05/02/ or /2018-12-28/
    re.compile(r"/((?:19|20)\d{2})(\d{2})/(\d{2})(?=/)"),                    # /202405/02/
    re.compile(r"/((?:19|20)\d{2})/(\d{1,2})/(\d{1,2})(?=/)"),              # /2016/11/22/
    re.compile(r"/((?:19|20)\d{2})(\d{2})(\d{2})(?=/|[_-]\d)"),               # /20200911/ or /20200911_…
    re.compile(r"[/_-]((?:19|20)\d{2})(\d{2})(\d{2})(?=\d{2,}\.s?html?|\d*_\d+\.s?html?)"),  # /2019091812345.html
)


def date_from_url(url: str) -> pd.Timestamp | None:
    """The day a URL states (``/t20240430_…``, ``/2024-05/02/``, ``/2016/11/22/``, ``/20200911/``), or ``None``.

    Only a full day counts: ``/202404/t…`` without the ``t20240430`` part gives ``None``.
    """
    if not url:
        return None
    path = re.sub(r"^[a-z]+://[^/]+", "", url.strip(), flags=re.I)
    for pattern in _URL_PATTERNS:
        m = pattern.search(path)
        if m:
            ts = _make(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            if ts is not None:
                return ts
    return None
