"""Title and 文号 matching keys, and the corpus index a citation resolves against (split from
:mod:`analysis.policy.citations`, which finds the references in the bodies).

- :func:`normalize_title` — a title's matching key; :func:`version_year` — the year of the version a title names;
- :func:`number_parts` / :func:`same_number` — 文号 compared with the spellings of one 令 made equal;
- :class:`CorpusIndex` — corpus documents by 文号 and by normalised title; :meth:`CorpusIndex.resolve` picks the
  document a reference names (``resolved_id`` of :func:`analysis.policy.citations.find_citations`).
"""
from __future__ import annotations

import re

import pandas as pd

from analysis.policy.numbers import doc_number_key


def normalize_title(title: str) -> str:
    """A title's matching key: 《》 and spaces removed, 〈〉 → 《》, quotes unified, a leading 中华人民共和国 dropped,
    a trailing edition note dropped (``（2019年修订）``, ``（2018年修正本）``) — so 《中华人民共和国安全生产法》 and
    《安全生产法》 give one key. ``""`` for empty input."""
    t = re.sub(r"\s+", "", title or "")
    t = t.strip("《》")
    t = t.replace("〈", "《").replace("〉", "》").replace("“", "\"").replace("”", "\"")
    t = re.sub(r"^中华人民共和国", "", t)
    t = re.sub(r"[（(](?:\d{4}年)?(?:修订|修正|修订本|修正本|\d{4}年修订|\d{4}年修正)[）)]$", "", t)
    t = _REVISION_NOTE.sub("", t)
    return t


#: a trailing revision note (``（2020年10月7日中华人民共和国国务院令第731号第三次修订）``, ``（2019年修订）``,
#: ``（2018年12月29日第十三届全国人民代表大会常务委员会第七次会议通过）``): not part of the title (P9)
_REVISION_NOTE = re.compile(r"[（(]\s*\d{4}\s*年[^（()）]{0,80}?(?:修订|修正|修改|通过|公布|发布|施行)[^（()）]{0,6}[）)]$")
_VERSION_YEAR = re.compile(r"[（(]\s*(\d{4})\s*年[^（()）]{0,80}?(?:修订|修正|修改|通过|公布|发布|施行|版|本)[^（()）]{0,6}[）)]\s*$")


def version_year(title: str) -> int | None:
    """The year of the version a title names in its trailing note (``X办法（2024年修订）`` → 2024,
    ``X条例（2020年10月7日…第三次修订）`` → 2020, ``X清单（2020年版）`` → 2020), else None."""
    m = _VERSION_YEAR.search(re.sub(r"\s+", "", (title or "").strip("《》 ")))
    return int(m.group(1)) if m else None


def number_parts(number: str) -> tuple[str, int | None, int] | None:
    """A 文号 as ``(issuer code, year, serial)`` with the issuer code loosened so that the spellings of one
    令 compare equal (``省政府令〔2015〕第3号`` = ``河北省人民政府令〔2015〕第3号``, ``国务院令第652号`` =
    ``中华人民共和国国务院令第652号``); None when it has no serial."""
    key = doc_number_key(number)
    m = re.match(r"^(.*?)(?:〔(\d{4})〕|(\d{4})年)?(\d+)号$", key)  # (令2000年第11号, 公告2022年第28号: year with 年)
    if not m:
        return None
    code = re.sub(r"^中华人民共和国|^河北(?=省)", "", m.group(1)).replace("人民政府", "政府")
    year = m.group(2) or m.group(3)
    return code, (int(year) if year else None), int(m.group(4))


def same_number(a: str, b: str) -> bool:
    """Whether two 文号 name one document (:func:`number_parts` equal; unparsable ones by :func:`doc_number_key`)."""
    pa, pb = number_parts(a), number_parts(b)
    return pa == pb if pa is not None and pb is not None else doc_number_key(a) == doc_number_key(b)


def _years(frame: pd.DataFrame, column: str) -> list[int | None]:
    """The year of each value of ``frame[column]`` (None where missing or unparsable, or without the column)."""
    if column not in frame:
        return [None] * len(frame)
    years = pd.to_datetime(frame[column], errors="coerce").dt.year
    return [int(y) if y == y else None for y in years.tolist()]


def written_by(title: str, number: str, written_date: object = None, date: object = None) -> int | None:
    """The latest year a document can have been written: its version note (``（2019年修订）``), its 文号's year
    (``令2000年第11号``, ``冀政发〔2015〕3号``), its 成文日期, else its publish ``date`` (a page may post a
    document years later, never before it was written); None when none is known. A citation is resolved only to
    a document written by then (:meth:`CorpusIndex.resolve`, tester s15 C3)."""
    parts = number_parts(number) if number else None
    year = version_year(title or "") or (parts[1] if parts and parts[1] else None)
    if year:
        return year
    for value in (written_date, date):
        ts = pd.to_datetime(value, errors="coerce") if value is not None else pd.NaT
        if ts is not pd.NaT and ts == ts:
            return int(ts.year)
    return None


