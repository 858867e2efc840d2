"""The compiled naming rules of the agency matcher: the agency table, the regions (``data/regions.csv``), the
department templates (``data/agency_templates.csv``) and foreign places in one Aho–Corasick automaton, and how a
region's body is named (its canonical name, a shared district's city, the region a level word implies).
``analysis.agency_candidates`` finds candidates over these; ``analysis.agency_matcher`` resolves them.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import ahocorasick_rs
import pandas as pd

from analysis.agency_scan import WORD, WordSupport, word_index
from analysis.agency_glue import SAR_EXPANSIONS, TABLE_ONLY_ENDS, ZONE_COMMITTEES, local_units
from analysis.agency_rules import (COMMAND_SUFFIXES, FOREIGN_AMBIGUOUS, FOREIGN_UNITS, LIST_ONLY_NAMES,
                                   MINISTRY_DEPT_ENDS, MUNICIPALITIES, NO_PREFIXLESS, OPEN_UNITS, PREFIXLESS_GENERIC,
                                   PREFIXLESS_SHORT, SHORT_LEVEL, SHORT_REGION_TEMPLATES, TOWNSHIP_HEADS,
                                   TOWNSHIP_UNITS,
                                   VILLAGE_UNITS, WRITTEN_EXPANSIONS, Candidate, Region, unit_kind)
from analysis.agency_table import (AMBIGUOUS_REGION_NAMES, LEVEL_CHARS, load_foreign_places, load_regions,
                                   load_templates, split_aliases)


def _automaton(words: tuple[str, ...]) -> Any:
    """An Aho–Corasick automaton over ``words`` reporting every overlapping match (pattern index = position)."""
    return ahocorasick_rs.AhoCorasick(list(words), matchkind=ahocorasick_rs.MatchKind.Standard)


def with_city(r: Region) -> bool:
    """Is county-level region ``r`` named with its city in canonical names (``NamingRules.label``)? Every
    district and county of a 直辖市 (北京市海淀区, 重庆市巫山县) and a city's district (市辖区: a name ending in 区 —
    石家庄市长安区, 天津市河北区) — the legal names of their bodies (北京市海淀区人民政府, 国家税务总局天津市河北区
    税务局), and the only way to tell a district from a place it shares a word with (河北区 is no 河北省's body).
    Not a county, a 旗 or a county-level city (正定县人民政府, 涿州市人民政府 go by their own name), nor 六枝特区 /
    神农架林区 (county-level regions of their own), a development zone (code 7x in its city: 唐山高新技术产业开发区
    already names it) or a district of Hong Kong, Macao or Taiwan."""
    if r.level != "county" or not r.city or r.code[:2] in ("71", "81", "82"):
        return False
    return r.province in MUNICIPALITIES or (r.name.endswith("区") and not r.name.endswith(("特区", "林区"))
                                            and r.code[4] != "7")


@dataclass
class NamingRules:
    """One agency table compiled with the project's regions and naming rules (``compile``). Read-only once
    built, so one instance serves every thread."""

    table: pd.DataFrame
    regions: list[Region]
    templates: list[dict]
    automaton: Any = field(repr=False)  # an ahocorasick_rs.AhoCorasick over every name and trigger word
    hit_words: tuple = field(default=(), repr=False)  # the automaton's words (pattern index i)
    hit_items: tuple = field(default=(), repr=False)  # per pattern index: (items, …) of that word
    key: str = "default"
    alias_level: dict = field(default_factory=dict, repr=False)     # canonical -> (level, region)
    parent_of: dict = field(default_factory=dict, repr=False)       # canonical -> its parent's canonical ("")
    units: frozenset = field(default=frozenset(), repr=False)       # canonicals of type 事业单位
    local_names: dict = field(default_factory=dict, repr=False)     # a local row's alias -> its canonical
    party: int = field(default=-1, repr=False)                      # index of the party-committee rule
    cppcc: int = field(default=-1, repr=False)                      # index of the CPPCC rule
    region_by_code: dict = field(default_factory=dict, repr=False)  # (code, level) -> region index
    country_names: frozenset = field(default=frozenset(), repr=False)  # 美国, 美利坚合众国 … (not cities)
    shared: frozenset = field(default=frozenset(), repr=False)      # full names several regions share (朝阳区)
    prefixless: frozenset = field(default=frozenset(), repr=False)  # template indexes usable without a region
    county_only: dict = field(default_factory=dict, repr=False)     # a region hit's indexes -> all county-level?
    support_of: dict = field(default_factory=dict, repr=False)      # see supports(); filled in __post_init__
    support_known: frozenset = field(default=frozenset(), repr=False)  # its keys; those adding codes:
    support_ids: frozenset = field(default=frozenset(), repr=False)    # (both filled with it)
    word_support: tuple = field(default=(), repr=False)  # agency_scan.word_index of (support, full-name support)
    source_cache: dict = field(default_factory=dict, repr=False, compare=False)  # see AgencyMatcher.source_facts

    @staticmethod
    def compile(table: pd.DataFrame) -> dict:
        """The fields of a ``NamingRules`` (all but ``key``) for ``table`` (a validated agency table): regions,
        templates as dicts, the automaton over every name and trigger word, and the indexes the rules need."""
        reg = load_regions()
        regions: list[Region] = []
        code_row: dict[tuple[str, str], int] = {}
        for r in reg.itertuples(index=False):
            prov = r.code[:2] + "0000"
            city = "" if r.level == "provincial" else (r.code if r.level == "municipal" else r.parent_code)
            code_row[(r.code, r.level)] = len(regions)
            regions.append(Region(r.code, r.name, r.level, prov, city, r.short if isinstance(r.short, str) else ""))
        entries: dict[str, list] = {}

        def add(word: str, item: tuple) -> None:
            entries.setdefault(word, []).append(item)

        by_name: dict[str, list[int]] = {}
        # a region item: ("R", indexes, is_full, SHORT_LEVEL of a short name, weak() of the word as written)
        for i, r in enumerate(reg.itertuples(index=False)):
            if r.name not in AMBIGUOUS_REGION_NAMES and len(r.name) >= 2:
                by_name.setdefault(r.name, []).append(i)
            if r.short and r.short not in AMBIGUOUS_REGION_NAMES:  # + the level words it may take
                add(r.short, ("R", (i,), False, SHORT_LEVEL.get(r.level, ""), r.level == "county"))
        for name, idx in by_name.items():
            county = all(regions[i].level == "county" for i in idx)
            add(name, ("R", tuple(idx), True, "", len(name) <= 2 and county))
            if name.endswith("特别行政区"):  # 香港特区 / 澳门特区: the full name's usual short form
                add(name.replace("特别行政区", "特区"), ("R", tuple(idx), True, "", False))
        templates = load_templates().to_dict("records")
        for ti, t in enumerate(templates):
            for v in split_aliases(t["variants"]):
                if len(v) >= 2:
                    add(v, ("D", ti))
        party = next(i for i, t in enumerate(templates) if t["key"] == "party")
        for head in TOWNSHIP_HEADS:
            for unit in TOWNSHIP_UNITS:
                add(head + unit, ("S", head, unit))
        for suffix in COMMAND_SUFFIXES:
            add(suffix, ("C",))
        for word in ("民航", "湖管理局", "届委员会", "镇", "乡", "中央分局", "等单位", "等部门", *VILLAGE_UNITS,
                     *LIST_ONLY_NAMES, *MINISTRY_DEPT_ENDS,
                     *(u for u in OPEN_UNITS if len(u) >= 2)):
            add(word, ("X", word))  # pattern triggers (a text without any hit is skipped; ``patterns`` reads them)
        countries = set()
        for f in load_foreign_places().itertuples(index=False):
            if f.name not in FOREIGN_AMBIGUOUS and f.name not in by_name:
                # 刚果(金) is written with full-width brackets in Chinese text too: 刚果（金）
                for name in {f.name, f.name.replace("(", "（").replace(")", "）")}:
                    add(name, ("F", f.country))
                    if f.kind in ("country", "full"):
                        countries.add(name)
        for unit in FOREIGN_UNITS:
            add(unit, ("U",))
        for ch, level in LEVEL_CHARS.items():
            add(ch + "委", ("P", party, level))
        alias_level: dict[str, tuple[str, str]] = {}
        parent_of: dict[str, str] = {}
        names = set()
        short_national: dict[str, set[str]] = {}
        for row in table.itertuples(index=False):
            for name in [row.canonical, *split_aliases(row.aliases)]:
                add(name, ("T", row.canonical))
                names.add(name)
                if row.level == "national" and name.startswith("国家") and len(name) >= 5:
                    short_national.setdefault(name[2:], set()).add(row.canonical)
            alias_level[row.canonical] = (row.level, row.region)
            parent_of[row.canonical] = row.parent if isinstance(row.parent, str) else ""
        # 邮政局 for 国家邮政局, 药监局 for 国家药监局: only in an article that names the national body
        for short, owners in short_national.items():
            if len(owners) == 1 and short not in names:
                add(short, ("N", next(iter(owners))))
        # ahocorasick_rs (Rust): all overlapping matches of a text in one call, ≈ 9× less CPU than pyahocorasick's
        # per-hit iterator on CCTV; pattern index i ↔ ``hit_items[i]``
        auto = _automaton(tuple(entries))
        county_only = {it[1]: all(regions[i].level == "county" for i in it[1])
                       for items in entries.values() for it in items if it[0] == "R"}
        return {"table": table, "regions": regions, "templates": templates, "automaton": auto,
                "hit_words": tuple(entries), "county_only": county_only,
                "hit_items": tuple(tuple(items) for items in entries.values()),
                "alias_level": alias_level, "parent_of": parent_of,
                "units": frozenset(table.loc[table["type"] == "事业单位", "canonical"]),
                "local_names": {a: row.canonical for row in table.itertuples(index=False) if row.level != "national"
                                for a in split_aliases(row.aliases) if a != row.canonical}, "party": party, "region_by_code": code_row,
                "cppcc": next(i for i, t in enumerate(templates) if t["key"] == "cppcc"),
                "country_names": frozenset(countries),
                "shared": frozenset(n for n, idx in by_name.items() if len(idx) > 1),
                "prefixless": frozenset(i for i, t in enumerate(templates) if not t["key"].startswith(NO_PREFIXLESS))}

    def __post_init__(self) -> None:
        self._index_supports()

    def __getstate__(self) -> dict:  # the Rust automaton does not pickle: it is rebuilt from its words
        return {**self.__dict__, "automaton": None, "support_of": {}, "support_known": frozenset(),
                "support_ids": frozenset(), "word_support": ()}

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self.automaton = _automaton(self.hit_words)
        self._index_supports()  # keyed by object identity: new objects after unpickling

    # --- names ----------------------------------------------------------------------------------------------
    def label(self, region_i: int) -> str:
        """A region's name in canonical names: its full name; a county-level name that several regions share
        (朝阳区 in 北京 and 长春, 鼓楼区) carries its city (北京市朝阳区), so that they stay different agencies, and
        so does a city's district (``with_city``: 天津市河北区, 北京市海淀区 — never a bare 河北区 that reads like
        河北省's; tester-s15 A7). City names are unique in ``data/regions.csv``, so city + name names one region."""
        r = self.regions[region_i]
        if r.level == "county" and r.city and (r.name in self.shared or with_city(r)):
            c = self.region_by_code.get((r.city, "municipal"), self.region_by_code.get((r.city, "provincial"), -1))
            if c >= 0 and not r.name.startswith(self.regions[c].name):
                return self.regions[c].name + r.name
        return r.name

    def canonical(self, region_i: int, template_i: int, level: str | None = None, variant: str = "") -> str:
        """The canonical name of template ``template_i`` for region ``region_i`` at ``level``. Districts of
        the four 直辖市 are named like city departments (北京市朝阳区发展和改革委员会, 消防救援支队); where the
        written unit (委员会 / 局 / 支队 / 大队) is not the format's, a format with the written unit is used, else
        the name as written — a body is never renamed into one that does not exist (朝阳区卫健委 is a 委员会)."""
        r = self.regions[region_i]
        t = self.templates[template_i]
        lv = level or r.level
        if r.is_municipality and lv == "provincial":
            lv = "municipal"
        name = self.label(region_i)
        if r.code[:2] in ("81", "82"):  # 香港特别行政区政府 / 香港警方: no 人民政府, 中共 committees or 公安局
            return name + SAR_EXPANSIONS.get(variant, variant)
        if (lv == "county" and r.province in MUNICIPALITIES and unit_kind(t.get("municipal") or "")
                and unit_kind(t.get("county") or "") and unit_kind(t["municipal"]) != unit_kind(t["county"])):
            lv = "municipal"  # a 直辖市 district keeps the city's 委员会 / 支队 (never a court's 中级人民法院)
        fmt = t.get(lv) or ""
        if t["key"] in SHORT_REGION_TEMPLATES and r.level == "provincial" and r.short:
            return r.short + variant  # 河北省证监局 / 省证监局 → 河北证监局, the name these offices go by
        if not fmt and r.is_municipality:  # 北京高级法院 → 北京市高级人民法院 (a 直辖市 has the province's court)
            fmt = t.get("provincial") or ""
        unit = unit_kind(variant)
        if fmt and unit and unit_kind(fmt) and unit_kind(fmt) != unit:
            alt = [f for x in ("municipal", "provincial", "county") if (f := t.get(x)) and unit_kind(f) == unit]
            fmt = alt[0] if alt else ""
        return fmt.replace("{r}", name) if fmt else name + WRITTEN_EXPANSIONS.get(variant, variant)

    def scan(self, text: str) -> list[tuple[int, int, tuple]]:
        """Raw automaton hits of ``text`` (character offsets), every overlapping one, in order of their end and,
        at one end, longest first: ``(start, end, items)``; each item is a tuple whose first element says what
        matched (R region, D department variant, T table name, …). (The order is the one pyahocorasick's
        ``iter`` gave before: ``scripts/check_analysis_digest.py`` shows the same mentions on every corpus.)"""
        return self.scan_raw(text)[0]

    def scan_raw(self, text: str) -> tuple[list[tuple[int, int, tuple]], list[tuple[int, int, int]]]:
        """``(scan(text), the automaton's own hits (word index, start, end))``: the word indexes give an article's
        support (``analysis.agency_scan.WordSupport``)."""
        items = self.hit_items
        raw = self.automaton.find_matches_as_indexes(text, overlapping=True)
        return [(s, e, items[i]) for i, s, e in raw], raw

    def region_hits(self, hits) -> list[tuple[int, int, tuple[int, ...], bool]]:
        """``(start, end, region indexes, is_full)`` of the region names among automaton ``hits``."""
        return [(s, e, it[1], it[2]) for s, e, items in hits for it in items if it[0] == "R"]

    def weak(self, length: int, ridx: tuple[int, ...], full: bool) -> bool:
        """A county-level name of at most two characters (和县, 萧县) or a county's short name (新和, 民和):
        such names sit inside ordinary words (城市和县, 创新和政府, 民和县) and need a boundary or support.
        (The length test first, then whether every region is a county — looked up in ``county_only`` for the
        region hits of the automaton, computed for any other ``ridx``.)"""
        if length > 2 and full:
            return False
        known = self.county_only.get(ridx)
        return known if known is not None else all(self.regions[i].level == "county" for i in ridx)

    def bare_unit_ok(self, name: str) -> bool:
        """May a bare level word + the open name ``name`` be read (``CandidateFinder._bare_open``)? A name ending in
        局/委 only when it is the unit of a local table body (``analysis.agency_glue.local_units``: 市中医管理局 →
        北京市中医管理局; the set is built on first use); the matcher keeps it only if the document's region + it is a
        table body, else reports it unresolved (tester-s14 A5)."""
        if not name.endswith(TABLE_ONLY_ENDS):
            return True
        units = self.__dict__.get("_table_units")
        if units is None:
            units = self.__dict__["_table_units"] = local_units(self.alias_level)
        return name in units

    def bare_resolves(self, c: Candidate, ri: int) -> bool:
        """May the bare form ``c`` be resolved to region ``ri``? Not a bare open name ending in 局/委
        (``bare_unit_ok``) whose region + name is no table body: 市中医管理局 in a Hebei document stays unresolved
        (reported by ``--unresolved``), never an invented 河北省中医管理局 (tester-s14 A5)."""
        if c.template >= 0 or not c.where.endswith(TABLE_ONLY_ENDS):
            return True
        name = self.label(ri) + c.where
        return name in self.alias_level or name in self.local_names

    def sar_government(self, c: Candidate) -> bool:
        """Is ``c`` the government of Hong Kong or Macao (whose departments are written right after it)?"""
        return c.region >= 0 and self.regions[c.region].code[:2] in ("81", "82") and c.agency.endswith("政府")

    def inside(self, ridx: tuple[int, ...], codes: set[str]) -> tuple[int, ...]:
        """The regions of ``ridx`` inside a province or city of ``codes`` (region codes)."""
        if len(ridx) == 1:  # (most names: one region, without a generator)
            r = self.regions[ridx[0]]
            return ridx if r.city in codes or r.province in codes else ()
        return tuple(i for i in ridx if self.regions[i].city in codes or self.regions[i].province in codes)

    def support(self, hits, full_only: bool = False) -> set[str]:
        """Codes of the provinces and cities an article names (by names that are not weak; with ``full_only``,
        by full names of provinces and cities only — 朝阳区 is no support for 朝阳市, 新兴城市 names no 兴城市): the
        supporting context a weak county name needs."""
        return self.supports(hits)[1 if full_only else 0]

    def supports(self, hits) -> tuple[set[str], set[str]]:
        """``(support(hits), support(hits, full_only=True))`` in one pass over ``hits``. What one hit adds
        depends only on its length and items, so for the automaton's own hits (``scan``: the length is the
        word's, the items the word's tuple) it is looked up (``support_of``, by the tuple's identity) once per
        distinct word that adds codes (``support_ids``: a set intersection, not a loop over every hit); any
        other hit is computed the same way (``_support_codes``)."""
        out: set[str] = set()
        full_out: set[str] = set()
        known = self.support_of
        ids = {id(items) for _s, _e, items in hits}
        for k in ids & self.support_ids:
            codes, full = known[k]
            out.update(codes)
            full_out.update(full)
        if not ids <= self.support_known:  # hits made elsewhere (not by ``scan``)
            for s, e, items in hits:
                if id(items) not in known:
                    codes, full = self._support_codes(e - s, items)
                    out.update(codes)
                    full_out.update(full)
        return out, full_out

    def article_support(self, raws: list[list[tuple[int, int, int]]], source_support: set[str],
                        source_named: set[str]) -> tuple[WordSupport, WordSupport]:
        """An article's ``(support, full-name support)`` — ``supports`` of its texts' hits united with its source
        line's — as containers (``analysis.agency_scan.WordSupport``) read from the word indexes of the texts'
        raw hits (``scan_raw``), each code looked up when asked for: no set of codes built per article."""
        words: set[int] = set()
        for raw in raws:
            words.update(map(WORD, raw))
        adding = self.word_support[0][1].intersection(words)  # only words adding codes (full ones among them)
        return (WordSupport(adding, source_support, self.word_support[0]),
                WordSupport(adding, source_named, self.word_support[1]))

    def _support_codes(self, length: int, items: tuple) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """The codes one automaton hit of ``length`` characters adds to ``(support, full-name support)``: a
        province / city / county name that is not weak adds its code, province and city; to the full-name
        support only when written in full above county level."""
        codes: list[str] = []
        full: list[str] = []
        for it in items:
            if it[0] == "R" and len(it[1]) == 1 and not self.weak(length, it[1], it[2]):
                r = self.regions[it[1][0]]
                codes += (r.code, r.province, r.city)
                if it[2] and r.level != "county":
                    full += (r.code, r.province, r.city)
        return tuple(codes), tuple(full)

    def _index_supports(self) -> None:
        """Fill ``support_of`` (id of a word's items -> ``_support_codes``) for every word of the automaton."""
        self.support_of = {id(items): self._support_codes(len(w), items)
                           for w, items in zip(self.hit_words, self.hit_items)}
        self.support_known = frozenset(self.support_of)
        self.support_ids = frozenset(k for k, (codes, _full) in self.support_of.items() if codes)
        by_word = [self.support_of[id(items)] for items in self.hit_items]
        self.word_support = (word_index([c for c, _f in by_word]), word_index([f for _c, f in by_word]))

    def prefixless_ok(self, ti: int, variant: str) -> bool:
        """May department variant ``variant`` (rule ``ti``) stand alone as a bare form (教育局, 市住建委 → 住建委)?"""
        return (ti in self.prefixless and (len(variant) >= 3 or variant in PREFIXLESS_SHORT)
                and variant not in PREFIXLESS_GENERIC)

    def region_name(self, c: Candidate) -> str:
        """The ``region`` column of a candidate's mention: a foreign body's country, the region's name, a table
        body's region (its parent's for a sub-unit), 全国 for a national pattern, else ""."""
        if c.kind == "foreign":
            return c.where
        if c.region >= 0:
            return self.regions[c.region].name
        if c.kind in ("table", "nested"):
            return self.alias_level.get(c.parent or c.agency, ("", ""))[1]
        return "全国" if c.level == "national" and c.kind == "pattern" else ""

    def fits(self, ri: int, level: str) -> int:
        """The region of ``level`` implied by region ``ri`` (a city implies its province), or -1."""
        r = self.regions[ri]
        if level == "provincial":  # 省 is never a 直辖市 (北京市) or 特别行政区
            p = self.region_by_code.get((r.province, "provincial"), -1)
            return -1 if p < 0 or self.regions[p].is_municipality or r.province[:2] in ("81", "82") else p
        if level == "municipal":
            if r.name in ZONE_COMMITTEES:
                return -1  # 市政府 / 市教育局 is never 雄安新区's: it has no 市 (tester report #3)
            if r.level == "municipal" or r.is_municipality:
                return ri
            if r.level == "county" and r.city:
                return self.region_by_code.get((r.city, "municipal"),
                                               self.region_by_code.get((r.city, "provincial"), -1))
            return -1
        return ri if r.level == "county" else -1
