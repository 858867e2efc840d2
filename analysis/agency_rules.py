"""Vocabularies and small text tests of the agency matcher (``analysis.agency_matcher``): which characters end
a name, which units a body's name ends in, which words make a match an ordinary word, and the data types the
matcher's passes share (``Region``, ``Candidate``). Each list says where it applies; a rule's reason (the
sentence it was made for) is next to it. Nothing here reads a file or holds state.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from analysis.agency_scan import units_re
from analysis.agency_table import LEVEL_CHARS

HAN = re.compile(r"[\u4e00-\u9fff]")
#: Branch suffixes after a national body + region (nested names).
BRANCH_SUFFIXES = ("营业管理部", "监管分局", "中心支行", "监管局", "特派办", "办事处", "总部", "分局", "分行", "支行", "分署",
                   "分院", "分中心", "税务局", "局")
#: A zone written between a national body's region and its branch suffix (国家税务总局贵阳综合保税区税务局,
#: 国家税务总局贵州省税务局贵州双龙航空港经济区税务局): the zone's own name + its kind.
BRANCH_ZONE = re.compile(r"[\u4e00-\u9fff]{0,10}?(?:综合保税区|保税区|经济区|开发区|高新区|新区|试验区|示范区|园区|港区)")
#: Units after a regional police bureau + district (江门市公安局蓬江区分局刑警大队).
POLICE_UNITS = ("刑事侦查支队", "刑事侦查大队", "刑警支队", "刑警大队", "交警支队", "交警大队", "治安大队", "派出所",
                "支队", "大队")
#: Internal units of a national body: …司 / …局, and a regulator's numbered departments (银监会监管二部; not
#: 党中央还确定一部, a count).
INTERNAL_UNIT = re.compile(r"[\u4e00-\u9fff]{2,6}?(?:司|局)|(?:监管|业务|市场|综合|发行|机构|稽查)[一二三四五六七八九十]部")
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
           "阿尔及利亚", "摩洛哥", "欧洲", "欧元区", "美", "俄", "韩", "朝", "英", "乌", "菲", "越", "澳", "该国", "两国", "外国", "各国",
           "多国", "对方")  # one-character 日/以/加/法/印 … left out: 10日外交部, 依法, 印发
DOMESTIC_PREFIXES = ("中国", "中华", "国家", "中央", "中共", "全国", "国务院", "最高")
#: Table names every country's body has although they start with a domestic prefix (中央银行 = 中国人民银行 in
#: Chinese news, 欧洲中央银行 / 各国中央银行 are not): a foreign place before them makes them foreign.
WORLD_NAMES = frozenset({"中央银行"})

#: Words after a table name that make it a concept, not the body (完善中央银行制度, 现代中央银行体系).
TABLE_NEXT_BLOCK = {"中央银行": ("制度", "体系", "大楼", "职能", "论坛")}
#: Characters allowed right before a bare 省/市/县/区/州: punctuation, function words and verbs that commonly
#: precede a body (由省商务厅, 召开市政府常务会议, 我市, 本县, 市委市政府). Any other Chinese character is taken as the end of a
#: name the region table does not know (巴黎市警方, 安大略省政府, 社区, 加州) — never a bare form.
ALLOW_BEFORE = set("与和及由对向在经从为是了据请的同跟于将把被让给自到受接会见访赴入进出任等或并及开召称说示委府合打次过"
                   "、，。：；:（(“\"‘《 \n\t我本该")
#: (过: 通过市政府, 经过街道办, 应当过街道办 — issue 15.)
#: Characters before a weak county name (和县, 萧县, short 新和 / 民和) that end the word before it; any other
#: Chinese character makes the name part of an ordinary word (城市和县, 创新和政府, 审核人和县, 民和县) unless the
#: article names the county's city or province (supporting context) or a region chain leads to it.
WEAK_BOUNDARY = set("、，。：；:（(“\"‘《 \n\t在赴到于从自由向据经与及往至而")  # 而: 而赤壁水陆派出所
#: Words after a county-level name that make it the head of a compound noun when the character before it is no
#: boundary (``ALLOW_BEFORE``): 重点河口区建设 is "building in key estuary areas" (河口 = estuary), not 东营市河口区;
#: 推进河口区建设 and 东营市河口区建设 still name the district.
COMPOUND_AFTER = ("建设", "治理", "生态", "保护", "整治", "开发", "环境", "修复", "污染")
#: A short region name written with the level word its full name ends in stands for the full name (黔东南州 for
#: 黔东南苗族侗族自治州, 民和县 for 民和回族土族自治县; not 大田市, which is Daejeon, nor 安新区 in 雄安新区).
SHORT_LEVEL = {"municipal": "州市盟", "county": "县区旗市"}
#: 自治区党委 / 自治州政府 / 自治县人民政府: bare forms of an autonomous region, prefecture or county.
AUTONOMOUS = {"自治区": "provincial", "自治州": "municipal", "自治县": "county"}
#: Template rules whose variants are never read without a region or level word (政府, 党委, 人大, 政协, 公安,
#: 警方, 交警 name a kind of body, not one body); the other variants of 3+ characters (教育局, 市住建委 without
#: 市) and the two-character ones in ``PREFIXLESS_SHORT`` are bare forms of the document's own region.
NO_PREFIXLESS = ("gov", "party", "npc", "cppcc", "ps", "traffic", "meteo_station", "edu_work")
#: Posts written right after a bare 人大 / 政协 (政协副主席, 人大副主任, 政协委员): the body of the document's region.
POST_TITLES = ("主席", "副主席", "主任", "副主任", "委员", "秘书长", "副秘书长", "党组")
#: Groups a congress's standing committee sends (人大常委会执法检查组开出“药方”): written after a bare 人大常委会,
#: the standing committee of the document's region, with the group as its sub-unit (issue 15).
CONGRESS_GROUPS = ("执法检查组", "调研组", "视察组", "检查组")
#: Words before a department variant that make it a bare form too (当地教育局, 告上法院, 到派出所).
PREFIXLESS_BEFORE = ("当地", "本地", "该地", "注册地", "所在地", "告上", "到", "去", "办理", "拨打")
#: Characters right before a department variant that make it part of a longer name the rules do not read
#: (国家/自治/…) — after any other character a variant of 3+ characters is a bare form of unknown region.
NOT_BEFORE_DEPT = set("国家总央中部厅局委院署办司处科省市县区州旗盟镇乡村街道场所队洲")
PREFIXLESS_SHORT = frozenset({"法院", "建委", "教委", "农委", "经委", "侨办", "台办", "外办", "规委", "商委"})
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
              "社科院", "社会科学院", "领导小组", "领导工作小组", "工作小组", "执法队", "调解室", "分局", "局", "委", "办")
OPEN = re.compile(r"(?P<mid>[\u4e00-\u9fff]{1,14}?)" + units_re(OPEN_UNITS))
OPEN_STOP = set("的在对将为是了等各并向从把被由于也都这那其该有会要已就得着过以而或长副记说称示今昨年月日时号届次个位名项件"
                "前后上下里内外开召举部岛同启给听取致电愿原制成出席实简担考功申即企舰军勤派再")
LEVEL_NAME_CHARS = set("省市县区州旗盟")
LEVEL_RE = re.compile("[" + "".join(LEVEL_CHARS) + "]")
#: Words that make an open name no government body (上海合作组织, 招商局集团, 北京大学, 廊坊属地派出所).
OPEN_NOT_GOV = ("大学", "医院", "学校", "公司", "集团", "组织", "属地", "企业")
#: Verbs of setting a body up: a region before them sets up the body named after them (雄安新区设立市级组委会 is
#: Xiong'an setting up a city-level organising committee), so they never sit inside an open name (成立: ``OPEN_STOP``).
OPEN_SET_UP = re.compile("设立|设置|组建|建立")
#: An open name may keep 和 / 与 inside (住房保障和房产管理局) but not at its start.
OPEN_INNER_OK = set("和与及")
#: Characters after a unit that make it part of a longer word (局长, 委员, 办法, 办理, 大队长).
UNIT_NEXT_BLOCK = set("长员法理事学面势限域部托屈地")
NUMERALS = set("一二三四五六七八九十两〇零")
#: Characters after a one-character unit that make it part of a word (科技, 科研, 处分, 处理, 组织).
UNIT_NEXT_BY_END = {"科": set("技学研普创协院幻室教考"), "处": set("分理置罚在于"), "组": set("织成建合"),
                    "所": set("有以谓在属得需用要致做为作带领说提述想见知"), "办": set("赛会展案出件年货成好")}
#: Characters before 所 that make it a place, not an institute or office (场所, 住所, 厕所, 诊所, 寓所).
NOT_INSTITUTE = set("场住厕诊寓会居哨处之")
#: Verbs ending in 办 (举办, 承办, 经办 …) and words before the verb 办 (身边办, 市民们办, 建省办经济特区): a name
#: ending in such a character is no office.
BAN_VERB = set("举承主协创开督交查代包兴合领帮会速难好么经边们均省")
#: Departments (司) of a ministry named without the ministry (住房公积金监管司): a name of 2–8 characters ending in
#: one of these functions + 司, after a boundary. Kept as an unresolved bare form (which ministry is not written);
#: 公司 never ends so.
MINISTRY_DEPT_ENDS = ("监管司", "管理司", "政策司", "法规司", "规划司", "财务司", "改革司", "发展司", "保障司", "建设司",
                      "统计司", "协调司", "合作司", "监督司", "稽查司", "运行司", "价格司", "综合司")
MINISTRY_DEPT = re.compile(r"[\u4e00-\u9fff]{2,8}?(?:" + "|".join(MINISTRY_DEPT_ENDS) + ")")
CAAC_REGIONAL = re.compile(r"民航(华北|东北|华东|中南|西南|西北|新疆)(?:地区)?管理局")
#: The civil aviation administration's Tibet bureau (民航西藏区局 = 中国民用航空西藏自治区管理局).
CAAC_TIBET = re.compile(r"民航西藏(?:自治)?区(?:管理)?局")
#: A civil-aviation station named by its city (民航昌都站 — the Tibet bureau's station at Qamdo), named as written.
CAAC_STATION = re.compile(r"民航([\u4e00-\u9fff]{2,3})站")
#: A term written before the national congress or CPPCC (十一届全国人大常委会, 第十四届全国政协) belongs to the mention.
SESSION_BEFORE = re.compile(r"第?[一二三四五六七八九十]{1,3}届$")
SESSION_BODIES = frozenset({"全国人民代表大会", "全国人民代表大会常务委员会", "中国人民政治协商会议全国委员会"})
CPPCC_SESSION_HEAD = re.compile(r"(?:政协|中国人民政治协商会议)")
SESSION = re.compile(r"第[一二三四五六七八九十]{1,3}届委员会")
#: Characters and words that are no police station's name (就近的派出所, 当地派出所, 辖区派出所).
STATION_STOP = OPEN_STOP | set("到去至往地近该本各每")
STATION_BEFORE = ("辖区", "附近", "当地", "所在地")
STATION_GENERIC = frozenset({"辖区", "附近", "基层", "公安", "城区", "农村", "乡镇", "街道", "社区"})
#: Sub-units after a body (住房和城乡建设部住房保障司, 福建省公安厅经侦总队, 国家体育总局体育彩票管理中心): up to
#: 12 name characters and one of these units; kept as written, with the body as ``parent``.
SUB_UNITS = ("研究中心", "管理中心", "信息中心", "服务中心", "发行管理中心", "办公室", "委员会", "总队", "支队", "大队", "分局",
             "总站", "派出所", "研究所", "研究室", "司", "处", "科", "所", "办", "中心", "防控组", "工作组", "专项组",
             "领导小组")
SUBUNIT = re.compile(r"(?P<mid>[\u4e00-\u9fff]{1,12}?)" + units_re(SUB_UNITS))
#: Characters before 处 that make it an ordinary word (多处, 各处, 此处, 好处, 之处 …).
PLACE_CHU = set("多各此到住好难之出长用去深远近高低别两几数一某何益坏严查判惩论审相共")
SUBUNIT_PARENTS = ("部", "局", "厅", "委", "委员会", "总局", "署", "办", "院", "中心", "分行", "支行", "站", "所")  # 指挥部: 部
#: Characters before 科 that make it a subject or a clinic, not a section (学科, 本科, 外科 …).
NOT_SECTION = set("学本专外内儿工文理牙眼妇骨预百")
#: Department variants that must not be followed by these characters (公安部门 / 政府部门 are generic).
NEXT_BLOCK = {"委办": set("法理事学"), "公安": set("部机系干民厅局"), "政府": set("部"), "人大": set("常"), "政协": set(),
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
#: A named township (2 characters + 镇 / 乡 / 街道) followed by an open name (益庆乡益庆寺管委会, 恒口镇合疗办).
TOWNSHIP_NAME = re.compile(r"[\u4e00-\u9fff]{2}(?:街道|镇|乡)")
#: A named township listed among bodies, as one of them (县强基办、益庆乡、吉中乡等单位): the township's
#: government (乡/镇) or street office (街道). The list must end in one of these words before the clause ends.
TOWNSHIP_LIST_END = re.compile(r"[^，。；！？,;\n]{0,60}?等(?:单位|部门)")
TOWNSHIP_AS_BODY = {"乡": "人民政府", "镇": "人民政府", "街道": "办事处"}
#: Bodies of a village named as written (业兴庄村党支部, 西柏坡村委会): a 2–3 character name + 村 + one of these.
VILLAGE_UNITS = ("村党支部", "村党总支", "村党委", "村委会")
#: Bare names of former ministries that are also the names of companies' departments (监察部: 纪检监察部),
#: read as the ministry only as an item of a list of central bodies (…国家民委、监察部、国土资源部…).
LIST_ONLY_NAMES = {"监察部": "中华人民共和国监察部"}

#: Ad hoc command bodies of a named task or project (天宫一号与神舟九号载人交会对接任务总指挥部): a proper
#: task name of 4–24 characters written right before it. A bare 任务总指挥部 (经任务总指挥部研究) is not a
#: mention — it names no task.
COMMAND_SUFFIXES = ("任务总指挥部", "任务指挥部", "工程总指挥部", "工程指挥部", "工程建设指挥部", "建设总指挥部",
                    "防汛抗旱总指挥部", "防汛抗旱指挥部", "疫情防控指挥部", "防控指挥部")
#: Commands named after a river, region or epidemic need only 2 name characters (长江防汛抗旱总指挥部).
COMMAND_SHORT_OK = ("防汛抗旱总指挥部", "防汛抗旱指挥部", "疫情防控指挥部", "防控指挥部")
COMMAND_NAME = re.compile(r"[\u4e00-\u9fff0-9A-Za-z０-９]{1,40}$")
COMMAND_LEAD = set("受由据经在向对将为是和与同跟于把被让给自到接称说据请即并及由任兼")
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
                  "越": "越南", "德": "德国", "黎": "黎巴嫩"}
#: Characters that end a qualifier between a foreign place and a unit: clause words, numerals, and words of a
#: person or a count (叙利亚三国国防部长, 伊朗新任国防部长, 总统兼外交部长, 南非高度评价…, 美国政府未经国会,
#: 叙利亚反政府, 日本民众抗议政府).
FOREIGN_QUALIFIER_STOP = frozenset(set("和与及同跟任兼统府未经评价钦佩度赞反抗围绕多众") | NUMERALS)
#: A bracketed note after a foreign place name, before the unit (刚果（金）卫生部).
FOREIGN_NOTE = re.compile(r"[（(][\u4e00-\u9fff]{1,2}[)）]")
#: Place names in the world list that are also Chinese places or ordinary words.
FOREIGN_AMBIGUOUS = frozenset({"中非", "汉堡", "万象", "西贡", "巴林", "黑山", "亚伦", "马里", "海地", "阿曼", "德班"})

#: Names the discovery of new agencies proposes (``analysis.agency_discovery``) and the endings that are no
#: body (当局, 格局, 医院 …) — also used by the matcher to reject an open name ending in such a word.
CANDIDATE = re.compile(r"[\u4e00-\u9fff]{1,12}?(?:委员会|管理局|监督局|办公室|办公厅|研究院|研究所|中心|总局|分局|"
                       r"厅|局|委|署|办|院)")
CANDIDATE_STOP = set("的在和与及对将为是了等各并向从把被由于也都这那其该有会要已就得着过以而或")
#: Characters that are no part of a village's name (他又和村党支部, 在村党支部): clause words and pronouns.
VILLAGE_STOP = CANDIDATE_STOP | set("他她我你们又还再也就都议改订名当地任担")  # 审议村委会组织法, 一名村党支部, 担任
CANDIDATE_REJECT = re.compile(r"(?:当局|格局|布局|结局|全局|大局|开局|骗局|僵局|困局|赌局|饭局|终局|残局|新局|变局|"
                              r"时局|政局|战局|棋局|医院|学院|法院|剧院|影院|书院|庭院|寺院|商务办|的院)$")

#: How a mention was found (the ``kind`` column): a table name, a region + department rule, a bare level word
#: resolved from context, a 、-list item, a nested name (a sub-unit), the body a sub-unit's name starts with
#: (``parent``), a short form resolved from the article, a pattern (embassies, development-zone committees,
#: task commands), a township body, a foreign body.
Kind = Literal["table", "regional", "bare", "list", "nested", "parent", "context", "pattern", "township",
               "foreign"]

MUNICIPALITIES = frozenset({"110000", "120000", "310000", "500000"})  # 北京, 天津, 上海, 重庆 (province codes)


def unit_kind(name: str) -> str:
    """The kind of unit a department name ends in, where two kinds differ in rank: 委员会 (also 委), 局, 支队,
    大队, 总队; "" for any other ending (公安厅 → "")."""
    for u in ("委员会", "支队", "大队", "总队"):
        if name.endswith(u):
            return u
    return "委员会" if name.endswith("委") else "局" if name.endswith("局") else ""


def in_title_marks(text: str, s: int) -> bool:
    """Is position ``s`` of ``text`` inside 《…》 (a document's or book's title)?"""
    o = text.rfind("《", 0, s)
    return o >= 0 and text.rfind("》", o, s) < 0


def bare_ok(text: str, i: int) -> bool:
    """Is the level word at ``text[i]`` (省/市/县 …) a bare reference to one province/city/county — at the start,
    after a non-Chinese character, a character of ``ALLOW_BEFORE`` (由省商务厅, 召开市政府常务会议), 当地/本地/所在地 or a
    word of ``WORDS_BEFORE_BARE`` (按照省财政厅), a verb of ``BARE_AFTER`` (报省工业和信息化厅), an article number
    (第六条省工业和信息化厅), a title's last word (若干措施省工业和信息化厅), a body's name ending in 厅/局 (signature
    lines: 省工业和信息化厅省发展改革委) or a post + a person's name (主任高云霄省财政厅: ``POST_NAME_BEFORE``)? Never
    in a generic plural (各市、县政府: ``generic_start``)."""
    prev = text[i - 1] if i > 0 else ""
    if generic_start(text, i) >= 0:
        return False
    return (prev == "" or prev in ALLOW_BEFORE or prev in BARE_AFTER or not "\u4e00" <= prev <= "\u9fff"
            or (prev == "以" and LEAD_AFTER_YI.match(text, i) is not None)
            or text.endswith(("当地", "本地", "所在地") + WORDS_BEFORE_BARE + TITLE_ENDS, 0, i)
            or ARTICLE_NUMBER.search(text, max(0, i - 8), i) is not None
            or POST_NAME_BEFORE.search(text, max(0, i - 8), i) is not None)


#: 以 + a bare form + 为主 / 为首 / 牵头 (以省工商局为主，省农业、质监部门配合: the lead body; tester report A9).
LEAD_AFTER_YI = re.compile(r"[省市县区州][\u4e00-\u9fff]{1,12}?(?:为主|为首|牵头)")
#: Characters right before a bare 省/市/县 besides ``ALLOW_BEFORE``: verbs of submitting (报/报送/上报/提交/抄送/
#: 印发/转发/交) and the end of a body's name (厅, 局) in signature lines. Found on Hebei policy texts, where
#: 报省工业和信息化厅 and 第六条省工业和信息化厅 were the missed forms (tester report 2026-11-29, item 1.1).
BARE_AFTER = set("报送交发厅局立")  # 立: 成立县…领导工作小组, 设立市… (issue 15)
#: Last words of a document's title, which runs into the issuers' line when the line break is lost
#: (…的若干措施省工业和信息化厅 省发展改革委, Hebei 产业政策 art. 16).
TITLE_ENDS = ("措施", "办法", "意见", "通知", "方案", "规定", "细则", "决定")
#: Words before a bare form taking a body as object (按照省财政厅, 商省财政厅, 组织省财政厅等部门, 目前省财政厅: tester-s13 A3).
WORDS_BEFORE_BARE = ("按照", "依照", "参照", "遵照", "商", "组织", "目前", "是指")  # 是指市中医管理局 (s14 A5)
#: A post + a person's name before a bare form in a list of officials (主任高云霄省财政厅厅长: tester-s13 A3).
POST_NAME_BEFORE = re.compile(r"(?:厅长|局长|部长|处长|科长|主任|巡视员|调研员|科员|秘书长|书记|行长|主席|组长|司长|院长)"
                              r"[\u4e00-\u9fff]{2,3}$")
#: An article number right before a bare form (第六条省…, 第十一条市…), ending at the level word.
ARTICLE_NUMBER = re.compile(r"第[一二三四五六七八九十百零〇\d]+条$")
#: Short units with one full form (林草局 = 林业和草原局 since 2018; 雄安新区改发局; 成都市经信局 = 成都市经济和信息化局, not
#: 工业和信息化局: template ``eit``, tester-s14 A4): a name kept as written is written with the full unit (省林草局).
WRITTEN_EXPANSIONS = {"林草局": "林业和草原局", "改发局": "改革发展局", "经信局": "经济和信息化局", "经信厅": "经济和信息化厅"}
#: Templates of national regulators' provincial offices, named with the province's short name (河北证监局,
#: 河北银保监局, 北京银保监局): 河北省证监局 and bare 省证监局 are the same office (tester report 2026-11-29, 1.6).
SHORT_REGION_TEMPLATES = frozenset({"cbrc"})
#: A street address right after a region name (西城区枣林前街70号, 海淀区中关村大街): the region of a mailing
#: address is no context for resolving a bare form (tester report 2026-11-29, item 1.3).
ADDRESS_AFTER = re.compile(r"[\u4e00-\u9fff]{1,8}?(?:大街|大道|街|路|胡同|巷)(?:[\d一二三四五六七八九十甲乙]+号|[东西南北]?口|$|[^\u4e00-\u9fff])")
#: Words before a level word that make it a class of bodies, never one (各区卫生健康委: every district's
#: commission; 所在区卫生健康委: the district of whoever applies).
GENERIC_BEFORE = ("各", "所在地", "所在", "设区的")  # 设区的市人民政府: every city with districts (tester A1);
#: 由所在地市教育局统一管理: the city where each school is (tester report #3)
#: A class of a national body's local branches written with its name alone (各市人民银行分管领导, 各级人民银行:
#: every city's branch — tester report #3): 各 + level words / 级 right before the table name. Not 各地 (亚洲各地央行
#: is labelled 央行 in CLUENER; 各地人民银行 stays 中国人民银行 as before).
CLASS_BEFORE = re.compile("各(?:[" + "".join(LEVEL_CHARS) + "、]{1,4}|级)$")
#: The members listed after a class of bodies (各市（含定州、辛集市）教育局: every city, 定州 and 辛集 included) are
#: no region the text is about: a bare 市教育局 later is not 辛集市's city 石家庄 (tester report #3).


def generic_start(text: str, i: int) -> int:
    """Start of a generic plural reference whose last level word is ``text[i]`` — 各市 / 各区 / 所在区 / 市、县 / 区县
    (各市、县政府, 各区县卫生局, 经市、县政府批准: the governments of every city and county) — or -1 when the level word at ``i``
    names one body. Such a reference is no mention (dropped, like 各市政府 always was), never resolved to a region."""
    j = i
    while j >= 1 and (text[j - 1] in LEVEL_CHARS or (j >= 2 and text[j - 1] == "、" and text[j - 2] in LEVEL_CHARS)):
        j -= 1 if text[j - 1] in LEVEL_CHARS else 2  # 各区县, 区、县
    for w in GENERIC_BEFORE:
        if text.endswith(w, 0, j):
            return j - len(w)
    return j if j < i else -1


def class_start(text: str, s: int) -> int:
    """Start of a class word right before a national table name at ``s`` (各市人民银行, 各级人民银行, 各省税务局:
    every city's branch — a class of bodies, dropped by the matcher; tester report #3), or -1."""
    if not s or (text[s - 1] not in LEVEL_CHARS and text[s - 1] != "级"):
        return -1
    m = CLASS_BEFORE.search(text, max(0, s - 6), s)
    return m.start() if m else -1


def branch_end(text: str, p: int) -> int:
    """End of a branch suffix (分行, 监管局, 税务局 …) at ``p`` — after a zone's name (贵阳 + 综合保税区 + 税务局)
    when one is written there — or -1."""
    for q in (p, *(m.end() for m in [BRANCH_ZONE.match(text, p)] if m)):
        suf = next((x for x in BRANCH_SUFFIXES if text.startswith(x, q)), "")
        if suf:
            return q + len(suf)
    return -1


def township_unit(surface: str, head: str) -> str:
    """The canonical unit of a bare township form (街道办 → 办事处; ``head`` is 街道 / 镇 / 乡)."""
    return TOWNSHIP_UNITS.get(surface[len(head):], surface[len(head):])


@dataclass(frozen=True)
class Region:
    """One administrative region of ``data/regions.csv``."""

    code: str
    name: str
    level: str       # provincial / municipal / county
    province: str    # code of its province
    city: str        # code of its city ("" for a province)
    short: str = ""  # its short name (河北 for 河北省), "" when none

    @property
    def is_municipality(self) -> bool:
        """直辖市 (北京市 …): provincial level, named with municipal (局) departments."""
        return self.level == "provincial" and self.name.endswith("市")


@dataclass
class Candidate:
    """A possible mention found by one rule, ``[start, end)`` in one text; the overlap pass
    (``select_candidates``) keeps the longest, and the matcher resolves the ``pending`` ones from context."""

    start: int
    end: int
    agency: str
    kind: Kind
    level: str = "national"
    region: int = -1          # index into the matcher's regions (-1: none)
    template: int = -1        # index into the matcher's templates (for bare / list forms)
    pending: str = ""         # "bare" / "list" / "bureau" / "national" / "township" / "prefixless" / "ambig" /
    #                           "generic" (各区卫生健康委, 市、县政府: a class of bodies, dropped) /
    #                           "dept" (a ministry's 司 named alone: stays unresolved) /
    #                           "class" (an item of a list after 各市（含…）/ 各级: stays unresolved)
    parent: str = ""
    where: str = ""           # a foreign body's country; a township body's place name (大良街道)
    rank: int = 0             # tie-breaker in the overlap pass: 1 for a name written out by the open rule
    choices: tuple = ()       # regions a shared district name (朝阳区) may be, resolved from the article
    tail: str = ""            # a sub-unit written after a bare form (市住保办 + 政策计划处), added once resolved
    parents: list = field(default_factory=list)  # the bodies a sub-unit's name starts with: (end, canonical, parent)

    def nest(self, end: int, name: str) -> None:
        """Become the sub-unit ``name`` ending at ``end``; the body this was (named in the text before the
        sub-unit's own words) is kept in ``parents`` and reported as its own mention of kind ``parent``."""
        self.parents.append((self.end, self.agency, self.parent))
        self.parent, self.agency, self.end, self.kind = self.agency, name, end, "nested"


def select_candidates(cands: list[Candidate], n: int) -> list[Candidate]:
    """The overlap pass over a text of ``n`` characters: longest first, leftmost among equals, a table name
    before a rule's name for the same span; no two selected candidates overlap. Returned in text order."""
    occ = bytearray(n + 1)
    chosen = []
    for c in sorted(cands, key=lambda c: (c.start - c.end, c.start, c.kind != "table", c.rank)):
        if occ.find(1, c.start, c.end) == -1:
            occ[c.start:c.end] = b"\x01" * (c.end - c.start)
            chosen.append(c)
    chosen.sort(key=lambda c: c.start)
    return chosen
