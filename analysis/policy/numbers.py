"""What a policy document's title and cells say about it: its 文号 (doc_number: found, normalised, keyed),
its document type (通知, 意见, 办法 … from the title's ending) and its status (有效 / 失效 / 废止 / 修订).
Used by ``analysis.policy.metadata`` (the columns) and ``analysis.policy.citations`` (references by 文号)."""
from __future__ import annotations

import re

# --- 文号 ------------------------------------------------------------------------------------------------

_FULLWIDTH_DIGITS = {ord("０") + i: ord("0") + i for i in range(10)}
_OPEN = "〔[［(（【〖﹝"
_CLOSE = "〕]］)）】〗﹞"
_BRACKETS = {ord(c): "〔" for c in _OPEN} | {ord(c): "〕" for c in _CLOSE}
#: The CJK unified ideographs as a regular-expression character range (for ``[...]`` classes).
CJK = "\u4e00-\u9fff"
#: general 文号: code prefix, 〔year〕, number (第 optional), 号
DOC_NUMBER_RE = re.compile(
    rf"([{CJK}]{{1,14}})\s*[{re.escape(_OPEN)}]\s*((?:19|20)[0-9０-９]{{2}}|(?:19|20)\d\d)\s*[{re.escape(_CLOSE)}]"
    r"\s*(第?\s*[0-9０-９]{1,5}\s*号)")
#: 令 numbers without a year bracket: 科学技术部令第1号, 河北省人民政府令第103号; a joint 令 names its organs with
#: 、 (科学技术部、国家保密局令第16号); a 主席令 numbers in Chinese (中华人民共和国主席令第三十五号); a year written
#: with 年 (中华人民共和国对外贸易经济合作部令2000年第11号, the form of the 部令 of 2000–2003; tester s15 P15)
_CN_NUM = "〇零一二三四五六七八九十百"
ORDER_RE = re.compile(rf"([{CJK}]{{2,30}}令)\s*(?:[{re.escape(_OPEN)}]\s*((?:19|20)\d\d)\s*"
                      rf"[{re.escape(_CLOSE)}]|((?:19|20)\d\d)\s*年)?\s*[（(]?\s*第\s*([0-9０-９]{{1,5}}|[{_CN_NUM}]{{1,6}})\s*号"
                      r"(?:\s*[）)])?")
_CJK_RUN_END = re.compile(rf"[{CJK}]{{2,30}}$")
#: numbered 公告 of national bodies: 财政部税务总局科技部公告2022年第28号, 国家税务总局公告2018年第1号
NOTICE_RE = re.compile(rf"([{CJK}]{{2,30}}公告)\s*((?:19|20)\d\d)\s*年\s*第\s*([0-9０-９]{{1,5}})\s*号")
# where a code prefix cannot start: the run is cut after the last of these (verbs, conjunctions, dates, and the
# endings of a document's title: 河北省食盐专营管理实施办法河北省人民政府令〔2022〕第2号 — the title written right
# before its own 文号 is no part of it)
_CUT_AFTER = re.compile(r".*(?:根据|依据|按照|参照|符合|执行|贯彻|落实|印发|转发|废止|关于|的通知|通知|你市|你省|"
                        r"办法|规定|条例|细则|方案|意见|决定|规则|[及与的后即见了日号按另》])")
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


_CN_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "两": 2}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}
_CN_SERIAL = re.compile(rf"第([{_CN_NUM}千两]{{1,8}})号$")


