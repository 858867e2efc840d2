"""Formal metadata of policy documents, as article columns.

``add_policy_columns(articles) -> DataFrame`` (pure: returns a new table, never mutates its input) adds:

| column | what | where from (first that gives a value) |
|---|---|---|
| ``doc_number`` | 文号, normalised (:func:`normalize_doc_number`) | table column 文号/发文字号 · info-disclosure block · headnote 令 · title · body head |
| ``issuer`` | 发文机关, canonical agency names joined by ``|`` (joint documents give several) | table column · disclosure block · headnote · title before 关于 · body head before 关于 · the 令 number |
| ``written_date`` | 成文日期, ``datetime64`` (``NaT`` unknown) | table column 成文日期 · disclosure block · the date under the signature at the end |
| ``effective_date`` | 施行日期 | table column · disclosure block · headnote 自…起施行 · body 本办法自…起施行 (自公布之日起施行 = the publish date) |
| ``status`` | 有效 / 失效 / 废止 / 修订, only where stated | table column 效力状态/有效性 · disclosure block · title marker （已废止） |
| ``doc_type`` | 通知, 意见, 办法, 规定, 条例, 决定, 方案, 细则, 公告 … | the title's ending (:func:`doc_type_of`) |
| ``amendments`` | the headnote's amendments, ``|``-joined ("2003-06-05 河北省人民政府令〔2003〕第3号第一次修订") | headnote |

Lists (``issuer``, ``amendments``) are stored as ``|``-joined strings so that the table stays a flat,
Parquet- and CSV-safe table; :func:`split_list` gives the Python list back.

``date`` is filled only where the loader found none, and ``date_source`` says which rule did it, in the
loader's vocabulary (``analysis.schema``): ``"headnote"`` (the 公布/发布/印发 date of the headnote, else its
通过 date: ``（2023年11月17日河北省人民政府令〔2023〕第10号公布，自2024年1月1日起施行）``), ``"column"`` (a
发布日期 / 成文日期 table column the loader did not map), ``"label"`` (发布日期：/成文日期： of an info-disclosure
block), ``"text"`` (the 成文日期 under the signature). When the loader did not record ``date_source`` the
column is created with ``""``.

Table columns arrive in the ``meta`` column (a JSON object of the table's unmapped columns, filled by the
loader); headnotes are looked for in meta 摘要/题注 and at the start of the body.
"""
from __future__ import annotations

import json
import re
import numpy as np
import pandas as pd

from analysis.agencies import AgencyMatcher
from analysis.dates import dates_in, parse_date

POLICY_COLUMNS: tuple[str, ...] = ("doc_number", "issuer", "written_date", "effective_date", "status", "doc_type",
                                   "amendments")
LIST_SEP = "|"
#: date_source values this module writes (a subset of analysis.schema.DATE_SOURCES once the loader has it)
DATE_SOURCES = ("headnote", "column", "label", "text")

# --- 文号 ------------------------------------------------------------------------------------------------

_FULLWIDTH_DIGITS = {ord("０") + i: ord("0") + i for i in range(10)}
_OPEN = "〔[［(（【〖"
_CLOSE = "〕]］)）】〗"
_BRACKETS = {ord(c): "〔" for c in _OPEN} | {ord(c): "〕" for c in _CLOSE}
_CJK = "\u4e00-\u9fff"
#: general 文号: code prefix, 〔year〕, number (第 optional), 号
DOC_NUMBER_RE = re.compile(
    rf"([{_CJK}]{{1,14}})\s*[{re.escape(_OPEN)}]\s*((?:19|20)[0-9０-９]{{2}}|(?:19|20)\d\d)\s*[{re.escape(_CLOSE)}]"
    r"\s*(第?\s*[0-9０-９]{1,5}\s*号)")
#: 令 numbers without a year bracket: 科学技术部令第1号, 河北省人民政府令第103号
ORDER_RE = re.compile(rf"([{_CJK}]{{2,20}}令)\s*(?:[{re.escape(_OPEN)}]\s*((?:19|20)\d\d)\s*[{re.escape(_CLOSE)}])?"
                      r"\s*第\s*([0-9０-９]{1,5})\s*号")
# where a code prefix cannot start: the run is cut after the last of these (verbs, conjunctions, dates)
_CUT_AFTER = re.compile(r".*(?:根据|依据|按照|参照|符合|执行|贯彻|落实|印发|转发|废止|关于|的通知|通知|你市|你省|"
                        r"[及与的后即见了日号按另])")
_ORGAN_END = "部委局厅院室府会署"


def normalize_doc_number(text: str) -> str:
    """A 文号 in one spelling: brackets ``[ ] ［］ （） 【】`` → ``〔〕``, full-width digits folded, spaces removed.

    ``冀政办字[2019]５号`` → ``冀政办字〔2019〕5号``; ``河北省人民政府令（2023）第10号`` →
    ``河北省人民政府令〔2023〕第10号``. Returns ``""`` for empty input.
    """
    if not text:
        return ""
    out = re.sub(r"\s+", "", str(text)).translate(_FULLWIDTH_DIGITS).translate(_BRACKETS)
    return out


