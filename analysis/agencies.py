"""Agency mentions: find every government body named in the articles' title and body, merge aliases into
one canonical agency, resolve bare 省/市 forms by context, and count, pair and chart them.

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

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import ClassVar, Literal

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from analysis.agency_table import (AMBIGUOUS_REGION_NAMES, LEVEL_CHARS, load_agencies, load_foreign_places,
                                   load_regions, load_templates, split_aliases, table_digest)
from analysis.errors import invalid_option
from analysis.figstyle import inert, style
from analysis.periods import FREQS, start_dates

MENTION_COLUMNS: tuple[str, ...] = ("row", "id", "agency", "surface", "field", "start", "end", "sentence",
                                    "resolved", "level", "region", "kind")
HAN = re.compile(r"[\u4e00-\u9fff]")
SENTENCE_END = re.compile(r"[。！？!?；;\n]")
#: Branch suffixes after a national body + region (nested names).
BRANCH_SUFFIXES = ("营业管理部", "监管分局", "中心支行", "监管局", "特派办", "办事处", "总部", "分局", "分行", "支行", "分署",
                   "分院", "分中心", "局")
#: Units after a regional police bureau + district (江门市公安局蓬江区分局刑警大队).
POLICE_UNITS = ("刑事侦查支队", "刑事侦查大队", "刑警支队", "刑警大队", "交警支队", "交警大队", "治安大队", "派出所",
                "支队", "大队")
INTERNAL_UNIT = re.compile(r"[\u4e00-\u9fff]{2,6}?(?:司|局)")
INTERNAL_STOP = set("的在和与及对将为是了等各全并向从把被由于也都所这那其该有会要已就地得着过以而或发驭优相复杂布格公")
NESTING_PARENT_ENDINGS = ("部", "委员会", "总局", "署", "委", "银行")
#: Foreign governments have ministries of the same name (美国国防部, 俄外交部, 乌克兰国防部): a table name
#: right after one of these is not the Chinese body. Names starting with 中国/中华/国家/中央/中共/全国/国务院
#: are never foreign.
FOREIGN = ("美国", "俄罗斯", "日本", "韩国", "朝鲜", "英国", "法国", "德国", "意大利", "加拿大", "澳大利亚", "印度",
           "巴基斯坦", "以色列", "伊朗", "伊拉克", "叙利亚", "乌克兰", "土耳其", "沙特", "埃及", "巴西", "阿根廷", "墨西哥",
           "南非", "越南", "泰国", "菲律宾", "印尼", "马来西亚", "新加坡", "缅甸", "柬埔寨", "老挝", "蒙古", "哈萨克斯坦",
           "白俄罗斯", "波兰", "西班牙", "葡萄牙", "荷兰", "比利时", "瑞典", "挪威", "芬兰", "丹麦", "瑞士", "奥地利", "希腊",
           "新西兰", "黎巴嫩", "也门", "约旦", "卡塔尔", "阿联酋", "科威特", "阿富汗", "尼日利亚", "肯尼亚", "古巴", "委内瑞拉",
           "智利", "秘鲁", "哥伦比亚", "塞尔维亚", "匈牙利", "捷克", "罗马尼亚", "保加利亚", "格鲁吉亚", "亚美尼亚", "阿塞拜疆",
           "乌兹别克斯坦", "吉尔吉斯斯坦", "塔吉克斯坦", "土库曼斯坦", "孟加拉国", "斯里兰卡", "尼泊尔", "巴勒斯坦", "欧盟",
           "台湾", "立陶宛", "爱沙尼亚", "拉脱维亚", "斯洛伐克", "克罗地亚", "冰岛", "爱尔兰", "苏丹", "利比亚", "突尼斯",
           "阿尔及利亚", "摩洛哥", "美", "俄", "韩", "朝", "英", "乌", "菲", "越", "澳", "该国", "两国", "外国", "各国",
           "多国", "对方")  # one-character 日/以/加/法/印 … left out: 10日外交部, 依法, 印发
DOMESTIC_PREFIXES = ("中国", "中华", "国家", "中央", "中共", "全国", "国务院", "最高")
#: Characters allowed right before a bare 省/市/县/区/州: punctuation, function words and verbs that commonly
#: precede a body (由省商务厅, 召开市政府常务会议, 我市, 本县, 市委市政府). Any other Chinese character is taken as the end of a
#: name the region table does not know (巴黎市警方, 安大略省政府, 社区, 加州) — never a bare form.
ALLOW_BEFORE = set("与和及由对向在经从为是了据请的同跟于将把被让给自到受接会见访赴入进出任等或并及开召称说示委府合打次"
                   "、，。：；:（(“\"‘《 \n\t我本该")
#: Characters before a weak county name (和县, 萧县, short 新和 / 民和) that end the word before it; any other
#: Chinese character makes the name part of an ordinary word (城市和县, 创新和政府, 审核人和县, 民和县) unless the
#: article names the county's city or province (supporting context) or a region chain leads to it.
WEAK_BOUNDARY = set("、，。：；:（(“\"‘《 \n\t在赴到于从自由向据经与及往至")
#: A short region name written with the level word its full name ends in stands for the full name (黔东南州 for
#: 黔东南苗族侗族自治州, 民和县 for 民和回族土族自治县; not 大田市, which is Daejeon, nor 安新区 in 雄安新区).
SHORT_LEVEL = {"municipal": "州市盟", "county": "县区旗市"}
#: 自治区党委 / 自治州政府 / 自治县人民政府: bare forms of an autonomous region, prefecture or county.
AUTONOMOUS = {"自治区": "provincial", "自治州": "municipal", "自治县": "county"}
#: Template rules whose variants are never read without a region or level word (政府, 党委, 人大, 政协, 公安,
#: 警方, 交警 name a kind of body, not one body); the other variants of 3+ characters (教育局, 市住建委 without
#: 市) and the two-character ones in ``PREFIXLESS_SHORT`` are bare forms of the document's own region.
NO_PREFIXLESS = ("gov", "party", "npc", "cppcc", "ps", "traffic", "meteo_station", "edu_work")
#: Words before a department variant that make it a bare form too (当地教育局, 告上法院, 到派出所).
PREFIXLESS_BEFORE = ("当地", "本地", "该地", "注册地", "所在地", "告上", "到", "去", "办理", "拨打")
#: Characters right before a department variant that make it part of a longer name the rules do not read
#: (国家/自治/…) — after any other character a variant of 3+ characters is a bare form of unknown region.
NOT_BEFORE_DEPT = set("国家总央中部厅局委院署办司处科省市县区州旗盟镇乡村街道场所队洲")
PREFIXLESS_SHORT = frozenset({"法院", "建委", "教委", "农委", "经委", "侨办", "台办", "外办", "规委"})
PREFIXLESS_GENERIC = frozenset({"人民法院", "人民检察院", "纪律检查委员会", "监察委员会", "公安分局", "招商局",
                                "经济委员会", "建设委员会", "经济贸易委员会", "规划委员会", "农村工作委员会",
                                "人民政府办公室", "政府办公室", "国际贸易促进委员会", "投资促进中心", "事务局"})
#: Full local names with a department outside the templates (武汉市国土房产局, 杭州市建设工程质量安全监督总站,
#: 北京高级法院): a full region name (or a province's or city's short name) + up to 14 name characters + one
#: of these units; the name is kept as written (after the region's full name when that was written in full;
#: never expanded or renamed).
OPEN_UNITS = ("管理局", "监督局", "委员会", "管委会", "办公室", "办公厅", "管理中心", "保障中心", "监测中心",
              "指挥中心", "储备中心", "测绘中心", "担保中心", "总站", "监督站", "管理站",
              "管理处", "总队", "支队", "大队", "派出所", "看守所", "拘留所", "车管所", "司法所", "法院", "检察院",
              "社科院", "社会科学院", "分局", "局", "委")
OPEN = re.compile(r"(?P<mid>[\u4e00-\u9fff]{1,14}?)(?:" + "|".join(OPEN_UNITS) + ")")
OPEN_STOP = set("的在及对将为是了等各并向从把被由于也都这那其该有会要已就得着过以而或长副记说称示今昨年月日时号届次个位名项件"
                "前后上下里内外开召举部岛同启给听取致电愿原制成出席实简担考功申即企舰军勤派再")
LEVEL_NAME_CHARS = set("省市县区州旗盟")
LEVEL_RE = re.compile("[" + "".join(LEVEL_CHARS) + "]")
#: Words that make an open name no government body (上海合作组织, 招商局集团, 北京大学, 廊坊属地派出所).
OPEN_NOT_GOV = ("大学", "医院", "学校", "公司", "集团", "组织", "属地", "企业")
#: An open name may keep 和 / 与 inside (住房保障和房产管理局) but not at its start.
OPEN_INNER_OK = set("和与")
#: Characters after a unit that make it part of a longer word (局长, 委员, 办法, 办理, 大队长).
UNIT_NEXT_BLOCK = set("长员法理事学面势限域部托屈地")
NUMERALS = set("一二三四五六七八九十两〇零")
#: Characters after a one-character unit that make it part of a word (科技, 科研, 处分, 处理, 组织).
UNIT_NEXT_BY_END = {"科": set("技学研普创协院幻室教考"), "处": set("分理置罚在于"), "组": set("织成建合")}
#: Verbs ending in 办 (举办, 承办 …): a name ending in such a verb is no office.
BAN_VERB = set("举承主协创开督交查代包兴合领帮会速难好么")
CAAC_REGIONAL = re.compile(r"民航(华北|东北|华东|中南|西南|西北|新疆)(?:地区)?管理局")
CPPCC_SESSION_HEAD = re.compile(r"(?:政协|中国人民政治协商会议)")
SESSION = re.compile(r"第[一二三四五六七八九十]{1,3}届委员会")
#: Characters and words that are no police station's name (就近的派出所, 当地派出所, 辖区派出所).
STATION_STOP = OPEN_STOP | set("到去至往地近该本各每")
STATION_BEFORE = ("辖区", "附近", "当地", "所在地")
STATION_GENERIC = frozenset({"辖区", "附近", "基层", "公安", "城区", "农村", "乡镇", "街道", "社区"})
#: Sub-units after a body (住房和城乡建设部住房保障司, 福建省公安厅经侦总队, 国家体育总局体育彩票管理中心): up to
#: 12 name characters and one of these units; kept as written, with the body as ``parent``.
SUB_UNITS = ("研究中心", "管理中心", "信息中心", "服务中心", "发行管理中心", "办公室", "委员会", "总队", "支队", "大队", "分局",
             "总站", "派出所", "司", "处", "科", "中心", "防控组", "工作组", "专项组", "领导小组")
SUBUNIT = re.compile(r"(?P<mid>[\u4e00-\u9fff]{1,12}?)(?:" + "|".join(SUB_UNITS) + ")")
#: Characters before 处 that make it an ordinary word (多处, 各处, 此处, 好处, 之处 …).
PLACE_CHU = set("多各此到住好难之出长用去深远近高低别两几数一某何益坏严查判惩论审相共")
SUBUNIT_PARENTS = ("部", "局", "厅", "委", "委员会", "总局", "署", "办", "院", "中心", "分行", "支行")  # 指挥部 ends in 部
#: Characters before 科 that make it a subject or a clinic, not a section (学科, 本科, 外科 …).
NOT_SECTION = set("学本专外内儿工文理牙眼妇骨预百")
#: Department variants that must not be followed by these characters (公安部门 / 政府部门 are generic).
NEXT_BLOCK = {"委办": set("法理事学"), "公安": set("部机系干民厅局"), "政府": set("部"), "人大": set("代常"), "政协": set("委"),
              "委": set("员托屈"), "法院": set(), "警方": set()}
ZONE = re.compile(r"[\u4e00-\u9fff]{0,10}?(?:示范区|开发区|高新区|新区|自贸区|试验区|保税区|园区|合作区)"
                  r"(?:管委会|管理委员会|党工委)")
EMBASSY = re.compile(r"中国驻[\u4e00-\u9fff]{1,8}?(?:大使馆|总领事馆|总领馆|领事馆|使馆|代表处|代表团)")
#: News-agency credits (新华社北京5月2日电, 据新华社, 新华社记者) name the outlet, not the body acting.
CREDIT_NAMES = frozenset({"新华通讯社", "中央广播电视总台"})
CREDIT_AFTER = re.compile(r"(?:《|记者|客户端|[\u4e00-\u9fff]{0,8}\d{1,2}月\d{1,2}日电|电[（(　 ]|消息|报道|[)）])")
#: Township-level bodies (乡镇 and 街道, level ``township``): a 2-character place name + 街道 / 镇 / 乡 + one of
#: these units (canonical form after the colon). 街道的办事处 is the street office too; a bare 街道 + unit
#: (街道经济和科技促进局) is the office of the street the article names (大良街道党工委 … 街道经济和科技促进局).
TOWNSHIP_HEADS = ("街道", "镇", "乡")
TOWNSHIP_UNITS = {"办事处": "办事处", "的办事处": "办事处", "办": "办事处", "党工委": "党工委", "党委": "党委",
                  "人民政府": "人民政府", "政府": "人民政府", "纪工委": "纪工委", "纪委": "纪委", "人大工委": "人大工委",
                  "人大主席团": "人大主席团", "综合执法队": "综合执法队", "综合行政执法队": "综合行政执法队",
                  "综合行政执法办公室": "综合行政执法办公室", "城管执法队": "城管执法队", "城管中队": "城管中队",
                  "经济和科技促进局": "经济和科技促进局", "经济发展局": "经济发展局", "经济发展办公室": "经济发展办公室",
                  "社会事务局": "社会事务局", "派出所": "派出所", "司法所": "司法所", "财政所": "财政所",
                  "市场监管所": "市场监管所"}
#: Units that must not be followed by these characters (街道办公室 is a room, 镇政府部门 generic).
TOWNSHIP_NEXT_BLOCK = {"办": set("公理法事"), "政府": set("部"), "人民政府": set("部")}
#: Characters that make X镇 / X乡 a common word rather than a township name (乡镇政府, 城镇, 家乡, 下乡).
TOWNSHIP_GENERIC = {"镇": set("乡城村集市小重古各全该本每"), "乡": set("城家故下老返回同异他水各全该本每思"),
                    "街道": set("各全该本每")}
#: Ad hoc command bodies of a named task or project (天宫一号与神舟九号载人交会对接任务总指挥部): a proper
#: task name of 4–24 characters written right before it. A bare 任务总指挥部 (经任务总指挥部研究) is not a
#: mention — it names no task.
COMMAND_SUFFIXES = ("任务总指挥部", "任务指挥部", "工程总指挥部", "工程指挥部", "工程建设指挥部", "建设总指挥部",
                    "防汛抗旱总指挥部", "防汛抗旱指挥部", "疫情防控指挥部", "防控指挥部")
#: Commands named after a river, region or epidemic need only 2 name characters (长江防汛抗旱总指挥部).
COMMAND_SHORT_OK = ("防汛抗旱总指挥部", "防汛抗旱指挥部", "疫情防控指挥部", "防控指挥部")
COMMAND_NAME = re.compile(r"[\u4e00-\u9fff0-9A-Za-z０-９]{1,40}$")
COMMAND_LEAD = set("受由据经在向对将为是和与同跟于把被让给自到接称说据请即并及由")
COMMAND_STOP = set("的了是说这那其我你他她它们着过已都也就还")
COMMAND_TIME = re.compile(r"[0-9０-９一二三四五六七八九十]+[年月日时]|[今昨明前][天日年晚]|[上中下]午|凌晨|晚间")
#: Foreign government bodies (level ``foreign``): a foreign country, capital or city (``data/foreign_places.csv``)
#: or a one-character country abbreviation (美/俄/英 …) right before one of these units or before a name of the
#: agency table — 法国交管部门, 圣保罗投促局, 英国国家统计局 (not China's), 美国务院 (the State Department).
#: Not after 驻 (我驻法国大使馆 is China's embassy) nor inside a longer place name (内蒙古政府).
FOREIGN_UNITS = ("政府", "联邦政府", "中央政府", "国会", "议会", "参议院", "众议院", "总统府", "内阁", "外交部", "外务省",
                 "国务院", "国防部", "防卫省", "内政部", "财政部", "商务部", "司法部", "卫生部", "教育部", "交通部", "能源部",
                 "农业部", "国土安全部", "外交与英联邦事务部", "外交和英联邦事务部", "经济部", "贸易部", "工业部", "警方",
                 "警察厅", "警察局", "交管部门", "交通管理部门", "移民局", "海关", "央行", "中央银行", "投促局", "投资促进局",
                 "大使馆", "驻华大使馆", "使馆", "总领事馆", "领事馆", "市政府", "州政府", "卫生部门")
FOREIGN_ABBREV = {"美": "美国", "俄": "俄罗斯", "英": "英国", "韩": "韩国", "朝": "朝鲜", "乌": "乌克兰", "菲": "菲律宾",
                  "越": "越南", "德": "德国"}
#: Place names in the world list that are also Chinese places or ordinary words.
FOREIGN_AMBIGUOUS = frozenset({"中非", "汉堡", "万象", "西贡", "巴林", "黑山", "亚伦", "马里", "海地", "阿曼", "德班"})

#: How a mention was found (the ``kind`` column): a table name, a region + department rule, a bare level word
#: resolved from context, a 、-list item, a nested name, a short form resolved from the article, a pattern
#: (embassies, development-zone committees, task commands), a township body, a foreign body.
Kind = Literal["table", "regional", "bare", "list", "nested", "context", "pattern", "township",
               "foreign"]


MUNICIPALITIES = frozenset({"110000", "120000", "310000", "500000"})  # 北京, 天津, 上海, 重庆 (province codes)


def _unit(name: str) -> str:
    """The kind of unit a department name ends in, where two kinds differ in rank: 委员会 (also 委), 局, 支队,
    大队, 总队; "" for any other ending."""
    for u in ("委员会", "支队", "大队", "总队"):
        if name.endswith(u):
            return u
    return "委员会" if name.endswith("委") else "局" if name.endswith("局") else ""


@dataclass(frozen=True)
class Region:
    code: str
    name: str
    level: str       # provincial / municipal / county
    province: str    # code of its province
    city: str        # code of its city ("" for a province)

    @property
    def is_municipality(self) -> bool:
        """直辖市 (北京市 …): provincial level, named with municipal (局) departments."""
        return self.level == "provincial" and self.name.endswith("市")


@dataclass
class _Cand:
    start: int
    end: int
    agency: str
    kind: Kind
    level: str = "national"
    region: int = -1          # index into matcher.regions (-1: none)
    template: int = -1        # index into matcher.templates (for bare / list forms)
    pending: str = ""         # "bare" / "list" / "bureau" / "national" / "township": resolved after the overlap pass
    parent: str = ""
    where: str = ""           # a foreign body's country; a township body's place name (大良街道)
    rank: int = 0             # tie-breaker in the overlap pass: 1 for a name written out by the open rule
    choices: tuple = ()       # regions a shared district name (朝阳区) may be, resolved from the article
    tail: str = ""            # a sub-unit written after a bare form (市住保办 + 政策计划处), added once resolved
    parents: list = field(default_factory=list)  # the bodies a sub-unit's name starts with: (end, canonical, parent)


@dataclass
class AgencyMatcher:
    """A compiled matcher over one agency table and the project's regions and naming rules. Build once
    (``default()`` or ``from_table``); ``match_article`` only reads it, so one matcher serves every thread."""

    table: pd.DataFrame
    regions: list[Region]
    templates: list[dict]
    automaton: object = field(repr=False)
    key: str = "default"
    _alias_level: dict = field(default_factory=dict, repr=False)  # canonical -> (level, region)
    _party: int = field(default=-1, repr=False)                      # index of the party-committee rule
    _cppcc: int = field(default=-1, repr=False)                      # index of the CPPCC rule
    _region_by_code: dict = field(default_factory=dict, repr=False)  # (code, level) -> region index
    _country_names: frozenset = field(default=frozenset(), repr=False)  # 美国, 美利坚合众国 … (not cities)
    _shared: frozenset = field(default=frozenset(), repr=False)  # full names several regions share (朝阳区)
    _prefixless: frozenset = field(default=frozenset(), repr=False)  # template indexes usable without a region

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
        import ahocorasick

        reg = load_regions()
        regions: list[Region] = []
        code_row: dict[tuple[str, str], int] = {}
        for r in reg.itertuples(index=False):
            prov = r.code[:2] + "0000"
            city = "" if r.level == "provincial" else (r.code if r.level == "municipal" else r.parent_code)
            code_row[(r.code, r.level)] = len(regions)
            regions.append(Region(r.code, r.name, r.level, prov, city))
        entries: dict[str, list] = {}

        def add(word: str, item: tuple) -> None:
            entries.setdefault(word, []).append(item)

        by_name: dict[str, list[int]] = {}
        for i, r in enumerate(reg.itertuples(index=False)):
            if r.name not in AMBIGUOUS_REGION_NAMES and len(r.name) >= 2:
                by_name.setdefault(r.name, []).append(i)
            if r.short and r.short not in AMBIGUOUS_REGION_NAMES:
                add(r.short, ("R", (i,), False))
        for name, idx in by_name.items():
            add(name, ("R", tuple(idx), True))
        templates = [dict(t._asdict()) for t in load_templates().itertuples(index=False)]
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
        for word in ("民航", "湖管理局", "届委员会", *(u for u in OPEN_UNITS if len(u) >= 2)):
            add(word, ("X",))  # pattern triggers (a text without any hit is skipped)
        countries = set()
        for f in load_foreign_places().itertuples(index=False):
            if f.name not in FOREIGN_AMBIGUOUS and f.name not in by_name:
                add(f.name, ("F", f.country))
                if f.kind in ("country", "full"):
                    countries.add(f.name)
        for unit in FOREIGN_UNITS:
            add(unit, ("U",))
        for ch, level in LEVEL_CHARS.items():
            add(ch + "委", ("P", party, level))
        alias_level: dict[str, tuple[str, str]] = {}
        names = set()
        short_national: dict[str, set[str]] = {}
        for row in table.itertuples(index=False):
            for name in [row.canonical, *split_aliases(row.aliases)]:
                add(name, ("T", row.canonical))
                names.add(name)
                if row.level == "national" and name.startswith("国家") and len(name) >= 5:
                    short_national.setdefault(name[2:], set()).add(row.canonical)
            alias_level[row.canonical] = (row.level, row.region)
        # 邮政局 for 国家邮政局, 药监局 for 国家药监局: only in an article that names the national body
        for short, owners in short_national.items():
            if len(owners) == 1 and short not in names:
                add(short, ("N", next(iter(owners))))
        auto = ahocorasick.Automaton()
        for word, items in entries.items():
            auto.add_word(word, (len(word), tuple(items)))
        auto.make_automaton()
        return cls(table=table, regions=regions, templates=templates, automaton=auto, key=key,
                   _alias_level=alias_level, _party=party, _region_by_code=code_row,
                   _cppcc=next(i for i, t in enumerate(templates) if t["key"] == "cppcc"),
                   _country_names=frozenset(countries),
                   _shared=frozenset(n for n, idx in by_name.items() if len(idx) > 1),
                   _prefixless=frozenset(i for i, t in enumerate(templates) if not t["key"].startswith(NO_PREFIXLESS)))

    # --- helpers ----------------------------------------------------------------------------------------
    def _label(self, region_i: int) -> str:
        """A region's name in canonical names: its full name; a county-level name that several regions share
        (朝阳区 in 北京 and 长春, 鼓楼区) carries its city (北京市朝阳区), so that they stay different agencies."""
        r = self.regions[region_i]
        if r.level == "county" and r.name in self._shared and r.city:
            c = self._region_by_code.get((r.city, "municipal"), self._region_by_code.get((r.city, "provincial"), -1))
            if c >= 0:
                return self.regions[c].name + r.name
        return r.name

    def _canonical(self, region_i: int, template_i: int, level: str | None = None, variant: str = "") -> str:
        """The canonical name of template ``template_i`` for region ``region_i`` at ``level``. Districts of
        the four 直辖市 are named like city departments (北京市朝阳区发展和改革委员会, 消防救援支队); where the
        written unit (委员会 / 局 / 支队 / 大队) is not the format's, a format with the written unit is used, else
        the name as written — a body is never renamed into one that does not exist (朝阳区卫健委 is a 委员会)."""
        r = self.regions[region_i]
        t = self.templates[template_i]
        lv = level or r.level
        if r.is_municipality and lv == "provincial":
            lv = "municipal"
        name = self._label(region_i)
        if r.code[:2] in ("81", "82"):  # 香港特别行政区政府 / 香港警方: no 人民政府, 中共 committees or 公安局
            return name + variant
        if (lv == "county" and r.province in MUNICIPALITIES and _unit(t.get("municipal") or "")
                and _unit(t.get("county") or "") and _unit(t["municipal"]) != _unit(t["county"])):
            lv = "municipal"  # a 直辖市 district keeps the city's 委员会 / 支队 (never a court's 中级人民法院)
        fmt = t.get(lv) or ""
        if not fmt and r.is_municipality:  # 北京高级法院 → 北京市高级人民法院 (a 直辖市 has the province's court)
            fmt = t.get("provincial") or ""
        unit = _unit(variant)
        if fmt and unit and _unit(fmt) and _unit(fmt) != unit:
            alt = [t.get(x) for x in ("municipal", "provincial", "county") if t.get(x) and _unit(t.get(x)) == unit]
            fmt = alt[0] if alt else ""
        return fmt.replace("{r}", name) if fmt else name + variant

    def _scan(self, text: str):
        """Raw automaton hits sorted by start: (start, end, items)."""
        out = []
        for end_i, (n, items) in self.automaton.iter(text):
            out.append((end_i - n + 1, end_i + 1, items))
        return out

    def _region_hits(self, hits) -> list[tuple[int, int, tuple[int, ...], bool]]:
        return [(s, e, it[1], it[2]) for s, e, items in hits for it in items if it[0] == "R"]

    # --- one text -----------------------------------------------------------------------------------------
    def _weak(self, length: int, ridx: tuple[int, ...], full: bool) -> bool:
        """A county-level name of at most two characters (和县, 萧县) or a county's short name (新和, 民和):
        such names sit inside ordinary words (城市和县, 创新和政府, 民和县) and need a boundary or support."""
        return all(self.regions[i].level == "county" for i in ridx) and (length <= 2 or not full)

    def support(self, hits) -> set[str]:
        """Codes of the provinces and cities an article names (by names that are not weak): the supporting
        context a weak county name needs."""
        out: set[str] = set()
        for s, e, items in hits:
            for it in items:
                if it[0] == "R" and len(it[1]) == 1 and not self._weak(e - s, it[1], it[2]):
                    r = self.regions[it[1][0]]
                    out.update((r.code, r.province, r.city))
        return out

    def _candidates(self, text: str, hits, support: set[str] | None = None) -> list[_Cand]:
        regions, templates = self.regions, self.templates
        r_end: dict[int, tuple[int, tuple[int, ...], bool]] = {}
        r_start: dict[int, tuple[int, tuple[int, ...], bool]] = {}
        d_start: dict[int, tuple[int, int, str]] = {}
        f_end: dict[int, tuple[int, str]] = {}  # foreign place names by end: (start, country)
        extra: list[tuple[int, int, tuple]] = []  # township, command and foreign-unit hits
        cands: list[_Cand] = []
        weak: list[tuple[int, int, tuple]] = []
        for s, e, items in hits:  # pass 1: region names and department variants by position
            for it in items:
                kind = it[0]
                if kind == "R":
                    re_ = e
                    if not it[2] and e < len(text) and text[e] in SHORT_LEVEL.get(self.regions[it[1][0]].level, ""):
                        if self.regions[it[1][0]].name.endswith(text[e]):
                            re_, it = e + 1, ("R", it[1], True)  # 黔东南州, 民和县: a short name with its level word
                        elif text[e] in "县区" and (s in r_end or (support is not None and (
                                self.regions[it[1][0]].city in support or self.regions[it[1][0]].province in support))):
                            re_ = e + 1  # 张家口崇礼县 (崇礼区 since 2016): a former county in its city's chain
                            # or in an article that names its city or province
                    if self._weak(re_ - s, it[1], it[2]):
                        weak.append((s, re_, it))
                        continue
                    if s not in r_start or re_ > r_start[s][0]:
                        r_start[s] = (re_, it[1], it[2])
                    if re_ not in r_end or s < r_end[re_][0]:
                        r_end[re_] = (s, it[1], it[2])
                elif kind == "D":
                    if s not in d_start or e > d_start[s][0]:
                        d_start[s] = (e, it[1], text[s:e])
                elif kind == "F":
                    if e not in f_end or s < f_end[e][0]:
                        f_end[e] = (s, it[1])
                elif kind in ("S", "C", "U", "T", "N"):  # township, command; a foreign body's unit
                    extra.append((s, e, it))
        for s, e, it in weak:  # a weak county name: a boundary before it, a region chain, or the article's support
            ridx = it[1]
            if not (s == 0 or not HAN.match(text[s - 1]) or text[s - 1] in WEAK_BOUNDARY or s in r_end):
                if support is None:
                    support = self.support(hits)
                ridx = tuple(i for i in ridx if self.regions[i].city in support or self.regions[i].province in support)
                if not ridx:
                    continue
            if s not in r_start or e > r_start[s][0]:
                r_start[s] = (e, ridx, it[2])
            if e not in r_end or s < r_end[e][0]:
                r_end[e] = (s, ridx, it[2])
        for s, e, items in hits:  # pass 2: table names (nested names look ahead at regions) and bare 省委
            for it in items:
                kind = it[0]
                if kind == "P":
                    if e < len(text) and text[e] in NEXT_BLOCK["委"]:
                        continue
                    if self._bare_ok(text, s):
                        cands.append(_Cand(s, e, "", "bare", it[2], -1, it[1], "bare"))
                elif kind == "N":
                    if s and (text[s - 1] in LEVEL_CHARS or s in r_end or text[s - 1] in "国地"):
                        continue
                    d = next((x[1] for x in items if x[0] == "D"), -1)
                    cands.append(_Cand(s, e, it[1], "context", "national", template=d, pending="national"))
                elif kind == "T":
                    name = text[s:e]
                    if name.endswith("部") and e < len(text) and text[e] == "门":
                        continue
                    if s and not name.startswith(DOMESTIC_PREFIXES) and text.endswith(FOREIGN, max(0, s - 6), s):
                        continue
                    if it[1] in CREDIT_NAMES and (CREDIT_AFTER.match(text, e) or text.endswith(("据", "（", "(", "来源："), 0, s)):
                        continue
                    cands.append(_Cand(s, e, it[1], "table", self._alias_level.get(it[1], ("national",))[0]))
                    self._nested(text, cands[-1], r_start)
        n = len(text)
        for s, (e, ti, variant) in d_start.items():
            block = NEXT_BLOCK.get(variant)
            if block and e < n and text[e] in block:
                continue
            if variant == "公安" and e + 1 < n and text[e:e + 2] in ("部门", "机关", "系统"):
                continue
            reg = r_end.get(s)
            if reg is not None:
                rs, ridx, is_full = reg
                c = self._regional(text, rs, s, e, ridx, ti, r_end, variant)
                if not is_full and c.agency and not templates[ti].get(regions[c.region].level if c.region >= 0 else ""):
                    c.agency = text[rs:e]  # 南京车管所, 上海银监局: a name kept as written keeps its short region
                cands.append(c)
                if templates[ti]["key"] == "ps":
                    self._police_units(text, c, r_start)
                else:
                    self._subunit(text, c)
                continue
            if templates[ti]["key"] == "party_banner":
                continue  # 旗委 / 区委 / 县委 only right after their region (乌审旗旗委, 石景山区区委)
            place = r_start.get(s)
            if place is not None and place[0] > e:
                continue  # a place whose name holds a department word (公安县) is a place
            if s > 2 and text.endswith(tuple(AUTONOMOUS), s - 3, s) and self._bare_ok(text, s - 3):
                cands.append(_Cand(s - 3, e, "", "bare", AUTONOMOUS[text[s - 3:s]], -1, ti, "bare"))
            elif s > 0 and text[s - 1] in LEVEL_CHARS and self._bare_ok(text, s - 1):
                cands.append(_Cand(s - 1, e, "", "bare", LEVEL_CHARS[text[s - 1]], -1, ti, "bare"))
                self._bare_subunit(text, cands[-1])
            elif s > 0 and text[s - 1] == "、":
                cands.append(_Cand(s, e, "", "list", "", -1, ti, "list"))
            elif self._prefixless_ok(ti, variant) and (s == 0 or not HAN.match(text[s - 1])
                                                     or (text[s - 1] in ALLOW_BEFORE and text[s - 1] != "等")
                                                     or text.endswith(PREFIXLESS_BEFORE, 0, s)
                                                     or (len(variant) >= 3 and text[s - 1] not in NOT_BEFORE_DEPT
                                                         and s not in f_end and text[s - 1] not in FOREIGN_ABBREV)):
                cands.append(_Cand(s, e, "", "bare", "", -1, ti, "prefixless"))
        # region + 委 (海南省委) and region + 局 (海南局)
        for e, (rs, ridx, is_full) in r_end.items():
            if e >= n or e in d_start:
                continue
            ch = text[e]
            if ch == "委" and is_full and not (e + 1 < n and text[e + 1] in NEXT_BLOCK["委"]):
                c = self._regional(text, rs, e, e + 1, ridx, self._party, r_end, "委")
                cands.append(c)
            elif ch == "局" and not (e + 1 < n and HAN.match(text[e + 1]) and text[e + 1] in "长势面部限域"):
                ri = ridx[0]
                if len(ridx) == 1 and regions[ri].level in ("provincial", "municipal"):
                    cands.append(_Cand(rs, e + 1, "", "context", regions[ri].level, ri, -1, "bureau"))
        self._open(text, cands, r_end, r_start)
        self._bare_open(text, cands, d_start)
        self._patterns(text, cands, r_end, r_start)
        for s, e, it in extra:
            if it[0] == "S":
                self._township(text, s, e, it[1], it[2], cands, r_end)
            elif it[0] == "C":
                self._command(text, s, e, cands)
            elif s in f_end or (s and text[s - 1] in FOREIGN_ABBREV):  # "U" unit, "T"/"N" table name
                self._foreign(text, s, e, f_end, r_end, cands)
        return cands

    def _township(self, text: str, s: int, e: int, head: str, unit: str, cands: list[_Cand], r_end) -> None:
        """X街道办事处 / X镇政府 / X乡党委 (named), or a bare 街道 + unit resolved later from the article."""
        block = TOWNSHIP_NEXT_BLOCK.get(unit)
        if block and e < len(text) and text[e] in block:
            return
        canon = head + TOWNSHIP_UNITS[unit]
        prefix = text[max(0, s - 2):s]
        if (len(prefix) == 2 and HAN.match(prefix[0]) and HAN.match(prefix[1])
                and not (set(prefix) & CANDIDATE_STOP) and prefix[-1] not in TOWNSHIP_GENERIC[head]
                and prefix[-1] not in LEVEL_CHARS and not (s - 1 in r_end and r_end[s - 1][0] < s - 1)):
            start = s - 2
            inner = r_end.get(start)
            name = (text[inner[0]:start] if inner else "") + prefix
            ri = inner[1][0] if inner and len(inner[1]) == 1 else -1
            while start in r_end:
                start = r_end[start][0]
            cands.append(_Cand(start, e, name + canon, "township", "township", ri, where=name + head))
            return
        if s == 0 or not HAN.match(text[s - 1]) or text[s - 1] in ALLOW_BEFORE:
            # bare 街道办事处 / 镇政府: the township the article names (resolved in match_article)
            cands.append(_Cand(s, e, "", "township", "township", -1, pending="township", where=head))

    def _command(self, text: str, s: int, e: int, cands: list[_Cand]) -> None:
        """A named task's or project's command (…任务总指挥部): the task name is the run of name characters
        before the suffix, without a leading verb (受/由/经 …); 4–24 characters, no clause words."""
        m = COMMAND_NAME.search(text, max(0, s - 40), s)
        if not m:
            return
        start = m.start()
        while start < s and text[start] in COMMAND_LEAD:
            start += 1
        name = text[start:s]
        low = 2 if text[s:e] in COMMAND_SHORT_OK else 4
        if low <= len(name) <= 24 and not (set(name) & COMMAND_STOP) and not COMMAND_TIME.search(name):
            cands.append(_Cand(start, e, text[start:e], "pattern", ""))
            self._subunit(text, cands[-1], rounds=1)  # …指挥部学校防控组

    def _foreign(self, text: str, s: int, e: int, f_end, r_end, cands: list[_Cand]) -> None:
        """A foreign place (or 美/俄/英 …) right before a government unit: a foreign body (level ``foreign``)."""
        unit = text[s:e]
        if unit.endswith("部") and e < len(text) and text[e] in "门队":
            return  # 美国环保部门前工作人员, 沙特安全部队
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
            canon = (country if name in self._country_names else name) + unit
        elif s and text[s - 1] in FOREIGN_ABBREV:
            start = s - 1
            prev = text[start - 1] if start else ""
            if prev == "驻" or (HAN.match(prev) and prev not in ALLOW_BEFORE):
                return
            country = FOREIGN_ABBREV[text[start]]
            canon = country + unit
        else:
            return
        cands.append(_Cand(start, e, canon, "foreign", "foreign", where=country))

    def _prefixless_ok(self, ti: int, variant: str) -> bool:
        """May department variant ``variant`` (rule ``ti``) stand alone as a bare form (教育局, 市住建委 → 住建委)?"""
        return (ti in self._prefixless and (len(variant) >= 3 or variant in PREFIXLESS_SHORT)
                and variant not in PREFIXLESS_GENERIC)

    @staticmethod
    def _in_title_marks(text: str, s: int) -> bool:
        """Is position ``s`` inside 《…》 (a document's or book's title)?"""
        o = text.rfind("《", 0, s)
        return o >= 0 and text.rfind("》", o, s) < 0

    def _unit_ok(self, text: str, m) -> bool:
        """Checks shared by open names and sub-units: no clause word inside, no longer word after the unit."""
        name, end = m.group(), m.end()
        if name[0] in OPEN_INNER_OK or name[0] in "全各该本每" or set(m.group("mid")) & OPEN_STOP:
            return False
        if set(name) & NUMERALS and "第" not in name:  # 北京市第一中级人民法院, not 北京一公安局
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
        return name.endswith(("法院", "检察院", "邮政局")) or not CANDIDATE_REJECT.search(name)

    def _open(self, text: str, cands: list[_Cand], r_end, r_start_of) -> None:
        """Full local names with a department the templates do not know (武汉市国土房产局, 北京高级法院): the
        region's full name + the rest as written; a shared district name is resolved from the article."""
        for e, (rs, ridx, full) in r_end.items():
            r = self.regions[ridx[0]]
            if ((not full and r.level == "county") or e >= len(text) or text[e] in LEVEL_NAME_CHARS
                    or text.startswith(("自治", "地区"), e) or r_start_of.get(rs, (e,))[0] > e):
                continue  # 上海 + 市科委, 新疆 + 自治区党委: the longer region name is read instead
            m = OPEN.match(text, e)
            if (m is None or not self._unit_ok(text, m) or self._in_title_marks(text, rs)
                    or any(w in m.group() for w in OPEN_NOT_GOV)
                    or any(x in r_start_of for x in range(e, m.end()))):
                continue  # a region named inside (乌鲁木齐专门听取新疆维吾尔自治区党委) has its own rules
            c = self._regional(text, rs, e, m.end(), ridx, -1, r_end, m.group())
            if not full and c.agency:
                c.agency = text[rs:m.end()]  # 广东海事局, 北京高级法院: a short region name is kept as written
            c.rank = 1
            cands.append(c)

    def _bare_open(self, text: str, cands: list[_Cand], d_start) -> None:
        """A bare level word + a department the templates do not know (市土地整理储备中心, 区民政局最低生活保障
        管理服务中心 → 区民政局 first): the body of the article's city / county, named as written."""
        for lm in LEVEL_RE.finditer(text):
            i = lm.start()
            if (i + 1) in d_start or i in d_start or not self._bare_ok(text, i):
                continue
            m = OPEN.match(text, i + 1)
            if (m is None or len(m.group("mid")) < 2 or text[i + 1] in "场区长委" or not self._unit_ok(text, m)
                    or any(w in m.group() for w in OPEN_NOT_GOV) or m.group().endswith(("委", "局"))):
                continue
            cands.append(_Cand(i, m.end(), "", "bare", LEVEL_CHARS[lm.group()], -1, -1, "bare", where=m.group(), rank=1))

    def _bare_subunit(self, text: str, c: _Cand) -> None:
        """A sub-unit written after a bare form (市住保办政策计划处, 省公安厅经侦总队): the span grows now, the name once
        the bare form is resolved (``tail``)."""
        if not text[c.start:c.end].endswith(SUBUNIT_PARENTS + ("办公室",)):
            return
        m = SUBUNIT.match(text, c.end)
        if m is not None and self._unit_ok(text, m) and m.group() not in self._alias_level:
            c.tail, c.end = m.group(), m.end()

    def _subunit(self, text: str, c: _Cand, rounds: int = 2) -> None:
        """A sub-unit written right after a body (住房和城乡建设部住房保障司, 福建省公安厅经侦总队): its own agency
        named as written after the body's canonical name, with the body as ``parent``."""
        for _ in range(rounds):
            if not c.agency or not c.agency.endswith(SUBUNIT_PARENTS) or c.pending:
                return
            m = SUBUNIT.match(text, c.end)
            if m is None or not self._unit_ok(text, m) or m.group() in self._alias_level:
                return
            self._push_nested(c, m.end(), c.agency + m.group())

    def _bare_ok(self, text: str, i: int) -> bool:
        """Is the level word at ``text[i]`` a bare reference to one province/city/county?"""
        prev = text[i - 1] if i > 0 else ""
        return prev == "" or prev in ALLOW_BEFORE or not HAN.match(prev)

    def _regional(self, text, rs, s, e, ridx, ti, r_end, variant) -> _Cand:
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
                return _Cand(start, e, "", "regional", self.regions[ri].level, -1, ti, "ambig",
                             where=variant, choices=tuple(ridx))
            ri = inside[0]
        r = self.regions[ri]
        name = self._canonical(ri, ti, variant=variant) if ti >= 0 else self._label(ri) + variant
        return _Cand(start, e, name, "regional", r.level, ri, ti)

    def _nested(self, text: str, c: _Cand, r_start) -> None:
        """国家外汇管理局海南省分局 / 中国人民银行常德市中心支行 / 公安部治安管理局 → own entity with a parent."""
        if c.level != "national":
            return
        e = c.end
        reg = r_start.get(e)
        if reg is not None:
            re_ = reg[0]
            for suf in BRANCH_SUFFIXES:
                if text.startswith(suf, re_):
                    end = re_ + len(suf)
                    self._push_nested(c, end, c.agency + text[e:end])
                    return self._subunit(text, c, rounds=1)  # 人民银行成都分行征信管理处
            return
        if not c.agency.endswith(NESTING_PARENT_ENDINGS):
            return self._subunit(text, c)
        m = INTERNAL_UNIT.match(text, e)
        if (m and not (set(m.group()) & INTERNAL_STOP) and m.group() not in self._alias_level
                and not CANDIDATE_REJECT.search(m.group())):
            self._push_nested(c, m.end(), c.agency + m.group())
        self._subunit(text, c)

    @staticmethod
    def _push_nested(c: _Cand, end: int, name: str) -> None:
        """``c`` becomes the sub-unit ``name`` ending at ``end``; the body it was (named in the text before the
        sub-unit's own words) is kept in ``c.parents`` and reported as its own mention of kind ``parent``."""
        c.parents.append((c.end, c.agency, c.parent))
        c.parent, c.agency, c.end, c.kind = c.agency, name, end, "nested"

    def _police_units(self, text: str, c: _Cand, r_start) -> None:
        """A police bureau's district 分局 and/or its unit (江门市公安局蓬江区分局刑警大队: the 分局 is named too,
        so it is one level and the 大队 the next), else any sub-unit (福州市公安局经侦支队)."""
        reg = r_start.get(c.end)
        if c.agency and reg is not None and text.startswith("分局", reg[0]):
            self._push_nested(c, reg[0] + 2, c.agency + text[c.end:reg[0] + 2])
        unit = next((u for u in POLICE_UNITS if text.startswith(u, c.end)), "")
        if c.agency and unit:
            self._push_nested(c, c.end + len(unit), c.agency + unit)
        elif c.kind != "nested":
            self._subunit(text, c, rounds=1)  # 福州市公安局经侦支队

    @staticmethod
    def _named_units(text: str, unit: str, sizes: tuple[int, ...], level: str, cands: list[_Cand]) -> None:
        """A proper name of ``sizes`` characters written right before ``unit`` after a boundary (东风派出所,
        督院街派出所, 洪泽湖管理局): kept as written."""
        for m in re.finditer(unit, text):
            p = m.start()
            for k in sizes:
                name = text[p - k:p] if p >= k else ""
                before = text[p - k - 1] if p > k else ""
                if (name and all(HAN.match(ch) for ch in name) and not set(name) & STATION_STOP
                        and name not in STATION_GENERIC and not name.startswith("所")
                        and (before == "" or not HAN.match(before) or before in ALLOW_BEFORE
                             or text.endswith(STATION_BEFORE, 0, p - k))):
                    cands.append(_Cand(p - k, m.end(), name + unit, "pattern", level, rank=1))
                    break

    def _patterns(self, text: str, cands: list[_Cand], r_end, r_start) -> None:
        if "派出所" in text:  # a named police station (东风派出所, 督院街派出所)
            self._named_units(text, "派出所", (4, 3, 2), "township", cands)
        if "湖管理局" in text:  # a named lake's management bureau (洪泽湖管理局, 太湖管理局)
            self._named_units(text, "湖管理局", (3, 2, 1), "", cands)
        if "民航" in text:  # regional bureaus of the civil aviation administration
            for m in CAAC_REGIONAL.finditer(text):
                cands.append(_Cand(m.start(), m.end(), f"中国民用航空{m.group(1)}地区管理局", "nested",
                                   parent="中国民用航空局"))
        if "届委员会" in text:  # 政协北京市第五届委员会: the committee of that region (the session is one of its terms)
            for m in CPPCC_SESSION_HEAD.finditer(text):
                reg = r_start.get(m.end())
                if reg is None:
                    continue
                t = SESSION.match(text, reg[0])
                if t is not None:
                    ri = reg[1][0]
                    cands.append(_Cand(m.start(), t.end(), self._canonical(ri, self._cppcc), "regional",
                                       self.regions[ri].level, ri, self._cppcc))
        if "驻" in text:
            for m in EMBASSY.finditer(text):
                cands.append(_Cand(m.start(), m.end(), m.group(), "pattern"))
        if "管委会" in text or "管理委员会" in text or "党工委" in text:
            for s, (e, ridx, _full) in r_start.items():
                m = ZONE.match(text, e)
                if m:
                    r = self.regions[ridx[0]]
                    cands.append(_Cand(s, m.end(), text[s:m.end()], "pattern", r.level, ridx[0]))

    @staticmethod
    def _select(cands: list[_Cand], n: int) -> list[_Cand]:
        """Longest first, leftmost among equals, a table name before a rule's name for the same span; no two
        selected candidates overlap."""
        occ = bytearray(n + 1)
        chosen = []
        for c in sorted(cands, key=lambda c: (c.start - c.end, c.start, c.kind != "table", c.rank)):
            if occ.find(1, c.start, c.end) == -1:
                occ[c.start:c.end] = b"\x01" * (c.end - c.start)
                chosen.append(c)
        chosen.sort(key=lambda c: c.start)
        return chosen

    def _region_name(self, c: _Cand) -> str:
        if c.kind == "foreign":
            return c.where
        if c.region >= 0:
            return self.regions[c.region].name
        if c.kind in ("table", "nested"):
            return self._alias_level.get(c.parent or c.agency, ("", ""))[1]
        return "全国" if c.level == "national" and c.kind == "pattern" else ""

    # --- region context -------------------------------------------------------------------------------------
    def _context_regions(self, text: str, hits) -> list[tuple[int, int, bool]]:
        """(position, region index, is_full) of region names in a text, in order; names shared by several
        regions (unless inside their city: 北京市朝阳区), short names below province level and weak county
        names inside a word (城市和县) are skipped."""
        out = []
        ends: dict[int, tuple[int, ...]] = {}
        for s, e, ridx, full in self._region_hits(hits):
            if self._weak(e - s, ridx, full) and s and HAN.match(text[s - 1]) and text[s - 1] not in WEAK_BOUNDARY \
                    and s not in ends:
                continue  # 城市和县: no county named here
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

    def _fits(self, ri: int, level: str) -> int:
        """The region of ``level`` implied by region ``ri`` (a city implies its province), or -1."""
        r = self.regions[ri]
        if level == "provincial":  # 省 is never a 直辖市 (北京市) or 特别行政区
            p = self._region_by_code.get((r.province, "provincial"), -1)
            return -1 if p < 0 or self.regions[p].is_municipality or r.province[:2] in ("81", "82") else p
        if level == "municipal":
            if r.level == "municipal" or r.is_municipality:
                return ri
            if r.level == "county" and r.city:
                return self._region_by_code.get((r.city, "municipal"),
                                                self._region_by_code.get((r.city, "provincial"), -1))
            return -1
        return ri if r.level == "county" else -1

    def _resolve_prefixless(self, c: _Cand, text: str, own_doc) -> None:
        """A department named without region or level word (教育局, 住建委): the body of the document's own
        region — the first region the title names, else the source / issuer — at that region's level, when
        the written unit fits that level's name (教育局 is no province's 教育厅); otherwise unresolved."""
        variant = text[c.start:c.end]
        t = self.templates[c.template]
        for ctx in own_doc:
            for _p, ri, _full in ctx:
                r = self.regions[ri]
                lv = "municipal" if r.is_municipality else r.level
                fmt = t.get(lv) or ""
                if fmt and _unit(fmt) != _unit(variant):
                    continue
                c.region, c.level, c.pending = ri, r.level, ""
                c.agency = self._canonical(ri, c.template, lv, variant)
                return

    def _resolve(self, pos: int, level: str, own, others) -> int:
        """Nearest fitting region (full or unambiguous short name): before ``pos`` in its own text, then in
        the other texts (title, source), then after ``pos``; -1 when none fits."""
        for p, ri, _full in reversed(own):
            if p < pos:
                f = self._fits(ri, level)
                if f >= 0:
                    return f
        for other in others:
            for p, ri, _full in other:
                f = self._fits(ri, level)
                if f >= 0:
                    return f
        for p, ri, _full in own:
            if p > pos:
                f = self._fits(ri, level)
                if f >= 0:
                    return f
        return -1

    # --- public -----------------------------------------------------------------------------------------------
    def match_article(self, title: str, body: str, source: str = "") -> list[dict]:
        """Mentions in one article: dicts with agency, surface, field, start, end, resolved, level, region,
        kind, parent. ``source`` is only used to resolve bare forms, never searched for mentions."""
        fields = [("title", title or ""), ("body", body or "")]
        scanned = [(f, t, self._scan(t)) for f, t in fields]
        contexts = {f: self._context_regions(t, h) for f, t, h in scanned}
        src_hits = self._scan(source) if source else []
        src_ctx = self._context_regions(source, src_hits) if source else []
        support: set[str] | None = None
        # national bodies named in full (国家统计局): their short forms (统计局) count as them
        full_named = {it[1] for _f, _t, h in scanned for _s, _e, items in h for it in items if it[0] == "T"}
        out: list[dict] = []
        for f, text, hits in scanned:
            if not hits:
                continue
            if support is None:
                support = set().union(*(self.support(h) for _f, _t, h in scanned), self.support(src_hits))
            chosen = self._select(self._candidates(text, hits, support), len(text))
            prev: _Cand | None = None
            for c in chosen:
                if c.pending == "national":
                    if c.agency in full_named:
                        c.pending = ""
                    elif c.template >= 0 and self._prefixless_ok(c.template, text[c.start:c.end]):
                        c.agency, c.kind, c.level, c.pending = "", "bare", "", "prefixless"
                    else:
                        continue
                if c.pending == "list":
                    # inherit from the mention right before the 、 when it is a regional department name
                    follows = prev is not None and prev.end == c.start - 1 and prev.template >= 0
                    if follows and prev.pending == "prefixless" and self._prefixless_ok(c.template, text[c.start:c.end]):
                        c.pending, c.kind, c.level = "prefixless", "bare", ""
                    elif follows and (prev.region >= 0 or prev.pending == "bare"):
                        c.level, c.region = prev.level, prev.region
                        c.pending = "bare" if prev.region < 0 else ""
                        c.kind = "list"
                        if c.region >= 0:
                            c.agency = self._canonical(c.region, c.template, c.level, text[c.start:c.end])
                    else:
                        continue
                if c.pending == "bare":
                    # the document's own region first (title, then source / issuer), then the nearest in the text
                    own_doc = [contexts[o] for o in contexts if o != f] + [src_ctx]
                    ri = self._resolve(-1, c.level, [], own_doc)
                    if ri < 0:
                        ri = self._resolve(c.start, c.level, contexts[f], [])
                    if ri >= 0:
                        c.region = ri
                        variant = text[c.start + (3 if text.startswith(tuple(AUTONOMOUS), c.start) else 1):
                                       c.end - len(c.tail)]
                        c.agency = (self._canonical(ri, c.template, c.level, variant) if c.template >= 0
                                    else self._label(ri) + variant)
                        c.pending = ""
                        if c.tail:  # 省公安厅经侦总队: the sub-unit of the resolved body
                            c.end -= len(c.tail)
                            self._push_nested(c, c.end + len(c.tail), c.agency + c.tail)
                elif c.pending == "prefixless":
                    self._resolve_prefixless(c, text, [contexts[o] for o in contexts if o != f] + [src_ctx])
                elif c.pending == "ambig":
                    sup = support or set()
                    pick = [i for i in c.choices if self.regions[i].city in sup] or [
                        i for i in c.choices if self.regions[i].province in sup]
                    if len(pick) == 1:
                        c.region, c.pending = pick[0], ""
                        c.agency = (self._canonical(pick[0], c.template, variant=c.where) if c.template >= 0
                                    else self._label(pick[0]) + c.where)
                        if c.template >= 0 and self.templates[c.template]["key"] != "ps":
                            self._subunit(text, c)
                prev = c
                region = self._region_name(c)
                out.append({"agency": c.agency, "surface": text[c.start:c.end], "field": f, "start": c.start,
                            "end": c.end, "resolved": c.pending == "" and c.agency != "",
                            "level": c.level,
                            "region": region,
                            "kind": c.kind, "parent": c.parent, "_pending": c.pending, "_region": c.region,
                            "_where": c.where})
                if c.kind == "nested" and not c.pending:
                    # the body a sub-unit's name starts with is named too (省应急厅 in 省应急厅调查评估和统计处)
                    for p_end, p_name, p_parent in (p for p in c.parents if p[1]):
                        p_region = region if c.region >= 0 else self._alias_level.get(p_name, ("", region))[1]
                        out.append({"agency": p_name, "surface": text[c.start:p_end], "field": f,
                                    "start": c.start, "end": p_end, "resolved": True, "level": c.level,
                                    "region": p_region, "kind": "parent", "parent": p_parent, "_pending": "",
                                    "_region": c.region, "_where": c.where})
        # a national body's short form (邮政局) counts only where the article names the body in full
        named = {m["agency"] for m in out if m["_pending"] == ""}
        out = [m for m in out if m["_pending"] != "national" or m["agency"] in named]
        for m in out:
            if m["_pending"] == "national":
                m["_pending"], m["resolved"] = "", True
        # region + 局 (海南局): the bureau of that region the article is about — the one its source names, else
        # the one it names at least twice as often as any other bureau of that region; otherwise unresolved.
        if any(m["_pending"] == "bureau" for m in out):
            src_names = [c.agency for c in self._select(self._candidates(source, self._scan(source)), len(source))
                         if c.agency and not c.pending] if source else []
            for m in out:
                if m["_pending"] != "bureau":
                    continue
                name = self.regions[m["_region"]].name
                counts = pd.Series([o["agency"] for o in out if o["_pending"] == "" and o["agency"].startswith(name)
                                    and o["agency"].endswith("局")], dtype="str").value_counts()
                from_source = [a for a in src_names if a.startswith(name) and a.endswith("局")]
                if len(set(from_source)) == 1:
                    m["agency"], m["resolved"] = from_source[0], True
                elif len(counts) == 1 or (len(counts) > 1 and counts.iloc[0] >= 2 * counts.iloc[1]):
                    m["agency"], m["resolved"] = counts.index[0], True
                else:
                    m["agency"], m["resolved"] = "", False
        # bare 街道办事处 / 镇政府: the township of that kind the article names — the nearest before it in the same
        # field, else the first elsewhere; otherwise unresolved
        if any(m["_pending"] == "township" for m in out):
            named = [o for o in out if o["kind"] == "township" and o["_pending"] == ""]
            for m in out:
                if m["_pending"] != "township":
                    continue
                same = [o for o in named if o["_where"].endswith(m["_where"])]
                before = [o for o in same if o["field"] == m["field"] and o["start"] < m["start"]]
                pick = before[-1] if before else (same[0] if same else None)
                if pick is not None:
                    unit = self._township_unit(m["surface"], m["_where"])
                    m["agency"], m["resolved"], m["_pending"] = pick["_where"] + unit, True, ""
                    m["region"] = pick["region"]
        for m in out:
            m.pop("_pending")
            m.pop("_region")
            m.pop("_where")
        return out

    @staticmethod
    def _township_unit(surface: str, head: str) -> str:
        """The canonical unit of a bare township form (街道办 → 办事处)."""
        return TOWNSHIP_UNITS.get(surface[len(head):], surface[len(head):])