class CorpusIndex:
    """Corpus documents by 文号 and by normalised title (titles of 印发 notices also under the title they
    issue; titles from 关于 on, when that is unique). Reposts (``duplicate_of`` set) are never a target, so a
    table with its reposts (the 政策 page) and one without (the CLI) resolve every reference alike (P8).

    A title held by several documents (versions: the 2001 and the 2021 奖励办法) is resolved by :meth:`resolve`
    only when the cited 文号 or version year picks one of them."""

    def __init__(self, articles: pd.DataFrame) -> None:
        self.by_number: dict[tuple, list[int]] = {}
        self.by_title: dict[str, list[int]] = {}
        self.by_subject: dict[str, int] = {}
        self.number: dict[int, str] = {}
        self.year: dict[int, int | None] = {}
        self.since: dict[int, int | None] = {}  # the year it was written: version note, 文号 year, 成文日期
        self.until: dict[int, int | None] = {}  # every article's written_by year (reposts too), for its citations
        subject_count: dict[str, int] = {}
        all_numbers = articles["doc_number"].fillna("").tolist() if "doc_number" in articles else [""] * len(articles)
        for aid, title, number, w_year, p_year in zip(articles["id"].tolist(), articles["title"].fillna("").tolist(),
                                                      all_numbers, _years(articles, "written_date"),
                                                      _years(articles, "date")):
            parts = number_parts(number) if number else None
            self.until[int(aid)] = version_year(title) or (parts[1] if parts and parts[1] else None) or w_year or p_year
        order = articles
        if "duplicate_of" in articles:
            order = articles[articles["duplicate_of"].isna()]
        numbers = order["doc_number"] if "doc_number" in order else pd.Series("", index=order.index)
        written, posted = (_years(order, col) for col in ("written_date", "date"))
        for aid, title, number, w_year, p_year in zip(order["id"].tolist(), order["title"].fillna("").tolist(),
                                                      numbers.fillna("").tolist(), written, posted):
            aid = int(aid)
            self.number[aid] = number
            parts = number_parts(number) if number else None
            self.since[aid] = version_year(title) or (parts[1] if parts and parts[1] else None) or w_year
            self.year[aid] = self.since[aid] or p_year
            if number:
                self.by_number.setdefault(parts or (doc_number_key(number),), []).append(aid)
            for key in self.title_keys(title):
                ids = self.by_title.setdefault(key, [])
                if aid not in ids:
                    ids.append(aid)
            subj = self.subject(title)
            if subj:
                subject_count[subj] = subject_count.get(subj, 0) + 1
                self.by_subject.setdefault(subj, aid)
        self.by_subject = {k: v for k, v in self.by_subject.items() if subject_count[k] == 1}

    @staticmethod
    def title_keys(title: str) -> list[str]:
        """Keys a corpus document answers to: its title; what a 印发 notice issues (``关于印发《X》的通知``,
        ``国务院办公厅关于印发X的通知``); the title after a leading 令 number (``科学技术部令第21号X``)."""
        keys = [normalize_title(title)] if title else []
        m = re.search(r"印发\s*《(.+)》\s*的?通知\s*$", title or "") or \
            re.search(r"关于印发([^《》]{4,80}?)的?通知\s*$", title or "")
        if m:
            keys.append(normalize_title(m.group(1)))
        m = re.match(r"^\S{2,20}令\s*(?:〔\d{4}〕)?\s*第\s*\d+\s*号\s*(\S.{3,})$", title or "")
        if m:
            keys.append(normalize_title(m.group(1)))
        return [k for k in keys if len(k) >= 3]

    @staticmethod
    def subject(title: str) -> str:
        """``关于…的通知`` part of a title (issuer dropped), ``""`` when there is no 关于."""
        t = normalize_title(title)
        i = t.find("关于")
        return t[i:] if i > 0 and len(t) - i >= 8 else ""

    def resolve(self, title: str, number: str, until: int | None = None) -> int | None:
        """The corpus document a reference names, None when outside the corpus or ambiguous (P5):

        1. a cited 文号 held by a corpus document (:func:`same_number`) → that document;
        2. else the documents holding the title (:func:`normalize_title`, 印发 notices, 关于 subject): those with
           another 文号 than the cited one are other versions and left out; when the reference gives a year
           (of its 文号, or a version note ``（2024年修订）``) and several documents hold the title, only those
           of that year (their version note, 文号 year, else written/published date) remain; a single document
           without 文号 stays unless its year is before the cited one (a repost's date may be later);
        3. exactly one left → it. A reference giving neither 文号 nor year takes the first document holding
           the title (the title names the document).

        ``until`` — the year by which the citing document was written (:func:`written_by`): documents holding the
        title that were written later (version note, 文号 year, 成文日期) are other versions it cannot mean
        (a 2000 regulation citing 《医疗广告管理办法》 does not mean the 2006 revision; tester s15 C3), and once
        such a later version exists, a remaining one must be known to exist by then (written or posted by
        ``until``), else the reference stays unresolved; None = unknown, no filter."""
        parts = number_parts(number) if number else None
        if number:
            hit = self.by_number.get(parts or (doc_number_key(number),))
            if hit:
                return hit[0]
        if not title:
            return None
        key = normalize_title(title)
        cands = self.by_title.get(key)
        if not cands:
            subj = self.subject(title) or (key if key.startswith("关于") and len(key) >= 8 else "")
            one = self.by_subject.get(subj) if subj else None  # 《关于X的意见》 cites 国务院关于X的意见
            cands = [one] if one is not None else []
        versions = len(cands)
        if until is not None:
            kept = [c for c in cands if (y := self.since[c]) is None or y <= until]
            if len(kept) < versions:  # a later version exists: only one known to exist by then (written or posted)
                kept = [c for c in kept if (y := self.year[c]) is not None and y <= until]
            cands = kept
        if not cands:
            return None
        year = version_year(title) or (parts[1] if parts else None)
        if not number and year is None:
            return cands[0]
        left = [c for c in cands if not (number and self.number[c] and not same_number(number, self.number[c]))]
        if versions == 1:  # one version: a later posting date is no other version, an earlier one is
            left = [c for c in left if year is None or (y := self.year[c]) is None or y >= year]
        elif year is not None:
            left = [c for c in left if self.year[c] == year]
        else:
            left = []
        return left[0] if len(left) == 1 else None
