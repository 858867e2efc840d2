"""The agency table (analysis/agency_table.py): the shipped CSVs, validation with exact errors, the user's
table and review decisions, and the tokenizer's word list."""
from __future__ import annotations

import pandas as pd
import pytest

from analysis.agency_table import (COLUMNS, load_agencies, load_regions, load_review, load_templates,
                                   load_user_agencies, merge_tables, read_agencies, review_candidate,
                                   save_user_agencies, split_aliases, tokenizer_words, validate_agencies)
from analysis.errors import InvalidOption, LoadError


@pytest.fixture(autouse=True)
def user_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("WENJIAN_USER_DIR", str(tmp_path / "user"))
    return tmp_path / "user"


def table(rows: list[dict]) -> pd.DataFrame:
    return pd.DataFrame(rows)


# --- shipped files ------------------------------------------------------------------------------------
def test_project_table_covers_the_required_bodies():
    t = load_agencies().set_index("canonical")
    assert tuple(load_agencies().columns) == COLUMNS
    types = t["type"].value_counts()
    assert types["国务院组成部门"] == 26            # 2023 reform: 26 组成部门
    assert types["国务院直属机构"] == 14
    # 2023: 7 直属事业单位; the two news organisations among them are typed media, their category in the note
    media_units = t[(t["type"] == "media") & t["note"].str.startswith("国务院直属事业单位")]
    assert sorted(media_units.index) == ["中央广播电视总台", "新华通讯社"]
    assert types["国务院直属事业单位"] + len(media_units) == 7
    assert types["部委管理的国家局"] == 17            # after 2023: 国家数据局, 国家消防救援局 in; 信访局, 知识产权局 out
    assert types["直属海关"] == 42
    for name in ("中国计量科学研究院", "中国标准化研究院", "中国检验检疫科学研究院", "国家数据局", "国家金融监督管理总局",
                 "最高人民法院", "最高人民检察院", "全国人民代表大会常务委员会", "中国人民政治协商会议全国委员会",
                 "中共中央组织部", "国务院国有资产监督管理委员会"):
        assert name in t.index, name
    assert t.loc["中国银行保险监督管理委员会", "type"] == "历史机构"
    assert set(split_aliases(t.loc["国家发展和改革委员会", "aliases"])) >= {"国家发展改革委", "国家发改委"}
    assert "市场监管总局" in split_aliases(t.loc["国家市场监督管理总局", "aliases"])
    assert t.loc["国家药品监督管理局", "parent"] == "国家市场监督管理总局"


def test_regions_from_the_administrative_division_table():
    r = load_regions()
    assert (r["level"] == "provincial").sum() == 34
    hainan = r[r["name"] == "海南省"].iloc[0]
    assert (hainan["code"], hainan["short"]) == ("460000", "海南")
    assert r[r["name"] == "海口市"].iloc[0]["parent_code"] == "460000"
    assert r[r["name"] == "海南区"].iloc[0]["short"] == ""  # 海南 belongs to the province
    shorts = r.loc[r["short"] != "", "short"]
    assert not shorts.duplicated().any()


def test_templates_have_every_level_column():
    t = load_templates()
    assert list(t.columns) == ["key", "variants", "provincial", "municipal", "county", "type"]
    mr = t[t["key"] == "mr"].iloc[0]
    assert split_aliases(mr["variants"]) == ["市场监督管理局", "市场监管局"]
    assert mr["provincial"] == "{r}市场监督管理局"


def test_tokenizer_words():
    words = tokenizer_words()
    assert len(words) == len(set(words)) and words == sorted(words)
    for w in ("国家发展和改革委员会", "国家发展改革委", "市场监管总局", "海南省市场监管局", "海南市场监督管理局",
              "海口市公安局", "省市场监管局", "中国计量科学研究院"):
        assert w in words, w
    assert not [w for w in words if len(w) < 2]


# --- validation ---------------------------------------------------------------------------------------
def test_validate_normalises():
    out = validate_agencies(table([{"canonical": " 甲局 ", "aliases": "甲｜甲局|甲局简称 | "}]).iloc[:, :2].assign(
        aliases="甲局简称｜ 甲局 "))
    assert out.iloc[0].to_dict() == {"canonical": "甲局", "aliases": "甲局简称", "level": "national", "region": "",
                                     "region_code": "", "parent": "", "type": "", "note": ""}


def test_validate_sets_every_rows_aliases_and_keeps_types():
    rows = pd.DataFrame({"canonical": ["甲局", "乙局"], "aliases": ["甲局|甲", "乙局简称|乙局"]}, index=[7, 3])
    rows.loc[7, "aliases"] = "甲局|甲简"
    out = validate_agencies(rows)
    assert out["aliases"].tolist() == ["甲简", "乙局简称"] and out.index.tolist() == [0, 1]
    empty = validate_agencies(rows.iloc[:0])
    assert len(empty) == 0 and (empty.dtypes == out.dtypes).all() and list(empty.columns) == list(out.columns)


