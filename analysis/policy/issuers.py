"""Issuers (发文机关) of policy documents: which text names a body (:func:`is_body_name`), the issuer text in a
title or at the start of a body, and :class:`IssuerResolver`, which turns issuer text into canonical agency
names through the project's agency matcher. The list columns (``issuer``, ``amendments``) are stored
``|``-joined (:data:`LIST_SEP`, :func:`split_list`). Used by ``analysis.policy.metadata``."""
from __future__ import annotations

import re

import numpy as np

from analysis.agencies import AgencyMatcher
from analysis.agency_history import AgencyHistory
from analysis.policy.numbers import CJK, find_doc_numbers

#: the separator of the stored list columns (``issuer``, ``amendments``)
LIST_SEP = "|"


def split_list(value: object) -> list[str]:
    """``"a|b"`` → ``["a", "b"]`` (the stored form of ``issuer`` and ``amendments``); ``""``/NaN → ``[]``."""
    if value is None or (isinstance(value, float) and value != value):
        return []
    if isinstance(value, (list, tuple, np.ndarray)):
        return [str(v) for v in value if str(v)]
    return [p for p in str(value).split(LIST_SEP) if p]


_ISSUER_SPLIT = re.compile(r"[、,，;；\s/|]+|(?<=联合会)(?=(?:河北|山西|辽宁|吉林|黑龙江|江苏|浙江|安徽|福建|江西|山东|河南|湖北|"
                           r"湖南|广东|海南|四川|贵州|云南|陕西|甘肃|青海)(?!省))|"  # 河北省工商业联合会河北企业联合会
                           # (not between a bank and its provincial branch: 国家开发银行河北省分行, tester s14 P-bj)
                           r"(?<=[会局厅部委办院府室组心社所站行联])(?!(?<=银行)[\u4e00-\u9fff]{2,3}省(?:分行|支行|中心支行))"
                           r"(?=(?:河北|山西|辽宁|吉林|黑龙江|江苏|浙江|安徽|福建|江西|山东|河南|湖北|湖南|"
                           r"广东|海南|四川|贵州|云南|陕西|甘肃|青海|台湾)省|(?:内蒙古|广西|西藏|宁夏|新疆)|"
                           r"(?:北京|天津|上海|重庆)市|中共|国家|国务院|中国(?!共产党)|中央|共青团|省(?![委级])|总(?:参谋|政治|后勤)部)")
#: the last characters of a body's name (厅, 局, 委员会, 领导小组, 办公室, 中心 …); source: the organ names in the
#: agency table (data/) and the signatures of the Hebei corpus
_UNIT_END = "厅局部委办院府会署社行所站司组室心处军关盟团队馆校"
#: short names of people's organisations ending in 联 (省妇联, 省残联, 工商联): body names, but 联 alone ends no
#: name part (河 北 省 妇 女 联 合 会 is one name broken by spaces)
_LIAN_NAMES = ("妇联", "残联", "工商联", "文联", "侨联", "科联")
#: text that is never part of a body's name: a title or headnote left over (关于, 印发《, 等十三部门), a sentence
#: (为…, 根据…, punctuation), a 文号, a document type (办法, 方案 …)
_NOT_NAME = re.compile(r"关于|印发|转发|发布|公布|通过|[《》“”\"（）()〔〕﹝﹞\[\]【】。，,：:；;！？、\d]|^为|^根据|^按照|^依据|^现将|"
                       r"等[^省市]{0,5}(?:部门|部委|单位)|办法|规定|条例|细则|方案|意见|通知|决定|规则|报告|报表|"
                       r"有关负责人|工作$|落实|贯彻|部署|精神|决策|做好|加强|推进|开展|有限公司|有限责任公司|股份")
