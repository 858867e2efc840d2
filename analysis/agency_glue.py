"""Words glued to a body's name and generic phrases (the fresh tester's report on main 2d1af4f,
/work/notes/tester.md items A0–A11): which characters continue a ministry's 部 into a word, which sentences make
a supreme court foreign, which township "names" are verbs, which embassies and commands are a class of bodies.
Vocabularies and small text tests for ``analysis.agency_candidates`` / ``agency_patterns`` / ``agency_matcher``;
each says the sentence it was made for. Nothing here reads a file or holds state.
"""
from __future__ import annotations

import re

from analysis.agency_rules import ALLOW_BEFORE, FOREIGN, LEVEL_RE, OPEN

#: A city police bureau's district branch (江门市公安局蓬江区分局): the name a district's 公安局 / 警方 takes in an
#: article that writes it (tester report A4: 江门蓬江警方 and 江门市公安局蓬江区分局 are one body).
POLICE_BRANCH = re.compile(r"^[\u4e00-\u9fff]{2,12}?[市州盟]公安局([\u4e00-\u9fff]{2,6}?)分局$")
#: Table names (an alias + the characters after it) written in the form every country's body has: 最高法 + 院 is
#: "the supreme court", China's only when the sentence names no foreign country (巴西国会、联邦最高法院,
#: 以色列议会通过法案削弱最高法院权力, 美国…被最高法院认定违法的关税; tester report A10). 最高法 alone and
#: 最高人民法院 are China's.
WORLD_WRITTEN = {"最高法": "院"}
#: Words in a sentence that make a body of ``WORLD_WRITTEN`` foreign: the multi-character ``FOREIGN`` names and 联邦.
FOREIGN_SENTENCE = re.compile("|".join(sorted({w for w in FOREIGN if len(w) >= 2 and w not in ("该国", "两国", "外国",
                                                                                          "各国", "多国", "对方")}
                                              | {"联邦", "外国", "该国"}, key=len, reverse=True)))
SENTENCE_END = re.compile(r"[。！？!?\n]")


def foreign_sentence(text: str, s: int, e: int) -> bool:
    """Does the sentence around ``text[s:e]`` (from the last 。！？ or line end before it to the next one) name a
    foreign country (``FOREIGN_SENTENCE``)?"""
    start = max((m.end() for m in SENTENCE_END.finditer(text, 0, s)), default=0)
    end_m = SENTENCE_END.search(text, e)
    return FOREIGN_SENTENCE.search(text, start, end_m.start() if end_m else len(text)) is not None


#: A clause's delimiters (a foreign country before one of them is not the subject of what follows).
CLAUSE_END = re.compile(r"[，,。；;！？!?\n：:]")
#: Characters that cannot stand between a foreign country and its ministry in a title or a list of its bodies
#: (新加坡副总理兼财政部长, 法国经济和财政部长, 美国国务院和司法部): a verb or preposition starts another predicate
#: (美国国务卿布林肯会见外交部长王毅: 会见 — China's minister).
FOREIGN_GAP_STOP = frozenset("会见同与向对致在说称为是将的了及")
#: Words that make what follows China's again (中国财政部长, 我国外交部).
CHINA_MARK = re.compile("中国|我国|中方|我部|我们")
#: How far (characters) a foreign country may stand before its ministry; how far back a repeated bare ministry
#: looks for the same name written after a foreign country.
FOREIGN_GAP_MAX, FOREIGN_REPEAT_MAX = 8, 60


