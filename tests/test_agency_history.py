"""The dated agency model (analysis/agency_history.py, data/agency_history.csv): which names are historical,
where they roll up (central chains, splits, local names keeping their region, nested branches), validation
with exact errors, and the mention-level functions (``historical_mask``, ``roll_up``)."""
from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from analysis.agency_history import (HISTORY_COLUMNS, AgencyHistory, historical_mask, load_history, parse_date,
                                     roll_up, validate_history)
from analysis.agency_table import load_agencies, load_templates
from analysis.errors import InvalidOption, LoadError


@pytest.fixture(autouse=True)
def no_user_table(tmp_path, monkeypatch):
    monkeypatch.setenv("WENJIAN_USER_DIR", str(tmp_path / "user"))


@pytest.fixture(scope="module")
def history() -> AgencyHistory:
    return AgencyHistory(load_history(), as_of=date(2026, 1, 1))


# --- the shipped table ---------------------------------------------------------------------------------------
def test_shipped_history_counts_and_columns():
    h = load_history()
    assert tuple(h.columns) == HISTORY_COLUMNS
    assert len(h) == 192  # (+ 国家科学技术委员会, 国家农业委员会: tester s15 A6; + 总后勤部卫生部 and its successor: P17)
    assert h["scope"].value_counts().to_dict() == {"central": 125, "local": 67}
    assert (h["valid_to"] != "").sum() == 146  # rows of bodies that ended (or were renamed)


def test_every_historical_table_row_has_a_dated_end(history):
    table = load_agencies(user_path="")
    old = set(table.loc[table["type"] == "历史机构", "canonical"])
    assert len(old) == 78  # (+ 国家科学技术委员会, 国家农业委员会: tester s15 A6; + 总后勤部卫生部: P17)
    assert old == set(history.central)  # and nothing current is rolled up


def test_local_successors_are_the_department_rules_names(history):
    # @key successors render through data/agency_templates.csv, so a rolled-up name merges with the name the
    # matcher gives the current body
    t = load_templates().set_index("key")
    assert history.successor("河北省安全生产监督管理局", "provincial") == t.loc["em", "provincial"].replace("{r}", "河北省")
    assert history.successor("石家庄市安全生产监督管理局", "municipal") == "石家庄市应急管理局"


@pytest.mark.parametrize("name, successor", [
    ("国家安全生产监督管理总局", "应急管理部"),
    ("国家安全生产监督管理局", "应急管理部"),          # 2005 → 总局, 2018 → 应急管理部
    ("国土资源部", "自然资源部"),
    ("建设部", "住房和城乡建设部"),
    ("卫生部", "国家卫生健康委员会"),                   # 2013 → 国家卫生和计划生育委员会, 2018 → 国家卫生健康委员会
    ("国家计划生育委员会", "国家卫生健康委员会"),
    ("铁道部", "国家铁路局"),                           # split: counted under the first successor
    ("新闻出版总署", "国家新闻出版署"),                 # rollup overrides the chain's primary successor
    ("国家广播电影电视总局", "国家广播电视总局"),
    ("国家新闻出版广电总局", "国家广播电视总局"),
    ("中国银行业监督管理委员会", "国家金融监督管理总局"),
    ("中国保险监督管理委员会", "国家金融监督管理总局"),
    ("国家质量技术监督局", "国家市场监督管理总局"),     # 2001 → 质检总局, 2018 → 市场监管总局
    ("国家食品药品监督管理局", "国家市场监督管理总局"),
    ("国家技术监督局", "国家市场监督管理总局"),
    ("国家发展计划委员会", "国家发展和改革委员会"),
    ("国家计划委员会", "国家发展和改革委员会"),
    ("国家科学技术委员会", "科学技术部"),               # renamed 1998 (tester s15 A6)
    ("国家农业委员会", "农业农村部"),                   # 1982 → 农牧渔业部 (not in the table) → 农业部 → 农业农村部
    ("国家煤矿安全监察局", "国家矿山安全监察局"),
    ("中华人民共和国监察部", "中央纪委国家监委"),
    ("中央全面深化改革领导小组", "中央全面深化改革委员会"),
    ("国家经济贸易委员会", "国家经济贸易委员会"),       # no single successor: rollup '-'
    ("国家煤炭工业局", "国家经济贸易委员会"),           # … so its bureaus stop there too
    ("国务院扶贫开发领导小组办公室", "国家乡村振兴局"),
    ("国务院金融稳定发展委员会", "中央金融委员会"),      # 2023 Party plan
])
def test_central_successors(history, name, successor):
    assert history.is_historical(name)
    assert history.successor(name) == successor