def doc_number_key(number: str) -> str:
    """The matching key of a 文号: normalised, 第 and leading zeros dropped (``国发〔2004〕第016号`` =
    ``国发〔2004〕16号``) — two spellings of one number give one key."""
    n = normalize_doc_number(number)
    m = re.match(r"^(.*?)〔(\d{4})〕第?0*(\d+)号$", n)
    if m:
        return f"{m.group(1)}〔{m.group(2)}〕{m.group(3)}号"
    m = re.match(r"^(.*?)第0*(\d+)号$", n)
    return f"{m.group(1)}{m.group(2)}号" if m else n


def _clean_prefix(run: str, organ: bool = False) -> str:
    """The code prefix of a 文号 from the CJK run before its bracket (``根据冀政发`` → ``冀政发``,
    ``财政部国科发财字`` → ``国科发财字``); ``organ``: the run is the organ of a 令 (劳动和社会保障部), only
    leading verbs are cut."""
    m = _CUT_AFTER.match(run)
    if m and m.end() < len(run):
        run = run[m.end():]
    elif m:
        return ""
    run = re.sub(r"^[和及与或、]+", "", run)  # 16号和冀政办字〔2019〕5号: the 和 joins two numbers
    if organ:
        return run
    # an organ's name before the code: 国家科委国科发政字 → 国科发政字 (keep codes ending in 厅/部: 教学厅)
    for i in range(len(run) - 3, 0, -1):
        if run[i] in _ORGAN_END and len(run) - i - 1 >= 2:
            return run[i + 1:]
    return run


def find_doc_numbers(text: str) -> list[tuple[int, int, str]]:
    """Every 文号 in ``text``: ``(start, end, normalised number)`` in text order.

    Two forms: ``<code>〔<year>〕<n>号`` (any bracket of ``〔[［(（【``; the code is the run of Chinese
    characters before the bracket with leading verbs/conjunctions cut) and 令 numbers
    ``<organ>令〔<year>〕第<n>号`` / ``<organ>令第<n>号``.
    """
    if not text or "号" not in text:
        return []
    found: dict[int, tuple[int, int, str]] = {}
    for m in ORDER_RE.finditer(text):
        organ = _clean_prefix(m.group(1)[:-1], organ=True)
        if len(organ) < 2:
            continue
        start = m.start(1) + (len(m.group(1)) - 1 - len(organ))
        year = f"〔{m.group(2)}〕" if m.group(2) else ""
        found[start] = (start, m.end(), normalize_doc_number(f"{organ}令{year}第{m.group(3)}号"))
    for m in DOC_NUMBER_RE.finditer(text):
        prefix = _clean_prefix(m.group(1))
        if not prefix:
            continue
        start = m.start(1) + len(m.group(1)) - len(prefix)
        if any(s <= start < e for s, e, _ in found.values()):
            continue
        if prefix.endswith("令"):
            num = re.sub(r"\D", "", m.group(3).translate(_FULLWIDTH_DIGITS))
            number = f"{prefix}〔{m.group(2)}〕第{int(num)}号"
        else:
            number = f"{prefix}〔{m.group(2)}〕{m.group(3)}"
        found[start] = (start, m.end(), normalize_doc_number(number))
    return [found[k] for k in sorted(found)]


# --- document types --------------------------------------------------------------------------------

#: title endings → doc_type, longest first (实施意见 → 意见); source: 《党政机关公文处理工作条例》 (2012) §8 for
#: the 15 公文 types, plus the names of 规章/规范性文件 and planning documents.
DOC_TYPES: tuple[tuple[str, str], ...] = tuple(sorted({
    "通知": "通知", "通报": "通报", "意见": "意见", "办法": "办法", "规定": "规定", "条例": "条例", "决定": "决定",
    "方案": "方案", "细则": "细则", "公告": "公告", "通告": "通告", "批复": "批复", "复函": "函", "函": "函",
    "规划": "规划", "计划": "计划", "纲要": "纲要", "指南": "指南", "指引": "指南", "规则": "规则", "措施": "措施",
    "决议": "决议", "命令": "命令", "报告": "报告", "年报": "报告", "报表": "报告", "议案": "议案", "纪要": "纪要",
    "法": "法", "规程": "规程", "标准": "标准", "目录": "目录", "清单": "清单", "制度": "制度", "章程": "章程",
    "公报": "公报", "解读": "解读", "答记者问": "解读", "问答": "解读", "令": "令",
}.items(), key=lambda kv: -len(kv[0])))
_TYPE_OF = dict(DOC_TYPES)
_TYPE_AT_END = re.compile("(?:" + "|".join(re.escape(e) for e, _ in DOC_TYPES) + ")$")
_TRAILING_NOTE = re.compile(r"[（(【\[][^（()）【】\[\]]{0,20}[）)】\]]\s*$")