def foreign_ministry(text: str, s: int, e: int) -> bool:
    """Is the ministry ``text[s:e]`` (a table name ending in 部) another country's, although no foreign name
    stands right before it (``foreign_before`` decides that case)? Two patterns of news reports (tester s15 A8:
    14 of the 72 CCTV documents counted under 司法部 named only a foreign one):

    - a foreign country (``FOREIGN_SENTENCE``) ends at most :data:`FOREIGN_GAP_MAX` characters before it in the
      same clause, and what stands between holds no verb or preposition (:data:`FOREIGN_GAP_STOP`) and no
      :data:`CHINA_MARK`, and does not start with a conjunction (美国和交通部 lists the country itself):
      新加坡副总理兼财政部长, 法国经济和财政部长, 委内瑞拉内政和司法部长, 新西兰总理和外交部长,
      乌克兰总统办公室和外交部, 美国国务院和司法部;
    - the same name was written after a foreign country at most :data:`FOREIGN_REPEAT_MAX` characters before,
      in the same paragraph, with no :data:`CHINA_MARK` since: 美国司法部计划起诉波音公司。目前，司法部已经…

    China's ministers keep their ministry: 外交部长王毅, 中国财政部长蓝佛安, 美国国务卿布林肯会见外交部长王毅; and a
    repeated name followed by 新闻发言人 / 发言人 is China's (针对美国国防部报告，国防部新闻发言人吴谦表示)."""
    start = max((m.end() for m in CLAUSE_END.finditer(text, max(0, s - 40), s)), default=max(0, s - 40))
    last = None
    for m in FOREIGN_SENTENCE.finditer(text, start, s):
        last = m
    if last is not None:
        gap = text[last.end():s]
        if len(gap) <= FOREIGN_GAP_MAX and FOREIGN_GAP_STOP.isdisjoint(gap) and not CHINA_MARK.search(gap) \
                and not gap.startswith(("和", "、", "或", "并")):   # 美国和交通部: the country itself is listed
            return True
    name = text[s:e]
    if text.startswith(("新闻发言人", "发言人"), e):
        return False  # 针对美国国防部报告，国防部新闻发言人吴谦表示: China's spokesman answers
    lo = max(0, s - FOREIGN_REPEAT_MAX)
    para = text.rfind("\n", lo, s)
    lo = para + 1 if para >= 0 else lo
    at = text.rfind(name, lo, s)
    while at >= 0:
        if foreign_before(text, at) and not CHINA_MARK.search(text, at + len(name), s):
            return True
        at = text.rfind(name, lo, at)
    return False


#: Characters after a table name ending in 部 that continue an ordinary word, so the 部 is not the ministry's:
#: 建设部署 (建设 + 部署), 建设部际联席会议 (部际), 公安部门 (部门), 国防部分 (部分), 教育部位, 部件, 部落, 部队, 部属
#: (tester report A0: 建设部 invented from "两重”建设部署" on CCTV and "信用体系建设部际联席会议" in Hebei).
MINISTRY_WORD_NEXT = set("门署际分位件落队属")
#: First characters of a weak county name that are conjunctions (和县: 市（以下统称城市）和县人民政府 is "cities
#: and counties"): right after a closing bracket or quote such a name needs the article's support (tester A1).
WEAK_CONJ = set("和与及或并")
CLOSING = set("）)”’】》」")


def weak_conj(text: str, s: int) -> bool:
    """Is the weak region name at ``text[s]`` a conjunction after a closing bracket (市（…）和县)?"""
    return text[s] in WEAK_CONJ and s > 0 and text[s - 1] in CLOSING


#: A would-be sub-unit that is a clause: a reduplicated word (全国政协紧紧围绕党和国家中心任务) or a company
#: (民航局督导航空公司) — tester report A6; a clause's verb first (香港特区政府推进国际金融中心建设: tester-s14 A4).
SUBUNIT_CLAUSE = re.compile(r"([\u4e00-\u9fff])\1|公司$|^(?:推进|推动|加强|深化).*中心$")  # not 推进职能转变协调小组
#: Words that make 中国驻…使馆 a class of embassies, not one (中国驻多国使馆, 中国驻当地使馆, 中国驻非洲各国使馆,
#: 中国驻多国和国际组织使馆; tester report A6).
EMBASSY_GENERIC = re.compile(r"驻[\u4e00-\u9fff]*?(?:多国|各国|当地|有关|相关|所在|外|海外|各)")
#: Two characters before 街道 / 镇 / 乡 that are no township's name: verbs taking a body as object (协助乡人民政府,
#: 委托街道办事处, 指导街道办事处), the end of a word of place (到居住地街道办事处, 所在地), a count (一名街道党工委书记)
#: and the term 建制镇 (an incorporated town) — tester report A2/A6/A8.
TOWNSHIP_NOT_NAME = frozenset({"协助", "委托", "指导", "督促", "配合", "会同", "依托", "责成", "要求", "支持", "帮助", "通过",
                               "报请", "组织", "住地", "在地", "籍地", "属地", "一名", "一个", "一位", "建制"})