def _sentence(text: str, bounds: list[int], start: int, end: int) -> str:
    i = bisect.bisect_left(bounds, start)
    lo = bounds[i - 1] + 1 if i > 0 else 0
    j = bisect.bisect_left(bounds, end)
    hi = bounds[j] + 1 if j < len(bounds) else len(text)
    return text[lo:hi].strip()


def find_mentions(articles: pd.DataFrame, matcher: AgencyMatcher | None = None) -> pd.DataFrame:
    """One row per agency mention in the title and body of every article.

    Columns: ``row`` (positional row in ``articles``), ``id``, ``agency`` (canonical; ``""`` when a bare
    form could not be resolved), ``surface`` (as written), ``field`` ('title' | 'body'), ``start``, ``end``
    (character offsets in that field), ``sentence``, ``resolved`` (bool), ``level``, ``region``, ``kind``
    (table / regional / bare / list / nested / parent / context / pattern / township / foreign), ``parent``.
    A sub-unit (kind ``nested``) is followed by one row of kind ``parent`` per body its name starts with
    (住房和城乡建设部住房保障司 → also 住房和城乡建设部, span 0–8): that body is named in the text too.
    An ``issuer`` column (发文机关), when present, is read with the source to resolve bare forms — never searched.
    """
    matcher = matcher or AgencyMatcher.default()
    cols: dict[str, list] = {c: [] for c in (*MENTION_COLUMNS, "parent")}
    titles = articles["title"].tolist() if "title" in articles else [""] * len(articles)
    bodies = articles["body"].tolist() if "body" in articles else [""] * len(articles)
    sources = articles["source"].tolist() if "source" in articles else [""] * len(articles)
    if "issuer" in articles:  # 发文机关 names the document's own region before its source does
        sources = [f"{i or ''}\n{s or ''}".strip() for i, s in zip(articles["issuer"].tolist(), sources)]
    ids = articles["id"].tolist() if "id" in articles else list(range(1, len(articles) + 1))
    for row, (title, body, source, id_) in enumerate(zip(titles, bodies, sources, ids)):
        found = matcher.match_article(title or "", body or "", source or "")
        if not found:
            continue
        bounds_cache: dict[str, list[int]] = {}
        for m in found:
            text = title if m["field"] == "title" else body
            if m["field"] not in bounds_cache:
                bounds_cache[m["field"]] = [x.start() for x in SENTENCE_END.finditer(text)]
            cols["row"].append(row)
            cols["id"].append(id_)
            cols["sentence"].append(_sentence(text, bounds_cache[m["field"]], m["start"], m["end"]))
            for k in ("agency", "surface", "field", "start", "end", "resolved", "level", "region", "kind",
                      "parent"):
                cols[k].append(m[k])
    df = pd.DataFrame(cols)
    text_cols = ("agency", "surface", "field", "sentence", "level", "region", "kind", "parent")
    return df.astype({"row": "int64", "id": "int64", "start": "int64", "end": "int64", "resolved": "bool",
                      **{c: "str" for c in text_cols}})