def doc_type_of(title: str) -> str:
    """The document type from the title's ending (``关于印发《X办法》的通知`` → 通知; ``河北省科学技术奖励办法`` →
    办法; ``X条例（2019年修订）`` → 条例; a policy-reading title containing 解读 → 解读); ``""`` when none fits
    (news headlines)."""
    t = (title or "").strip()
    if not t:
        return ""
    if "解读" in t:
        return "解读"
    for _ in range(3):
        t2 = _TRAILING_NOTE.sub("", t).strip()
        if t2 == t:
            break
        t = t2
    t = t.rstrip("》”\"' 　")
    m = _TYPE_AT_END.search(t)
    if m is None:
        return ""
    ending = m.group(0)
    if ending == "法" and re.search(r"[办方做说用]法$", t):
        return ""
    return _TYPE_OF[ending]


# --- status -----------------------------------------------------------------------------------------

_STATUS_IN_TITLE = re.compile(r"[（(【\[]\s*(已?废止|已?失效|已?修订|已修改|现行有效|有效)\s*[）)】\]]")


def normalize_status(value: str) -> str:
    """有效 / 失效 / 废止 / 修订 from a stated status (``现行有效`` → 有效, ``已废止`` → 废止, ``部分失效`` → 失效);
    ``""`` when it says none of these."""
    v = (value or "").strip()
    if not v:
        return ""
    for key in ("废止", "失效", "修订", "修改", "修正"):
        if key in v:
            return "修订" if key in ("修改", "修正") else key
    if "有效" in v or v in ("生效", "现行"):
        return "有效"
    return ""


# --- disclosure blocks and table columns ----------------------------------------------------------------

#: table column / block label → field (source: the 政府信息公开 page layout of gov.cn and the provincial portals)
LABELS: dict[str, str] = {
    "索引号": "index", "分类": "category", "主题分类": "category", "主题": "category",
    "发文机关": "issuer", "发布机关": "issuer", "发文单位": "issuer", "发布机构": "issuer", "制发机关": "issuer",
    "发文机构": "issuer", "制定机关": "issuer",
    "成文日期": "written_date", "成文时间": "written_date",
    "发文字号": "doc_number", "文号": "doc_number", "发文文号": "doc_number", "文件编号": "doc_number",
    "发布日期": "published", "公布日期": "published", "发布时间": "published",
    "有效性": "status", "效力状态": "status", "时效性": "status", "效力": "status", "是否有效": "status",
    "施行日期": "effective_date", "实施日期": "effective_date", "生效日期": "effective_date",
    "摘要": "headnote", "题注": "headnote",
    # gov.cn policy-library API fields, and this module's own column names (a re-imported CLI export)
    "pcode": "doc_number", "puborg": "issuer", "doc_number": "doc_number", "issuer": "issuer",
    "written_date": "written_date", "effective_date": "effective_date",
}
_BLOCK_RE = re.compile("(" + "|".join(sorted((k for k in LABELS if len(k) > 2 or k == "文号"), key=len,
                                                 reverse=True)) + r")\s*[:：]\s*")


def _header(name: str) -> str:
    return re.sub(r"[\s:：]", "", str(name)).lower()


def meta_fields(meta: str) -> dict[str, str]:
    """The policy fields of a row's ``meta`` (JSON object of the table's unmapped columns): ``{field: value}``
    for the columns named in :data:`LABELS` (first column wins). Bad JSON gives ``{}``."""
    if not meta:
        return {}
    try:
        obj = json.loads(meta)
    except (ValueError, TypeError):
        return {}
    out: dict[str, str] = {}
    if isinstance(obj, dict):
        for k, v in obj.items():
            fld = LABELS.get(_header(k))
            if fld and fld not in out and v is not None and str(v).strip():
                out[fld] = str(v).strip()
    return out


def disclosure_block(body: str, head: int = 1500) -> dict[str, str]:
    """The info-disclosure metadata block (索引号 / 分类 / 发文机关 / 成文日期 / 发文字号 / 发布日期 / 有效性)
    in the first ``head`` characters of ``body``: ``{field: value}``. At least two different labels must
    be present (one ``有效性：`` in prose is not a block)."""
    text = (body or "")[:head]
    hits = list(_BLOCK_RE.finditer(text))
    if len({LABELS[m.group(1)] for m in hits}) < 2:
        return {}
    out: dict[str, str] = {}
    for i, m in enumerate(hits):
        end = hits[i + 1].start() if i + 1 < len(hits) else len(text)
        value = text[m.end():end]
        value = re.split(r"[\n\r]", value, maxsplit=1)[0].strip(" 　\t;；,，")
        if i + 1 == len(hits):
            value = value[:40]
        fld = LABELS[m.group(1)]
        if value and fld not in out:
            out[fld] = value
    return out