#: a cut-off name part: a unit word alone (委员会, 办公厅) or a name starting in the middle of a word
_FRAGMENT_START = re.compile(r"^(?:委员会|办公厅|办公室|领导小组|[厅局部委办院府会署室组]|[北南东西]省)")
#: where a national body's name starts right after another body's name (…中心支行中国银行保险监督管理委员会…,
#: 河北省财政厅国家税务总局…, 人力资源社会保障部中央综治办): the text is matched in pieces, so that no match runs
#: across the two names
_NATIONAL_BREAK = re.compile(rf"(?<=[{_UNIT_END}])(?<!共青团)(?=中国(?!共产党)|国家|中共|国务院|中央)")  # 共青团中央  # 人社部中央综治办
#: a sub-unit written right after its body's name (人力资源社会保障部办公厅, 河北省农民工工作领导小组办公室,
#: 中共河北省委员会机构编制委员会办公室, 人力资源社会保障部失业保险司)
_SUB_UNIT = re.compile(rf"^(?:办公厅|办公室|机构编制委员会办公室|[{CJK}]{{2,6}}司(?![{CJK}]))")
#: a body's own sub-unit written right after it (人力资源社会保障部办公厅, 河北省农民工工作领导小组办公室)
_REGION_START = re.compile(r"^(?:中共|中国|国家|国务院|全国|中华|[\u4e00-\u9fff]{1,3}(?:省|市|自治区|县|区))")


def is_body_name(text: str) -> bool:
    """Whether ``text`` reads as the name of an issuing body (the rule for issuer parts the agency table does
    not know, kept as written): 3–40 characters, ending in a unit word (厅, 局, 委员会, 领导小组, 办公室, 中心, 军区 …) or 市 (a city),
    not starting with a cut-off word (``委员会河北监管局``, ``北省教育厅``), and holding no title or sentence text
    (关于, 印发《, 等十三部门, a document type such as 办法, punctuation, digits) and is no company
    (…股份有限公司…分行 co-signing an activity notice is not a 发文机关). ``河北省语言文字工作委员会``,
    ``省政府`` → True; ``委员会``, ``等十三部门印发《``, ``河北省食盐专营管理实施办法`` → False."""
    t = (text or "").strip()
    if not 3 <= len(t) <= 40 or not re.fullmatch(rf"[{CJK}]+", t):
        return False
    if t[-1] not in _UNIT_END and not t.endswith(("中心", "军区", "大学", "市") + _LIAN_NAMES):
        return False
    return not _NOT_NAME.search(t) and not _FRAGMENT_START.match(t)


def issuer_head(text: str) -> str:
    """The part of an issuer text before a title or headnote starts in it (``河北省制造强省建设领导小组关于印发《`` →
    ``河北省制造强省建设领导小组``; ``河北省发展和改革委员会等十三部门印发《`` → ``河北省发展和改革委员会``;
    ``人力资源社会保障部专技司有关负责人就…`` → ``人力资源社会保障部专技司``), and after a document's own title
    written before it (``河北省小微企业降费工作方案河北省减轻企业负担领导小组`` → ``河北省减轻企业负担领导小组``); the
    text itself when nothing is cut or a cut leaves fewer than two characters."""
    m = re.search(r"关于|(?:联合)?印发|转发|《|有关负责人|等[^省市、，,\s]{0,5}(?:部门|部委|单位)", text)
    if m and m.start() >= 2:
        text = text[:m.start()].strip()
    m = re.match(rf"^[{CJK}]*(?:办法|规定|条例|细则|方案|意见|决定|规则)(?=[{CJK}]{{3,}}$)", text)
    return text[m.end():] if m else text


def _join_broken_names(text: str) -> str:
    """Whitespace inside a name removed: a break after a part that does not end in a unit word
    (``中国银行保险监督管理　　委员会河北监管局``, ``河 北 省 教 育 厅``) joins the two sides; a break after 厅/局/委员会 …
    separates two bodies and stays."""
    return re.sub(rf"(?<=[{CJK}])(?<![{_UNIT_END}])[ \t　\xa0]+(?=[{CJK}])", "", text)


def _without_heads(names: list[str]) -> list[str]:
    """``names`` without those that start another of them: a body read again as the head of its branch's name
    (国家税务总局 in 国家税务总局河北省税务局). A name inside another but not at its start is another body:
    卫生部 and 总后勤部卫生部 (the PLA's health department) sign together (bjtcm 36, tester-s15 P17)."""
    return [n for n in names if not any(n != o and o.startswith(n) for o in names)]


