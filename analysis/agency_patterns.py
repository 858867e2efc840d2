"""Agency names found by their own patterns rather than by region + department: township bodies (X街道办事处,
X镇政府), task commands (…任务总指挥部), foreign bodies (a foreign place + a government unit), police stations
and lake bureaus named as written, civil-aviation regional bureaus, CPPCC committees with their session,
China's embassies and development-zone committees. Called by ``analysis.agency_candidates``; each function
adds ``Candidate``s (or returns one) and never resolves context.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from analysis.agency_naming import NamingRules
from analysis.agency_glue import (COMMAND_CLASS, COMMITTEE_UNITS, clause_cut, ZONE_COMMITTEES, COMMAND_GENERIC, COMMAND_NATIONAL, DEPT_JOINS, EMBASSY_GENERIC,
                                  TOWNSHIP_NOT_NAME, ZONE_STOP)
from analysis.agency_rules import (ALLOW_BEFORE, CAAC_REGIONAL, CAAC_STATION, CAAC_TIBET, CANDIDATE_STOP, COMMAND_LEAD,
                                   COMMAND_NAME, COMMAND_SHORT_OK, COMMAND_STOP, COMMAND_TIME, CPPCC_SESSION_HEAD,
                                   EMBASSY, FOREIGN_ABBREV, FOREIGN_NOTE, FOREIGN_QUALIFIER_STOP, HAN, LIST_ONLY_NAMES,
                                   MINISTRY_DEPT, MINISTRY_DEPT_ENDS, OPEN_STOP, POLICE_UNITS, SESSION, STATION_BEFORE,
                                   STATION_GENERIC, STATION_STOP, OPEN, OPEN_NOT_GOV,
                                   TOWNSHIP_AS_BODY, TOWNSHIP_GENERIC, TOWNSHIP_LIST_END,
                                   TOWNSHIP_NEXT_BLOCK, TOWNSHIP_UNITS, VILLAGE_STOP, VILLAGE_UNITS, ZONE, Candidate,
                                   WRITTEN_EXPANSIONS, branch_end)
from analysis.agency_table import LEVEL_CHARS

if TYPE_CHECKING:   # (agency_candidates imports this module)
    from analysis.agency_candidates import CandidateFinder

#: Conjunctions that make a would-be station name a list's end (经侦和基层派出所).
STATION_JOINS = set("和与及或")
#: 人行 = 中国人民银行 (its standard short form) — only right before a region + a branch suffix (人行河北省分行,
#: 人行石家庄中心支行), never alone (人行道; tester report #4).
PBOC_SHORT = re.compile("人行")
#: A bureau written right after a region's committee (雄安新区管委会公共服务局, 雄安新区管委会改发局).
COMMITTEE_BUREAU = re.compile(r"[\u4e00-\u9fff]{2,8}?局")


def township(text: str, s: int, e: int, head: str, unit: str, cands: list[Candidate], r_end) -> None:
    """X街道办事处 / X镇政府 / X乡党委 (named), or a bare 街道 + unit resolved later from the article: the
    township-unit hit ``text[s:e]`` (``head`` + ``unit``) adds its candidate to ``cands``; ``r_end`` maps a region
    name's end to ``(start, region indexes, is_full)``."""
    block = TOWNSHIP_NEXT_BLOCK.get(unit)
    if block and e < len(text) and text[e] in block:
        return
    canon = head + TOWNSHIP_UNITS[unit]
    prefix = text[max(0, s - 2):s]
    if (len(prefix) == 2 and HAN.match(prefix[0]) and HAN.match(prefix[1])
            and not (set(prefix) & CANDIDATE_STOP) and prefix[-1] not in TOWNSHIP_GENERIC[head]
            and prefix not in TOWNSHIP_NOT_NAME
            and prefix[-1] not in LEVEL_CHARS and not (s - 1 in r_end and r_end[s - 1][0] < s - 1)):
        start = s - 2
        inner = r_end.get(start)
        name = (text[inner[0]:start] if inner else "") + prefix
        ri = inner[1][0] if inner and len(inner[1]) == 1 else -1
        while start in r_end:
            start = r_end[start][0]
        cands.append(Candidate(start, e, name + canon, "township", "township", ri, where=name + head))
        return
    if s == 0 or not HAN.match(text[s - 1]) or text[s - 1] in ALLOW_BEFORE:
        # bare 街道办事处 / 镇政府: the township the article names (resolved in match_article)
        cands.append(Candidate(s, e, "", "township", "township", -1, pending="township", where=head))