@pytest.mark.parametrize("name", ["应急管理部", "国家药品监督管理局", "国家乡村振兴局", "国家海洋局", "外交部",
                                  "中央金融工作委员会"])
def test_current_names_stay(history, name):
    # 国家药品监督管理局 existed 1998–2003 and again since 2018; 国家海洋局 is a 牌子 of 自然资源部 today
    assert not history.is_historical(name)
    assert history.successor(name) == name


@pytest.mark.parametrize("name, level, successor", [
    ("河北省质量技术监督局", "provincial", "河北省市场监督管理局"),
    ("石家庄市工商行政管理局", "municipal", "石家庄市市场监督管理局"),
    ("正定县食品药品监督管理局", "county", "正定县市场监督管理局"),
    ("河北省安全生产监督管理局", "provincial", "河北省应急管理厅"),
    ("河北省国土资源厅", "provincial", "河北省自然资源厅"),
    ("河北省卫生厅", "provincial", "河北省卫生健康委员会"),
    ("石家庄市卫生局", "municipal", "石家庄市卫生健康委员会"),
    ("正定县卫生局", "county", "正定县卫生健康局"),      # county: 卫生和计划生育局 → 卫生健康局
    ("北京市卫生局", "provincial", "北京市卫生健康委员会"),  # a 直辖市 names its departments like a city
    ("北京市建设委员会", "provincial", "北京市住房和城乡建设委员会"),  # real name, region-specific row
    ("北京市国土资源局", "provincial", "北京市规划和自然资源委员会"),
    ("上海市规划和国土资源管理局", "provincial", "上海市规划和自然资源局"),
    ("河北省地方税务局", "provincial", "国家税务总局河北省税务局"),
    ("石家庄市国家税务局", "municipal", "国家税务总局石家庄市税务局"),
    ("北京市公安消防总队", "provincial", "北京市消防救援总队"),
    ("北京市公安局消防总队", "provincial", "北京市消防救援总队"),
    ("海淀区公安局消防大队", "county", "海淀区消防救援大队"),
    ("河北省监察厅", "provincial", "河北省纪委监委"),
    ("河北省人事厅", "provincial", "河北省人力资源和社会保障厅"),
    ("河北省劳动厅", "provincial", "河北省人力资源和社会保障厅"),   # 劳动厅 → 劳动和社会保障厅 → 人社厅
    ("河北省物价局", "provincial", "河北省发展和改革委员会"),
    ("河北省对外贸易经济合作厅", "provincial", "河北省商务厅"),
    ("天津市城乡建设委员会", "provincial", "天津市住房和城乡建设委员会"),
    ("石家庄市国税局", "municipal", "国家税务总局石家庄市税务局"),
    ("河北省扶贫开发领导小组办公室", "provincial", "河北省乡村振兴局"),
    ("正定县人口和计划生育局", "county", "正定县卫生健康局"),
    # 银监局 → 银保监局 (2018) → 金融监管局 (2023), short or full region names, 分局 of a city
    ("河北银监局", "provincial", "国家金融监督管理总局河北监管局"),
    ("河北省银监局", "provincial", "国家金融监督管理总局河北监管局"),
    ("上海保监局", "provincial", "国家金融监督管理总局上海监管局"),
    ("石家庄银监分局", "municipal", "国家金融监督管理总局石家庄监管分局"),
    ("深圳银监局", "municipal", "国家金融监督管理总局深圳监管局"),    # 计划单列市: a 监管局, not a 分局
    # districts of a 直辖市 are named with the city's units; 朝阳区 alone is also 长春's
    ("北京市海淀区卫生局", "county", "北京市海淀区卫生健康委员会"),
    ("海淀区卫生局", "county", "海淀区卫生健康委员会"),
    ("北京市朝阳区卫生局", "county", "北京市朝阳区卫生健康委员会"),
    ("长春市朝阳区卫生局", "county", "长春市朝阳区卫生健康局"),
    ("朝阳区卫生局", "county", "朝阳区卫生健康局"),
])
def test_local_successors_keep_their_region(history, name, level, successor):
    assert history.is_historical(name, level)
    assert history.successor(name, level) == successor


@pytest.mark.parametrize("name, level", [
    ("石家庄市建设委员会", "municipal"),   # other cities' 建委 went different ways: not guessed
    ("河北省市场监督管理局", "provincial"),
    ("国家质量技术监督局X", "national"),
    ("某某质量技术监督局", "provincial"),   # not a region name
    ("河北省卫生厅", "national"),           # a local rule never applies to a national name
    ("正定县卫生厅", "county"),             # 卫生厅 is the provincial name
])
def test_names_that_do_not_roll_up(history, name, level):
    assert not history.is_historical(name, level)
    assert history.successor(name, level) == name


