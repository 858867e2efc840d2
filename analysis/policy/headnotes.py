"""Dates and numbers in a policy document's own text: the headnote (题注, ``（2023年11月17日河北省人民政府令〔2023〕
第10号公布，自2024年1月1日起施行）``: 公布/通过 dates, 令 numbers, amendments, the 施行 date) and the signature at
the end (成文日期 under the issuing organ, the signer)."""
from __future__ import annotations

import re

import pandas as pd

from analysis.dates import dates_in, parse_date
from analysis.policy.numbers import find_doc_numbers
# --- headnotes --------------------------------------------------------------------------------------------

_PAREN_RE = re.compile(r"[（(]([^（()）]{6,900})[）)]")
_HEADNOTE_VERBS = re.compile(r"公布|发布|印发|通过|施行|实施|修订|修正|批准")
_HAS_DATE_OR_ORDER = re.compile(r"(?:19|20)\d\d\s*年|[〇零○一二三四五六七八九]{4}\s*年|令\s*[〔\[［(（【]?\s*(?:19|20)?\d*\s*[〕\]］)）】]?\s*第")


#: words that make the clause a citation of another document (tester report s13, P12)
_CITING = re.compile(r"按照|根据|依据|依照|参照|贯彻|落实|执行")


def find_headnote(text: str, head: int = 400) -> str:
    """The headnote in the first ``head`` characters of ``text``: the first parenthesised passage that
    names a date or a 令 number and records 公布/通过/施行/修订 (without its parentheses); ``""`` when none.
    A passage in a clause that cites another document (按照/根据/依据/贯彻… 《X》（…公布…）) is that document's
    note, not this one's, and is skipped."""
    window = (text or "")[:head + 900]
    if "年" not in window and "令" not in window:
        return ""
    for m in _PAREN_RE.finditer(window):
        if m.start() >= head:
            break
        clause = re.split(r"[。；;：:\n]", window[:m.start()])[-1]
        if _CITING.search(clause):  # 按照《河北省规范性文件管理办法》（省政府令〔2016〕第5号公布…）: a cited rule's note
            continue
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


# --- the signature date ---------------------------------------------------------------------------------

_TAIL_NOISE = re.compile(r"(（此件[^）]{0,12}）|\(此件[^)]{0,12}\)|[（(]联系(?:单位|人)[^）)]{0,80}[）)]|更多信息请关注.*$|"
                         r"附件[:：].*$|公开程序[:：].*$|责任部门[:：].*$)", re.S)
#: a Latin O / o / Ｏ written for 〇 in a Chinese-numeral date (二O一一年一月二十六日)
_LATIN_ZERO = re.compile(r"(?<=[〇零○一二三四五六七八九OoＯ])[OoＯ]|[OoＯ](?=[〇零○一二三四五六七八九OoＯ]{1,3}年)")
#: a date in Chinese numerals alone on its line (the signature of a 复函: …文收悉。同意…⏎二〇〇四年三月二十四日⏎)
#: or right after a sentence's end (…请认真贯彻执行。二〇〇四年八月三日（河北省工商行政管理局…）, the cover letter of a
#: 转发/印发 notice whose attachment follows)
_CN_DATE_LINE = re.compile(r"(?:^|(?<=[\n。]))\s*([〇零○一二三四五六七八九]{4}\s*年\s*[一二三四五六七八九十]{1,2}\s*月\s*"
                           r"[一二三四五六七八九十]{1,3}\s*日)")


_SIGNED = re.compile(r"(?:厅|局|府|委员会|部|办公室|院|会|组|委|署|中心|分行|支行|银行|联)\s*\n?\s*"
                     r"((?:19|20)\d\d\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)(?=\s*(?:\n|$|（此件|\(此件|附件|[\u4e00-\u9fff《“]))")
_LEADER_SIGNED = re.compile(r"(?:部\s*长|省\s*长|市\s*长|主\s*任|局\s*长|署\s*长|总\s*理|主\s*席)\s*[:：]?\s*[\u4e00-\u9fff]{2,4}?\s*"
                            r"(?=(?:19|20)\d\d\s*年|[〇零○一二三四五六七八九]{4}\s*年)")
_NOT_SIGNATURE_AFTER = re.compile(r"\s*(?:起|至|前|后|以来|以前|，|,|、|的|印发|发布|公布|召开|举行|通过|开始|到|止|内)")


