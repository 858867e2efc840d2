"""Names as they were: when a government body existed, what became of it, and counting old names under
their successor on demand.

The dated table is ``data/agency_history.csv`` (plain CSV, ``#`` lines are comments; its header explains
every column). Two kinds of rows:

- **central** — a body of ``data/agencies.csv`` with ``valid_from`` / ``valid_to`` and its direct successors
  (建设部 → 住房和城乡建设部 on 2008-03-15; 卫生部 → 国家卫生和计划生育委员会 (2013) → 国家卫生健康委员会
  (2018)). A split names several successors; the first one (or ``rollup``) is where its mentions are counted;
  ``rollup = -`` means there is no single successor and the chain stops at that body (国家经济贸易委员会).
- **local** — a standard local department as a pattern over the region's name ``{r}`` (full 河北省, short
  河北 or a chain 北京市海淀区; ``{s}`` in a successor is the short name: 河北银监局 → 国家金融监督管理总局河北监管局)
  (``{r}质量技术监督局`` → ``@mr`` = the department rule ``mr`` of ``data/agency_templates.csv`` for that
  region and level, i.e. 河北省质量技术监督局 → 河北省市场监督管理局), optionally restricted to a level
  (卫生局 of a city → 卫生和计划生育委员会, of a county → 卫生和计划生育局) or to one region.

A name is **historical** when it matches rows that all ended (``valid_to``) on or before the reference date
(today unless given) — 国家药品监督管理局 existed 1998–2003 and again since 2018, so it is current. Nested
names under a historical body are historical too (中国银行业监督管理委员会河北监管局 → 国家金融监督管理总局河北监管局),
and so are rows of the agency table typed 历史机构 that this table does not date (the user's own; counted under
their own name).

Sources of the facts: the State Council reform plans approved by the NPC (1998, 2003, 2008, 2013, 2018,
2023) and the CPC Central Committee's plans (2018, 2023); the notes of each row say what is approximate.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.agency_table import (DATA, current_table_key, load_agencies, load_regions, load_templates, split_aliases,
                                   text_table)
from analysis.errors import InvalidOption, LoadError, invalid_option

HISTORY_CSV = DATA / "agency_history.csv"
HISTORY_COLUMNS: tuple[str, ...] = ("name", "scope", "level", "region", "valid_from", "valid_to", "successor",
                                    "rollup", "relation", "note")
#: Columns a history table must have (the others default to empty).
HISTORY_REQUIRED: tuple[str, ...] = ("name", "scope", "valid_from", "valid_to", "successor")
SCOPES: tuple[str, ...] = ("central", "local")
LOCAL_LEVELS: tuple[str, ...] = ("", "provincial", "municipal", "county")
RELATIONS: tuple[str, ...] = ("", "renamed", "merged", "split", "absorbed", "reorganised")
DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
#: Mention levels that local rows apply to (a township, national or foreign body is never a local department).
LOCAL_MENTION_LEVELS = frozenset({"provincial", "municipal", "county"})


def parse_date(text: str, *, field: str = "date") -> date | None:
    """``"2018"`` → 2018-01-01, ``"2018-03"`` → 2018-03-01, ``"2018-03-17"`` → that day, ``""`` → None.

    Raises ``InvalidOption`` for anything else (``2018/3/17``, ``2018-13``)."""
    text = str(text or "").strip()
    if not text:
        return None
    m = DATE.match(text)
    try:
        if not m:
            raise ValueError
        return date(int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1))
    except ValueError:
        raise InvalidOption.of("history.bad_date", field=field, text=text) from None


def _read(path: Path | str) -> pd.DataFrame:
    try:
        return pd.read_csv(path, dtype=str, keep_default_na=False, comment="#", encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise LoadError.of("history.unreadable", file=str(path), exc=exc) from None


def validate_history(df: pd.DataFrame, table: pd.DataFrame | None = None, templates: pd.DataFrame | None = None,
                     name: str = "agency_history.csv") -> pd.DataFrame:
    """Check a history table against the agency table and the department rules; return it with exactly
    ``HISTORY_COLUMNS`` (all strings, stripped).

    Raises ``InvalidOption`` naming the row for: a missing column, an unknown ``scope`` / ``level`` /
    ``relation``, a bad date or ``valid_to`` before ``valid_from``, a central ``name`` that is not a canonical
    name of the agency table, a central successor or ``rollup`` that is neither a canonical name nor a name of
    this table, a local pattern without ``{r}``, a ``@key`` that is no department rule, and a successor chain
    that loops.
    """
    out = text_table(df, name, HISTORY_REQUIRED, HISTORY_COLUMNS)
    table = load_agencies() if table is None else table
    templates = load_templates() if templates is None else templates
    canon = set(table["canonical"])
    keys = set(templates["key"])
    central_names = set(out.loc[out["scope"] == "central", "name"])
    for i, row in enumerate(out.itertuples(index=False), start=2):
        where = f"{name} row {i}"
        if row.scope not in SCOPES:
            raise invalid_option(f"scope ({where})", row.scope, list(SCOPES))
        if row.relation not in RELATIONS:
            raise invalid_option(f"relation ({where})", row.relation, [r for r in RELATIONS if r])
        start = parse_date(row.valid_from, field=f"valid_from ({where})")
        end = parse_date(row.valid_to, field=f"valid_to ({where})")
        if start and end and end < start:
            raise InvalidOption.of("history.ends_before_start", where=where, valid_to=row.valid_to,
                                   valid_from=row.valid_from)
        succ = split_aliases(row.successor)
        if row.scope == "central":
            if row.name not in canon:
                raise InvalidOption.of("history.not_canonical", where=where, body=row.name)
            for s in succ + ([row.rollup] if row.rollup not in ("", "-") else []):
                if s not in canon and s not in central_names:
                    raise InvalidOption.of("history.unknown_successor", where=where, successor=s)
        else:
            if row.level not in LOCAL_LEVELS:
                raise invalid_option(f"level ({where})", row.level, [lv for lv in LOCAL_LEVELS if lv])
            if "{r}" not in row.name:
                raise InvalidOption.of("history.local_needs_region", where=where, body=row.name)
            for s in succ:
                if s.startswith("@") and s[1:] not in keys:
                    raise InvalidOption.of("history.no_rule", where=where, rule=s, key=s[1:])
                if not s.startswith("@") and "{r}" not in s and "{s}" not in s and not row.region:
                    raise InvalidOption.of("history.local_successor_needs_region", where=where, successor=s)
        if end and not succ and row.rollup != "-":
            raise InvalidOption.of("history.ended_without_successor", where=where, body=row.name,
                                   valid_to=row.valid_to)
    _central_targets(out, date.max)  # raises on a loop
    return out.reset_index(drop=True)


@lru_cache(maxsize=4)
def _load_default(path: str, mtime: float) -> pd.DataFrame:
    return validate_history(_read(path), load_agencies(user_path=""), load_templates(), Path(path).name)


def load_history(path: Path | str | None = None) -> pd.DataFrame:
    """``data/agency_history.csv`` (or ``path``) validated against the project's agency table and rules."""
    p = Path(path or HISTORY_CSV)
    try:
        mtime = p.stat().st_mtime
    except OSError:
        raise LoadError.of("history.not_found", file=str(p)) from None
    return _load_default(str(p), mtime).copy()


