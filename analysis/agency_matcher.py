"""``AgencyMatcher``: every agency mention of one article — candidates by rule (``analysis.agency_candidates``),
the overlap pass, then resolution from context: bare 省/市 forms and bare departments to the document's own
region (title, source / issuer) or the nearest region named, 、-list items to the body before them, short forms
of national bodies only where the article names the body in full, region + 局 to the bureau the article is
about, bare township forms to the township named. The rules are listed in ``analysis.agencies``.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from typing import Any, ClassVar

import pandas as pd

from analysis.agency_candidates import CandidateFinder
from analysis.agency_glue import (CLASS_MEMBERS, CLASS_WORDS, MANY_PER_COUNTY, POLICE_BRANCH, in_class_list,
                                  weak_conj)
from analysis.agency_rules import (ADDRESS_AFTER, ALLOW_BEFORE, AUTONOMOUS, COMPOUND_AFTER, HAN, WEAK_BOUNDARY,
                                   Candidate, select_candidates, township_unit, unit_kind)
from analysis.agency_table import load_agencies, table_digest


#: A character every ``ADDRESS_AFTER`` match at ``e`` holds in ``text[e + 1:e + 10]`` (the last of 街 / 路 / 巷 / 大街 /
#: 大道 / 胡同 after 1–8 name characters): without one the regex is not tried (the same result, less CPU).
ADDRESS_WORDS = re.compile("[街路巷道同]")
#: Distinct source / issuer lines whose ``AgencyMatcher.source_facts`` are kept (a few MB at most).
SOURCE_CACHE = 4096
#: A province-level government's own web host (``<pinyin>.gov.cn`` and its sub-hosts: rst.hebei.gov.cn is the
#: 河北省人力资源和社会保障厅's site) → the region it stands for. Only the full pinyin names (unambiguous; 山西
#: shanxi / 陕西 shaanxi as the official romanisation spells them), not the short forms some portals use. A source
#: column holding a host name (crawler exports: 来源网站 = URL, reduced to its host by the loader) gives the
#: articles their region context, as a source line naming 河北省 does (fresh tester / agfix4, 30 Nov: without it
#: 60 省… forms of the Hebei 人社 CSV lost their province once a portal footer naming 河北人社 was removed).
GOV_HOST_REGIONS: dict[str, str] = {
    "beijing": "北京市", "tianjin": "天津市", "hebei": "河北省", "shanxi": "山西省", "neimenggu": "内蒙古自治区",
    "liaoning": "辽宁省", "jilin": "吉林省", "heilongjiang": "黑龙江省", "shanghai": "上海市", "jiangsu": "江苏省",
    "zhejiang": "浙江省", "anhui": "安徽省", "fujian": "福建省", "jiangxi": "江西省", "shandong": "山东省",
    "henan": "河南省", "hubei": "湖北省", "hunan": "湖南省", "guangdong": "广东省", "guangxi": "广西壮族自治区",
    "hainan": "海南省", "chongqing": "重庆市", "sichuan": "四川省", "guizhou": "贵州省", "yunnan": "云南省",
    "xizang": "西藏自治区", "shaanxi": "陕西省", "gansu": "甘肃省", "qinghai": "青海省", "ningxia": "宁夏回族自治区",
    "xinjiang": "新疆维吾尔自治区",
}
_GOV_HOST = re.compile(r"(?:^|[./])(" + "|".join(GOV_HOST_REGIONS) + r")\.gov\.cn(?:$|[/:?#])")


def host_region(source: str) -> str:
    """The region a source that is a province-level government host names (``rst.hebei.gov.cn`` → 河北省,
    :data:`GOV_HOST_REGIONS`), or ``""`` — also for a source with Chinese text (its own words decide)."""
    if not source or not source.isascii():
        return ""
    m = _GOV_HOST.search(source.strip().lower())
    return GOV_HOST_REGIONS[m.group(1)] if m else ""


@dataclass(frozen=True, slots=True)
class Mention:
    """One agency mention in one field of an article, as ``AgencyMatcher.match_article`` returns it; the fields
    are the columns of ``analysis.agency_mentions.find_mentions`` that the article alone decides (that frame adds
    ``row``, ``id`` and ``sentence``). ``m["agency"]`` reads a field by its column name (``== m.agency``)."""

    agency: str      # canonical name; "" when a bare form could not be resolved
    surface: str     # as written, ``text[start:end]``
    field: str       # "title" | "body"
    start: int       # character offsets in that field
    end: int
    resolved: bool
    level: str       # national / provincial / municipal / county / township / foreign / ""
    region: str      # the region's name (a foreign body's country, 全国 for a national pattern), else ""
    kind: str        # an ``analysis.agency_rules.Kind``: table / regional / bare / list / nested / parent / context /
    #                  pattern / township / foreign
    parent: str      # a sub-unit's parent body, else ""

    def __getitem__(self, column: str) -> Any:
        """The field named ``column`` (``KeyError`` for a name that is not a field)."""
        if column not in self.__dataclass_fields__:
            raise KeyError(column)
        return getattr(self, column)


@dataclass(slots=True)
class _Draft:
    """A mention while its article is read: what is still to resolve once every mention is known —
    ``pending`` ("" | national | bureau | township), the candidate's ``region_index`` (into ``regions``, -1
    when none) and ``where`` (the place its name carries: 大良街道, a country)."""

    mention: Mention
    pending: str
    region_index: int
    where: str


class AgencyMatcher(CandidateFinder):
    """A compiled matcher over one agency table and the project's regions and naming rules. Build once
    (``default()`` or ``from_table``); ``match_article`` only reads it, so one matcher serves every thread."""

    _DEFAULT: ClassVar[dict | None] = None  # class-level cache: table digest -> matcher

    # --- construction ---------------------------------------------------------------------------------
    @classmethod
    def default(cls) -> "AgencyMatcher":
        """The matcher over the project's table merged with the user's edits, built once per table content."""
        table = load_agencies()
        digest = table_digest(table)
        if cls._DEFAULT is None:
            cls._DEFAULT = {}
        if digest not in cls._DEFAULT:
            cls._DEFAULT.clear()
            cls._DEFAULT[digest] = cls.from_table(table, key=digest)
        return cls._DEFAULT[digest]


    @classmethod
    def from_table(cls, table: pd.DataFrame, *, key: str = "custom") -> "AgencyMatcher":
        """Compile ``table`` (validated agency table) with the project's regions and naming rules."""
        return cls(key=key, **cls.compile(table))

    # --- region context -------------------------------------------------------------------------------------
    def _context_regions(self, text: str, hits) -> list[tuple[int, int, bool]]:
        """(position, region index, is_full) of region names in a text, in order; names shared by several
        regions (unless inside their city: 北京市朝阳区), short names below province level and weak county
        names inside a word (城市和县) are skipped."""
        out = []
        ends: dict[int, tuple[int, ...]] = {}
        for s, e, ridx, full in self.region_hits(hits):
            if self.weak(e - s, ridx, full) and s not in ends and (
                    weak_conj(text, s) or (s and HAN.match(text[s - 1]) and text[s - 1] not in WEAK_BOUNDARY)):
                continue  # 城市和县, 市（…）和县: no county named here
            if (s and s not in ends and text.startswith(COMPOUND_AFTER, e) and text[s - 1] not in ALLOW_BEFORE
                    and HAN.match(text[s - 1]) and all(self.regions[i].level == "county" for i in ridx)):
                continue  # 重点河口区建设: an ordinary noun + 区 heading a compound noun, no district named
            if ADDRESS_WORDS.search(text, e + 1, e + 10) and ADDRESS_AFTER.match(text, e):
                continue  # 西城区枣林前街: a mailing address, not the region the text is about
            if s and text[s - 1] in "含括、" and CLASS_MEMBERS.search(text, max(0, s - 40), s):
                continue  # 各市（含定州、辛集市）: members of a class of bodies, no region the text is about
            ends[e] = ridx
            if len(ridx) > 1 and full and s in ends:  # 北京市朝阳区: the shared name inside its city
                codes = {self.regions[o].code for o in ends[s]}
                inside = [i for i in ridx if self.regions[i].city in codes or self.regions[i].province in codes]
                ridx = tuple(inside) if len(inside) == 1 else ridx
            # short names only for provinces: 合作 (合作市), 巴中 (在巴中国…), 光明 are ordinary words
            if len(ridx) == 1 and (full or self.regions[ridx[0]].level == "provincial"):
                out.append((s, ridx[0], full))
        out.sort()
        return out


    def _resolve_prefixless(self, c: Candidate, text: str, own_doc) -> None:
        """A department named without region or level word (教育局, 住建委): the body of the document's own
        region — the first region the title names, else the source / issuer — at that region's level, when
        the written unit fits that level's name (教育局 is no province's 教育厅); otherwise unresolved. A sub-unit
        written after it (``c.tail``: 人大常委会执法检查组) becomes the sub-unit of the resolved body."""
        variant = text[c.start:c.end - len(c.tail)]
        t = self.templates[c.template]
        if t["key"] in MANY_PER_COUNTY:
            return  # 基层派出所: one of many, stays unresolved
        for ctx in own_doc:
            for _p, ri, _full in ctx:
                r = self.regions[ri]
                lv = "municipal" if r.is_municipality else r.level
                fmt = t.get(lv) or ""
                if fmt and unit_kind(variant) and unit_kind(fmt) != unit_kind(variant):
                    continue
                c.region, c.level, c.pending = ri, r.level, ""
                c.agency = self.canonical(ri, c.template, lv, variant)
                if c.tail:  # 人大常委会执法检查组: the group of the resolved body
                    c.end -= len(c.tail)
                    c.nest(c.end + len(c.tail), c.agency + c.tail)
                return

    def _resolve(self, pos: int, level: str, own, others) -> int:
        """Nearest fitting region (full or unambiguous short name): before ``pos`` in its own text, then in
        the other texts (title, source), then after ``pos``; -1 when none fits."""
        for p, ri, _full in reversed(own):
            if p < pos:
                f = self.fits(ri, level)
                if f >= 0:
                    return f
        for other in others:
            for p, ri, _full in other:
                f = self.fits(ri, level)
                if f >= 0:
                    return f
        for p, ri, _full in own:
            if p > pos:
                f = self.fits(ri, level)
                if f >= 0:
                    return f
        return -1

    def _rejoin_lines(self, text: str, chosen: list[Candidate]) -> list[Candidate]:
        """Names broken by a line end (中国银行保险监督管理⏎委员会河北监管局): a mention on a line that starts
        with Chinese words only (no name ending the line before) is the tail of a longer name when the text
        read without the break (up to 30 characters before it) gives a resolved name ending where the mention ends and starting before the break — that name replaces it
        (with the original offsets), and mentions inside its span are dropped; otherwise nothing changes."""
        out: list[Candidate] = []
        for c in chosen:
            nl = text.rfind("\n", max(0, c.start - 30), c.start + 1) if c.agency else -1
            if (nl < 1 or not "\u4e00" <= text[nl - 1] <= "\u9fff" or not all("\u4e00" <= ch <= "\u9fff" for ch in text[nl + 1:c.start])
                    or (out and out[-1].end >= nl)):  # 国家税务总局⏎河北省税务局: the line before ends a name
                out.append(c)
                continue
            lo = max(0, nl - 30, out[-1].end if out else 0)  # from the end of the name before it on that line
            pos = [i for i in range(lo, c.end) if text[i] not in "\r\n"]
            joined = "".join(text[i] for i in pos)
            brk = pos.index(nl + 1) if nl + 1 < c.end else len(pos)  # index in ``joined`` of the line's start
            whole = next((x for x in select_candidates(self.candidates(joined, self.scan(joined)), len(joined))
                          if x.end == len(joined) and x.start < brk and x.agency and not x.pending), None)
            if whole is None:
                out.append(c)
                continue
            whole.parents = [(pos[e - 1] + 1, n, p) for e, n, p in whole.parents]
            whole.start, whole.end = pos[whole.start], c.end
            out = [o for o in out if o.end <= whole.start]
            out.append(whole)
        return out

    def source_facts(self, source: str) -> tuple[list, list, set[str], set[str]]:
        """What an article's source / issuer line gives the matching of its title and body: ``(automaton hits,
        context regions, support, support by full names)`` (``scan``, ``_context_regions``, ``supports``) — a
        function of that line alone, so it is kept per distinct line (sources repeat across articles: 新闻联播,
        one issuer for a whole CSV); the cache forgets everything once it holds ``SOURCE_CACHE`` lines. The
        caller only reads the result."""
        got = self.source_cache.get(source)
        if got is None:
            hits = self.scan(source)
            got = (hits, self._context_regions(source, hits), *self.supports(hits))
            if len(self.source_cache) >= SOURCE_CACHE:
                self.source_cache.clear()
            self.source_cache[source] = got
        return got

    # --- public -----------------------------------------------------------------------------------------------

    def match_article(self, title: str, body: str, source: str = "") -> list[Mention]:
        """The mentions in one article (:class:`Mention`: agency, surface, field, start, end, resolved, level,
        region, kind, parent), title first, each field in text order (a sub-unit followed by its parents).
        ``source`` is only used to resolve bare forms, never searched for mentions; a province-level government
        host (``rst.hebei.gov.cn``) reads as the region it stands for (:func:`host_region`)."""
        if region := host_region(source):
            source = f"{source} {region}"
        fields = [("title", title or ""), ("body", body or "")]
        raws = [self.scan_raw(t) for _f, t in fields]
        scanned = [(f, t, r[0]) for (f, t), r in zip(fields, raws)]
        # region context of title and body (``_context_regions``): only bare forms need it, so it is read on
        # first need — the same lists, not computed for the many articles without a bare form
        contexts: dict[str, list] = {}

        def context(field: str) -> list:
            if field not in contexts:
                contexts[field] = next(self._context_regions(t, h) for f, t, h in scanned if f == field)
            return contexts[field]

        src_hits, src_ctx, src_support, src_named = self.source_facts(source)
        facts: list[tuple] = []

        def article() -> tuple:
            """The article's support (title, body and source) and its full-name support (``supports``), computed
            on first need: only weak county names and shared district names read them (``article_support``)."""
            if not facts:
                facts.append(self.article_support([r[1] for r in raws], src_support, src_named))
            return facts[0]

        # national bodies named in full (国家统计局): their short forms (统计局) count as them (the set is built
        # when the first short form is met)
        full_named: set[str] | None = None
        out: list[_Draft] = []
        for f, text, hits in scanned:
            if not hits:
                continue
            chosen = self._rejoin_lines(text, select_candidates(self.candidates(text, hits, article),
                                                                len(text)))
            prev: Candidate | None = None
            for c in chosen:
                if c.pending == "generic":
                    continue  # 各区卫生健康委, 市、县政府: a class of bodies — it only keeps its fragments out
                # 各市（含定州、辛集市）教育局、科技局: each city's bureaus — read like the list's first item, which no
                # body of the document's region fits: an unresolved mention, never the province's (tester-s13 A1)
                in_class = c.pending in ("national", "prefixless", "list") and in_class_list(text, c.start)
                if c.pending == "national":
                    if full_named is None:
                        full_named = {it[1] for _f, _t, h in scanned for _s, _e, items in h for it in items
                                      if it[0] == "T"}
                    if c.agency in full_named:
                        c.pending = ""
                    elif c.template >= 0 and self.prefixless_ok(c.template, text[c.start:c.end]):
                        c.agency, c.kind, c.level, c.pending = "", "bare", "", "prefixless"
                    else:
                        continue
                if c.pending == "list":
                    # inherit from the mention right before the 、 when it is a regional department name
                    left = prev if prev is not None and prev.end == c.start - 1 and prev.template >= 0 else None
                    if in_class and left is not None and left.pending == "class":
                        c.pending = ""  # the next item of a class list: made unresolved below
                    elif (left is not None and left.pending == "prefixless"
                            and self.prefixless_ok(c.template, text[c.start:c.end])):
                        c.pending, c.kind, c.level = "prefixless", "bare", ""
                    elif left is not None and (left.region >= 0 or left.pending == "bare"):
                        c.level, c.region = left.level, left.region
                        c.pending = "bare" if left.region < 0 else ""
                        c.kind = "list"
                        if c.region >= 0:
                            c.agency = self.canonical(c.region, c.template, c.level, text[c.start:c.end])
                    else:
                        continue
                if c.pending == "bare":
                    # the document's own region first (title, then source / issuer), then the nearest in the text
                    own_doc = [context(o) for o in ("title", "body") if o != f] + [src_ctx]
                    ri = self._resolve(-1, c.level, [], own_doc)
                    if ri < 0 and CLASS_WORDS.get(c.level, "\0") not in text:
                        ri = self._resolve(c.start, c.level, context(f), [])
                    if ri >= 0 and self.bare_resolves(c, ri):  # 市中医管理局 outside Beijing: reported unresolved
                        c.region = ri
                        variant = text[c.start + (3 if text.startswith(tuple(AUTONOMOUS), c.start) else 1):
                                       c.end - len(c.tail)]
                        c.agency = (self.canonical(ri, c.template, c.level, variant) if c.template >= 0
                                    else self.label(ri) + variant)
                        c.pending = ""
                        if c.tail:  # 省公安厅经侦总队: the sub-unit of the resolved body
                            c.end -= len(c.tail)
                            c.nest(c.end + len(c.tail), c.agency + c.tail)
                elif c.pending == "prefixless":
                    self._resolve_prefixless(c, text, [context(o) for o in ("title", "body") if o != f] + [src_ctx])
                elif c.pending == "ambig":
                    sup = article()[0]
                    pick = [i for i in c.choices if self.regions[i].city in sup] or [
                        i for i in c.choices if self.regions[i].province in sup]
                    if len(pick) == 1:
                        c.region, c.pending = pick[0], ""
                        c.agency = (self.canonical(pick[0], c.template, variant=c.where) if c.template >= 0
                                    else self.label(pick[0]) + c.where)
                        if c.template >= 0 and self.templates[c.template]["key"] != "ps":
                            self.subunit(text, c)
                if in_class and c.pending == "":
                    c.agency, c.kind, c.level, c.region, c.parent, c.pending = "", "bare", "", -1, "", "class"
                prev = c
                if c.kind != "table" and c.agency in self.local_names:
                    c.agency = self.local_names[c.agency]  # 省政务服务办 → 河北省政务服务办 → the table's name
                region = self.region_name(c)
                out.append(_Draft(Mention(c.agency, text[c.start:c.end], f, c.start, c.end,
                                          c.pending == "" and c.agency != "", c.level, region, c.kind, c.parent),
                                  c.pending, c.region, c.where))
                if c.kind == "nested" and not c.pending:
                    # the body a sub-unit's name starts with is named too (省应急厅 in 省应急厅调查评估和统计处)
                    for p_end, p_name, p_parent in (p for p in c.parents if p[1]):
                        p_region = region if c.region >= 0 else self.alias_level.get(p_name, ("", region))[1]
                        out.append(_Draft(Mention(p_name, text[c.start:p_end], f, c.start, p_end, True, c.level,
                                                  p_region, "parent", p_parent), "", c.region, c.where))
        # a national body's short form (邮政局) counts only where the article names the body in full
        named = {d.mention.agency for d in out if d.pending == ""}
        out = [d for d in out if d.pending != "national" or d.mention.agency in named]
        for d in out:
            if d.pending == "national":
                d.pending, d.mention = "", replace(d.mention, resolved=True)
        # region + 局 (海南局): the bureau of that region the article is about — the one its source names, else
        # the one it names at least twice as often as any other bureau of that region; otherwise unresolved.
        if any(d.pending == "bureau" for d in out):
            src_names = [c.agency for c in select_candidates(self.candidates(source, src_hits), len(source))
                         if c.agency and not c.pending] if source else []
            for d in out:
                if d.pending != "bureau":
                    continue
                name = self.regions[d.region_index].name
                # the two most named bureaus (a Counter, not a pandas Series: the same counts at ≈ 1/50 of the
                # CPU; where the first wins, its count is at least twice the second's, so ties never decide)
                counts = Counter(o.mention.agency for o in out if o.pending == "" and o.mention.agency.startswith(name)
                                 and o.mention.agency.endswith("局")).most_common(2)
                from_source = [a for a in src_names if a.startswith(name) and a.endswith("局")]
                if len(set(from_source)) == 1:
                    d.mention = replace(d.mention, agency=from_source[0], resolved=True)
                elif len(counts) == 1 or (len(counts) > 1 and counts[0][1] >= 2 * counts[1][1]):
                    d.mention = replace(d.mention, agency=counts[0][0], resolved=True)
                else:
                    d.mention = replace(d.mention, agency="", resolved=False)
        # bare 街道办事处 / 镇政府: the township of that kind the article names — the nearest before it in the same
        # field, else the first elsewhere; otherwise unresolved
        if any(d.pending == "township" for d in out):
            towns = [o for o in out if o.mention.kind == "township" and o.pending == ""]
            for d in out:
                if d.pending != "township":
                    continue
                m = d.mention
                same = [o for o in towns if o.where.endswith(d.where)]
                before = [o for o in same if o.mention.field == m.field and o.mention.start < m.start]
                town = before[-1] if before else (same[0] if same else None)
                if town is not None:
                    unit = township_unit(m.surface, d.where)
                    d.pending = ""
                    d.mention = replace(m, agency=town.where + unit, resolved=True, region=town.mention.region)
        branches = {b.group(1): b.group() for d in out if (b := POLICE_BRANCH.match(d.mention.agency))}
        if branches:  # 蓬江区公安局 where the article names 江门市公安局蓬江区分局: that branch (tester A4)
            for d in out:
                a = d.mention.agency
                dist = a[:-3] if a.endswith("公安局") else ""  # (北京市海淀区公安局: 海淀区's, its city in the name)
                dist = self.regions[ri].name if dist and (ri := d.region_index) >= 0 and dist == self.label(ri) else dist
                branch = branches.get(dist) or branches.get(dist[:-1] if dist.endswith("区") else dist + "区")
                if branch and d.region_index >= 0 and self.regions[d.region_index].level == "county":
                    d.mention = replace(d.mention, agency=branch)
        return [d.mention for d in out]