# --- headnotes --------------------------------------------------------------------------------------------

_PAREN_RE = re.compile(r"[（(]([^（()）]{6,900})[）)]")
_HEADNOTE_VERBS = re.compile(r"公布|发布|印发|通过|施行|实施|修订|修正|批准")
_HAS_DATE_OR_ORDER = re.compile(r"(?:19|20)\d\d\s*年|[〇零○一二三四五六七八九]{4}\s*年|令\s*[〔\[［(（【]?\s*(?:19|20)?\d*\s*[〕\]］)）】]?\s*第")


def find_headnote(text: str, head: int = 400) -> str:
    """The headnote in the first ``head`` characters of ``text``: the first parenthesised passage that
    names a date or a 令 number and records 公布/通过/施行/修订 (without its parentheses); ``""`` when none."""
    window = (text or "")[:head + 900]
    if "年" not in window and "令" not in window:
        return ""
    for m in _PAREN_RE.finditer(window):
        if m.start() >= head:
            break
        inner = m.group(1).strip()
        if _HAS_DATE_OR_ORDER.search(inner) and _HEADNOTE_VERBS.search(inner):
            return inner
    return ""


def headnote_from_abstract(text: str) -> str:
    """A headnote given as a table column (摘要): the whole cell without its outer parentheses, when it
    names a date or a 令 number and a headnote verb; else the first headnote inside it."""
    if not text:
        return ""
    t = text.strip()
    if t[:1] in "（(" and t[-1:] in "）)":
        t = t[1:-1].strip()
    if len(t) <= 900 and _HAS_DATE_OR_ORDER.search(t) and (_HEADNOTE_VERBS.search(t) or "令" in t):
        return t
    return find_headnote(text, head=len(text))


_PIECE_SPLIT = re.compile(r"[，,。；;　\s]+|(?=(?:19|20)\d\d\s*年\s*\d{1,2}\s*月)|(?=根据)")


def _pieces(note: str) -> list[str]:
    """The headnote cut into events: at punctuation, before each date and before 根据 (a lone 根据 joins
    the next piece)."""
    out: list[str] = []
    carry = ""
    for p in _PIECE_SPLIT.split(note):
        if not p:
            continue
        if p == "根据" or (p.startswith("根据") and len(p) <= 2):
            carry = p
            continue
        if carry:
            p, carry = carry + p, ""
        if out and p.startswith("自") is False and re.match(r"^(?:起施行|起实施|公布之日)", p):
            out[-1] += p
            continue
        out.append(p)
    return out


def _no_term(text: str) -> str:
    """``河北省第十届人民代表大会常务委员会`` → ``河北省人民代表大会常务委员会`` (the 届 is not part of the name)."""
    return re.sub(r"第[一二三四五六七八九十]+届", "", text)


def _normalize_numbers_in(text: str) -> str:
    """``text`` with every 文号 in it written in its normalised form."""
    for s, e, number in reversed(find_doc_numbers(text)):
        text = text[:s] + number + text[e:]
    return text


def parse_headnote(note: str) -> dict:
    """Events of a headnote: ``{"published", "adopted", "effective", "doc_number", "organ", "amendments"}``.

    The note is cut into pieces (at punctuation, before each date and before 根据); a piece with
    修订/修正/修改 is an amendment (``"2003-06-05 河北省人民政府令〔2003〕第3号第一次修订"``, the date left out
    when the piece has none); 自 <date> 起施行 gives ``effective`` (自 <date> 公布之日起施行 gives both);
    通过 (before any 公布) gives ``adopted``; the first piece with 公布/发布/印发 or a 令 number gives
    ``published`` (its date, ``None`` when the piece has none — never guessed from the 令 year),
    ``doc_number`` (its 令 number) and ``organ`` (the body named before it).
    """
    out: dict = {"published": None, "adopted": None, "effective": None, "doc_number": "", "organ": "",
                 "amendments": []}
    if not note:
        return out
    seen_event = False
    for piece in _pieces(_normalize_numbers_in(note)):
        dates = dates_in(piece)
        ts = dates[0][2] if dates else None
        rest = piece[dates[0][1]:] if dates else piece
        body = re.sub(r"^根据", "", rest).strip()
        if piece.startswith("自") or re.search(r"起(?:施行|实施)", piece):
            if ts is not None and out["effective"] is None and re.search(r"自|起(?:施行|实施)", piece):
                out["effective"] = ts
            if "公布之日" in piece and ts is not None and out["published"] is None:
                out["published"] = ts
            continue
        if re.search(r"修订|修正|修改", piece):
            body = _normalize_numbers_in(body)
            out["amendments"].append(f"{ts:%Y-%m-%d} {body}" if ts is not None else body)
            continue
        adopted_at = piece.find("通过")
        published_at = min([i for i in (piece.find("公布"), piece.find("发布"), piece.find("印发")) if i >= 0],
                           default=-1)
        if adopted_at >= 0 and (published_at < 0 or adopted_at < published_at):
            if out["adopted"] is None:
                out["adopted"] = ts
                organ = re.split(r"第[一二三四五六七八九十百\d]+次|会议|通过", _no_term(body), maxsplit=1)[0]
                out["organ"] = out["organ"] or organ.strip()
            seen_event = True
            continue
        nums = find_doc_numbers(piece)
        if (published_at >= 0 or nums) and not seen_event:
            out["published"] = ts
            if nums:
                out["doc_number"] = nums[0][2]
                out["organ"] = out["organ"] or re.split(r"令|〔", nums[0][2])[0]
            else:
                organ = re.split(r"公布|发布|印发", _no_term(body), maxsplit=1)[0]
                out["organ"] = out["organ"] or organ.strip()
            seen_event = True
    return out