def _ended(rows: pd.DataFrame, as_of: date) -> bool:
    """Have all these rows (one name's periods) ended on or before ``as_of``?"""
    ends = [parse_date(v) for v in rows["valid_to"]]
    return bool(ends) and all(e is not None and e <= as_of for e in ends)


def _central_targets(history: pd.DataFrame, as_of: date) -> dict[str, str]:
    """Historical central name → the name its mentions are counted under (chains followed)."""
    central = history[history["scope"] == "central"]
    step: dict[str, str] = {}
    historical = {n for n, rows in central.groupby("name", sort=False) if _ended(rows, as_of)}
    for row in central.itertuples(index=False):
        if row.name not in historical or row.name in step:
            continue
        succ = split_aliases(row.successor)
        step[row.name] = row.name if row.rollup == "-" else (row.rollup or (succ[0] if succ else row.name))
    out: dict[str, str] = {}
    for name in step:
        seen = [name]
        cur = step[name]
        while cur in step and step[cur] != cur:
            if cur in seen:
                raise InvalidOption.of("history.loop", chain=" → ".join(seen + [cur]))
            seen.append(cur)
            cur = step[cur]
        out[name] = cur
    return out


@dataclass(frozen=True)
class _LocalRule:
    prefix: str      # text before {r} (国家税务总局 for 国家税务总局{r}税务局; usually "")
    suffix: str      # text after {r}
    level: str       # "" = any
    region: str      # "" = any
    ended: bool      # valid_to on or before the reference date
    successor: str   # pattern with {r}, @key, or a full name