def test_historical_without_a_single_successor(history):
    # 出入境检验检疫局 went into the customs district of its area (石家庄海关 …): historical, not guessed
    assert history.is_historical("河北出入境检验检疫局", "provincial")   # the real name used the short form
    assert history.is_historical("河北省出入境检验检疫局", "provincial")
    assert history.successor("河北出入境检验检疫局", "provincial") == "河北出入境检验检疫局"
    assert history.successor("河北省出入境检验检疫局", "provincial") == "河北省出入境检验检疫局"


def test_table_rows_typed_historical_without_dates(tmp_path):
    table = pd.concat([load_agencies(user_path=""), pd.DataFrame([{
        "canonical": "海南省热带作物局", "aliases": "", "level": "provincial", "region": "海南省", "region_code": "460000",
        "parent": "", "type": "历史机构", "note": ""}])], ignore_index=True)
    h = AgencyHistory(load_history(), as_of=date(2026, 1, 1), table=table)
    assert h.table_historical == {"海南省热带作物局"}
    assert h.is_historical("海南省热带作物局", "provincial")
    assert h.successor("海南省热带作物局", "provincial") == "海南省热带作物局"


def test_nested_names_follow_their_parent(history):
    assert history.is_historical("中国银行业监督管理委员会河北监管局", "national", "中国银行业监督管理委员会")
    assert history.successor("中国银行业监督管理委员会河北监管局", "national", "中国银行业监督管理委员会") == \
        "国家金融监督管理总局河北监管局"
    assert history.successor("中国保险监督管理委员会石家庄监管分局", "national", "中国保险监督管理委员会") == \
        "国家金融监督管理总局石家庄监管分局"
    assert history.successor("国家外汇管理局河北省分局", "national", "国家外汇管理局") == "国家外汇管理局河北省分局"
    # a sub-unit of a local body no longer in use follows its parent, keeping the unit
    assert history.is_historical("河北省质量技术监督局计量处", "provincial", "河北省质量技术监督局")
    assert history.successor("河北省质量技术监督局计量处", "provincial", "河北省质量技术监督局") == \
        "河北省市场监督管理局计量处"
    assert not history.is_historical("河北省市场监督管理局计量处", "provincial", "河北省市场监督管理局")


def test_reference_date_decides_what_is_historical():
    h = load_history()
    before = AgencyHistory(h, as_of=date(2018, 3, 16))
    after = AgencyHistory(h, as_of=date(2018, 3, 17))
    assert not before.is_historical("国家安全生产监督管理总局")
    assert after.successor("国家安全生产监督管理总局") == "应急管理部"
    assert before.successor("卫生部") == "国家卫生和计划生育委员会"  # its successor was still current then
    assert not AgencyHistory(h, as_of=date(2017, 6, 1)).is_historical("河北省质量技术监督局", "provincial")
    assert AgencyHistory(h, as_of=date(2018, 1, 1)).is_historical("河北省质量技术监督局", "provincial")


# --- mentions ---------------------------------------------------------------------------------------------
def mentions_frame() -> pd.DataFrame:
    return pd.DataFrame({
        "row": [0, 0, 0, 1, 1, 1],
        "agency": ["建设部", "住房和城乡建设部", "河北省质量技术监督局", "中国银行业监督管理委员会河北监管局", "", "外交部"],
        "surface": ["建设部", "住建部", "河北省质监局", "河北银监局", "省质监局", "外交部"],
        "level": ["national", "national", "provincial", "national", "provincial", "national"],
        "parent": ["", "", "", "中国银行业监督管理委员会", "", ""],
        "resolved": [True, True, True, True, False, True],
    })


def test_historical_mask_and_roll_up(history):
    m = mentions_frame()
    assert historical_mask(m, history).tolist() == [True, False, True, True, False, False]
    out = roll_up(m, history)
    assert out["agency"].tolist() == ["住房和城乡建设部", "住房和城乡建设部", "河北省市场监督管理局",
                                      "国家金融监督管理总局河北监管局", "", "外交部"]
    assert out["parent"].tolist() == ["", "", "", "国家金融监督管理总局", "", ""]
    assert out["surface"].tolist() == m["surface"].tolist()  # surfaces kept: they become the aliases
    assert m["agency"].iloc[0] == "建设部"  # the input is not changed
    assert roll_up(m.iloc[:0], history).empty and historical_mask(m.iloc[:0], history).tolist() == []