#: Words a national command's name starts with (国家防汛抗旱总指挥部): a clause before them is no part of it
#: (并及时报告国家防汛抗旱总指挥部; tester report A2).
COMMAND_NATIONAL = ("国家", "中央", "国务院")
#: Words that make a command's "name" a class of commands (当地疫情防控指挥部, 各地…指挥部; tester report A8).
COMMAND_GENERIC = ("当地", "本地", "各地", "各级", "所在地", "属地")
#: Short units of the Hong Kong / Macao SAR bodies with one full form (香港特区国安委 = 香港特别行政区维护国家安全
#: 委员会, established 2020; tester report A10).
SAR_EXPANSIONS = {"国安委": "维护国家安全委员会"}
#: Template rules of units many of which exist in one county (police stations, enforcement brigades): a bare one
#: (基层派出所, 居住地公安派出所) is no body of the document's region — it stays unresolved, never 河北省派出所
#: (tester report A2).
MANY_PER_COUNTY = frozenset({"police_station", "enforce_brigade"})
#: Conjunctions after which a ministry's department may start inside a longer would-be match (认证监管司和标准技术管理司).
DEPT_JOINS = "和、及与"
#: Characters that make a development zone's committee (ZONE: …新区管理委员会) a clause: 雄安片区管理委员会为雄安新区
#: 管理委员会 ("… is the committee of …"), 安新区和各国家高新区管委会 (a list).
ZONE_STOP = set("为是的在和与及对将各")

# --- the fresh tester's report of 2026-11-30, items 2–5 ------------------------------------------------------
#: A text that addresses a class of cities (各市…) or counties (各县…) uses a bare 市政府 / 县教育局 for each of them:
#: such a bare form takes the document's own region (title, issuer) only, never a place named in the text.
CLASS_WORDS = {"municipal": "各市", "county": "各县"}
CLASS_MEMBERS = re.compile(r"各[省市县区州、]{1,4}[（(](?:含|包括)[^）)]{0,30}$")
#: Regions governed by an administration committee, not a people's government, with the committee's official
#: name (雄安新区管委会 / 雄安新区管理委员会 / 河北雄安新区管委会 → 河北雄安新区管理委员会: the name the
#: committee signs with on xiongan.gov.cn; tester report #2). A bare level word (市政府, 市教育局) never names
#: such a region's body: it has no 市 (tester report #3).
ZONE_COMMITTEES = {"雄安新区": "河北雄安新区管理委员会"}
COMMITTEE_UNITS = ("管理委员会", "管委会")
#: Words of a facility or an organisation that is no government (a railway station, a hospital, a company …)
#: — a 中心 whose name holds one (雄安城际站调度指挥中心: the station's dispatch centre; not 香港机场管理局) or written after one
#: (北京大学人民医院雄安健康管理中心: the hospital's centre) is that facility's unit, not a body (tester report #5).
FACILITY_WORDS = ("城际站", "高铁站", "火车站", "客运站", "汽车站", "车站", "机场", "码头", "港口")
#: Endings of an organisation's name that make an open name written right after it that organisation's unit
#: (北京大学人民医院雄安健康管理中心; tester report #5).
NOT_GOV_BEFORE = ("大学", "医院", "学校", "公司", "集团")