# --- counts -------------------------------------------------------------------------------------------------
def _masked(mentions: pd.DataFrame, mask: np.ndarray | None, resolved_only: bool = True) -> pd.DataFrame:
    m = mentions
    if mask is not None:
        mask = np.asarray(mask, dtype=bool)
        m = m[mask[m["row"].to_numpy()]] if len(m) else m
    if resolved_only:
        m = m[m["resolved"] & (m["agency"] != "")]
    return m


#: Values of ``mention_status``: a government body under its current name, under a name no longer in use, a
#: foreign body, a news organisation.
STATUSES: tuple[str, ...] = ("current", "historical", "foreign", "media")


def _foreign_flags(mentions: pd.DataFrame) -> np.ndarray:
    """Bool per mention: a foreign government body (level ``foreign``)."""
    if "level" not in mentions:
        return np.zeros(len(mentions), dtype=bool)
    return (mentions["level"] == "foreign").to_numpy(dtype=bool)


def _media_flags(mentions: pd.DataFrame, media: frozenset[str] | None) -> np.ndarray:
    from analysis.agency_table import is_media, media_names

    names = media_names() if media is None else media
    codes, uniq = pd.factorize(mentions["agency"].astype(str))
    flags = np.array([bool(a) and is_media(a, names) for a in uniq], dtype=bool)
    return flags[codes] if len(codes) else np.zeros(0, dtype=bool)