def test_roll_up_without_level_or_parent_columns(history):
    m = pd.DataFrame({"row": [0, 0], "agency": ["卫生部", "河北省卫生厅"]})
    assert roll_up(m, history)["agency"].tolist() == ["国家卫生健康委员会", "河北省卫生厅"]  # no level: not local


# --- validation -------------------------------------------------------------------------------------------
def frame(rows: list[dict]) -> pd.DataFrame:
    return pd.DataFrame([{c: "" for c in HISTORY_COLUMNS} | r for r in rows])


@pytest.mark.parametrize("rows, message", [
    ([{"name": "建设部", "scope": "city"}], "invalid scope (t.csv row 2) 'city'"),
    ([{"name": "建设部", "scope": "central", "valid_to": "2008/3/15", "successor": "住房和城乡建设部"}],
     "invalid date '2008/3/15'"),
    ([{"name": "建设部", "scope": "central", "valid_to": "2008-13", "successor": "住房和城乡建设部"}],
     "invalid date '2008-13'"),
    ([{"name": "建设部", "scope": "central", "valid_from": "2009", "valid_to": "2008"}],
     "row 2: valid_to 2008 早于 valid_from 2009"),
    ([{"name": "城乡建设部", "scope": "central"}], "row 2: '城乡建设部' 不在机构表中 / is not a canonical name of the agency table"),
    ([{"name": "建设部", "scope": "central", "valid_to": "2008", "successor": "住建委"}],
     "successor '住建委' is neither in the agency table nor in the history table"),
    ([{"name": "建设部", "scope": "central", "valid_to": "2008"}], "ended (2008) without a successor"),
    ([{"name": "质量技术监督局", "scope": "local", "valid_to": "2018", "successor": "@mr"}],
     "a local name needs the region placeholder {r}"),
    ([{"name": "{r}质量技术监督局", "scope": "local", "valid_to": "2018", "successor": "@market"}],
     "no department rule 'market'"),
    ([{"name": "{r}质量技术监督局", "scope": "local", "valid_to": "2018", "successor": "市场监督管理局"}],
     "a local successor needs {r}, {s} or @rule"),
    ([{"name": "{r}卫生局", "scope": "local", "level": "city", "valid_to": "2013", "successor": "@health"}],
     "invalid level (t.csv row 2) 'city'"),
    ([{"name": "建设部", "scope": "central", "relation": "moved", "valid_to": "2008", "successor": "住房和城乡建设部"}],
     "invalid relation (t.csv row 2) 'moved'"),
    ([{"name": "建设部", "scope": "central", "valid_to": "2008", "successor": "卫生部"},
      {"name": "卫生部", "scope": "central", "valid_to": "2013", "successor": "建设部"}],
     "successor chain loops: 建设部 → 卫生部 → 建设部"),
])
def test_validation_errors(rows, message):
    with pytest.raises(InvalidOption) as exc:
        validate_history(frame(rows), load_agencies(user_path=""), name="t.csv")
    assert message in str(exc.value)


def test_validation_needs_the_columns_and_normalises():
    with pytest.raises(InvalidOption, match=r"missing columns \['scope', 'valid_from', 'valid_to', 'successor'\]"):
        validate_history(pd.DataFrame({"name": ["建设部"]}))
    out = validate_history(pd.DataFrame({"name": [" 建设部 "], "scope": ["central"], "level": ["national"],
                                         "valid_from": [""], "valid_to": ["2008-03-15"],
                                         "successor": ["住房和城乡建设部"], "rollup": [""]}))
    assert out.iloc[0].to_dict() == {"name": "建设部", "scope": "central", "level": "national", "region": "",
                                     "valid_from": "", "valid_to": "2008-03-15", "successor": "住房和城乡建设部",
                                     "rollup": "", "relation": "", "note": ""}


def test_load_history_errors(tmp_path):
    with pytest.raises(LoadError, match="agency history table not found"):
        load_history(tmp_path / "none.csv")
    bad = tmp_path / "bad.csv"
    bad.write_bytes("name,scope\n建设部,central\n".encode("gbk"))
    with pytest.raises(LoadError, match="save it as UTF-8 CSV"):
        load_history(bad)


@pytest.mark.parametrize("text, expected", [("2018", date(2018, 1, 1)), ("2018-03", date(2018, 3, 1)),
                                            ("2018-03-17", date(2018, 3, 17)), ("", None), (" 2001-04 ", date(2001, 4, 1))])
def test_parse_date(text, expected):
    assert parse_date(text) == expected
