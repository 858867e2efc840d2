"""Agency mentions: find every government body named in the articles' title and body, merge aliases into
one canonical agency, resolve bare 省/市 forms by context, and count, pair and chart them.

This module is the public face of that work; each concern lives in its own module and is re-exported here
under the same names as before:

- ``analysis.agency_rules`` — vocabularies and small text tests (units, stop characters, foreign names);
- ``analysis.agency_naming`` — the compiled table, regions and templates, and how a region's body is named;
- ``analysis.agency_candidates`` / ``analysis.agency_patterns`` — candidate mentions by rule;
- ``analysis.agency_matcher`` — ``AgencyMatcher``: overlap pass and resolution from context; its ``Mention`` records;
- ``analysis.agency_mentions`` — ``find_mentions`` over a table of articles;
- ``analysis.agency_counts`` — summaries, per source/period/document, pairs, status of a mention;
- ``analysis.agency_discovery`` — names the table does not know yet;
- ``analysis.figures.agencies`` (and ``analysis.figures.layout``) — the figures.

How a mention is found (one Aho–Corasick pass per text, pure Python around it):

1. **Table names** (``data/agencies.csv``: canonical names, aliases, 简称) match as written. A name ending
   in 部 followed by 门 (公安部门, 财政部门) is not a mention.
2. **Regional bodies by rule**: a region name (full 海南省 or short 海南, ``data/regions.csv``) directly
   followed by a department variant (``data/agency_templates.csv``: 市场监管局, 公安厅, 发改委, 人民政府 …)
   is that region's body, named canonically for the region's level (海南市场监管局 → 海南省市场监督管理局).
   The one-character 委 counts only after a full region name or a bare level word (海南省委, 市委); no
   one-character suffix ever matches alone (当局, 格局, 布局, 结局, 干部 are never mentions).
3. **Bare forms**: a level word 省/市/县/区/州 followed by a department variant (省市场监管局, 市政府,
   区发改局) is the body of the article's province/city/county, taken from the nearest full region name
   before it in the same text, then the title, then the source, then the nearest one after it. When no
   region of that level can be found the mention is kept with ``agency=""`` and ``resolved=False`` (never
   guessed). 全省/各市 … (all provinces, every city) are not mentions.
4. **、-lists**: a department variant right after 、 that follows a regional mention inherits its level and
   region (省发展改革委、商务厅 → both provincial bodies of the same province).
5. **Nested names**: a national body followed by a region and a branch suffix (国家外汇管理局海南省分局,
   中国人民银行常德市中心支行) or by an internal unit ending in 司/局 (公安部治安管理局) is its own agency
   with the national body as ``parent``; so is a regional police bureau's district branch, and a sub-unit
   (司/处/科/中心/支队 …) written after any body. The body the sub-unit's name starts with is named too: it
   is reported as its own mention of kind ``parent`` (same start, its own end and canonical name), so
   省应急厅调查评估和统计处 counts 江苏省应急管理厅 once and 江苏省应急管理厅调查评估和统计处 once.
6. **Short forms of national bodies** (邮政局 for 国家邮政局, 药监局 for 国家药监局) count only in an article that
   names the national body in full, and never after a region or level word (县邮政局).
7. **Region + 局** (海南局) resolves to the bureau of that region the article is about: the one its source
   names, else the one the article names at least twice as often as any other bureau of that region
   (海南省市场监督管理局 in an article about it); otherwise it is unresolved.
8. **Township bodies** (level ``township``): a 2-character place + 街道 / 镇 / 乡 + a unit (办事处, 街道办,
   党工委, 镇政府, 综合执法队, 经济和科技促进局 …; 武湖街道的办事处 too); a bare 街道办事处 / 镇党委 is the
   township of that kind the article names (大良街道党工委 … 街道经济和科技促进局), else unresolved. 乡镇政府,
   城镇, 家乡 are not names.
9. **Task commands**: a proper task name + 任务(总)指挥部 / 工程(总)指挥部 (天宫一号与神舟九号载人交会对接任务
   总指挥部); a bare 任务总指挥部 or a clause (今天上午防汛工程指挥部) is not a mention.
10. **Foreign bodies** (level ``foreign``, kind ``foreign``, region = the country): a foreign country, capital
    or city (``data/foreign_places.csv``) or 美/俄/英 … right before a government unit (政府, 议会, 外交部,
    交管部门, 投促局 …) or a table name (英国国家统计局 is not China's 国家统计局); never after 驻 (China's
    embassies) nor inside a Chinese region name (内蒙古政府).
11. Overlaps: the longest candidate wins (leftmost first among equals).

Only title and body are read (loaders already cut page footers from the body). ``find_mentions`` returns one
row per mention; unresolved bare forms carry ``agency=""`` and ``resolved=False`` — the summaries leave them
out (``unresolved_summary`` lists them).
"""
from __future__ import annotations

from analysis.agency_counts import (STATUSES, agency_summary, by_document, by_period, by_source, cooccurrence,
                                    government_mentions, mention_rows, mention_status, resolve_names,
                                    unresolved_summary)
from analysis.agency_discovery import discover_candidates
from analysis.agency_matcher import AgencyMatcher, Mention
from analysis.agency_mentions import MENTION_COLUMNS, SENTENCE_END, find_mentions
from analysis.agency_rules import (CANDIDATE, CANDIDATE_REJECT, FOREIGN, FOREIGN_ABBREV, FOREIGN_AMBIGUOUS, Candidate,
                                   Kind, Region)
from analysis.figures.agencies import FIGURE_LABELS, network_figure, ranking_figure, timeline_figure
from analysis.figures.layout import spring_layout

#: The files (relative to the ``analysis`` package) whose code decides the mentions ``find_mentions`` returns:
#: caches of mentions key on their content, so a change of any rule is a new cache entry.
SOURCE_FILES: tuple[str, ...] = ("agencies.py", "agency_rules.py", "agency_glue.py", "agency_naming.py",
                                 "agency_patterns.py", "agency_candidates.py", "agency_matcher.py", "agency_mentions.py",
                                 "agency_table.py")

__all__ = ["AgencyMatcher", "CANDIDATE", "CANDIDATE_REJECT", "Candidate", "FIGURE_LABELS", "FOREIGN",
           "FOREIGN_ABBREV", "FOREIGN_AMBIGUOUS", "Kind", "MENTION_COLUMNS", "Mention", "Region",
           "SENTENCE_END", "SOURCE_FILES", "STATUSES", "agency_summary", "by_document", "by_period", "by_source",
           "cooccurrence", "discover_candidates", "find_mentions", "government_mentions", "mention_rows",
           "mention_status", "network_figure", "ranking_figure", "resolve_names", "spring_layout", "timeline_figure",
           "unresolved_summary"]