def mention_status(mentions: pd.DataFrame, *, media: frozenset[str] | None = None, history=None) -> pd.Series:
    """The kind of body each mention names, one of ``STATUSES`` (``""`` for unresolved bare forms):
    ``foreign`` (level ``foreign``), else ``media`` (a news organisation: ``type`` media in the agency table,
    or a name ending in 融媒体中心 / 电视台 …, ``analysis.agency_table.is_media``), else ``historical`` (a
    name no longer in use, ``analysis.agency_history``: 建设部, 河北省质量技术监督局), else ``current``.
    ``media`` (canonical names) and ``history`` (an ``AgencyHistory``) default to the project's."""
    from analysis.agency_history import historical_mask

    if mentions.empty:
        return pd.Series([], index=mentions.index, dtype="str")
    out = np.where(_foreign_flags(mentions), "foreign",
                   np.where(_media_flags(mentions, media), "media",
                            np.where(historical_mask(mentions, history), "historical", "current")))
    out = np.where(mentions["agency"].astype(str).to_numpy() == "", "", out)
    return pd.Series(out, index=mentions.index, dtype="str")


def government_mentions(mentions: pd.DataFrame, *, include_foreign: bool = False, include_media: bool = False,
                        media: frozenset[str] | None = None) -> pd.DataFrame:
    """The mentions the rankings count by default: foreign government bodies (level ``foreign``: 美国国务院)
    and news organisations (``mention_status`` ``media``: 中央广播电视总台, 新华社, a city's 融媒体中心) left
    out unless ``include_foreign`` / ``include_media``. The one place this rule lives: the 机构 and 概览 pages,
    ``agency_counts`` and the ``agencies`` command all call it. Unresolved bare forms are kept (they are
    counted and listed apart)."""
    keep = np.ones(len(mentions), dtype=bool)
    if not include_foreign:
        keep &= ~_foreign_flags(mentions)
    if not include_media and len(mentions):
        keep &= ~_media_flags(mentions, media)
    return mentions if keep.all() else mentions[keep]