class IssuerResolver:
    """Canonical agency names for issuer strings, through the project's agency matcher (built lazily):
    ``resolver("河北省财政厅国家税务总局河北省税务局")`` → ``"河北省财政厅|国家税务总局河北省税务局"``; ``context``
    (the title) gives bare forms (省政府) their province. Parts the agency table does not know are kept when
    they read as a body's name (:func:`is_body_name`). Results are cached per piece of text."""

    def __init__(self, matcher=None) -> None:
        self._matcher = matcher
        self._cache: dict[tuple[str, str], str] = {}
        self._national_cache: dict[str, list[str]] = {}
        self._whole_cache: dict[str, tuple[str, str, str] | None] = {}

    def matcher(self):
        if self._matcher is None:
            self._matcher = AgencyMatcher.default()
        return self._matcher

    def __call__(self, text: str, context: str = "") -> str:
        text = issuer_head(_join_broken_names((text or "").strip()))
        for s, e, _ in reversed(find_doc_numbers(text)):  # 冀科高〔2018〕15号河北省科学技术厅 → the organ only
            text = (text[:s] + " " + text[e:]).strip()
        prov = re.match(r"^([\u4e00-\u9fff]{2,3}省)", context or "")
        if prov:  # 省政府 in a 河北省… title → 河北省政府, also after a separator (河北省人民政府、省军区) or a
            # body's name written without one (省民政厅省残联)
            text = re.sub(r"(^|[、，,\s]|(?<=[厅局委会办府联]))省(?!委|级)", lambda m: m.group(1) + prov.group(1), text)
        if not text:
            return ""
        names: list[str] = []
        for piece in _NATIONAL_BREAK.split(text):  # 河北省财政厅国家税务总局河北省税务局: two bodies, matched apart
            for name in split_list(self._piece(piece, context)):
                if name not in names:
                    names.append(name)
        names = _without_heads(names)
        if not any(self._regional(n) for n in names):  # a national document: its short forms are national
            names = list(dict.fromkeys(part for n in names for part in self._national_parts(n)))
        return LIST_SEP.join(names)

    def _regional(self, name: str) -> bool:
        """Whether ``name`` is a regional body: the agency table gives it a level other than national, or
        it starts with a province / 省 / 市 / 县 (河北省…, 中共河北省委…, 省人力资源社会保障厅)."""
        whole = self._whole(name)
        if whole and whole[2] not in ("national", ""):
            return True
        return bool(_REGIONAL_NAME.match(name))

    def _whole(self, text: str) -> tuple[str, str, str] | None:
        """``(canonical name, kind, level)`` of a matcher hit covering all of ``text``, else None (cached)."""
        if text not in self._whole_cache:
            try:
                hits = self.matcher().match_article("", text, source="")
            except Exception:  # noqa: BLE001 - an agency table problem must not break loading
                hits = []
            self._whole_cache[text] = next(((h.agency, h.kind, h.level) for h in hits
                                             if h.start == 0 and h.end == len(text) and h.agency), None)
        return self._whole_cache[text]

    def _national_name(self, text: str) -> str:
        """The national body a short form names (发展改革委 → 国家发展和改革委员会, 社科院 → 中国社会科学院,
        国资委 → 国务院国有资产监督管理委员会): the table's name when exactly one of 国家/中国/国务院 + ``text``
        is a national body of the agency table; ``text``'s own table name when it is one; else ``""``."""
        whole = self._whole(text)
        if whole and whole[1] == "table":
            return whole[0]
        found = {w[0] for w in (self._whole(p + text) for p in _NATIONAL_PREFIXES
                                if p != "国务院" or len(text) <= 4)  # 国资委; not 科学技术委员会 (a sub-committee)
                 if w and w[2] == "national"}
        if len(found) == 1 and text.endswith("委员会") and AgencyHistory.default().is_historical(next(iter(found))):
            return ""   # 中央军事委员会科学技术委员会: a full 委员会 name many bodies hold, not 国家科委 (abolished 1998)
        return found.pop() if len(found) == 1 else ""

    def _national_parts(self, name: str) -> list[str]:
        """``name`` of a national document's issuer as canonical national bodies: a short form mapped
        (:meth:`_national_name`), a run of names written without separators cut at unit words when every
        piece is a national body (社科院工程院自然科学基金委 → 中国社会科学院, 中国工程院, 国家自然科学基金委员会;
        工业和信息化部国资委工商总局 → three); ``[name]`` when neither applies (tester report s13, P14)."""
        if name in self._national_cache:
            return self._national_cache[name]
        whole = self._whole(name)
        out = [name]
        if not (whole and whole[1] == "table"):
            single = self._national_name(name) if whole is None else ""
            if single:
                out = [single]
            else:
                parts = self._cut_national(name)
                if parts and len(parts) > 1:
                    out = parts
        self._national_cache[name] = out
        return out

    def _cut_national(self, text: str) -> list[str] | None:
        """``text`` cut after unit words (部 院 委 局 署 办 会 厅) into pieces that each name a national body
        (canonical names), the first cut that works from the left; None when there is none."""
        if not text:
            return []
        for i in range(2, len(text) + 1):
            if i < len(text) and text[i - 1] not in "部院委局署办会厅":
                continue
            if _FRAGMENT_START.match(text[:i]) or _SUB_UNIT.fullmatch(text[:i]):
                continue  # 办公厅, 委员会 …: a sub-unit of the body before it, never a body of its own
            head = self._national_name(text[:i])
            if head:
                rest = self._cut_national(text[i:])
                if rest is not None:
                    return [head] + rest
        return None

    def _piece(self, text: str, context: str) -> str:
        """The canonical names in one piece of issuer text, ``|``-joined (cached)."""
        key = (text, context if re.match(r"^(?:省|市|县|区)", text) else "")
        if key not in self._cache:
            names: list[str] = []
            try:  # the title is the "source" the matcher uses to give bare forms (省政府) their region
                hits = self.matcher().match_article("", text, source=key[1])
            except Exception:  # noqa: BLE001 - an agency table problem must not break loading
                hits = []
            spans: list[tuple[int, int, str]] = []
            for h in hits:
                name = h.agency  # a bare form the matcher cannot place ("") stays in the leftover text
                # a national body's branch counts when it is the whole piece (国家税务总局河北省税务局); the
                # matcher also nests two provincial bodies written together, which are two names
                whole = h.start == 0 and h.end == len(text) and h.level == "national"
                nested = bool(h.parent) or h.kind == "nested"
                if not name or h.kind == "parent" or nested and not whole:
                    continue
                spans.append((h.start, h.end, name))
            # parts the table does not know (河北省语言文字工作委员会) stay as written, in text order, when they
            # read as a body's name (is_body_name); a part written right after a known body without a break
            # and not starting with a region is that body's sub-unit (人力资源社会保障部 + 办公厅)
            pos = 0
            for start, end, name in sorted(spans) + [(len(text), len(text), "")]:
                for k, part in enumerate(_ISSUER_SPLIT.split(text[pos:start])):
                    part = re.sub(r"^[和及与]|[和及与]$", "", part)
                    right_after = k == 0 and pos and names and text[pos:pos + 1] == part[:1]
                    sub = _SUB_UNIT.match(part) if right_after else None
                    if right_after and names[-1].endswith("政府") and len(part) >= 4 \
                            and not _REGION_START.match(part):
                        names[-1] += part  # 河北省人民政府 + 国有资产监督管理委员会: one body (省国资委)
                        continue
                    if sub:  # 人力资源和社会保障部 + 办公厅; what follows it is read as a part of its own
                        names[-1] += sub.group(0)
                        part = part[sub.end():]
                    if is_body_name(part) and part not in names:
                        names.append(part)
                if name and name not in names:
                    names.append(name)
                pos = max(pos, end)
            names = _without_heads(names)
            if not names:  # not an agency the table knows: keep the parts that read as body names
                names = [p for p in _ISSUER_SPLIT.split(text) if is_body_name(p)][:5]
            self._cache[key] = LIST_SEP.join(names)
        return self._cache[key]