# --- issuers ---------------------------------------------------------------------------------------------

_ISSUER_SPLIT = re.compile(r"[、,，;；\s/|]+|(?<=[会局厅部委办院府室组心社所站])(?=[\u4e00-\u9fff]{2,3}(?:省|自治区)|"
                           r"(?:北京|天津|上海|重庆)市|中共|国家|国务院)")


class _IssuerResolver:
    """Canonical agency names for issuer strings, through the project's agency matcher (built lazily)."""

    def __init__(self, matcher=None) -> None:
        self._matcher = matcher
        self._cache: dict[tuple[str, str], str] = {}

    def matcher(self):
        if self._matcher is None:
            self._matcher = AgencyMatcher.default()
        return self._matcher

    def __call__(self, text: str, context: str = "") -> str:
        text = (text or "").strip()
        for s, e, _ in reversed(find_doc_numbers(text)):  # 冀科高〔2018〕15号河北省科学技术厅 → the organ only
            text = (text[:s] + " " + text[e:]).strip()
        prov = re.match(r"^([\u4e00-\u9fff]{2,3}省)", context or "")
        if prov and re.match(r"^省(?!委|级)", text):  # 省政府 in a 河北省… title → 河北省政府
            text = prov.group(1) + text[1:]
        if not text:
            return ""
        key = (text, context if re.match(r"^(?:省|市|县|区)", text) else "")
        if key not in self._cache:
            names: list[str] = []
            try:  # the title is the "source" the matcher uses to give bare forms (省政府) their region
                hits = self.matcher().match_article("", text, source=key[1])
            except Exception:  # noqa: BLE001 - an agency table problem must not break loading
                hits = []
            spans: list[tuple[int, int, str]] = []
            for h in hits:
                name = h.get("agency") or ""  # a bare form the matcher cannot place stays in the leftover text
                if h.get("parent") or h.get("kind") in ("nested", "parent") or not name:
                    continue
                spans.append((int(h.get("start", 0)), int(h.get("end", 0)), name))
            # parts the table does not know (河北省语言文字工作委员会) stay as written, in text order
            pos = 0
            for start, end, name in sorted(spans) + [(len(text), len(text), "")]:
                for k, part in enumerate(_ISSUER_SPLIT.split(text[pos:start])):
                    part = re.sub(r"^[和及与]|[和及与]$", "", part)
                    if k == 0 and pos and names and names[-1].endswith("政府") and len(part) >= 4 \
                            and text[pos:pos + 1] == part[:1]:
                        names[-1] += part  # 河北省人民政府 + 国有资产监督管理委员会: one body (省国资委)
                    elif len(part) >= 3 and part not in names:
                        names.append(part)
                if name and name not in names:
                    names.append(name)
                pos = max(pos, end)
            names = [n for n in names if not any(n != o and n in o for o in names)]  # 国家税务总局 in …河北省税务局
            if not names:  # not an agency the table knows: keep the parts as written
                names = [p for p in _ISSUER_SPLIT.split(text) if len(p) >= 2][:5]
            self._cache[key] = LIST_SEP.join(names)
        return self._cache[key]


_TITLE_ISSUER = re.compile(rf"^((?:(?!关于|转发|印发)[{_CJK}、，,\s]){{2,80}}?)(?:关于|转发|印发)")
#: 河北省教育厅2023年度政府网站工作年度报表: a report whose title starts with its author
_TITLE_REPORT = re.compile(rf"^([{_CJK}]{{3,40}}?)(?:(?:19|20)\d\d|[〇一二三四五六七八九]{{4}})\s*年.*(?:报告|报表|年报|报\.\.\.|报…)")


def _issuer_text_from_title(title: str) -> str:
    t = (title or "").strip()
    m = _TITLE_ISSUER.match(t) or _TITLE_REPORT.match(t)
    return m.group(1) if m else ""


def _issuer_text_from_body(body: str, title: str) -> str:
    """``河北省科学技术厅河北省卫生和计划生育委员会关于印发…`` at the start of the body when the title itself
    starts with 关于 (the page dropped the issuer from the title)."""
    t = (title or "").strip()
    if not t.startswith("关于"):
        return ""
    head = (body or "")[:300]
    key = t[2:12]
    i = head.find("关于" + key[:6]) if key else -1
    if i <= 1:
        return ""
    return head[:i].strip().split("\n")[-1]