# --- the tester's report of 2026-11-30 (tester-s13), items A1–A3 ---------------------------------------------
#: A class of bodies heading an addressee list (各市（含定州、辛集市）…, 各级…, 各县、区…): every item of the list
#: after it is each member's body too (各市（含定州、辛集市）人力资源社会保障局、组织部、网信办、发展改革局: every city's
#: bureaus), never the province's (tester-s13 A1: 河北省发展和改革局, 河北省行政审批局 invented).
CLASS_HEAD = re.compile(r"各(?:级|[省市县区州](?:、?[省市县区州]){0,3})(?:[（(][^）)]{0,30}[）)])?")
#: Characters that end a clause of such a list (the list of 各市… ends at the ，/： before the next addressee).
CLASS_CLAUSE_END = "，,。；;：:\n"
#: What a list item starts after: a separator, a bracket (数据和政务服务局（行政审批局、数据局）) or a conjunction.
CLASS_ITEM_AFTER = set("、（()）和及")
CLASS_ITEMS = re.compile(r"[\u4e00-\u9fff、（()）]*")


def in_class_list(text: str, s: int) -> bool:
    """Is ``text[s]`` the start of an item of a list headed by a class of bodies (``CLASS_HEAD``) in the same
    clause — right after the class word or after a list separator, every character between them a name or a
    separator, none of them 省 (各市要会同省财政厅、教育局: the province's own list)? Such an item written without a
    region (教育局, 发展改革委, 数据局) is each member's body: no mention (tester-s13 A1)."""
    cs = max(text.rfind(ch, 0, s) for ch in CLASS_CLAUSE_END) + 1
    m = CLASS_HEAD.search(text, cs, s)
    if m is None:
        return False
    rest = text[m.end():s]
    return rest == "" or (rest[-1] in CLASS_ITEM_AFTER and "省" not in rest
                          and CLASS_ITEMS.fullmatch(rest) is not None)


#: Words after a ministry's 部 + 分 that keep 部 the ministry's (人力资源社会保障部、教育部分别负责: 部 + 分别, not 部分;
#: tester-s13 A3).
MINISTRY_FEN_OK = ("分别",)


def glued_body(name: str, names_region) -> bool:
    """Does an open name run over the end of one body's name (厅/局/委/办) into another's — a bare 省 form or words
    for which ``names_region`` (``CandidateFinder._names_region``: a table name or a full region name) holds —
    as in signature blocks written without separators (河北省财政厅 + 国家税务总局, 河北省水利厅 + 中国银行保险监督
    管理委员会, 河北省委办公厅 + 省政府办, 省教育厅 + 省委编办; tester-s13 A2)?"""
    return any(name[p - 1] in "厅局委办" and (name[p] == "省" or names_region(name[p:])) for p in range(2, len(name) - 1))


#: Starts of would-be sub-units that are none: 省… is another body (河北省委办公厅 + 省政府办, 省教育厅 + 省委编办:
#: tester-s13 A2); 相关/有关处室 are a body's divisions in general, not one named unit (省教育厅相关处室, Hebei id 2640).
NOT_A_UNIT = ("省", "相关", "有关")

# --- speed (task matchperf) ------------------------------------------------------------------------------------
#: A level word with an open name (``OPEN``) right after it, the name read as a lookahead (level words inside it
#: are found too): the only level words ``CandidateFinder._bare_open`` can read, found in one regex pass.
LEVEL_OPEN = re.compile(LEVEL_RE.pattern + "(?![场区长委域级])(?=" + OPEN.pattern + ")")  # not 市场, 城区 … (no name)
#: ``FOREIGN`` as a set (its names are at most 6 characters long).
FOREIGN_WORDS = frozenset(FOREIGN)
FOREIGN_LAST = frozenset(w[-1] for w in FOREIGN)  # (a name ending at ``s`` ends in one of these: the first test)


