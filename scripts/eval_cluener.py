"""Recall and precision of Chinese government bodies on the CLUENER2020 benchmark (public, written by CLUE).

    .venv/bin/python scripts/eval_cluener.py PATH [--top 20] [--show-excluded]

``PATH`` is ``train.json`` or ``dev.json`` of CLUENER2020 (CLUE's fine-grained NER set; also redistributed as
``data/cluener/train.json`` in the StanleySun233/ChineseNER repository): JSON objects one after another (one per
line or pretty-printed), each ``{"text": …, "label": {"government": {surface: [[start, end_inclusive], …]}, …}}``.
The file is read from the path given and never copied into the project. Tune on train only; dev is held out.

Gold = every ``government`` span, minus the labels that are not Chinese government bodies. A gold surface is
**left out** when the first of these rules that applies says so (the counts per rule are printed):

1. **foreign** — the surface contains a foreign country, capital or city from ``data/foreign_places.csv``
   (the names the matcher itself treats as unambiguous: not ``FOREIGN_AMBIGUOUS``, not a Chinese region name),
   or starts with a country name or one-character country abbreviation of ``analysis.agencies.FOREIGN`` /
   ``FOREIGN_ABBREV`` (美国防部, 俄军) — these two place tests are skipped when the surface starts with a
   Chinese region name (乌审旗, 朝阳区, 内蒙古 are not 乌克兰, 朝鲜, 蒙古) — or names Taiwan (台湾/台北/台中/高雄 …), or contains no Chinese character
   at all (ESRB, FTC), or is one of ``FOREIGN_BODIES`` below (bodies abroad named without their country:
   白宫, 五角大楼, 美联储, 北约, 欧盟, 联邦 … — China has no federal bodies; Taiwan's also 国民党, 中华民国, 总统府),
   or is written in quotation marks in a sentence that names Taiwan (台湾“金管会”, 来台 … “金管会”, 岛内:
   mainland news put the names of Taiwan's authorities in quotation marks; ``TAIWAN_CONTEXT``).
2. **military** — the surface contains 军 (美军, 解放军, 八路军, 军方, 军区, 中央军委), 部队, 舰队, 司令部, 自卫队,
   卫队, 武装, 特攻队, 铁道兵 or 总政治部.
3. **media** — the surface is a news outlet: contains 电视台, 通讯, 新华社, 新华网, 央视, 法新社, cctv, 日报, 广播电台.
4. **generic** — the surface names a class of bodies, not one body: it ends in 部门, 机关, 机构, 系统, 方面 or
   当局, starts with 各 (各省政府), contains 部委 (国家七部委), or, after dropping a leading 地方/中央/国家/中国/该
   (中国政府 like 中央政府 and 国家政府), it is
   one of 政府, 新政府, 中央, 部委, 警方, 公安, 财政 (中央财政, 国家财政 are budgets, not bodies), or the text
   right after the span goes on with 部门, 系统 or 机关 (or 门 after …部): the labeller cut a generic phrase short
   (广州市国土|部门, 住房保障部|门, 市住保|系统) — the same phrase labelled whole is left out by the first test.
   Bare forms of one body whose region the sentence leaves open (法院, 教育局, 市住建委, 派出所) are **not**
   generic: they stay in the gold and are matched as unresolved mentions.
5. **non-government** — an association, society, company or party that the labellers put under government:
   the surface contains 协会, 研究会, 学会, 足协, 消协, 房协, 藏协, 民建 or 民主党, or a people's organisation
   (人民团体: 工商联, 文联, 作协, 科协, 侨联, 妇联, 残联, 共青团 / 团中央), ends in 公司, 核电站 or 地产,
   or is one of ``NON_GOV_BODIES`` (人居环境委员会 / 人居委: committees of the association 中国房地产及住宅研究会,
   as the sentences naming them say; 中国国际城市化发展战略研究委员会, an NGO) or contains one of the first two
   (人居环境人居委).

Predictions = every mention ``find_mentions`` reports for the sentence (the text is the body; no title, no
source), resolved or not (an unresolved bare form such as 教育局 counts: it is reported by ``--unresolved``),
minus mentions of level ``foreign``, minus news organisations (``government_mentions``: 中新社 is typed media in the
agency table, as rule 3 leaves media labels out) and minus mentions whose surface a rule above leaves out. Mentions of kind
``parent`` (the body a sub-unit's name starts with, 工信部 inside 工信部消费品司) are scored last and only for
the good: CLUENER's labels are flat — one span per entity, never an entity inside another (2 of 23,971 train
spans nest) — so the labellers marked either the sub-unit (住房和城乡建设部住房保障司) or the body it starts
with (工信部 in 工信部消费品司, 发改委 in 国家发改委价格司), never both. A parent mention matches a gold span no
other mention matched; otherwise it is neutral, never a false positive.

Matching (one-to-one, in text order): a prediction and a gold span **match** when their character spans
overlap and differ by at most ``SLACK = 2`` characters in all (|union| − |intersection| ≤ 2), so 乌审旗旗委
predicted for gold 中共乌审旗旗委, or 住建委 for 市住建委, match; 住房和城乡建设部 predicted inside gold
住房和城乡建设部政策研究中心住宅与房地产研究处 does not. A prediction overlapping a left-out gold span (or any
other non-government label) and matching no kept gold span is **neutral** (neither right nor wrong).

A gold span left unmatched that names several bodies written one after another (泗水县委县政府, 北京市委市政府,
财政部证监会审计署银监会: CLUENER labels such a run as one entity) is **tiled** — matched once — when two or more
mentions that matched nothing else lie inside it and leave at most ``SLACK`` of its characters uncovered; those
mentions are one true positive together (counted as ``tiled``). The other way round, a mention that matched
nothing and holds two or more unmatched gold spans, leaving at most ``SLACK`` of its characters outside them, matches
all of them: one body the labellers cut in two (武汉市国土资源|和|房产管理局 for 武汉市国土资源和房产管理局, the
bureau's real name 2009–2019) — one true positive, the gold spans counted found (``split``). Both counts are
printed so that a reader can take them out.

Recall = matched gold / kept gold; precision = matched predictions / (matched + false predictions). The
script prints the counts, recall, precision, the number of exact-span matches, the top misses and the top
false positives (surface and count).
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analysis.agencies import (FOREIGN, FOREIGN_ABBREV, FOREIGN_AMBIGUOUS, AgencyMatcher, find_mentions,  # noqa: E402
                               government_mentions)
from analysis.agency_table import load_agencies, load_foreign_places, load_regions  # noqa: E402

SLACK = 2
#: Bodies abroad (and international organisations) that CLUENER names without their country.
FOREIGN_BODIES = ("白宫", "五角大楼", "美联储", "中情局", "联邦调查局", "国会", "参议院", "众议院", "参议会", "北约",
                  "欧盟", "欧佩克", "联合国", "世界银行", "国际货币基金组织", "国际粮食政策研究所", "皇家", "防御远景研究规划局",
                  "清朝政府", "opec", "特拉华", "新南威尔士", "魁北克", "夏威夷", "联邦", "东盟", "欧洲")
TAIWAN = ("台湾", "台北", "台中", "台南", "高雄", "新竹", "桃园", "扁家", "国民党", "中华民国", "总统府")
MILITARY = ("军", "部队", "舰队", "司令部", "自卫队", "卫队", "武装", "特攻队", "铁道兵", "总政治部")
MEDIA = ("电视台", "通讯", "新华社", "新华网", "央视", "法新社", "cctv", "日报", "广播电台")
GENERIC_ENDINGS = ("部门", "机关", "机构", "系统", "方面", "当局")
GENERIC_WORDS = frozenset({"政府", "新政府", "中央", "部委", "警方", "公安", "财政"})
NON_GOV = ("协会", "研究会", "学会", "工商联", "足协", "消协", "房协", "藏协", "民建", "民主党",
           "文联", "作协", "科协", "侨联", "妇联", "残联", "共青团", "团中央")
#: Committees of the association 中国房地产及住宅研究会 (the sentences that name them say so) and an NGO.
NON_GOV_BODIES = frozenset({"人居环境委员会", "人居委", "中国人居环境委员会", "中国国际城市化发展战略研究委员会"})
#: Words of a sentence that names Taiwan (for a quoted label: 台湾“金管会”, 来台 … “金管会”, 岛内).
TAIWAN_CONTEXT = ("台湾", "来台", "在台", "赴台", "岛内", "两岸")
QUOTES_OPEN, QUOTES_CLOSE = "“\"「『", "”\"」』"
#: Words right after a gold span that make it a generic phrase cut short (市房管|部门, 市住保|系统).
GENERIC_AFTER = ("部门", "系统", "机关")
#: Names inside a label that make it one of the association's committees of ``NON_GOV_BODIES`` (人居环境人居委).
NON_GOV_PARTS = ("人居委", "人居环境委员会")
HAN = re.compile(r"[\u4e00-\u9fff]")


def load_examples(path: Path) -> list[dict]:
    """CLUENER objects from ``path`` (one per line or pretty-printed, one after another). Raises
    ``SystemExit`` with a one-line message for a missing or malformed file."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SystemExit(f"eval_cluener: no such file: {path} (give the path to CLUENER2020 train.json or dev.json)")
    except UnicodeDecodeError:
        raise SystemExit(f"eval_cluener: {path} is not UTF-8 text (expected CLUENER2020 JSON)")
    dec, i, out = json.JSONDecoder(), 0, []
    while True:
        while i < len(text) and text[i].isspace():
            i += 1
        if i >= len(text):
            break
        try:
            obj, i = dec.raw_decode(text, i)
        except json.JSONDecodeError as exc:
            raise SystemExit(f"eval_cluener: {path}: not CLUENER JSON at character {i}: {exc.msg}")
        if not isinstance(obj, dict) or "text" not in obj:
            raise SystemExit(f"eval_cluener: {path}: object {len(out) + 1} has no 'text' (expected CLUENER2020 JSON)")
        out.append(obj)
    if not out:
        raise SystemExit(f"eval_cluener: {path} holds no examples")
    return out