# --- the signature date ---------------------------------------------------------------------------------

_TAIL_NOISE = re.compile(r"(（此件[^）]{0,12}）|\(此件[^)]{0,12}\)|更多信息请关注.*$|附件[:：].*$)", re.S)


_SIGNED = re.compile(r"(?:厅|局|府|委员会|部|办公室|院|会|组|委|署|中心)\s*\n?\s*"
                     r"((?:19|20)\d\d\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)(?=\s*(?:\n|$|（此件|\(此件|附件|[\u4e00-\u9fff《“]))")
_LEADER_SIGNED = re.compile(r"(?:部\s*长|省\s*长|市\s*长|主\s*任|局\s*长|署\s*长|总\s*理|主\s*席)\s*[\u4e00-\u9fff]{2,4}?\s*"
                            r"(?=(?:19|20)\d\d\s*年|[〇零○一二三四五六七八九]{4}\s*年)")
_NOT_SIGNATURE_AFTER = re.compile(r"\s*(?:起|至|前|后|以来|以前|，|,|、|的|印发|发布|公布|召开|举行|通过|开始|到|止|内)")


def signature_date(body: str) -> pd.Timestamp | None:
    """The 成文日期 under the signature: a date within the last characters of ``body`` that only
    (此件公开发布) or a portal footer follow, and that is not a 施行 date (自…起施行); else the first date
    written right after an organ's name (``…办公厅\n2023年3月24日``) and followed by a line break, the end
    or the attachment's title — the signature of a 印发 notice whose attachment follows."""
    body = body or ""
    tail = body[-160:]
    dates = dates_in(tail) if tail else []
    if dates:
        s, e, ts, _ = dates[-1]
        after = _TAIL_NOISE.sub("", tail[e:]).strip(" \n\r\t　。.")
        if len(after) <= 6 and not re.search(r"自|至|有效期|截止|到", tail[max(0, s - 4):s]) \
                and "施行" not in tail[e:e + 6]:
            return ts
    for m in _SIGNED.finditer(body):
        if m.start() < 30 or _NOT_SIGNATURE_AFTER.match(body, m.end()):
            continue
        ts = _to_ts(m.group(1))
        if ts is not None:
            return ts
    m = _LEADER_SIGNED.search(body[:1500])  # a 令 signed by its minister/governor: 部 长 徐冠华二○○六年二月五日
    if m:
        dates = dates_in(body[m.end():m.end() + 20])
        if dates and dates[0][0] == 0:
            return dates[0][2]
    return None


def signer(body: str) -> str:
    """The organ signing a document: the line (or run of Chinese characters) right before the signature date
    (``…国务院办公厅2015年3月2日`` → ``国务院办公厅``), ``""`` when there is no signature date."""
    body = body or ""
    for m in _SIGNED.finditer(body):
        if m.start() < 30 or _NOT_SIGNATURE_AFTER.match(body, m.end()):
            continue
        before = body[max(0, m.start(1) - 300):m.start(1)].rstrip()
        lines = before.split("\n")
        last = re.split(r"[。；;：:）)”]", lines[-1])[-1]
        run = re.search(r"[\u4e00-\u9fff]{3,60}$", last)
        if not run:
            return ""
        organs = [run.group(0)]
        # a joint signature block: one organ per line above the last (河北省国家税务局⏎河北省地方税务局⏎2015年…)
        if run.start() == 0:
            for line in reversed(lines[:-1]):
                line = line.strip()
                if not _ORGAN_LINE.match(line):
                    break
                organs.insert(0, line)
        return " ".join(organs)
    return ""


_ORGAN_LINE = re.compile(r"^[\u4e00-\u9fff（）()]{3,30}(?:厅|局|委|会|部|办|院|府|室|组|署|中心|委员会)$")


_EFFECTIVE_IN_BODY = re.compile(r"自\s*((?:19|20)\d\d\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)\s*起施行")
_EFFECTIVE_ON_PUBLISH = re.compile(r"自(?:公布|发布|印发)之日起施行")


# --- the columns --------------------------------------------------------------------------------------


def split_list(value: object) -> list[str]:
    """``"a|b"`` → ``["a", "b"]`` (the stored form of ``issuer`` and ``amendments``); ``""``/NaN → ``[]``."""
    if value is None or (isinstance(value, float) and value != value):
        return []
    if isinstance(value, (list, tuple, np.ndarray)):
        return [str(v) for v in value if str(v)]
    return [p for p in str(value).split(LIST_SEP) if p]


def _to_ts(value: str) -> pd.Timestamp | None:
    if not value:
        return None
    try:
        return parse_date(value)
    except (ValueError, TypeError, OverflowError):
        return None