def foreign_before(text: str, s: int) -> bool:
    """Does a name of ``FOREIGN`` end at ``text[s]`` — ``text.endswith(FOREIGN, max(0, s - 6), s)``, by at most six
    set lookups instead of 111 suffix tests?"""
    return s > 0 and text[s - 1] in FOREIGN_LAST and any(text[k:s] in FOREIGN_WORDS for k in range(max(0, s - 6), s))

# --- the fresh tester's report tester-s14, item A4 (CCTV) ------------------------------------------------------
#: Verbs, prepositions and conjunctions of a clause that never sit inside a body's name: a would-be open name or
#: sub-unit holding one is a clause glued to a body (全国人大常委会围绕中心, 文化和旅游部公布第二批国家级古籍修复
#: 中心名单, 工业和信息化部联合国家标准化管理委员会印发, 美国明尼苏达州因移民与海关执法局; a command after 关于调整 or
#: 调整为: 辽河流域防汛抗旱协调领导小组调整为辽河防汛抗旱总指挥部, 关于调整河北省防汛抗旱指挥部). 联合 only before the
#: start of another body's name (联合工作组 / 联合国 are names); 因 not in 基因 (国家基因库).
CLAUSE_IN_NAME = re.compile(r"围绕|要求|调整|公布|联合(?=国家|中国|中华|全国|国务院|中央|中共)|印发|召开|宣布|"
                            r"表示|指出|强调|下发|出台|颁布|(?<!基)因|关于|根据|按照|依据|针对")
#: Words after a body's name that make it the body's building (萨那的国防部大楼: a target of an air strike, not the
#: ministry acting): no mention (tester-s14 A4).
BUILDING_NEXT = ("大楼", "大厦", "办公楼")
#: Words that make a command's "name" a class of commands after a clause verb is cut off (要求相关省份防汛抗旱指挥部:
#: "the commands of the provinces concerned"; tester-s14 A4).
COMMAND_CLASS = ("相关", "有关")


def clause_cut(name: str) -> int:
    """Where a would-be name starts after the last clause word in it (``CLAUSE_IN_NAME``: 辽河流域防汛抗旱协调领导小组
    调整为辽河防汛抗旱总指挥部 → 辽河防汛抗旱总指挥部 starts after 调整为), 0 when there is none."""
    return max((m.end() for m in CLAUSE_IN_NAME.finditer(name)), default=0)


def foreign_cut(text: str, s: int, e: int) -> bool:
    """Is the short region name ``text[s:e]`` the end of a longer foreign place name the table does not know
    (美国明尼苏达州 → 达州, a city of Sichuan; 佛罗里达州警方 → 达州; 库尔斯克州政府 → 克州)? Written right after a
    Chinese character that ends no word before a place (not ``ALLOW_BEFORE``), ending in a level word as a foreign
    state's or province's name does (州 省 市 县 区; not 国铁北京局 in a sentence naming 老挝), in a sentence that names a
    foreign country (``foreign_sentence``)."""
    return (s > 0 and e > s and text[e - 1] in "州省市县区" and "\u4e00" <= text[s - 1] <= "\u9fff"
            and text[s - 1] not in ALLOW_BEFORE and foreign_sentence(text, s, e))

# --- the fresh tester's report tester-s14, item A5 (bjtcm) -----------------------------------------------------
#: Endings of a bare open name (市 + …局/委) read only when the name is a local table body's unit (bare_table_unit).
TABLE_ONLY_ENDS = ("局", "委")


def local_units(alias_level: dict) -> frozenset:
    """The units of the agency table's local bodies written after their region's name (北京市中医管理局 →
    中医管理局): a bare 市中医管理局 in a Beijing document is that body (tester-s14 A5: 33 such mentions in bjtcm
    were neither counted nor reported). ``alias_level``: canonical → (level, region name)."""
    return frozenset(name[len(region):] for name, (level, region, *_rest) in alias_level.items()
                     if level != "national" and region and name.startswith(region) and len(name) > len(region) + 1)