def _aliases(m: pd.DataFrame) -> pd.Series:
    """Surface forms per agency, most frequent first (ties by name), joined by ``|`` (vectorised: one group-by)."""
    pairs = m.groupby(["agency", "surface"], sort=False).size().reset_index(name="_n")
    pairs = pairs.sort_values(["agency", "_n", "surface"], ascending=[True, False, True], kind="stable")
    return pairs.groupby("agency", sort=False)["surface"].agg("|".join)


def agency_summary(mentions: pd.DataFrame, mask: np.ndarray | None = None, *,
                   aliases: bool = True) -> pd.DataFrame:
    """Per canonical agency: ``mentions``, ``documents`` (articles naming it) and ``aliases`` (surface forms
    seen, most frequent first — ties by name — joined by ``|``; left out with ``aliases=False``); sorted by
    mentions, then documents, then name. ``mask`` (bool per article row) restricts to those articles.
    Unresolved forms are left out."""
    cols = ["agency", "mentions", "documents"] + (["aliases"] if aliases else [])
    m = _masked(mentions, mask)
    if m.empty:
        return pd.DataFrame({c: [] for c in cols}).astype(
            {"mentions": "int64", "documents": "int64", "agency": "str", **({"aliases": "str"} if aliases else {})})
    g = m.groupby("agency", sort=False)
    out = pd.DataFrame({"mentions": g.size(), "documents": g["row"].nunique()})
    if aliases:
        out["aliases"] = _aliases(m)
    out = out.reset_index()
    out["agency"] = out["agency"].astype(str)
    out = out.sort_values(["mentions", "documents", "agency"], ascending=[False, False, True], kind="stable")
    return out.reset_index(drop=True)[cols].astype({"mentions": "int64", "documents": "int64"})