@pytest.mark.parametrize("rows, message", [
    ([{"canonical": "甲局"}], "missing columns ['aliases']"),
    ([{"canonical": "", "aliases": ""}], "row 2: empty canonical name"),
    ([{"canonical": "甲局", "aliases": "局"}], "row 2: name '局' is too short"),
    ([{"canonical": "甲局", "aliases": "", "level": "city"}], "invalid level (t.csv row 2) 'city'"),
    ([{"canonical": "甲局", "aliases": "简称"}, {"canonical": "乙局", "aliases": "简称"}],
     "row 3: '简称' is listed for both 甲局 and 乙局"),
    ([{"canonical": "甲局", "aliases": ""}, {"canonical": "甲局", "aliases": ""}], "canonical listed twice: ['甲局']"),
])
def test_validate_errors(rows, message):
    with pytest.raises(InvalidOption) as exc:
        validate_agencies(table(rows), "t.csv")
    assert message in str(exc.value)


def test_read_csv_bytes_with_bom_and_comments():
    data = "# 注释\ncanonical,aliases,level\n甲局,甲局简称,provincial\n".encode("utf-8-sig")
    assert read_agencies(data)[["canonical", "aliases", "level"]].values.tolist() == [["甲局", "甲局简称", "provincial"]]
    with pytest.raises(LoadError, match="UTF-8"):
        read_agencies("canonical,aliases\n甲局,乙\n".encode("gbk"))


# --- the user's table and review decisions ------------------------------------------------------------------
def test_user_rows_replace_and_extend_the_project_table():
    base = validate_agencies(table([{"canonical": "甲局", "aliases": "甲简称|共用"}, {"canonical": "乙局", "aliases": ""}]))
    user = validate_agencies(table([{"canonical": "乙局", "aliases": "乙简称"}, {"canonical": "丙局", "aliases": "共用"}]))
    out = merge_tables(base, user)
    assert out[["canonical", "aliases"]].values.tolist() == [["甲局", "甲简称"], ["乙局", "乙简称"], ["丙局", "共用"]]


def test_save_and_load_user_table(user_dir):
    assert load_user_agencies().empty
    save_user_agencies(table([{"canonical": "海南省大数据管理局", "aliases": "省大数据局"}]))
    assert (user_dir / "agencies.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    merged = load_agencies()
    assert merged["canonical"].iloc[-1] == "海南省大数据管理局"
    assert len(merged) == len(load_agencies(user_path="")) + 1


def test_loaded_table_is_a_fresh_copy_and_follows_edits_of_the_user_table(user_dir):
    """``load_agencies`` reads the files again only when one changed: each call still gets its own frame, and
    an edit (another size or modification time) is seen at once; a removed user table too."""
    first = load_agencies()
    first.loc[0, "canonical"] = "改掉"   # a caller changing its copy changes nobody else's
    again = load_agencies()
    assert again is not first and again["canonical"].iloc[0] != "改掉"
    pd.testing.assert_frame_equal(again, load_agencies(user_path=""))
    save_user_agencies(table([{"canonical": "海南省大数据管理局", "aliases": "省大数据局"}]))
    assert load_agencies()["canonical"].iloc[-1] == "海南省大数据管理局"
    save_user_agencies(table([{"canonical": "海南省大数据管理局", "aliases": "省大数据局|大数据中心"}]))
    assert load_agencies()["aliases"].iloc[-1] == "省大数据局|大数据中心"
    (user_dir / "agencies.csv").unlink()
    pd.testing.assert_frame_equal(load_agencies(), load_agencies(user_path=""))
    assert len(load_agencies()) == len(again)


def test_review_accept_and_reject(user_dir):
    review_candidate("海南省热带作物研究所", "accepted", aliases="热作所")
    review_candidate("某某中心", "rejected")
    assert load_review().values.tolist() == [["海南省热带作物研究所", "accepted", "海南省热带作物研究所", "热作所"],
                                             ["某某中心", "rejected", "", ""]]
    assert load_user_agencies()[["canonical", "aliases", "level", "region", "region_code"]].values.tolist() == [
        ["海南省热带作物研究所", "热作所", "provincial", "海南省", "460000"]]
    with pytest.raises(InvalidOption, match="invalid status 'maybe'"):
        review_candidate("x中心", "maybe")
    with pytest.raises(InvalidOption, match="empty candidate"):
        review_candidate("  ", "rejected")


def test_regions_csv_is_what_the_build_script_generates():
    pytest.importorskip("jionlp", reason="jionlp (a dev tool) regenerates data/regions.csv")
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    sys.path.insert(0, str(root / "scripts"))
    from build_regions import build_rows

    rows = build_rows()
    shipped = load_regions()
    assert len(rows) == len(shipped) == 3425  # 3414 + 10 former districts (宣武区, 崇文区 …) + 雄安新区 (tester A7)
    assert [r["code"] + r["name"] + r["short"] for r in rows] == (shipped["code"] + shipped["name"]
                                                                   + shipped["short"]).tolist()


def test_user_rows_from_an_edited_table():
    from analysis.agency_table import user_rows_from_edit

    base = load_agencies(user_path="")
    edited = base.copy()
    i = edited.index[edited["canonical"] == "国家数据局"][0]
    edited.loc[i, "aliases"] = "数据局总部"
    edited = pd.concat([edited, pd.DataFrame([{"canonical": "海南省大数据管理局", "aliases": "", "level": "provincial"}])],
                       ignore_index=True)
    rows = user_rows_from_edit(edited, base)
    assert rows[["canonical", "aliases", "level"]].values.tolist() == [["国家数据局", "数据局总部", "national"],
                                                                       ["海南省大数据管理局", "", "provincial"]]
    assert user_rows_from_edit(base, base).empty