_FORMAL_TITLE = re.compile(r"关于|转发|印发")
_EMPTY = {"doc_number": "", "issuer": "", "written_date": None, "effective_date": None, "status": "", "doc_type": "",
          "amendments": "", "date": None, "date_source": ""}


def document_metadata(title: str, body: str, meta: str = "", resolver: _IssuerResolver | None = None) -> dict:
    """The metadata of one document: ``{doc_number, issuer, written_date, effective_date, status, doc_type,
    amendments, date, date_source}`` (``date``/``date_source`` = the date this module can give and its rule,
    used only when the loader found none). Dates are ``pd.Timestamp`` or ``None``. A text that shows no sign
    of being a document (no 文号, document type, 关于/转发/印发 title, metadata column or block, headnote) gets
    empty values: news items are not read for issuers or 施行 dates."""
    resolver = resolver or _IssuerResolver()
    cols = meta_fields(meta)
    block = disclosure_block(body)
    note = headnote_from_abstract(cols.get("headnote", ""))
    if not note:
        note = find_headnote(body)
    head = parse_headnote(note)
    doc_type = doc_type_of(title)

    doc_number = cols.get("doc_number") or block.get("doc_number") or ""
    doc_number = normalize_doc_number(doc_number)
    if not doc_number:
        doc_number = head["doc_number"]
    if not doc_number:
        nums = find_doc_numbers(title)
        doc_number = nums[0][2] if nums else ""
    if not doc_number and (doc_type or head["published"] or head["adopted"]):
        doc_number = _own_number_in_body(body)

    issuer_text = cols.get("issuer") or block.get("issuer") or head["organ"] or _issuer_text_from_title(title) \
        or _issuer_text_from_body(body, title)
    if not issuer_text and "令" in doc_number:
        issuer_text = doc_number.split("令")[0]
    stated = any(k not in ("headnote", "category", "index") for k in cols)  # a 摘要/分类 column alone says nothing
    formal = bool(doc_type or doc_number or stated or block or note or _FORMAL_TITLE.search(title or "")
                  or _TITLE_REPORT.match(title or ""))
    if not formal:  # a news item: no document metadata is read from its text
        return dict(_EMPTY)
    if not issuer_text:
        issuer_text = signer(body)
    issuer = resolver(issuer_text, title) if issuer_text else ""

    # each date with the rule that gave it, in the loader's vocabulary (analysis.schema.DATE_SOURCES)
    written, written_src = _first_date((cols.get("written_date", ""), "column"), (block.get("written_date", ""), "label"))
    if written is None:
        written, written_src = signature_date(body), "text"
    published, published_src = _first_date((cols.get("published", ""), "column"), (block.get("published", ""), "label"))
    effective = _to_ts(cols.get("effective_date", "")) or _to_ts(block.get("effective_date", "")) or head["effective"]
    if effective is None:
        m = None
        for m in _EFFECTIVE_IN_BODY.finditer(body or ""):
            pass
        if m is not None:
            effective = _to_ts(m.group(1))
        elif _EFFECTIVE_ON_PUBLISH.search((body or "")[-400:]):
            effective = head["published"] or published  # a 通过 date is not the 公布 date: left unknown
    status = normalize_status(cols.get("status", "")) or normalize_status(block.get("status", ""))
    if not status:
        m = _STATUS_IN_TITLE.search(title or "")
        status = normalize_status(m.group(1)) if m else ""

    date, source = None, ""
    if published is not None:
        date, source = published, published_src
    elif head["published"] is not None or head["adopted"] is not None:
        date, source = head["published"] or head["adopted"], "headnote"
    elif written is not None:
        date, source = written, written_src
    return {"doc_number": doc_number, "issuer": issuer, "written_date": written, "effective_date": effective,
            "status": status, "doc_type": doc_type, "amendments": LIST_SEP.join(head["amendments"]),
            "date": date, "date_source": source}


def _first_date(*candidates: tuple[str, str]) -> tuple[pd.Timestamp | None, str]:
    """The first ``(value, rule)`` whose value parses as a date: ``(day, rule)``, else ``(None, "")``."""
    for value, rule in candidates:
        ts = _to_ts(value)
        if ts is not None:
            return ts, rule
    return None, ""


def _own_number_in_body(body: str) -> str:
    """The document's own 文号 at its head: the first number in the first 300 characters that is not a
    citation (not inside （…） right after a 《title》 and not after 根据/按照/贯彻 …)."""
    head = (body or "")[:300]
    for s, e, number in find_doc_numbers(head):
        before = head[max(0, s - 12):s]
        if re.search(r"》\s*[（(]?$|根据|依据|按照|贯彻|落实|转发|印发", before) or (
                re.search(r"[（(]$", before) and head[:s].strip(" \n（(")):  # （冀财教〔2017〕162号） opening the body
            continue
        if number.endswith("令") or "令" in number:
            return number
        return number
    return ""