class AgencyHistory:
    """The dated model compiled for one reference date: which names are historical and where they roll up.
    Build with ``AgencyHistory.default()`` (project files, today) or ``AgencyHistory(history, as_of=…)``."""

    def __init__(self, history: pd.DataFrame | None = None, *, as_of: date | None = None,
                 templates: pd.DataFrame | None = None, regions: pd.DataFrame | None = None,
                 table: pd.DataFrame | None = None):
        history = load_history() if history is None else history
        self.as_of = as_of or date.today()
        self.central = _central_targets(history, self.as_of)
        table = load_agencies() if table is None else table
        #: rows of the agency table typed 历史机构 (the user's too) that the history table does not date:
        #: historical, counted under their own name
        dated = set(history.loc[history["scope"] == "central", "name"])
        self.table_historical = frozenset(table.loc[table["type"] == "历史机构", "canonical"]) - dated
        self.templates = {t.key: t for t in (load_templates() if templates is None else templates).itertuples(
            index=False)}
        regions = load_regions() if regions is None else regions
        self.region_names = frozenset(regions["name"])
        self.municipalities = frozenset(regions.loc[(regions["level"] == "provincial")
                                                    & regions["name"].str.endswith("市"), "name"])
        muni_codes = {c[:2] for c in regions.loc[regions["name"].isin(self.municipalities), "code"]}
        county = regions[regions["level"] == "county"]
        in_muni = county["code"].str[:2].isin(muni_codes)
        #: districts and counties of a 直辖市 (海淀区), named with the city's units (北京市海淀区卫生健康委员会);
        #: a name also used elsewhere (朝阳区 of 长春) only when written after its city (北京市朝阳区)
        self.muni_districts = frozenset(set(county.loc[in_muni, "name"]) - set(county.loc[~in_muni, "name"]))
        #: full name → short name (河北省 → 河北, 石家庄市 → 石家庄); a short name maps to itself
        self.short = {r.name: r.short for r in regions.itertuples(index=False) if r.short}
        self.short.update({v: v for v in list(self.short.values())})
        rules = []
        local = history[history["scope"] == "local"]
        for row in local.itertuples(index=False):
            prefix, _, suffix = row.name.partition("{r}")
            end = parse_date(row.valid_to)
            rules.append(_LocalRule(prefix, suffix, row.level, row.region, bool(end and end <= self.as_of),
                                    (split_aliases(row.successor) or [""])[0]))
        # region-specific rows before general ones, longest suffix first (公安消防总队 before 消防总队)
        self.local = sorted(rules, key=lambda r: (r.region == "", -len(r.prefix + r.suffix)))

    @classmethod
    def default(cls) -> "AgencyHistory":
        """The project's history as of today, with the merged agency table (rebuilt when the file, the
        user's table or the day changes)."""
        return _default_history(str(HISTORY_CSV), HISTORY_CSV.stat().st_mtime, date.today(), current_table_key())

    # --- local names --------------------------------------------------------------------------------------
    def _effective_level(self, region: str, level: str) -> str:
        """The level whose department names a region uses: a 直辖市 and its districts name them like a city."""
        if level == "provincial" and region in self.municipalities:
            return "municipal"
        if level == "county" and (region in self.muni_districts or any(
                region.startswith(m) and region[len(m):] in self.region_names for m in self.municipalities)):
            return "municipal"
        return level

    def _is_region(self, text: str) -> bool:
        """A region's full or short name (河北省, 河北), or a chain of full names (北京市海淀区)."""
        if text in self.region_names or text in self.short:
            return True
        return any(text[:i] in self.region_names and text[i:] in self.region_names for i in range(2, len(text) - 1))

    def _level_ok(self, rule_level: str, region: str, level: str) -> bool:
        """A 直辖市 (北京市) is a province named with city departments: rows of either level apply to it
        (北京市卫生局, a city-style name; 北京市公安消防总队, a province-level unit)."""
        if region in self.municipalities:
            return rule_level in ("provincial", "municipal")
        return rule_level == self._effective_level(region, level)

    def _local_rule(self, name: str, level: str) -> tuple[_LocalRule, str] | None:
        if level not in LOCAL_MENTION_LEVELS:
            return None
        for rule in self.local:
            if not (name.startswith(rule.prefix) and name.endswith(rule.suffix)):
                continue
            region = name[len(rule.prefix):len(name) - len(rule.suffix)]
            if not self._is_region(region) or (rule.region and region != rule.region):
                continue
            if rule.level and not self._level_ok(rule.level, region, level):
                continue
            return rule, region
        return None

    def _render(self, successor: str, region: str, level: str) -> str:
        if successor.startswith("@"):
            t = self.templates.get(successor[1:])
            fmt = getattr(t, self._effective_level(region, level), "") if t is not None else ""
            return fmt.replace("{r}", region) if fmt else ""
        return successor.replace("{r}", region).replace("{s}", self.short.get(region, region))

    # --- public -------------------------------------------------------------------------------------------
    def is_historical(self, name: str, level: str = "national", parent: str = "") -> bool:
        """Is ``name`` (a canonical agency name as found in mentions, with its ``level`` and nesting
        ``parent``) a body that no longer exists under that name?"""
        if name in self.central or name in self.table_historical or (
                parent and parent in self.central and name.startswith(parent)):
            return True
        if parent and parent != name and name.startswith(parent) and self.is_historical(parent, level):
            return True  # a sub-unit of a local body no longer in use (河北省质量技术监督局计量处)
        hit = self._local_rule(name, level)
        return bool(hit and hit[0].ended)

    def successor(self, name: str, level: str = "national", parent: str = "") -> str:
        """The name ``name``'s mentions are counted under today: the end of its successor chain (itself when
        current, or when there is no single successor). Local names keep their region (河北省质量技术监督局 →
        河北省市场监督管理局); nested names keep their branch (中国银行业监督管理委员会河北监管局 →
        国家金融监督管理总局河北监管局)."""
        if name in self.central:
            return self.central[name]
        if parent and parent in self.central and name.startswith(parent):
            return self.central[parent] + name[len(parent):]
        if parent and parent != name and name.startswith(parent):
            head = self.successor(parent, level)
            if head != parent:
                return head + name[len(parent):]
        cur = name
        for _ in range(10):  # local chains are short (卫生局 → 卫生和计划生育委员会 → 卫生健康委员会)
            hit = self._local_rule(cur, level)
            if hit is None or not hit[0].ended:
                break
            nxt = self._render(hit[0].successor, hit[1], level)
            if not nxt or nxt == cur:
                break
            cur = nxt
        return cur


