"""Candidate mentions in one text, by rule (steps 1–11 of ``analysis.agencies``): table names and their
nested branches, region + department, bare level words, 、-lists, region + 委/局, open local names written
out (武汉市国土房产局), sub-units after a body (…司/处/科/支队) and the pattern finders of
``analysis.agency_patterns``. Candidates overlap; the matcher (``analysis.agency_matcher``) selects and resolves.
"""
from __future__ import annotations

from analysis.agency_naming import NamingRules
from analysis.agency_patterns import (command, foreign, foreign_qualifier, patterns, police_units, table_sub_unit,
                                     township, township_open, may_be_foreign)
from analysis.agency_glue import (foreign_ministry, foreign_sentence, WORLD_WRITTEN, FACILITY_WORDS, MINISTRY_FEN_OK, MINISTRY_WORD_NEXT,
                                  CLAUSE_IN_NAME, weak_conj, foreign_cut, glued_body, SAR_EXPANSIONS,
                                  NOT_A_UNIT, SUBUNIT_CLAUSE, LEVEL_OPEN, BUILDING_NEXT, NOT_GOV_BEFORE, foreign_before)
from analysis.agency_rules import (LEVEL_RE, OPEN, TABLE_NEXT_BLOCK, AUTONOMOUS, NEXT_BLOCK, PLACE_CHU,
                                   OPEN_NOT_GOV, DOMESTIC_PREFIXES, HAN, WORLD_NAMES, NOT_INSTITUTE, bare_ok, Candidate,
                                   SUBUNIT_PARENTS, ALLOW_BEFORE, OPEN_SET_UP, NOT_BEFORE_DEPT, branch_end, NOT_SECTION,
                                   FOREIGN_ABBREV, UNIT_NEXT_BY_END, PREFIXLESS_BEFORE, INTERNAL_STOP, SESSION_BEFORE,
                                   CREDIT_AFTER, NESTING_PARENT_ENDINGS, CREDIT_NAMES, class_start, OPEN_STOP,
                                   WRITTEN_EXPANSIONS, LEVEL_NAME_CHARS, generic_start,
                                   OPEN_INNER_OK, WEAK_BOUNDARY, POST_TITLES, CONGRESS_GROUPS, in_title_marks, NUMERALS,
                                   CANDIDATE_REJECT, SESSION_BODIES, INTERNAL_UNIT, UNIT_NEXT_BLOCK, SUBUNIT, BAN_VERB)
from analysis.agency_table import LEVEL_CHARS