def unresolved_summary(mentions: pd.DataFrame, mask: np.ndarray | None = None) -> pd.DataFrame:
    """Bare forms no region could be found for: ``surface, level, mentions, documents``."""
    m = _masked(mentions, mask, resolved_only=False)
    m = m[~m["resolved"]]
    if m.empty:
        return pd.DataFrame({"surface": [], "level": [], "mentions": [], "documents": []})
    g = m.groupby(["surface", "level"])
    out = pd.DataFrame({"mentions": g.size(), "documents": g["row"].nunique()}).reset_index()
    return out.sort_values(["mentions", "surface"], ascending=[False, True]).reset_index(drop=True)


def by_source(mentions: pd.DataFrame, articles: pd.DataFrame, mask: np.ndarray | None = None,
              column: str = "source") -> pd.DataFrame:
    """``agency, source, mentions, documents`` (source "" shown as 未知来源); ``column="file"`` gives
    ``agency, file, mentions, documents`` per uploaded file instead ("" shown as 未知文件)."""
    if column not in ("source", "file"):
        raise invalid_option("column", column, ["source", "file"])
    m = _masked(mentions, mask)
    src = articles[column].to_numpy()[m["row"].to_numpy()] if len(m) else []
    m = m.assign(**{column: pd.Series(src, index=m.index, dtype="str").replace(
        "", "未知来源" if column == "source" else "未知文件")})
    g = m.groupby(["agency", column])
    out = pd.DataFrame({"mentions": g.size(), "documents": g["row"].nunique()}).reset_index()
    return out.sort_values(["agency", "mentions"], ascending=[True, False]).reset_index(drop=True)