#: an issuer name of a regional body (河北省…, 中共河北省委…, 省…, 石家庄市…): the document is not national
_REGIONAL_NAME = re.compile(r"^(?:中共)?(?:(?:河北|山西|辽宁|吉林|黑龙江|江苏|浙江|安徽|福建|江西|山东|河南|湖北|湖南|广东|海南|四川|"
                            r"贵州|云南|陕西|甘肃|青海|台湾)省|北京市|天津市|上海市|重庆市|内蒙古|广西|西藏|宁夏|新疆|[省市县])"
                            r"|[\u4e00-\u9fff]{2,4}市$")
#: the prefixes of national bodies' full names that short forms drop (发展改革委 = 国家发展改革委)
_NATIONAL_PREFIXES = ("国家", "中国", "国务院")

_TITLE_ISSUER = re.compile(rf"^((?:(?!关于|转发|印发)[{CJK}、，,\s]){{2,80}}?)(?:关于|转发|印发)")
#: 河北省教育厅2023年度政府网站工作年度报表: a report whose title starts with its author (group 1); such a
#: title makes a document formal in ``analysis.policy.metadata``
REPORT_TITLE = re.compile(rf"^([{CJK}]{{3,40}}?)(?:(?:19|20)\d\d|[〇一二三四五六七八九]{{4}})\s*年.*(?:报告|报表|年报|报\.\.\.|报…)")