def chinese_numeral(text: str) -> int | None:
    """The value of a Chinese numeral as written in a 令 number: with units (``三十五`` → 35, ``十六`` → 16,
    ``一百零五`` → 105) or digit by digit (``一〇五`` → 105, ``二〇二三`` → 2023); None when ``text`` is not one
    (an empty string, a unit written twice in a row, a character outside 〇零一…九十百千两)."""
    if not text or any(c not in _CN_DIGITS and c not in _CN_UNITS for c in text):
        return None
    if not any(c in _CN_UNITS for c in text):
        return int("".join(str(_CN_DIGITS[c]) for c in text))
    total, digit, last_unit = 0, None, 10_000
    for c in text:
        if c in _CN_DIGITS:
            if digit is not None and digit != 0 and _CN_DIGITS[c] != 0:
                return None  # 三五十: two digits without a unit between them
            digit = _CN_DIGITS[c]
        else:
            unit = _CN_UNITS[c]
            if unit >= last_unit:
                return None  # 十十, 十百
            total += (1 if digit is None else digit) * unit
            digit, last_unit = None, unit
    return total + (digit or 0)


def doc_number_key(number: str) -> str:
    """The matching key of a 文号: normalised, 第 and leading zeros dropped (``国发〔2004〕第016号`` =
    ``国发〔2004〕16号``), a serial in Chinese numerals read as its value (``主席令第三十五号`` = ``主席令第35号``
    → ``主席令35号``; :func:`chinese_numeral`; tester s13 P3) — two spellings of one number give one key. The
    number shown (``doc_number``, ``cited_doc_number``) keeps the text as written."""
    n = normalize_doc_number(number)
    cn = _CN_SERIAL.search(n)
    value = chinese_numeral(cn.group(1)) if cn else None
    if cn and value is not None:
        n = f"{n[:cn.start()]}第{value}号"
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

    Three forms: ``<code>〔<year>〕<n>号`` (any bracket of ``〔[［(（【``; the code is the run of Chinese
    characters before the bracket with leading verbs/conjunctions cut); 令 numbers
    ``<organ>令〔<year>〕第<n>号`` / ``<organ>令第<n>号`` (joint organs joined by 、 kept as written:
    ``科学技术部、国家保密局令第16号``; Chinese numerals kept as written: ``中华人民共和国主席令第三十五号``;
    ``国家知识产权局局长令（第30号）`` → ``国家知识产权局局长令第30号``; the year written with 年 kept so:
    ``对外贸易经济合作部令2000年第11号``); numbered
    公告 ``<organs>公告<year>年第<n>号`` (``财政部税务总局科技部公告2022年第28号``).
    """
    if not text or "号" not in text:
        return []
    found: dict[int, tuple[int, int, str]] = {}
    for m in ORDER_RE.finditer(text) if "令" in text else ():
        run_start = m.start(1)
        while run_start > 2 and text[run_start - 1] == "、":  # a joint 令: 科学技术部、国家保密局令第16号
            before = _CJK_RUN_END.search(text, max(0, run_start - 31), run_start - 1)
            if before is None:
                break
            run_start = before.start()
        organ = _clean_prefix(text[run_start:m.end(1) - 1], organ=True)
        if len(organ) < 2:
            continue
        start = m.end(1) - 1 - len(organ)
        year = f"〔{m.group(2)}〕" if m.group(2) else f"{m.group(3)}年" if m.group(3) else ""
        found[start] = (start, m.end(), normalize_doc_number(f"{organ}令{year}第{m.group(4)}号"))
    for m in NOTICE_RE.finditer(text) if "公告" in text else ():
        organ = _clean_prefix(m.group(1)[:-2], organ=True)
        if len(organ) < 2:
            continue
        start = m.start(1) + (len(m.group(1)) - 2 - len(organ))
        found[start] = (start, m.end(), normalize_doc_number(f"{organ}公告{m.group(2)}年第{m.group(3)}号"))
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

STATUS_IN_TITLE = re.compile(r"[（(【\[]\s*(已?废止|已?失效|已?修订|已修改|现行有效|有效)\s*[）)】\]]")


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


def status_in_title(title: str) -> str:
    """The status a title's bracketed marker states (``……办法（已废止）`` → ``废止``), normalised as
    :func:`normalize_status` does; ``""`` when there is none."""
    m = STATUS_IN_TITLE.search(title or "")
    return normalize_status(m.group(1)) if m else ""