def by_period(mentions: pd.DataFrame, articles: pd.DataFrame, freq: str = "month",
              mask: np.ndarray | None = None) -> pd.DataFrame:
    """``agency, period (start date), mentions, documents`` over dated articles (undated ones are left out).
    Periods are ``analysis.periods``'s (weeks are ISO weeks starting on Monday). Every period from the first
    to the last dated *selected article* appears for every agency mentioned, 0 where it was not mentioned (so
    lines do not bridge gaps and sums over periods stay right)."""
    if freq not in FREQS:
        raise invalid_option("freq", freq, list(FREQS))
    m = _masked(mentions, mask)
    dates = pd.to_datetime(articles["date"]).to_numpy()[m["row"].to_numpy()] if len(m) else []
    m = m.assign(date=pd.Series(dates, index=m.index, dtype="datetime64[ns]")).dropna(subset=["date"])
    m = m.assign(period=start_dates(m["date"], freq))  # ISO weeks (Monday start), as on every page
    g = m.groupby(["agency", "period"])
    out = pd.DataFrame({"mentions": g.size(), "documents": g["row"].nunique()})
    selected = pd.to_datetime(articles["date"])
    if mask is not None:
        selected = selected[np.asarray(mask, dtype=bool)]
    selected = selected.dropna()
    if len(out) and len(selected):
        days = pd.Series(pd.date_range(selected.min().normalize(), selected.max().normalize(), freq="D"))
        span = pd.DatetimeIndex(pd.Series(start_dates(days, freq)).unique())  # as ``period`` above
        span = span.union(out.index.get_level_values("period").unique())
        full = pd.MultiIndex.from_product([out.index.get_level_values("agency").unique(), span],
                                          names=["agency", "period"])
        out = out.reindex(full, fill_value=0)
    out = out.reset_index().astype({"mentions": "int64", "documents": "int64"})
    return out.sort_values(["agency", "period"]).reset_index(drop=True)


def cooccurrence(mentions: pd.DataFrame, mask: np.ndarray | None = None, same_sentence: bool = False
                 ) -> pd.DataFrame:
    """Pairs of agencies named together: ``a, b, articles`` (a < b; weight = number of articles where the
    pair occurs — within one sentence when ``same_sentence``), sorted by weight."""
    m = _masked(mentions, mask)
    keys = ["row", "field", "sentence"] if same_sentence else ["row"]
    units = m[keys + ["agency"]].drop_duplicates()
    if units.empty:
        return pd.DataFrame({"a": pd.Series([], dtype="str"), "b": pd.Series([], dtype="str"),
                             "articles": pd.Series([], dtype="int64")})
    units = units.assign(_unit=units.groupby(keys, sort=False).ngroup())[["_unit", "row", "agency"]]
    pairs = units.merge(units[["_unit", "agency"]], on="_unit", suffixes=("_a", "_b"))
    pairs = pairs[pairs["agency_a"] < pairs["agency_b"]]
    weight = pairs[["row", "agency_a", "agency_b"]].drop_duplicates().groupby(["agency_a", "agency_b"]).size()
    out = weight.rename("articles").reset_index().rename(columns={"agency_a": "a", "agency_b": "b"})
    out["articles"] = out["articles"].astype("int64")
    return out.sort_values(["articles", "a", "b"], ascending=[False, True, True]).reset_index(drop=True)


def mention_rows(mentions: pd.DataFrame, articles: pd.DataFrame, agency: str,
                 mask: np.ndarray | None = None) -> pd.DataFrame:
    """Drill-down: every mention of ``agency`` with its article (id, title, date, source) and sentence."""
    m = _masked(mentions, mask)
    m = m[m["agency"] == agency]
    art = articles.iloc[m["row"].to_numpy()]
    return pd.DataFrame({"id": m["id"].to_numpy(), "title": art["title"].to_numpy(),
                         "date": art["date"].dt.strftime("%Y-%m-%d").fillna("").to_numpy(),
                         "source": art["source"].to_numpy(), "surface": m["surface"].to_numpy(),
                         "sentence": m["sentence"].to_numpy()})


def by_document(mentions: pd.DataFrame, articles: pd.DataFrame, mask: np.ndarray | None = None) -> pd.DataFrame:
    """``id, file, agency, surface, mentions``: one row per article, agency and surface form."""
    m = _masked(mentions, mask)
    g = m.groupby(["row", "id", "agency", "surface"], sort=False).size().rename("mentions").reset_index()
    g["file"] = articles["file"].to_numpy()[g["row"].to_numpy()] if len(g) else []
    g = g.sort_values(["id", "agency", "mentions", "surface"], ascending=[True, True, False, True])
    return g[["id", "file", "agency", "surface", "mentions"]].reset_index(drop=True)


# --- discovery ----------------------------------------------------------------------------------------------
CANDIDATE = re.compile(r"[\u4e00-\u9fff]{1,12}?(?:委员会|管理局|监督局|办公室|办公厅|研究院|研究所|中心|总局|分局|"
                       r"厅|局|委|署|办|院)")