@lru_cache(maxsize=2)
def _default_history(path: str, mtime: float, day: date, table_key: str) -> AgencyHistory:
    return AgencyHistory(load_history(path), as_of=day)


def _pairs(mentions: pd.DataFrame) -> tuple[pd.DataFrame, np.ndarray]:
    """Unique (agency, level, parent) triples of the mentions and each mention's index into them."""
    cols = [c for c in ("agency", "level", "parent") if c in mentions.columns]
    keys = mentions[cols].astype(str)
    for c in ("level", "parent"):
        if c not in keys:
            keys[c] = "national" if c == "level" else ""
    codes, uniq = pd.MultiIndex.from_frame(keys[["agency", "level", "parent"]]).factorize()
    return uniq.to_frame(index=False), codes


def historical_mask(mentions: pd.DataFrame, history: AgencyHistory | None = None) -> np.ndarray:
    """Bool per mention: does it name a body under a name no longer in use (see ``AgencyHistory``)?
    ``mentions`` needs ``agency``; ``level`` and ``parent`` are used when present."""
    if mentions.empty:
        return np.zeros(0, dtype=bool)
    history = history or AgencyHistory.default()
    uniq, codes = _pairs(mentions)
    flags = np.array([bool(a) and history.is_historical(a, lv, p) for a, lv, p in uniq.itertuples(index=False)],
                     dtype=bool)
    return flags[codes]


def roll_up(mentions: pd.DataFrame, history: AgencyHistory | None = None) -> pd.DataFrame:
    """A copy of ``mentions`` with every historical name replaced by the name it is counted under today
    (``AgencyHistory.successor``; ``parent`` follows for nested names); surfaces, positions and the other
    columns are kept, so the summaries list the old names among the successor's aliases.

    Exact examples (tests/test_agency_history.py): 国家安全生产监督管理总局 → 应急管理部; 卫生部 →
    国家卫生健康委员会; 新闻出版总署 → 国家新闻出版署; 河北省质量技术监督局 → 河北省市场监督管理局;
    正定县卫生局 → 正定县卫生健康局."""
    out = mentions.copy()
    if out.empty:
        return out
    history = history or AgencyHistory.default()
    uniq, codes = _pairs(out)
    new = np.array([history.successor(a, lv, p) if a else a for a, lv, p in uniq.itertuples(index=False)],
                   dtype=object)
    out["agency"] = pd.Series(new[codes], index=out.index, dtype="str")
    if "parent" in out.columns:
        parents = out["parent"].astype(str)
        out["parent"] = parents.map(lambda p: history.central.get(p, p) if p else p).astype("str")
    return out