def signature_date(body: str) -> pd.Timestamp | None:
    """The 成文日期 under the signature: a date within the last characters of ``body`` that only
    (此件公开发布) or a portal footer follow, and that is not a 施行 date (自…起施行); else the first date
    written right after an organ's name (``…办公厅\n2023年3月24日``) and followed by a line break, the end
    or the attachment's title — the signature of a 印发 notice whose attachment follows; else the first
    date in Chinese numerals at the start of a line or right after a sentence's 。 (``二〇〇四年三月二十四日``; a
    Latin O written for 〇, ``二O一一年``, is read as 〇) and not followed by prose (起, 至, ，, 召开 …); else the date after a minister's/governor's name (部长万钢⏎二O一一年一月二十六日).
    Footers after the date — (此件…), (联系单位：…), 公开程序：/责任部门：, a portal's 更多信息请关注… — are
    ignored."""
    body = _LATIN_ZERO.sub("〇", body or "") if re.search("[OoＯ]", body or "") else (body or "")
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
        ts = to_timestamp(m.group(1))
        if ts is not None:
            return ts
    for line in _CN_DATE_LINE.finditer(body):
        if _NOT_SIGNATURE_AFTER.match(body, line.end()):  # 二〇〇四年八月三日起 / 召开 / ，: prose
            continue
        ts = to_timestamp(line.group(1))
        if ts is not None:
            return ts
    leader = _LEADER_SIGNED.search(body[:1500])  # a 令 signed by its minister/governor: 部 长 徐冠华二○○六年二月五日
    if leader:
        dates = dates_in(body[leader.end():leader.end() + 20])
        if dates and dates[0][0] == 0:
            return dates[0][2]
    return None


#: a Chinese character (the run before a signature continues to the left)
HAN_END = re.compile(r"[\u4e00-\u9fff]")
#: where a body's name starts inside a run of names: a province, 中共, 共青团, 国家, 国务院 (河北省人力资源和社会保障厅…)
SIGNER_HEAD = re.compile(r"(?:河北|山西|辽宁|吉林|黑龙江|江苏|浙江|安徽|福建|江西|山东|河南|湖北|湖南|广东|海南|四川|贵州|云南|"
                         r"陕西|甘肃|青海)省|中共|共青团|国家|国务院")


def signer(body: str) -> str:
    """The organ signing a document: the line (or run of Chinese characters) right before the signature date
    (``…国务院办公厅2015年3月2日`` → ``国务院办公厅``), ``""`` when there is no signature date."""
    body = body or ""
    for m in _SIGNED.finditer(body):
        if m.start() < 30 or _NOT_SIGNATURE_AFTER.match(body, m.end()):
            continue
        before = body[max(0, m.start(1) - 600):m.start(1)].rstrip()
        lines = _signature_lines(before)
        if m.start(1) > 600 and len(lines) > 1:
            lines = lines[1:]  # the window's first line may start inside a name (源和社会保障厅)
        last = re.split(r"[。；;：:）)”]", lines[-1])[-1]
        run = re.search(r"[\u4e00-\u9fff]{3,60}$", last)
        if not run:
            return ""
        if run.start() and HAN_END.match(last, run.start() - 1):
            # a joint signature longer than 60 characters, written without a break (…河北省科技厅河北省工业和信息化厅
            # 河北省民政厅…): the cut must not fall inside a name (业和信息化厅, tester report A11) — it moves back
            # to the start of the run or to the start of the first body's name (a region, 中共, 共青团, 国家) in it
            whole = re.search(r"[\u4e00-\u9fff]{3,300}$", last)
            heads = [h.start() for h in SIGNER_HEAD.finditer(last, whole.start(), run.start() + 1)] if whole else []
            tail = re.search(r"[\u4e00-\u9fff]+$", last[heads[0]:]) if heads else None
            if tail is not None:
                last, run = last[heads[0]:], tail
        organs = [run.group(0)]
        # a joint signature block: one organ per line above the last (河北省国家税务局⏎河北省地方税务局⏎2015年…)
        if run.start() == 0:
            for line in reversed(lines[:-1]):
                line = line.strip()
                if not _ORGAN_LINE.match(line):
                    break
                organs.insert(0, line)
        return " ".join(organs)
    return closing_signer(body)


#: a date alone on the last line of a body, the year in Arabic or Chinese numerals (a Latin O written for 〇), the
#: day optional: ``2021年3月``, ``二○○五年三月三十日``, ``二OO一年四月``
_CLOSING_DATE = re.compile(r"\n[ \t　]*(?:(?:19|20)\d\d|[〇零○OoＯ一二三四五六七八九]{4})\s*年\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*月"
                           r"(?:\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*日)?[ \t　]*\Z")