#: a cheap superset of what document_metadata calls "formal": rows failing all three tests get empty values
#: without being parsed (a news corpus is mostly skipped)
_TITLE_HINT = re.compile("关于|转发|印发|号|解读|报告|报表|年报|报…|报\\.\\.\\.|(?:" + "|".join(re.escape(e) for e, _ in DOC_TYPES)
                         + r")(?:[\s》”\"' 　]|[（(][^（()）]{0,20}[）)])*$")
_LABEL_HINT = re.compile(r"(?=[索发成文有效施实])(?:索引号|发文机关|发布机关|发布机构|发文单位|成文日期|发文字号|文号|发布日期|"
                         r"有效性|效力状态|施行日期|实施日期)\s*[:：]")
_HINT_LABELS = ("索引号", "发文机关", "发布机关", "发布机构", "发文单位", "成文日期", "文号", "发布日期", "有效性", "效力状态",
                "施行日期", "实施日期")
_PAREN_HINT = re.compile(r"[（(][^（()）]{0,80}?(?:(?:19|20)\d\d\s*年|[〇零○一二三四五六七八九]{4}\s*年|令)")


def _candidates(titles: list[str], bodies: list[str], metas: list[str]) -> list[bool]:
    """Rows that may be documents: a metadata column, a title hint (关于, 号, 解读, a document type at the end)
    or a disclosure label / dated parenthesis in the first 1,500 characters of the body."""
    out = []
    for t, b, m in zip(titles, bodies, metas):
        if m or _TITLE_HINT.search(t):
            out.append(True)
            continue
        head = b[:1500]
        out.append(bool((any(label in head for label in _HINT_LABELS) and _LABEL_HINT.search(head))
                        or (("（" in head or "(" in head) and _PAREN_HINT.search(head))))
    return out


def add_policy_columns(articles: pd.DataFrame, matcher=None) -> pd.DataFrame:
    """A copy of ``articles`` with the policy columns of this module (see the module docstring) and
    ``date_source`` (created as ``""`` when the loader did not add it); ``date`` filled only where it is
    ``NaT``. ``matcher`` — an ``AgencyMatcher`` for issuer names (default: the project's, built on first
    need). Never mutates ``articles``; an empty table gets the columns with no rows."""
    out = articles.copy()
    n = len(out)
    if "date_source" not in out:
        out["date_source"] = [""] * n
    out["date_source"] = out["date_source"].fillna("").astype(str)
    if "written_date" not in out:
        out["written_date"] = pd.Series([pd.NaT] * n, dtype="datetime64[ns]", index=out.index)
    resolver = _IssuerResolver(matcher)
    titles = out["title"].fillna("").astype(str).tolist() if "title" in out else [""] * n
    bodies = out["body"].fillna("").astype(str).tolist() if "body" in out else [""] * n
    metas = out["meta"].fillna("").astype(str).tolist() if "meta" in out else [""] * n
    maybe = _candidates(titles, bodies, metas)
    rows = [document_metadata(t, b, m, resolver) if c else _EMPTY
            for t, b, m, c in zip(titles, bodies, metas, maybe)]
    get = lambda k: [r[k] for r in rows]  # noqa: E731
    for col in ("doc_number", "issuer", "status", "doc_type", "amendments"):
        out[col] = get(col)
    loader_written = pd.to_datetime(out["written_date"], errors="coerce").astype("datetime64[ns]")
    found_written = pd.Series(pd.to_datetime(get("written_date")), index=out.index).astype("datetime64[ns]")
    out["written_date"] = loader_written.where(loader_written.notna(), found_written)
    out["effective_date"] = pd.Series(pd.to_datetime(get("effective_date")), index=out.index).astype(
        "datetime64[ns]")
    if "date" in out:
        dates = pd.to_datetime(out["date"], errors="coerce").astype("datetime64[ns]")
        found = pd.Series(pd.to_datetime(get("date")), index=out.index).astype("datetime64[ns]")
        fill = dates.isna() & found.notna()
        out["date"] = dates.where(~fill, found)
        out.loc[fill, "date_source"] = [r["date_source"] for r, f in zip(rows, fill.tolist()) if f]
    return out


def policy_share(articles: pd.DataFrame) -> float:
    """Share of articles that look like policy documents (a 文号 or a document type from the title), 0–1;
    0.0 for an empty table or one without the policy columns."""
    if len(articles) == 0 or "doc_type" not in articles:
        return 0.0
    is_policy = (articles["doc_type"].fillna("") != "") | (articles.get("doc_number", pd.Series("", index=articles.index))
                                                             .fillna("") != "")
    return float(is_policy.mean())


def with_policy_columns(articles: pd.DataFrame) -> pd.DataFrame:
    """``articles`` itself when it already has every policy column (loaded by this version), else
    :func:`add_policy_columns` of it (datasets saved before the policy columns existed)."""
    if all(c in articles for c in POLICY_COLUMNS) and "date_source" in articles:
        return articles
    return add_policy_columns(articles)
