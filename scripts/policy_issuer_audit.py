"""How many 发文机关 (issuer) values of a corpus are not real body names (default: ../shared/corpora/hebei_gov).

    python scripts/policy_issuer_audit.py [PATH ...] [--list]

Prints the issuer parts (the ``|``-separated names) that fail the audit rule below: distinct parts, occurrences, rows;
``--list`` prints each failing part with its count. To compare with an older version, run this file from a checkout of
it (``git archive <commit> | tar -x -C /tmp/base && cp scripts/policy_issuer_audit.py /tmp/base/scripts/``).

The audit rule is written apart from ``analysis.policy.metadata.is_body_name`` on purpose (it also catches names glued
together, which that rule does not): a part fails when it is on the list of fragments found by reading the corpus
(科技委, 河北分社 …), is shorter than 3 characters, does not end in a unit word (厅 局 部 委 … 中心, 军区, 市), holds
non-Chinese characters or title/sentence words (关于, 印发, 《, 等…部门, 为…, 根据, 落实 …), starts with a cut-off word
(委员会…, 北省…), or runs one body into the next (…厅国家…, …部中央…) — except the national branches listed in KNOWN.
"""
from __future__ import annotations

import collections
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analysis.loaders import load_paths  # noqa: E402

UNIT = "厅局部委办院府会署社行所站司组室心处区团联协关队馆校"
BAD_TEXT = re.compile(r"[^\u4e00-\u9fff]|关于|印发|转发|发布|^为|根据|按照|落实|贯彻|部署|精神|现将|等.{0,4}部[门委]|"
                      r"办法|规定|方案|名单|有关负责人|工作$")
CUT_START = re.compile(r"^(?:委员会|办公厅|办公室|公厅|业和|北省|共和国)")
GLUED = re.compile(r"[厅局部委办院会团](?=中国|国家|河北省|省|中共|共青团|总|财政|发改|人力|社科|工程|装备|中央|全国|保监|应急|市场)")
#: one body each, though GLUED would split them
KNOWN = {"国家税务总局河北省税务局", "共青团河北省委员会", "中国银行保险监督管理委员会河北监管局",
         "中国证券监督管理委员会河北监管局"}
#: fragments found by reading the Hebei issuer values (a name cut at a line or page break)
MANUAL = {"科技委", "健康委", "装备发展部", "河北分社", "外事委员会", "河北监管局", "中发", "网站工作", "图解丨河北省", "一图看懂"}


def not_a_body(part: str) -> bool:
    """Whether one issuer part fails the audit rule of this script (see the module docstring)."""
    if part in KNOWN:
        return False
    return bool(part in MANUAL or len(part) < 3 or part[-1] not in UNIT and not part.endswith(("中心", "军区", "市"))
                or BAD_TEXT.search(part) or CUT_START.match(part) or GLUED.search(part))


def main(argv: list[str]) -> int:
    paths = [a for a in argv if a != "--list"] or [str(ROOT.parent / "shared" / "corpora" / "hebei_gov")]
    articles = load_paths(paths).articles
    values = articles["issuer"].fillna("").astype(str).tolist()
    parts = collections.Counter(p for v in values for p in v.split("|") if p)
    bad = {p: n for p, n in parts.items() if not_a_body(p)}
    rows = sum(any(not_a_body(p) for p in v.split("|") if p) for v in values)
    filled = sum(1 for v in values if v)
    print(f"{len(articles)} articles, {filled} with an issuer, {len(parts)} distinct issuer parts")
    print(f"not real body names: {len(bad)} distinct, {sum(bad.values())} occurrences, in {rows} rows")
    if "--list" in argv:
        for p, n in sorted(bad.items(), key=lambda kv: (-kv[1], kv[0])):
            print(f"  {n}\t{p}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