class Rules:
    """The exclusion rules of the module docstring, with the place lists they read."""

    def __init__(self) -> None:
        chinese = set(load_regions()["name"]) | set(load_regions()["short"])
        places = load_foreign_places()
        self.places = sorted({p for p in places["name"] if len(p) >= 2 and p not in FOREIGN_AMBIGUOUS
                              and p not in chinese}, key=len, reverse=True)
        self.starts = tuple(f for f in FOREIGN if f not in ("该国", "两国", "外国", "各国", "多国", "对方"))
        self.abbrev = tuple(FOREIGN_ABBREV)
        self.chinese = tuple(sorted((c for c in chinese if isinstance(c, str) and len(c) >= 2), key=len,
                                    reverse=True))

    def reason(self, surface: str, text: str = "", start: int = -1, end: int = -1) -> str:
        """The rule that leaves ``surface`` out ("" when it is a Chinese government body). With the sentence
        ``text`` and the span ``[start, end)`` of a gold label, the words around it count too (rules 1 and 4:
        a Taiwan body in quotation marks; a span cut off a generic …部门 phrase)."""
        s = surface.strip()
        if text and end >= 0 and self.context_reason(s, text, start, end):
            return self.context_reason(s, text, start, end)
        low = s.lower()
        own = s.startswith(self.chinese)  # 乌审旗, 朝阳区, 内蒙古: a Chinese region first
        if (not HAN.search(s) or (not own and (any(p in s for p in self.places) or s.startswith(self.starts)
                                               or (len(s) > 1 and s.startswith(self.abbrev))))
                or any(t in s for t in TAIWAN) or any(b in low for b in FOREIGN_BODIES)):
            return "foreign"
        if any(m in s for m in MILITARY):
            return "military"
        if any(m in low for m in MEDIA):
            return "media"
        core = re.sub(r"^(?:地方|中央|国家|中国|该)(?=.)", "", s)
        if (s.endswith(GENERIC_ENDINGS) or core in GENERIC_WORDS or s in GENERIC_WORDS or s.startswith("各")
                or "部委" in s):
            return "generic"
        if (any(m in s for m in NON_GOV) or s.endswith(("公司", "核电站", "地产")) or s in NON_GOV_BODIES
                or any(b in s for b in NON_GOV_PARTS)):
            return "non-government"
        return ""

    @staticmethod
    def context_reason(surface: str, text: str, start: int, end: int) -> str:
        """Rules that need the sentence: a label in quotation marks in a sentence naming Taiwan (台湾 “金管会”:
        mainland news quote the names of Taiwan's authorities) is foreign (rule 1); a label the text continues
        with 部门 / 系统 / 机关 (or 门 after …部: 广州市国土|部门, 市住保|系统) is that generic phrase cut short
        by the labeller (rule 4)."""
        after = text[end:end + 2]
        if (text[start - 1:start] in QUOTES_OPEN and text[end:end + 1] in QUOTES_CLOSE
                and any(t in text for t in TAIWAN_CONTEXT)):
            return "foreign"
        if after.startswith(GENERIC_AFTER) or (surface.endswith("部") and after.startswith("门")):
            return "generic"
        return ""