class CandidateFinder(NamingRules):
    """The naming rules plus the rules that find candidate mentions in a text (``candidates``)."""

    def candidates(self, text: str, hits, article=None) -> list[Candidate]:
        """Every candidate mention in ``text`` (``hits`` = ``scan(text)``), overlapping ones included (the
        overlap pass is ``analysis.agency_rules.select_candidates``). ``article``: a function giving the
        article's ``(support, full-name support)`` — codes of the provinces and cities the article names
        (``supports`` of its title, body and source) — called only on need (a weak county name); ``None``: no
        article, the text's own ``supports`` stand in for it (and a former county's 县/区 needs a chain)."""
        support: set[str] | None = None
        named: set[str] | None = None
        regions, templates = self.regions, self.templates
        r_end: dict[int, tuple[int, tuple[int, ...], bool]] = {}
        r_start: dict[int, tuple[int, tuple[int, ...], bool]] = {}
        d_start: dict[int, tuple[int, int, str]] = {}
        f_end: dict[int, tuple[int, str]] = {}  # foreign place names by end: (start, country)
        extra: list[tuple[int, int, tuple]] = []  # township, command and foreign-unit hits
        cands: list[Candidate] = []
        weak: list[tuple[int, int, tuple]] = []
        found: set[str] = set()  # pattern trigger words in the text (``patterns``)
        later: list[tuple[int, int, tuple, tuple]] = []  # bare 省委, short national and table names: pass 2
        for s, e, items in hits:  # pass 1: region names and department variants by position
            for it in items:
                kind = it[0]
                if kind == "R" and (it[2] or text[e - 1] not in "州省市县区" or not foreign_cut(text, s, e)):  # (s14 A4)
                    re_ = e
                    if not it[2] and e < len(text) and text[e] in it[3]:  # (``SHORT_LEVEL`` of its level)
                        if self.regions[it[1][0]].name.endswith(text[e]):
                            re_, it = e + 1, ("R", it[1], True)  # 黔东南州, 民和县: a short name with its level word
                            r_end.setdefault(e, (s, it[1], False))  # 石家庄+市场监管局: the level word shared (A3)
                        elif text[e] in "县区" and (s in r_end or (article is not None and (
                                self.regions[it[1][0]].city in article()[0]
                                or self.regions[it[1][0]].province in article()[0]))
                                or (text[e] == "县" and len(it[1]) == 1 and self.regions[it[1][0]].name.endswith("区")
                                    and (s == 0 or not "\u4e00" <= text[s - 1] <= "\u9fff" or text[s - 1] in WEAK_BOUNDARY))):
                            re_ = e + 1  # 张家口崇礼县 (崇礼区 since 2016): a former county in its city's chain,
                            # in an article that names its city or province, or after a boundary (，崇礼县政府)
                    if it[4] if re_ == e else (re_ - s <= 2 or not it[2]) and self.weak(re_ - s, it[1], it[2]):  # (it[4]: weak())
                        weak.append((s, re_, it))
                        continue
                    if s not in r_start or re_ > r_start[s][0]:
                        r_start[s] = (re_, it[1], it[2])
                    if re_ not in r_end or s < r_end[re_][0]:
                        r_end[re_] = (s, it[1], it[2])
                elif kind == "F":
                    if e not in f_end or s < f_end[e][0]:
                        f_end[e] = (s, it[1])
                elif kind == "D":
                    if s not in d_start or e > d_start[s][0]:
                        d_start[s] = (e, it[1], text[s:e])
                elif kind in ("S", "C", "U", "T", "N"):  # township, command; a foreign body's unit
                    extra.append((s, e, it))
                    if kind != "S" and kind != "C" and kind != "U":
                        later.append((s, e, items, it))
                elif kind == "P":
                    later.append((s, e, items, it))
                elif kind == "X":
                    found.add(it[1])
        kept: dict[tuple[int, ...], tuple[int, ...]] = {}  # inside(ridx, support) by ridx
        for s, e, it in weak:  # a weak county name: a boundary before it, a region chain, or the article's support
            ridx = it[1]
            if s in r_end:  # a chain: only a county inside the region before it (北京 + 大观 is no 大观区 of 安庆)
                ridx = self.inside(ridx, {self.regions[o].code for o in r_end[s][1]})
                if not ridx:
                    continue
            elif not (s == 0 or not "\u4e00" <= text[s - 1] <= "\u9fff" or text[s - 1] in WEAK_BOUNDARY) or weak_conj(text, s):
                # no boundary, or a conjunction after a bracket (市（…）和县人民政府, tester A1): support needed
                support = (article()[0] if article else self.support(hits)) if support is None else support
                if ridx not in kept:  # the same few ordinary words (合作, 中方) again and again: once each
                    kept[ridx] = self.inside(ridx, support)
                ridx = kept[ridx]
                if not ridx:
                    continue
            elif not it[2]:  # a short name (会同国资委, 会同 "together with"; tester A8): its region, if any is named
                named = (article()[1] if article else self.support(hits, full_only=True)) if named is None else named
                if named and not self.inside(ridx, named):
                    continue
            if s not in r_start or e > r_start[s][0]:
                r_start[s] = (e, ridx, it[2])
            if e not in r_end or s < r_end[e][0]:
                r_end[e] = (s, ridx, it[2])
        t_start: dict[int, list[tuple[int, str]]] = {}  # table names by start: (end, canonical)
        for s, e, items, it in later:  # pass 2: table names (nested names look ahead at regions) and bare 省委
            kind = it[0]
            if kind == "P":
                if e < len(text) and text[e] in NEXT_BLOCK["委"]:
                    continue
                if bare_ok(text, s):
                    cands.append(Candidate(s, e, "", "bare", it[2], -1, it[1], "bare"))
            elif kind == "N":
                if s and (text[s - 1] in LEVEL_CHARS or s in r_end or text[s - 1] in "国地"):
                    continue
                d = next((x[1] for x in items if x[0] == "D"), -1)
                cands.append(Candidate(s, e, it[1], "context", "national", template=d, pending="national"))
            elif kind == "T":
                name = text[s:e]
                if (name.endswith("部") and e < len(text) and text[e] in MINISTRY_WORD_NEXT
                        and not text.startswith(MINISTRY_FEN_OK, e)) or (
                        name in TABLE_NEXT_BLOCK and text.startswith(TABLE_NEXT_BLOCK[name], e)) or text.startswith(
                        BUILDING_NEXT, e):
                    continue  # 公安部门 (generic), 完善中央银行制度 (a concept), 萨那的国防部大楼 (a building, s14 A4)
                if name in WORLD_WRITTEN and text.startswith(WORLD_WRITTEN[name], e) and foreign_sentence(text, s, e):
                    continue  # 以色列议会…削弱最高法院权力: another country's supreme court
                if name.endswith("部") and s and foreign_ministry(text, s, e):
                    continue  # 新加坡副总理兼财政部长, 美国司法部…。目前，司法部已经…: another country's ministry
                if s and (not name.startswith(DOMESTIC_PREFIXES) or name in WORLD_NAMES) and (
                        foreign_before(text, s) or (may_be_foreign(text, s, f_end)
                                                    and -1 < foreign_qualifier(text, s, f_end) < s)):
                    continue  # 美国国防部, 韩国国土交通部: a foreign ministry (its own candidate), not China's
                if it[1] in CREDIT_NAMES and (CREDIT_AFTER.match(text, e) or text.endswith(("据", "（", "(", "来源："), 0, s)):
                    continue
                if self.parent_of.get(it[1]) and table_sub_unit(self, text, s, e, it[1], cands, t_start):
                    continue  # (only a body with a parent row can be one)
                g = class_start(text, s) if s and (text[s - 1] in LEVEL_CHARS or text[s - 1] == "级") else -1
                if g >= 0 and self.alias_level.get(it[1], ("national",))[0] == "national":
                    cands.append(Candidate(g, e, "", "bare", "national", pending="generic"))  # 各市人民银行
                    continue
                t = SESSION_BEFORE.search(text, max(0, s - 4), s) if it[1] in SESSION_BODIES else None
                cands.append(Candidate(t.start() if t else s, e, it[1], "table",
                                       self.alias_level.get(it[1], ("national",))[0]))
                t_start.setdefault(s, []).append((e, it[1]))
                self._nested(text, cands[-1], r_start)
        n = len(text)
        for s, (e, ti, variant) in d_start.items():
            block = NEXT_BLOCK.get(variant)
            if block and e < n and text[e] in block:
                continue
            if variant == "公安" and e + 1 < n and text[e:e + 2] in ("部门", "机关", "系统"):
                continue
            reg = r_end.get(s)
            if (reg is None and s > 1 and text[s - 1] in LEVEL_CHARS and (s - 1) in r_end and r_end[s - 1][2]
                    and self.regions[r_end[s - 1][1][0]].name.endswith(text[s - 1])):
                reg = r_end[s - 1]  # 黄山市市政府, 泗水县县政府: the region's level word written again
            if reg is None and variant in ("人大", "人大常委会", "人大常委", "政协"):
                t = SESSION_BEFORE.search(text, max(0, s - 4), s)
                if t is not None and t.start() in r_end:
                    reg = r_end[t.start()]  # 重庆第三届人大: the term between the region and its congress
            if reg is not None:
                rs, ridx, is_full = reg
                c = self._regional(text, rs, s, e, ridx, ti, r_end, variant)
                if templates[ti]["key"] == "party_banner" and c.region >= 0 and regions[c.region].level != "county":
                    continue  # 河北 + 区委: a province has no 区委 (河北区委 is 天津市河北区's, region + 委; A7)
                if (not is_full and c.agency and not templates[ti].get(regions[c.region].level if c.region >= 0 else "")
                        and variant not in WRITTEN_EXPANSIONS):  # 北京经信局 → 北京市经济和信息化局 (tester-s14 A4)
                    c.agency = text[rs:e]  # 南京车管所, 上海银监局: a name kept as written keeps its short region
                if variant.endswith("分局") and c.region >= 0 and regions[c.region].level != "county":
                    # 朝阳公安分局: a district's branch, not the city's bureau (朝阳市公安局) — kept as written
                    c.agency, c.level, c.region = text[rs:e], "county", -1
                cands.append(c)
                if templates[ti]["key"] == "ps":
                    police_units(self, text, c, r_start)
                else:
                    self.subunit(text, c)
                continue
            if templates[ti]["key"] == "party_banner":
                continue  # 旗委 / 区委 / 县委 only right after their region (乌审旗旗委, 石景山区区委)
            place = r_start.get(s)
            if place is not None and place[0] > e:
                continue  # a place whose name holds a department word (公安县) is a place
            g = generic_start(text, s - 1) if s > 0 and text[s - 1] in LEVEL_CHARS else -1
            if g >= 0:  # 各区卫生健康委, 市、县政府: a class of bodies, dropped by the matcher
                cands.append(Candidate(g, e, "", "bare", LEVEL_CHARS[text[s - 1]], -1, ti, "generic"))
            elif s > 2 and text.endswith(tuple(AUTONOMOUS), s - 3, s) and bare_ok(text, s - 3):
                cands.append(Candidate(s - 3, e, "", "bare", AUTONOMOUS[text[s - 3:s]], -1, ti, "bare"))
            elif s > 0 and text[s - 1] in LEVEL_CHARS and bare_ok(text, s - 1):
                cands.append(Candidate(s - 1, e, "", "bare", LEVEL_CHARS[text[s - 1]], -1, ti, "bare"))
                self._bare_subunit(text, cands[-1])
            elif (((variant in ("人大", "政协") and text.startswith(POST_TITLES, e))
                   or (variant == "人大常委会" and text.startswith(CONGRESS_GROUPS, e)))
                  and (s == 0 or not HAN.match(text[s - 1]) or text[s - 1] in ALLOW_BEFORE)):
                # 政协副主席姜之厚, 人大副主任刘新东, 人大常委会执法检查组: the body of the document's region
                group = next((g for g in CONGRESS_GROUPS if text.startswith(g, e)), "") if variant == "人大常委会" else ""
                cands.append(Candidate(s, e + len(group), "", "bare", "", -1, ti, "prefixless", tail=group))
            elif s > 0 and text[s - 1] == "、":
                cands.append(Candidate(s, e, "", "list", "", -1, ti, "list"))
            elif self.prefixless_ok(ti, variant) and (s == 0 or not "\u4e00" <= text[s - 1] <= "\u9fff"
                                                     or (text[s - 1] in ALLOW_BEFORE and text[s - 1] != "等")
                                                     or text.endswith(PREFIXLESS_BEFORE, 0, s)
                                                     or (len(variant) >= 3 and text[s - 1] not in NOT_BEFORE_DEPT
                                                         and s not in f_end and text[s - 1] not in FOREIGN_ABBREV)):
                cands.append(Candidate(s, e, "", "bare", "", -1, ti, "prefixless"))
        # region + 委 (海南省委) and region + 局 (海南局)
        for e, (rs, ridx, is_full) in r_end.items():
            if e >= n or e in d_start:
                continue
            ch = text[e]
            if ch == "委" and is_full and not (e + 1 < n and text[e + 1] in NEXT_BLOCK["委"]):
                c = self._regional(text, rs, e, e + 1, ridx, self.party, r_end, "委")
                cands.append(c)
            elif ch == "局" and not (e + 1 < n and "\u4e00" <= text[e + 1] <= "\u9fff" and text[e + 1] in "长势面部限域"):
                ri = ridx[0]
                if len(ridx) == 1 and regions[ri].level in ("provincial", "municipal"):
                    cands.append(Candidate(rs, e + 1, "", "context", regions[ri].level, ri, -1, "bureau"))
        self._open(text, cands, r_end, r_start, d_start)
        if "镇" in found or "乡" in found or "街道" in text:
            township_open(self, text, cands, r_end)
        self._bare_open(text, cands, d_start)
        patterns(self, text, cands, r_start, found)
        for s, e, it in extra:
            if it[0] == "S":
                township(text, s, e, it[1], it[2], cands, r_end)
            elif it[0] == "C":
                cmd = command(text, s, e)
                if cmd is not None:
                    cands.append(cmd)
                    self.subunit(text, cmd, rounds=1)  # …指挥部学校防控组
            elif may_be_foreign(text, s, f_end):
                # "U" unit, "T"/"N" table name: a foreign body when a foreign place is written before it — a
                # place name (``f_end``) or 美/俄 … (``foreign_qualifier``: only where ``may_be_foreign``); else none
                foreign(self, text, s, e, f_end, r_end, cands)
        return cands

    def unit_ok(self, text: str, m) -> bool:
        """Checks shared by open names and sub-units: no clause word inside, no longer word after the unit."""
        name, end = m.group(), m.end()
        if (name[0] in OPEN_INNER_OK or name[0] in "全各该本每"
                or set(m.group("mid").replace("长江", "").replace("特派", "")) & OPEN_STOP):  # 审计局驻建设口特派办
            return False
        if (set(name) & NUMERALS and "第" not in name) or CLAUSE_IN_NAME.search(name):  # 北京一公安局; 围绕中心 (s14 A4)
            return False
        if end < len(text) and (text[end] in UNIT_NEXT_BLOCK or text[end] in UNIT_NEXT_BY_END.get(name[-1], ())):
            return False
        if name.endswith("办") and (len(name) < 3 or name[-2] in BAN_VERB):
            return False
        if name.endswith(("政委", "常委", "编委")) or name.endswith("委") and (len(name) < 3 or name[-2] in LEVEL_NAME_CHARS):
            return False  # 河南制定省委: a bare 省委 after a clause
        if name.endswith("处") and (len(name) < 3 or name[-2] in PLACE_CHU):
            return False
        if name.endswith("科") and (len(name) < 3 or name[-2] in NOT_SECTION):
            return False
        if name.endswith("所") and (len(name) < 3 or name[-2] in NOT_INSTITUTE):
            return False
        return name.endswith(("法院", "检察院", "邮政局")) or not CANDIDATE_REJECT.search(name)

    def _open(self, text: str, cands: list[Candidate], r_end, r_start_of, d_start=()) -> None:
        """Full local names with a department the templates do not know (武汉市国土房产局, 北京高级法院): the
        region's full name + the rest as written; a shared district name is resolved from the article. Not
        where the region's level word starts a department (石家庄市场监管局 = 石家庄 + 市场监管局, tester A3)."""
        for e, (rs, ridx, full) in r_end.items():
            if (e >= len(text) or not "\u4e00" <= text[e] <= "\u9fff" or text[e] in LEVEL_NAME_CHARS  # (OPEN: Chinese)
                    or text.startswith(("自治", "地区"), e) or r_start_of.get(rs, (e,))[0] > e or (e - 1) in d_start):
                continue  # 上海 + 市科委, 新疆 + 自治区党委: the longer region name is read instead
            r = self.regions[ridx[0]]
            m = OPEN.match(text, e)
            if not full and r.level == "county" and (m is None or not m.group().endswith(("分局", "派出所"))
                                                     or len(m.group()) > 6):
                continue  # a district's short name only before its branch of a city bureau (海淀工商分局) or a
                # police station (赤壁水陆派出所)
            if (m is None or not self.unit_ok(text, m) or in_title_marks(text, rs)
                    or any(w in m.group() for w in OPEN_NOT_GOV) or OPEN_SET_UP.search(m.group("mid"))
                    or (m.group().endswith("中心") and any(w in m.group("mid") for w in FACILITY_WORDS))
                    or text.endswith(NOT_GOV_BEFORE, 0, rs)  # 人民医院雄安健康管理中心: the hospital's centre
                    or any(x in r_start_of for x in range(e, m.end())) or glued_body(m.group(), self._names_region)):
                continue  # a region named inside (乌鲁木齐专门听取新疆维吾尔自治区党委) has its own rules
            c = self._regional(text, rs, e, m.end(), ridx, -1, r_end, m.group())
            if not full and c.agency:
                c.agency = text[rs:m.end()]  # 广东海事局, 北京高级法院: a short region name is kept as written
            c.rank = 1
            cands.append(c)
            self.subunit(text, c)  # 杭州市建设工程质监总站总师办

    def _bare_open(self, text: str, cands: list[Candidate], d_start) -> None:
        """A bare level word + a department the templates do not know (市土地整理储备中心, 区民政局最低生活保障
        管理服务中心 → 区民政局 first): the body of the article's city / county, named as written."""
        for lm in LEVEL_OPEN.finditer(text):  # only level words an open name follows (≈ 1 in 40 of them)
            i = lm.start()
            if text[i + 1] in "场区长委域级" or (i + 1) in d_start or i in d_start:
                continue
            m = OPEN.match(text, i + 1)  # the name the lookahead saw; the cheap tests first, then bare_ok
            if (m is None or len(m.group("mid")) < 2 or not self.bare_unit_ok(m.group()) or any(w in m.group() for w in OPEN_NOT_GOV)
                    or not bare_ok(text, i) or not self.unit_ok(text, m) or glued_body(m.group(), self._names_region)):
                continue
            cands.append(Candidate(i, m.end(), "", "bare", LEVEL_CHARS[lm.group()], -1, -1, "bare", where=m.group(), rank=1))

    def _bare_subunit(self, text: str, c: Candidate) -> None:
        """A sub-unit written after a bare form (市住保办政策计划处, 省公安厅经侦总队): the span grows now, the name once
        the bare form is resolved (``tail``)."""
        if not text[c.start:c.end].endswith(SUBUNIT_PARENTS + ("办公室",)):
            return
        m = SUBUNIT.match(text, c.end)
        if m is not None and self.unit_ok(text, m) and m.group() not in self.alias_level \
                and not m.group().startswith(NOT_A_UNIT):
            c.tail, c.end = m.group(), m.end()

    def subunit(self, text: str, c: Candidate, rounds: int = 2) -> None:
        """A sub-unit written right after a body (住房和城乡建设部住房保障司, 福建省公安厅经侦总队): its own agency
        named as written after the body's canonical name, with the body as ``parent``."""
        for _ in range(rounds):
            if not c.agency or not (c.agency.endswith(SUBUNIT_PARENTS) or self.sar_government(c)) or c.pending:
                return  # 香港特别行政区政府 + 入境事务处: a SAR government's department (tester A5)
            m = SUBUNIT.match(text, c.end)
            if (m is None or not self.unit_ok(text, m) or m.group() in self.alias_level
                    or self._names_region(m.group()) or SUBUNIT_CLAUSE.search(m.group())
                    or m.group().startswith(NOT_A_UNIT)):
                return  # 国家林业和草原局 + 国务院扶贫办 (a signature line): another body, no sub-unit
            c.nest(m.end(), c.agency + m.group())

    def _names_region(self, words: str) -> bool:
        """Does ``words`` (a would-be sub-unit) hold the full name of a province or city? Then it is another
        body or a clause, not a unit of the one before: signature lines written without a break
        (河北省工业和信息化厅 + 河北省发展和改革委员会), 河北省工业和信息化厅 + 负责河北省工业设计中心. A would-be
        sub-unit that starts with a table name is another body too (国家林业和草原局 + 国务院扶贫办)."""
        hits = self.scan(words)
        if words.endswith("局") and any(s == 0 and e == len(words) and it[0] == "D" for s, e, items in hits
                                        for it in items):
            return True  # 住房和城乡建设部气象局林草局: 气象局 is a body of its own (a signature line, tester A8)
        return any(self.regions[ri].level != "county" for _s, _e, ridx, full in self.region_hits(hits)
                   if full for ri in ridx) or any(s == 0 and it[0] == "T" for s, _e, items in hits for it in items)

    def _regional(self, text, rs, s, e, ridx, ti, r_end, variant) -> Candidate:
        """The body of region ``ridx`` (written ``text[rs:s]``) + department ``text[s:e]`` (rule ``ti``, -1 for an
        open name): a region chain before it belongs to the mention; a shared district name waits for context."""
        start = rs
        # a chain of region names, each inside the one before (广东江门蓬江警方), or a party prefix (中共海南省委)
        # belongs to the mention; 会同河北省 (会同县 is elsewhere) is no chain
        inner = ridx
        while start in r_end:
            outer_s, outer, _full = r_end[start]
            codes = {self.regions[o].code for o in outer}
            if not any(self.regions[i].province in codes or self.regions[i].city in codes for i in inner):
                break
            start, inner = outer_s, outer
        if self.templates[ti]["key"].startswith("party") and text[max(0, start - 2):start] == "中共":
            start -= 2
        ri = ridx[0]
        if len(ridx) > 1:  # a full name shared by several regions (鼓楼区): the one inside the chain, else the
            outer = r_end.get(rs)  # one the article names the city or province of (resolved in match_article)
            codes = {self.regions[o].code for o in outer[1]} if outer is not None else set()
            inside = [i for i in ridx if self.regions[i].city in codes or self.regions[i].province in codes]
            if len(inside) != 1:
                return Candidate(start, e, "", "regional", self.regions[ri].level, -1, ti, "ambig",
                             where=variant, choices=tuple(ridx))
            ri = inside[0]
        r = self.regions[ri]
        name = self.canonical(ri, ti, variant=variant) if ti >= 0 else self.label(ri) + (
            SAR_EXPANSIONS.get(variant, variant) if r.code[:2] in ("81", "82")  # 香港特区国安委
            else WRITTEN_EXPANSIONS.get(variant, variant))  # 雄安新区改发局 → 雄安新区改革发展局
        return Candidate(start, e, name, "regional", r.level, ri, ti)

    def _branch_region(self, written: str, ridx: tuple[int, ...]) -> str:
        """The region of a branch written after its national body: as written, but a district written without
        its city takes it (国家税务总局河北区税务局 → 国家税务总局天津市河北区税务局, as 河北区税务局 is named; A7)."""
        r = self.regions[ridx[0]]
        return self.label(ridx[0]) if len(ridx) == 1 and written == r.name else written

    def _nested(self, text: str, c: Candidate, r_start) -> None:
        """国家外汇管理局海南省分局 / 中国人民银行常德市中心支行 / 公安部治安管理局 → own entity with a parent."""
        if c.level != "national":
            return
        e = c.end
        reg = r_start.get(e)
        if reg is not None:
            for _ in range(2):  # 国家税务总局 + 贵州省税务局 + 贵州双龙航空港经济区税务局: up to two levels
                end = branch_end(text, reg[0])
                if end < 0:
                    break
                c.nest(end, c.agency + self._branch_region(text[c.end:reg[0]], reg[1]) + text[reg[0]:end])
                reg = r_start.get(end)
                if reg is None:
                    break
            if c.kind == "nested":
                self.subunit(text, c, rounds=1)  # 人民银行成都分行征信管理处
            return
        if not c.agency.endswith(NESTING_PARENT_ENDINGS):
            return self.subunit(text, c)
        m = INTERNAL_UNIT.match(text, e)
        if (m and not (set(m.group()) & INTERNAL_STOP) and m.group() not in self.alias_level
                and not CANDIDATE_REJECT.search(m.group()) and not self._names_region(m.group())):
            c.nest(m.end(), c.agency + m.group())
        self.subunit(text, c)