#: a footer line a signature block may end with: （此件公开发布）
_CLOSING_FOOTER = re.compile(r"\n[ \t　]*[（(]此件[^\n]{0,20}[）)][ \t　]*\Z")


def closing_signer(body: str) -> str:
    """The organ(s) of a signature block closing ``body``: the last line is a date (:data:`_CLOSING_DATE`, also
    in Chinese numerals or without the day, which :func:`signer`'s own rule needs) and the line right above it
    reads as a body's name (``北京市中医管理局⏎二○○五年三月三十日`` → ``北京市中医管理局``); a joint block gives
    one organ per line above (at most 4, space-joined). ``""`` when the body does not end so (tester s14 P-bj:
    four bjtcm notices signed 北京市中医管理局 had no 发文机关)."""
    # the last 600 characters hold any such block (4 lines of at most 40 characters and a date): the \\Z-anchored
    # search then reads a short tail, not the whole body (it runs on every candidate row of a load)
    text = _CLOSING_FOOTER.sub("", (body or "")[-600:].rstrip()).rstrip()
    date = _CLOSING_DATE.search(text)
    if date is None:
        return ""
    organs: list[str] = []
    for line in reversed(text[:date.start()].split("\n")[-4:]):
        line = line.strip(" \t　\xa0")
        if not _ORGAN_LINE.match(line):
            break
        organs.insert(0, line)
    return " ".join(organs)


def signed_at_end(body: str) -> bool:
    """Whether ``body`` ends in a signature block (:func:`closing_signer`): a sign of a formal document. Bodies
    whose last character (footer aside) can end no date are answered without the regular expressions: this runs
    on every row of a load that no other hint made a candidate (a news corpus: nearly all)."""
    tail = (body or "")[-600:].rstrip()
    if not tail.endswith(("日", "月", "）", ")")):
        return False
    return bool(closing_signer(tail))


def _signature_lines(text: str) -> list[str]:
    """``text`` cut into lines at line breaks and at runs of two or more spaces (pages that lay a signature
    block out with ``　　`` instead of line breaks), a line that starts with a cut-off unit word joined to the
    line before it when that one does not end in a unit word: ``中国银行保险监督管理　　委员会河北监管局`` is one
    name broken across two lines."""
    out: list[str] = []
    for line in re.split(r"\n|[ \t　\xa0]{2,}", text):
        line = re.sub(r"(?<=[\u4e00-\u9fff]) (?=[\u4e00-\u9fff])", "", line.strip(" \t　\xa0"))  # 科 技 部
        if out and _CUT_UNIT.match(line) and re.search(r"[\u4e00-\u9fff]$", out[-1]) \
                and not re.search(r"(?:厅|局|委|会|部|办|院|府|室|组|署|中心)$", out[-1]):
            out[-1] += line
        else:
            out.append(line)
    return out


_CUT_UNIT = re.compile(r"^(?:委员会|办公厅|办公室|领导小组|管理局|监管局)")
_ORGAN_LINE = re.compile(r"^[\u4e00-\u9fff（）()]{2,40}(?:厅|局|委|会|部|办|院|府|室|组|署|行|协|联|社|司|中心|委员会)$")


_EFFECTIVE_IN_BODY = re.compile(r"自\s*((?:19|20)\d\d\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)\s*起施行")
_EFFECTIVE_ON_PUBLISH = re.compile(r"自(?:公布|发布|印发)之日起施行")


def effective_in_body(body: str) -> tuple[pd.Timestamp | None, bool]:
    """``(date, on_publish)`` of the body's 施行 clause: the date of its last ``自…年…月…日起施行`` (None when
    there is none), and whether its last 400 characters say ``自公布之日起施行`` (then the 施行 date is the
    公布 date, which the caller knows)."""
    m = None
    for m in _EFFECTIVE_IN_BODY.finditer(body or ""):
        pass
    if m is not None:
        return to_timestamp(m.group(1)), False
    return None, bool(_EFFECTIVE_ON_PUBLISH.search((body or "")[-400:]))


def to_timestamp(value: str) -> pd.Timestamp | None:
    """``parse_date(value)``, None for an empty or unreadable value (never raises)."""
    if not value:
        return None
    try:
        return parse_date(value)
    except (ValueError, TypeError, OverflowError):
        return None