def issuer_text_from_title(title: str) -> str:
    """The issuer text a formal title starts with (``河北省财政厅关于…`` → ``河北省财政厅``; a report title
    ``河北省教育厅2023年度…报表`` → ``河北省教育厅``), ``""`` when it names none."""
    t = (title or "").strip()
    m = _TITLE_ISSUER.match(t) or REPORT_TITLE.match(t)
    return m.group(1) if m else ""


def issuer_text_from_body(body: str, title: str) -> str:
    """``河北省科学技术厅河北省卫生和计划生育委员会关于印发…`` at the start of the body when the title itself
    starts with 关于 (the page dropped the issuer from the title); ``""`` when the text before it is prose
    (punctuation, 《, or a sentence start such as 为/根据/按照) rather than a name. A title without 关于 (the
    name of the document a notice issues) uses the formal title on the body's first line
    (:func:`_issuer_of_first_line`)."""
    t = (title or "").strip()
    if not t.startswith("关于"):
        return _issuer_of_first_line(body, t)
    head = (body or "")[:300]
    key = t[2:12]
    i = head.find("关于" + key[:6]) if key else -1
    if i <= 1:
        return ""
    text = head[:i].strip().split("\n")[-1]
    if re.search(r"[。，,；;：:《“\"]|^(?:为|根据|按照|依据|现将)", issuer_head(text)):
        # 关于… found inside the first sentence (…落实党中央、国务院和省委、省政府…按照…《关于开展…》): prose, not
        # the issuer (tester report s13, P13); the signature is read instead
        return ""
    return text


#: a formal title alone on a line: ``<issuers>关于印发《X》的通知`` (the issuers written without separators)
_FIRST_LINE_TITLE = re.compile(rf"^([{CJK}（）()]{{2,60}}?)关于[^\n]{{2,100}}(?:通知|决定|意见|通告|公告|批复|复函|函)$")


def _issuer_of_first_line(body: str, title: str) -> str:
    """The issuers before 关于 on the body's first line when that line is a formal title naming the document's
    own title (``卫生部国家中医药管理局总后勤部卫生部关于印发《医疗机构药事管理规定》的通知`` under the title
    ``医疗机构药事管理规定``, tester s15 P17); ``""`` otherwise."""
    if len(title) < 4:
        return ""
    first = (body or "").lstrip()[:200].split("\n", 1)[0].strip()
    m = _FIRST_LINE_TITLE.match(first)
    if m is None or title.strip("《》") not in first[m.end(1):]:
        return ""
    return m.group(1)