CANDIDATE_STOP = set("的在和与及对将为是了等各并向从把被由于也都这那其该有会要已就得着过以而或")
CANDIDATE_REJECT = re.compile(r"(?:当局|格局|布局|结局|全局|大局|开局|骗局|僵局|困局|赌局|饭局|终局|残局|新局|变局|"
                              r"时局|政局|战局|棋局|医院|学院|法院|剧院|影院|书院|庭院|寺院|商务办|的院)$")


@lru_cache(maxsize=1)
def _pos_tokenizer():
    """A dedicated jieba POS tokenizer (never jieba's global one), built once per process."""
    import logging

    import jieba
    import jieba.posseg

    jieba.setLogLevel(logging.WARNING)
    return jieba.posseg.POSTokenizer(jieba.Tokenizer())


def discover_candidates(articles: pd.DataFrame, mentions: pd.DataFrame, matcher: AgencyMatcher | None = None,
                        rejected: set[str] | frozenset[str] = frozenset(), limit: int = 2000,
                        use_jieba: bool = True, mask: np.ndarray | None = None) -> pd.DataFrame:
    """Names that look like agencies but are not in the table: a region name followed by a department-like
    suffix (委员会/局/厅/办/院 …) that no mention covers, and words jieba tags ``nt`` (organisation). Never a
    piece of a title: nothing inside 《…》, nor a suffix that continues a word (…办法, …局长).
    Returns ``candidate, mentions, documents, example`` for the first ``limit`` articles (of those in
    ``mask``); ``rejected`` names (the user's review decisions) and known aliases are left out."""
    matcher = matcher or AgencyMatcher.default()
    known = set(matcher.table["canonical"]) | {a for s in matcher.table["aliases"] for a in split_aliases(s)}
    found: dict[str, list] = {}
    covered = mentions.groupby(["row", "field"])[["start", "end"]].apply(
        lambda d: list(zip(d["start"], d["end"]))).to_dict() if len(mentions) else {}
    pos_tok = _pos_tokenizer() if use_jieba else None
    rows = np.flatnonzero(np.asarray(mask, dtype=bool)) if mask is not None else np.arange(len(articles))
    titles, bodies = articles["title"].to_numpy(), articles["body"].to_numpy()
    for row in rows[:limit].tolist():
        title, body = titles[row], bodies[row]
        for f, text in (("title", title or ""), ("body", body or "")):
            spans = covered.get((row, f), [])

            def free(s: int, e: int) -> bool:
                return all(e <= a or s >= b for a, b in spans)

            for s, e, ridx, full in matcher._region_hits(matcher._scan(text)):
                m = CANDIDATE.match(text, e)
                if not m or not full:
                    continue
                name = text[s:m.end()]
                if matcher._in_title_marks(text, s) or (m.end() < len(text) and text[m.end()] in UNIT_NEXT_BLOCK):
                    continue  # 《河北省科学技术奖励办法》, 河北省科学技术奖励办法: a title, not a body
                if (free(s, m.end()) and not CANDIDATE_REJECT.search(name) and not (set(m.group()) & CANDIDATE_STOP)
                        and name not in known and name not in rejected):
                    found.setdefault(name, []).append((row, text[max(0, s - 15):m.end() + 15]))
            if pos_tok is not None and text:
                pos = 0
                for w in pos_tok.cut(text):
                    s = text.find(w.word, pos)
                    pos = s + len(w.word) if s >= 0 else pos
                    if (w.flag == "nt" and len(w.word) >= 4 and s >= 0 and free(s, s + len(w.word))
                            and not matcher._in_title_marks(text, s)
                            and w.word not in known and w.word not in rejected
                            and not CANDIDATE_REJECT.search(w.word)):
                        found.setdefault(w.word, []).append((row, text[max(0, s - 15):s + len(w.word) + 15]))
    rows = [(name, len(v), len({r for r, _ in v}), v[0][1]) for name, v in found.items()]
    out = pd.DataFrame(rows, columns=["candidate", "mentions", "documents", "example"])
    return out.sort_values(["documents", "mentions", "candidate"], ascending=[False, False, True]).reset_index(
        drop=True)


# --- figures ------------------------------------------------------------------------------------------------
#: Words of the agency figures; callers pass ``labels=`` (any subset) to put them in their language.
FIGURE_LABELS: dict[str, str] = {
    "mentions": "提及次数 / mentions", "hover_mentions": "提及 mentions", "hover_articles": "文章 articles",
}


def ranking_figure(summary: pd.DataFrame, top: int = 20, title: str = "机构提及排行 / Agency mentions",
                   labels: dict[str, str] | None = None) -> go.Figure:
    """Horizontal bars of the ``top`` agencies by mentions (customdata = agency name, for drill-down);
    ``labels``: axis and tooltip words (see :data:`FIGURE_LABELS`)."""
    words = {**FIGURE_LABELS, **(labels or {})}
    d = summary.head(top).iloc[::-1]
    fig = go.Figure(go.Bar(x=d["mentions"], y=d["agency"], orientation="h", customdata=d[["agency", "documents"]],
                           hovertemplate=f"%{{y}}<br>{words['hover_mentions']} %{{x}}<br>"
                                         f"{words['hover_articles']} %{{customdata[1]}}<extra></extra>"))
    fig.update_layout(height=max(300, 24 * len(d) + 80), xaxis_title=words["mentions"], yaxis_title=None)
    return style(fig, title)


def spring_layout(nodes: list[str], edges: list[tuple[str, str, float]], seed: int = 7,
                  iterations: int = 100, gravity: float = 1.0) -> dict[str, tuple[float, float]]:
    """Fruchterman–Reingold positions in [-1, 1]² with a pull towards the centre (so agencies named with
    no other stay in view); a fixed seed gives the same picture for the same graph."""
    n = len(nodes)
    if n == 0:
        return {}
    rng = np.random.default_rng(seed)
    pos = rng.uniform(-1, 1, size=(n, 2))
    idx = {v: i for i, v in enumerate(nodes)}
    w = np.zeros((n, n))
    for a, b, x in edges:
        w[idx[a], idx[b]] = w[idx[b], idx[a]] = x
    if w.max() > 0:
        w = w / w.max()
    k = 1.0 / np.sqrt(n)
    t = 0.1
    for _ in range(iterations):
        delta = pos[:, None, :] - pos[None, :, :]
        dist = np.maximum(np.linalg.norm(delta, axis=-1), 0.01)
        force = (k * k / dist**2 - w * dist / k)[:, :, None] * delta
        disp = force.sum(axis=1) - gravity * pos  # gravity keeps unconnected nodes near the centre
        length = np.maximum(np.linalg.norm(disp, axis=1), 1e-9)
        pos += disp / length[:, None] * np.minimum(length, t)[:, None]
        t *= 0.95
    pos -= pos.mean(axis=0)
    scale = np.abs(pos).max() or 1.0
    return {v: (float(pos[i, 0] / scale), float(pos[i, 1] / scale)) for v, i in idx.items()}


#: The network names only its most mentioned nodes on the chart (the others on hover), so labels do not
#: pile into a knot in the middle.
NETWORK_LABELS = 12


def _label_positions(xy: list[tuple[float, float]]) -> list[str]:
    """Each node's label placed away from the centre (above the upper half, below the lower half, towards
    the nearer side), so neighbouring labels spread outwards instead of overlapping."""
    out = []
    for x, y in xy:
        vertical = "top" if y >= 0 else "bottom"
        horizontal = "right" if x > 0.35 else "left" if x < -0.35 else "center"
        out.append(f"{vertical} {horizontal}")
    return out


def network_figure(cooc: pd.DataFrame, summary: pd.DataFrame, top: int = 30,
                   title: str = "机构共现网络 / Agencies named together", labels: int = NETWORK_LABELS) -> go.Figure:
    """Nodes = the ``top`` agencies by mentions (size ~ articles), edges = co-occurrence (width ~ articles).
    The first ``labels`` nodes are named on the chart, every node on hover. Node customdata = agency name
    (drill-down)."""
    names = summary.head(top)["agency"].tolist()
    keep = set(names)
    e = cooc[cooc["a"].isin(keep) & cooc["b"].isin(keep)]
    edges = list(zip(e["a"], e["b"], e["articles"].astype(float)))
    pos = spring_layout(names, edges)
    fig = go.Figure()
    wmax = max([x for *_, x in edges], default=1.0)
    for a, b, x in edges:
        fig.add_trace(go.Scatter(x=[pos[a][0], pos[b][0]], y=[pos[a][1], pos[b][1]], mode="lines",
                                 line=dict(width=1 + 5 * x / wmax, color="rgba(120,120,120,0.45)"),
                                 hoverinfo="skip", showlegend=False))
    docs = summary.set_index("agency")["documents"].reindex(names).fillna(0).to_numpy()
    size = 10 + 30 * np.sqrt(docs / docs.max()) if len(docs) and docs.max() > 0 else []
    xy = [pos[v] for v in names]
    fig.add_trace(go.Scatter(x=[p[0] for p in xy], y=[p[1] for p in xy], mode="markers+text",
                             text=[v if i < labels else "" for i, v in enumerate(names)],
                             textposition=_label_positions(xy), textfont=dict(size=12),
                             customdata=[[v] for v in names],
                             marker=dict(size=size, color="#1f77b4", line=dict(width=1, color="white")),
                             hovertext=[inert(v) for v in names], hovertemplate="%{hovertext}<extra></extra>",
                             showlegend=False))
    # room around the unit square for the outer labels
    fig.update_layout(xaxis=dict(visible=False, range=[-1.45, 1.45]), yaxis=dict(visible=False, range=[-1.2, 1.2]),
                      height=640)
    return style(fig, title)


def timeline_figure(periods: pd.DataFrame, agencies: list[str],
                    title: str = "机构提及时间线 / Mentions over time",
                    labels: dict[str, str] | None = None) -> go.Figure:
    """Lines of mentions per period (from ``by_period``) for each of ``agencies`` (``labels``: the y-axis
    title as ``mentions``, see :data:`FIGURE_LABELS`)."""
    words = {**FIGURE_LABELS, **(labels or {})}
    fig = go.Figure()
    for a in agencies:
        d = periods[periods["agency"] == a]
        fig.add_trace(go.Scatter(x=d["period"], y=d["mentions"], mode="lines+markers", name=a,
                                 customdata=[[a]] * len(d)))
    fig.update_layout(xaxis_title=None, yaxis_title=words["mentions"], hovermode="x unified",
                      yaxis=dict(rangemode="tozero"))
    return style(fig, title)