def _positions(text: str, word: str) -> list[int]:
    """Every start of ``word`` in ``text`` (``str.find``: no regex pass over the text)."""
    out, i = [], text.find(word)
    while i >= 0:
        out.append(i)
        i = text.find(word, i + 1)
    return out


def township_names(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each match ``agency_rules.TOWNSHIP_NAME.finditer(text)`` gives (two Chinese characters
    + 街道 / 镇 / 乡), found from the positions of the three heads instead of a regex tried at every character:
    in head order, two Chinese characters before the head, the match not overlapping the one before it — the
    regex's left-to-right, non-overlapping matches (no two heads start at one position)."""
    out: list[tuple[int, int]] = []
    last = 0
    for h in sorted(_positions(text, "镇") + _positions(text, "乡") + _positions(text, "街道")):
        p = h - 2
        if p >= last and "\u4e00" <= text[p] <= "\u9fff" and "\u4e00" <= text[p + 1] <= "\u9fff":
            last = h + (2 if text[h] == "街" else 1)
            out.append((p, last))
    return out


def township_open(rules: "CandidateFinder", text: str, cands: list[Candidate], r_end) -> None:
    """A named township + a body the township rules do not know (益庆乡益庆寺管委会, 恒口镇合疗办), named as
    written (with the region chain before it); the township name must not be an ordinary word (城乡, 乡镇)."""
    for p, t_end in township_names(text):  # (the matches of TOWNSHIP_NAME)
        head = text[p + 2:t_end]
        if (set(text[p:p + 2]) & CANDIDATE_STOP or text[p + 1] in TOWNSHIP_GENERIC[head] or text[p:p + 2] in TOWNSHIP_NOT_NAME
                or text[p + 1] in LEVEL_CHARS
                or not (p == 0 or not HAN.match(text[p - 1]) or text[p - 1] in ALLOW_BEFORE or p in r_end)):
            continue
        m = OPEN.match(text, t_end)
        if m is None or not rules.unit_ok(text, m) or any(w in m.group() for w in OPEN_NOT_GOV):
            continue
        start = p
        while start in r_end:
            start = r_end[start][0]
        cands.append(Candidate(start, m.end(), text[start:m.end()], "township", "township", rank=1))


def command(text: str, s: int, e: int) -> Candidate | None:
    """A named task's or project's command (…任务总指挥部): the task name is the run of name characters
    before the suffix ``text[s:e]``, after any date written before it and without a leading verb (受/由/经/任 …);
    4–24 characters (2 for a river's or an epidemic's command), no clause words. ``None`` when no such name is
    written."""
    m = COMMAND_NAME.search(text, max(0, s - 40), s)
    if not m:
        return None
    start = m.start()
    times = list(COMMAND_TIME.finditer(text, start, s))
    if times:  # 1964年任西南铁路建设总指挥部: the name starts after the date (and the verb after it)
        start = times[-1].end()
    start += clause_cut(text[start:s])  # 调整为辽河防汛抗旱总指挥部, 要求相关省份…: after the clause's verb (tester-s14 A4)
    while start < s and text[start] in COMMAND_LEAD:
        start += 1
    if e < len(text) and text[e] == "门":
        return None  # 疫情防控指挥部门 (the command departments): generic
    national = max(text.rfind(w, start, s) for w in COMMAND_NATIONAL)
    if national > start:
        start = national  # 及时报告国家防汛抗旱总指挥部: the national command, the verb before it is a clause
    name = text[start:s]
    if any(w in name for w in COMMAND_GENERIC) or name.startswith(COMMAND_CLASS):
        return None  # 各地要严格遵守当地疫情防控指挥部: a class of commands, no named one
    low = 2 if text[s:e] in COMMAND_SHORT_OK else 4
    if low <= len(name) <= 24 and not (set(name) & COMMAND_STOP) and not COMMAND_TIME.search(name):
        return Candidate(start, e, text[start:e], "pattern", "")
    return None


def foreign_qualifier(text: str, s: int, f_end) -> int:
    """Where the foreign place (or 美/黎/韩 …) before the unit at ``s`` ends when a qualifier of the unit is
    written between them (黎巴嫩|公共|卫生部, 韩国|国土|交通部, 巴勒斯坦|加沙地带|卫生部, 刚果|（金）|卫生部): 1–4
    name characters (no clause word, no 和/与/及; a level word too: 洛杉矶县警方, 伯明翰市议会) or a bracketed
    1–2 character note; ``s`` itself when the place is
    right before the unit; -1 when there is no foreign place. A body so named is the foreign one (黎巴嫩公共卫生部
    is not China's former 卫生部)."""
    if s in f_end or (s and text[s - 1] in FOREIGN_ABBREV):
        return s
    # a note ending right at ``s`` needs a closing bracket there (the cheap test first, same result)
    m = FOREIGN_NOTE.search(text, max(0, s - 4), s) if s and text[s - 1] in ")）" else None
    if m is not None and m.end() == s and m.start() in f_end:
        return m.start()
    for k in range(1, 5):
        p = s - k
        if p <= 0 or not "\u4e00" <= text[p] <= "\u9fff" or text[p] in OPEN_STOP or text[p] in FOREIGN_QUALIFIER_STOP:
            return -1
        if p in f_end or (k <= 2 and text[p - 1] in FOREIGN_ABBREV):
            return p
    return -1


#: The characters of ``FOREIGN_ABBREV`` (美/俄/英 …), for :func:`may_be_foreign`.
_ABBREV_CHARS = frozenset(FOREIGN_ABBREV)


def may_be_foreign(text: str, s: int, f_end) -> bool:
    """Can ``foreign_qualifier(text, s, f_end)`` be ≥ 0 (``f_end``: foreign place names by end)? Only when a place
    ends at ``s`` or up to four characters before it (right before the unit, before a 1–4 character qualifier or
    before a bracketed note) or one of ``FOREIGN_ABBREV`` (美/俄 …) is written in the three characters before
    ``s``: the cheap test before the call (False: it returns -1, and ``foreign`` adds nothing). Five dict lookups
    instead of a set of the positions near every place built per text (≈ 0.08 CPU-s less on CCTV: ≈ 90k calls
    in ≈ 30k texts, 12.7k of them naming a foreign place)."""
    return (s in f_end or (s - 1) in f_end or (s - 2) in f_end or (s - 3) in f_end or (s - 4) in f_end
            or not _ABBREV_CHARS.isdisjoint(text[max(0, s - 3):s]))

def foreign(rules: NamingRules, text: str, s: int, e: int, f_end, r_end, cands: list[Candidate]) -> None:
    """A foreign place (or 美/俄/英 …) before the government unit ``text[s:e]``, directly or with a qualifier
    of the unit between them (``foreign_qualifier``): a foreign body (level ``foreign``) added to ``cands``,
    named country + qualifier + unit. ``f_end`` maps a foreign place name's end to ``(start, country)``."""
    unit = text[s:e]
    if unit.endswith("部") and e < len(text) and text[e] in "门队":
        return  # 美国环保部门前工作人员, 沙特安全部队
    q = foreign_qualifier(text, s, f_end)
    if q < 0 or any(x in r_end for x in range(q + 1, s + 1)) or (q < s and unit.startswith(("中国", "中华", "中共"))):
        return  # no foreign place, a Chinese region inside the qualifier, or China named (…评价中国共产党)
    unit = text[q:e]
    orig_s, s = s, q
    place = f_end.get(s)
    if place is not None:
        ps, country = place
        if r_end.get(s, (s,))[0] < ps or (ps and text[ps - 1] == "驻"):
            return  # inside a Chinese region name (内蒙古政府) or China's mission (驻法国大使馆)
        if unit.endswith("使馆"):  # 中国驻斐济、汤加、冰岛大使馆: China's embassies listed after 驻
            clause = max(text.rfind(ch, 0, ps) for ch in "。，；！？\n")
            if "驻" in text[clause + 1:ps]:
                return
        name = text[ps:s]
        start = ps
        while start in f_end and f_end[start][0] < start:  # 巴西圣保罗: the chain belongs to the mention
            start = f_end[start][0]
        canon = (country if name in rules.country_names else name) + unit
    elif s and text[s - 1] in FOREIGN_ABBREV:
        start = s - 1
        prev = text[start - 1] if start else ""
        if prev == "驻" or (HAN.match(prev) and prev not in ALLOW_BEFORE):
            return
        country = FOREIGN_ABBREV[text[start]]
        # 美国务院 → 美国国务院; with a qualifier the name stays as written (越共中央政治局, not 越南共中央政治局)
        canon = country + unit if q == orig_s else text[start:e]
    else:
        return
    cands.append(Candidate(start, e, canon, "foreign", "foreign", where=country))


def named_units(text: str, unit: str, sizes: tuple[int, ...], level: str, cands: list[Candidate]) -> None:
    """A proper name of ``sizes`` characters written right before ``unit`` after a boundary (东风派出所,
    督院街派出所, 洪泽湖管理局): kept as written."""
    for m in re.finditer(unit, text):  # not a class (基层派出所) nor a list's end (刑侦、经侦和基层派出所: tester-s14 A4)
        p = m.start()
        for k in sizes:
            name = text[p - k:p] if p >= k else ""
            before = text[p - k - 1] if p > k else ""
            if (name and all(HAN.match(ch) for ch in name) and not set(name) & STATION_STOP
                    and not name.endswith(tuple(STATION_GENERIC)) and not set(name) & STATION_JOINS
                    and not name.startswith("所")
                    and (before == "" or not HAN.match(before) or before in ALLOW_BEFORE
                         or text.endswith(STATION_BEFORE, 0, p - k))):
                cands.append(Candidate(p - k, m.end(), name + unit, "pattern", level, rank=1))
                break


def villages(text: str, cands: list[Candidate]) -> None:
    """A village's party branch or committee named with the village (业兴庄村党支部, 嘎旦村村委会): a 2–3
    character name (no clause word or pronoun) after a boundary + 村 + unit, kept as written."""
    for unit in VILLAGE_UNITS:
        for m in re.finditer(unit, text):
            p = m.start()
            if text.startswith(("组织法", "法", "选举"), m.end()):
                continue  # 村委会组织法: a law's name
            for k in (3, 2):
                name, before = text[max(0, p - k):p], text[p - k - 1] if p > k else ""
                if (len(name) == k and all(HAN.match(ch) for ch in name) and not set(name) & VILLAGE_STOP
                        and (before == "" or not HAN.match(before) or before in ALLOW_BEFORE)):
                    cands.append(Candidate(p - k, m.end(), text[p - k:m.end()], "pattern", "township", rank=1))
                    break


def township_list(text: str, cands: list[Candidate]) -> None:
    """A named township listed as one of several bodies (县强基办、益庆乡、吉中乡等单位): its government (乡/镇
    人民政府) or street office (街道办事处), added to ``cands``. Only inside a 、-list that ends in 等单位 / 等部门
    before the clause ends, with a 、 or the list's end right after the name."""
    for p, e in township_names(text):  # (the matches of TOWNSHIP_NAME)
        head = text[p + 2:e]
        if (p == 0 or text[p - 1] != "、" or set(text[p:p + 2]) & CANDIDATE_STOP
                or text[p + 1] in TOWNSHIP_GENERIC[head] or text[p + 1] in LEVEL_CHARS
                or not (text.startswith(("、", "等单位", "等部门"), e)) or TOWNSHIP_LIST_END.match(text, e) is None):
            continue
        cands.append(Candidate(p, e, text[p:e] + TOWNSHIP_AS_BODY[head], "township", "township", where=text[p:e]))


def list_only(text: str, word: str, canon: str, cands: list[Candidate]) -> None:
    """``word`` (监察部) as the former ministry ``canon`` where it is an item of a 、-list next to a national
    table name (…国家民委、监察部、国土资源部…); anywhere else it may be a company's department (纪检监察部)."""
    national = {(c.start, c.end) for c in cands if c.kind == "table" and c.level == "national"}
    starts, ends = {s for s, _ in national}, {e for _, e in national}
    for p in (m.start() for m in re.finditer(word, text)):
        e = p + len(word)
        if (p > 0 and text[p - 1] == "、" and (p - 1) in ends) or (text[e:e + 1] == "、" and (e + 1) in starts):
            cands.append(Candidate(p, e, canon, "table", "national"))


def patterns(rules: NamingRules, text: str, cands: list[Candidate], r_start, found: set[str]) -> None:
    """Named bodies found by their own pattern, added to ``cands``: police stations (东风派出所), lake bureaus
    (洪泽湖管理局), civil-aviation regional bureaus, CPPCC committees with their session, China's embassies and
    development-zone committees. ``r_start`` maps a region name's start to ``(end, region indexes, is_full)``;
    ``found``: the trigger words (automaton items ``("X", word)``) the text holds — each pattern is tried only
    when the word it needs is there (the same test as ``word in text``, without reading the text again)."""
    if "派出所" in found:  # a named police station (东风派出所, 督院街派出所)
        named_units(text, "派出所", (4, 3, 2), "township", cands)
    if "湖管理局" in found:  # a named lake's management bureau (洪泽湖管理局, 太湖管理局)
        named_units(text, "湖管理局", (3, 2, 1), "", cands)
    # a ministry's department named alone (住房公积金监管司): which ministry is not written. A match ends in one of
    # MINISTRY_DEPT_ENDS, so a text holding none of them (公司 …) is not searched at all
    if not found.isdisjoint(MINISTRY_DEPT_ENDS):
        pos = 0
        while (m := MINISTRY_DEPT.search(text, pos)) is not None:
            p = m.start()
            if not ((p == 0 or not HAN.match(text[p - 1]) or text[p - 1] in ALLOW_BEFORE) and not (set(m.group()) & OPEN_STOP)):
                # 认证监管司和标准技术管理司: the next department may start after a 和 inside this match
                joins = [k for k in (m.group().rfind(j) for j in DEPT_JOINS) if k >= 0]
                pos = p + max(joins) + 1 if joins else m.end()
                continue
            pos = m.end()
            # after 和/、/及 and a department of a named ministry: a department of the same ministry (tester A5)
            left = next((c for c in cands if c.end == p - 1 and c.kind == "nested" and c.agency.endswith("司")
                         and c.parent), None) if text[p - 1] in "和、及与" else None
            if left is not None:
                cands.append(Candidate(p, m.end(), left.parent + m.group(), "nested", left.level, parent=left.parent))
            else:
                cands.append(Candidate(p, m.end(), "", "bare", "", pending="dept"))
    if "民航" in found:  # regional bureaus of the civil aviation administration
        for m in CAAC_REGIONAL.finditer(text):
            cands.append(Candidate(m.start(), m.end(), f"中国民用航空{m.group(1)}地区管理局", "nested",
                               parent="中国民用航空局"))
        for m in CAAC_TIBET.finditer(text):
            cands.append(Candidate(m.start(), m.end(), "中国民用航空西藏自治区管理局", "nested", parent="中国民用航空局"))
        for m in CAAC_STATION.finditer(text):
            if r_start.get(m.start(1), (-1,))[0] == m.end(1):  # the station's name is a region's (昌都)
                cands.append(Candidate(m.start(), m.end(), m.group(), "pattern", "", rank=1))
    if "届委员会" in found and r_start:  # 政协北京市第五届委员会: the committee of that region (the session is one of its terms)
        for m in CPPCC_SESSION_HEAD.finditer(text):
            reg = r_start.get(m.end())
            if reg is None:
                continue
            t = SESSION.match(text, reg[0])
            if t is not None:
                ri = reg[1][0]
                cands.append(Candidate(m.start(), t.end(), rules.canonical(ri, rules.cppcc), "regional",
                                   rules.regions[ri].level, ri, rules.cppcc))
    if not found.isdisjoint(VILLAGE_UNITS):  # a village's party branch or committee (业兴庄村党支部)
        villages(text, cands)
    if "等单位" in found or "等部门" in found:
        township_list(text, cands)
    for word, canon in LIST_ONLY_NAMES.items():
        if word in found:
            list_only(text, word, canon, cands)
    if "中央分局" in found:  # the Party Centre's regional bureaus of the 1930s (湘鄂西中央分局)
        named_units(text, "中央分局", (4, 3, 2), "national", cands)
    if "驻" in text:
        for m in EMBASSY.finditer(text):
            if not EMBASSY_GENERIC.search(m.group()):  # 中国驻多国使馆, 中国驻当地使馆: a class of embassies
                cands.append(Candidate(m.start(), m.end(), m.group(), "pattern"))
    if r_start and ("管委会" in found or "管理委员会" in text or "党工委" in text):
        for s, (e, ridx, _full) in r_start.items():
            r = rules.regions[ridx[0]]
            unit = next((u for u in COMMITTEE_UNITS if text.startswith(u, e)), "") if r.name in ZONE_COMMITTEES else ""
            if unit:  # 雄安新区管委会: the region's own committee (it has no people's government)
                c = Candidate(s, e + len(unit), ZONE_COMMITTEES[r.name], "regional", r.level, ridx[0])
                b = COMMITTEE_BUREAU.match(text, c.end)
                if b and not set(b.group()) & (OPEN_STOP | set(LEVEL_CHARS)) and not text.startswith("长", b.end()):
                    # 雄安新区管委会公共服务局: the region's bureau (雄安新区公共服务局), the committee its parent
                    c.nest(b.end(), r.name + WRITTEN_EXPANSIONS.get(b.group(), b.group()))
                cands.append(c)
                continue
            zone = ZONE.match(text, e)
            if zone and not set(zone.group()) & ZONE_STOP:  # 雄安片区管理委员会为雄安新区管理委员会: a clause
                inner = r_start.get(e)
                ri = inner[1][0] if inner is not None else -1
                if ri >= 0 and rules.regions[ri].name in ZONE_COMMITTEES and any(
                        text.startswith(u, inner[0]) and zone.end() == inner[0] + len(u) for u in COMMITTEE_UNITS):
                    # 河北雄安新区管委会: the province's name before the committee's
                    cands.append(Candidate(s, zone.end(), ZONE_COMMITTEES[rules.regions[ri].name], "regional",
                                           rules.regions[ri].level, ri))
                    continue
                cands.append(Candidate(s, zone.end(), text[s:zone.end()], "pattern", r.level, ridx[0]))
    if r_start and "人行" in text:  # 人行河北省分行: 人行 is the People's Bank's short name before its branch's region
        for m in PBOC_SHORT.finditer(text):
            reg = r_start.get(m.end())
            end = branch_end(text, reg[0]) if reg is not None else -1
            if end > 0 and text[end - 2:end] in ("分行", "支行", "理部"):  # 分行 / (中心)支行 / 营业管理部
                c = Candidate(m.start(), m.end(), "中国人民银行", "table", "national")
                c.nest(end, "中国人民银行" + text[m.end():end])
                cands.append(c)


def table_sub_unit(rules: NamingRules, text: str, s: int, e: int, name: str, cands: list[Candidate],
                   t_start: dict) -> bool:
    """A table body written with its parent's name first — as one name (国家体育总局体育彩票管理中心) or as the
    parent's name right before its own (中国气象局国家气候中心) — is a sub-unit (kind ``nested``) of that
    parent, like a sub-unit the rules read (住房和城乡建设部住房保障司): the parent is reported as its own
    ``parent`` mention. Only for rows of type 事业单位 (a unit of a ministry or bureau: ``units``), not for the
    organs of the State Council or the Party Centre (国务院办公厅, 中共中央组织部 stay one table mention). Adds or
    changes the candidate and returns True; False when no parent is written so. ``t_start`` maps a table name's
    start to ``[(end, canonical), …]`` of the table candidates read so far."""
    parent = rules.parent_of.get(name, "")
    if not parent or name not in rules.units:
        return False
    inner = max((pe for pe, canon in t_start.get(s, ()) if canon == parent and pe < e), default=-1)
    if inner > 0:  # the parent's name starts the name: the parent's candidate was read first (shorter)
        c = Candidate(s, inner, parent, "table", rules.alias_level.get(parent, ("national",))[0])
        c.nest(e, name)
        cands.append(c)
        return True
    prev = next((c for c in reversed(cands) if c.kind == "table" and c.end == s and c.agency == parent), None)
    if prev is not None and not prev.parents:  # 中国气象局 + 国家气候中心
        prev.nest(e, name)
        return True
    return False


def police_units(rules: "CandidateFinder", text: str, c: Candidate, r_start) -> None:
    """A police bureau's district 分局 and/or its unit (江门市公安局蓬江区分局刑警大队: the 分局 is named too,
    so it is one level and the 大队 the next), else any sub-unit (福州市公安局经侦支队)."""
    reg = r_start.get(c.end)
    if c.agency and reg is not None and text.startswith("分局", reg[0]):
        c.nest(reg[0] + 2, c.agency + text[c.end:reg[0] + 2])
    unit = next((u for u in POLICE_UNITS if text.startswith(u, c.end)), "")
    if c.agency and unit:
        c.nest(c.end + len(unit), c.agency + unit)
    elif c.kind != "nested":
        rules.subunit(text, c, rounds=1)  # 福州市公安局经侦支队