def gold_spans(example: dict, rules: Rules) -> tuple[list[tuple[int, int, str]], list[tuple[int, int, str, str]]]:
    """(kept, left_out): kept = (start, end_exclusive, surface); left_out adds the rule's name. Other entity
    types (organization, company …) are returned as left out with reason ``other-label``."""
    kept, out = [], []
    for label, ents in (example.get("label") or {}).items():
        for surface, spans in ents.items():
            for s, e in spans:
                if label != "government":
                    out.append((s, e + 1, surface, "other-label"))
                    continue
                why = rules.reason(surface, example.get("text", ""), s, e + 1)
                (out.append((s, e + 1, surface, why)) if why else kept.append((s, e + 1, surface)))
    return kept, out


def _match(a: tuple[int, int], b: tuple[int, int]) -> bool:
    inter = min(a[1], b[1]) - max(a[0], b[0])
    return inter > 0 and (max(a[1], b[1]) - min(a[0], b[0])) - inter <= SLACK


def evaluate(examples: list[dict], matcher: AgencyMatcher | None = None) -> dict:
    """Counts and lists for ``examples`` (see the module docstring for the rules)."""
    rules = Rules()
    matcher = matcher or AgencyMatcher.from_table(load_agencies(user_path=""))
    arts = pd.DataFrame({"id": range(1, len(examples) + 1), "title": "", "body": [x["text"] for x in examples],
                         "source": ""})
    mentions = government_mentions(find_mentions(arts, matcher), include_foreign=True)
    by_row: dict[int, list] = {}
    for m in mentions.itertuples(index=False):
        by_row.setdefault(m.row, []).append(m)
    gold_n = found = exact = tp = fp = tiled = split = 0
    excluded: Counter = Counter()
    misses: Counter = Counter()
    false: Counter = Counter()
    for row, ex in enumerate(examples):
        kept, left = gold_spans(ex, rules)
        excluded.update(why for *_, why in left if why != "other-label")
        gold_n += len(kept)
        preds = [m for m in by_row.get(row, []) if m.level != "foreign" and not rules.reason(m.surface)]
        preds.sort(key=lambda m: m.kind == "parent")  # parents last (stable: text order otherwise)
        used_gold: set[int] = set()
        free: list = []  # predictions that matched no gold span (for spans tiled by several mentions)
        for m in preds:
            hit = next((i for i, g in enumerate(kept) if i not in used_gold and _match((m.start, m.end), g[:2])), None)
            if hit is None:
                free.append(m)
            if hit is not None:
                used_gold.add(hit)
                tp += 1
                exact += (m.start, m.end) == kept[hit][:2]
            elif m.kind == "parent" or any(min(m.end, o[1]) > max(m.start, o[0]) for o in left) or any(
                    min(m.end, g[1]) > max(m.start, g[0]) for g in kept):
                continue  # neutral: a parent, or overlaps a left-out label or a gold span already matched
            else:
                fp += 1
                false[m.surface] += 1
        for i, g in enumerate(kept):  # one gold span naming several bodies (泗水县委县政府): tiled by mentions
            inside = [m for m in free if m.kind != "parent" and g[0] <= m.start and m.end <= g[1]]
            covered = len({p for m in inside for p in range(m.start, m.end)})
            if i not in used_gold and len(inside) >= 2 and (g[1] - g[0]) - covered <= SLACK:
                used_gold.add(i)
                tp += 1
                tiled += 1
        for m in free:  # one body the labellers cut in two (武汉市国土资源|和|房产管理局): split by the gold
            parts = [i for i, g in enumerate(kept) if i not in used_gold and m.start <= g[0] and g[1] <= m.end]
            covered = len({p for i in parts for p in range(kept[i][0], kept[i][1])})
            if m.kind != "parent" and len(parts) >= 2 and (m.end - m.start) - covered <= SLACK:
                used_gold.update(parts)
                tp += 1
                split += len(parts)
        found += len(used_gold)
        misses.update(g[2] for i, g in enumerate(kept) if i not in used_gold)
    return {"examples": len(examples), "gold": gold_n, "found": found, "exact": exact, "tp": tp, "fp": fp, "tiled": tiled, "split": split,
            "excluded": excluded, "misses": misses, "false": false,
            "recall": found / gold_n if gold_n else 0.0, "precision": tp / (tp + fp) if tp + fp else 0.0}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("path", type=Path, help="CLUENER2020 train.json or dev.json")
    ap.add_argument("--top", type=int, default=20, help="how many misses and false positives to list")
    ap.add_argument("--show-excluded", action="store_true", help="list the left-out gold labels by rule")
    ap.add_argument("--extra-table", type=Path, default=None,
                    help="an agency table (same columns as data/agencies.csv) merged over the project's, as a "
                         "user's edits are — to measure rows before they land in the table")
    args = ap.parse_args(argv)
    examples = load_examples(args.path)
    if args.extra_table is not None and not args.extra_table.is_file():
        raise SystemExit(f"eval_cluener: no such table: {args.extra_table}")
    r = evaluate(examples, AgencyMatcher.from_table(load_agencies(user_path=args.extra_table or "")))
    print(f"examples: {r['examples']:,}   government labels left out: "
          + ", ".join(f"{k} {v}" for k, v in sorted(r["excluded"].items())))
    print(f"gold Chinese government bodies: {r['gold']:,}")
    print(f"recall:    {r['found']}/{r['gold']} = {r['recall']:.3f}   (exact spans {r['exact']}, tiled {r['tiled']}, split {r['split']})")
    print(f"precision: {r['tp']}/{r['tp'] + r['fp']} = {r['precision']:.3f}   (false positives {r['fp']})")
    print(f"\ntop {args.top} misses:")
    for s, n in r["misses"].most_common(args.top):
        print(f"  {n:4d}  {s}")
    print(f"\ntop {args.top} false positives:")
    for s, n in r["false"].most_common(args.top):
        print(f"  {n:4d}  {s}")
    if args.show_excluded:
        rules = Rules()
        by: dict[str, Counter] = {}
        for ex in examples:
            for *_, surface, why in gold_spans(ex, rules)[1]:
                if why != "other-label":
                    by.setdefault(why, Counter())[surface] += 1
        for why, c in sorted(by.items()):
            print(f"\nleft out ({why}): " + " ".join(f"{s}×{n}" for s, n in c.most_common()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
