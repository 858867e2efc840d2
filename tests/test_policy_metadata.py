"""analysis.policy.metadata: 文号, headnotes, types, status, disclosure blocks and the added columns.
Headnotes and sentences are short real ones from the Hebei corpus (../shared/corpora/hebei_gov)."""
import json

import pandas as pd
import pytest

from analysis.policy.headnotes import find_headnote, parse_headnote, signature_date
from analysis.policy.metadata import add_policy_columns, disclosure_block, document_metadata, split_list
from analysis.policy.numbers import doc_number_key, doc_type_of, find_doc_numbers, normalize_doc_number, normalize_status


@pytest.mark.parametrize("raw, expected", [
    ("冀政办字[2019]５号", "冀政办字〔2019〕5号"),
    ("河北省人民政府令（2023）第10号", "河北省人民政府令〔2023〕第10号"),
    ("国发 〔2004〕 16号", "国发〔2004〕16号"),
    ("人社部发［2018］１１号", "人社部发〔2018〕11号"),
    ("", ""),
])
def test_normalize_doc_number(raw, expected):
    assert normalize_doc_number(raw) == expected


def test_doc_number_key_merges_spellings():
    assert doc_number_key("国发〔2004〕第016号") == doc_number_key("国发[2004]16号") == "国发〔2004〕16号"
    assert doc_number_key("河北省人民政府令第103号") == "河北省人民政府令103号"


def test_find_doc_numbers_cuts_verbs_and_organs():
    text = "根据国发〔2004〕16号和冀政办字[2019]５号文件，财政部国科发财字〔2001〕3号；中华人民共和国科学技术部令第10号"
    assert [n for _, _, n in find_doc_numbers(text)] == [
        "国发〔2004〕16号", "冀政办字〔2019〕5号", "国科发财字〔2001〕3号", "中华人民共和国科学技术部令第10号"]
    assert find_doc_numbers("") == []
    assert find_doc_numbers("2019年第3季度") == []


def test_headnote_published_effective_and_number():
    note = find_headnote("（2023年11月17日河北省人民政府令〔2023〕第10号公布，自2024年1月1日起施行）为了加强…")
    h = parse_headnote(note)
    assert h["published"] == pd.Timestamp("2023-11-17")
    assert h["effective"] == pd.Timestamp("2024-01-01")
    assert h["doc_number"] == "河北省人民政府令〔2023〕第10号"
    assert h["organ"] == "河北省人民政府"
    assert h["amendments"] == []


def test_headnote_amendments_are_a_list():
    h = parse_headnote("2004年9月27日河北省人民政府令〔2004〕第5号公布　根据2011年10月20日河北省人民政府令〔2011〕第10号"
                       "第一次修正　根据2018年10月6日河北省人民政府令[2018]第4号第二次修正")
    assert h["published"] == pd.Timestamp("2004-09-27")
    assert h["amendments"] == ["2011-10-20 河北省人民政府令〔2011〕第10号第一次修正",
                               "2018-10-06 河北省人民政府令〔2018〕第4号第二次修正"]


def test_headnote_adopted_law_and_undated_order():
    law = parse_headnote("1993年7月2日第八届全国人民代表大会常务委员会第二次会议通过 2007年12月29日第十届全国人民代表大会"
                         "常务委员会第三十一次会议第一次修订")
    assert (law["published"], law["adopted"]) == (None, pd.Timestamp("1993-07-02"))
    assert law["organ"] == "全国人民代表大会常务委员会"
    assert law["amendments"] == ["2007-12-29 第十届全国人民代表大会常务委员会第三十一次会议第一次修订"]  # as written
    # only a 令 number and the 施行 date: no 公布 date is invented from the 令 year
    undated = parse_headnote("河北省人民政府令[2019]第10号公布，自2020年2月1日起施行。")
    assert undated["published"] is None and undated["effective"] == pd.Timestamp("2020-02-01")
    assert undated["doc_number"] == "河北省人民政府令〔2019〕第10号"
    both = parse_headnote("河北省人民政府令[2003]第2号公布，自2003年5月27日公布之日起施行")
    assert both["published"] == both["effective"] == pd.Timestamp("2003-05-27")


@pytest.mark.parametrize("title, kind", [
    ("关于印发《河北省农业科技园区管理办法》的通知", "通知"),
    ("河北省科学技术奖励办法", "办法"),
    ("河北省人民政府关于推行终身职业技能培训制度加快技能强省建设的实施意见", "意见"),
    ("河北省城市控制性详细规划管理办法（试行）", "办法"),
    ("中华人民共和国科学技术进步法", "法"),
    ("河北省人民政府办公厅关于同意秦皇岛至唐山高速公路唐山段设置收费站的复函", "函"),
    ("科技伦理治理亮出硬招实招——科技部解读《关于加强科技伦理治理的意见》", "解读"),
    ("全省农村小学生营养改善计划实施情况", ""),
    ("", ""),
])
def test_doc_type_of(title, kind):
    assert doc_type_of(title) == kind


@pytest.mark.parametrize("value, status", [("有效", "有效"), ("现行有效", "有效"), ("已废止", "废止"), ("部分失效", "失效"),
                                           ("已修改", "修订"), ("", ""), ("其他", "")])
def test_normalize_status(value, status):
    assert normalize_status(value) == status


def test_disclosure_block_needs_two_labels():
    body = ("索引号：000014349/2024-00012\n分类：科技\n发文机关：河北省科学技术厅\n成文日期：2024年03月05日\n"
            "发文字号：冀科政规〔2024〕1号\n发布日期：2024年03月08日\n有效性：有效\n正文……")
    b = disclosure_block(body)
    assert b["issuer"] == "河北省科学技术厅" and b["doc_number"] == "冀科政规〔2024〕1号"
    assert b["written_date"] == "2024年03月05日" and b["published"] == "2024年03月08日" and b["status"] == "有效"
    assert disclosure_block("培训的针对性和有效性：提高") == {}


def test_signature_date():
    assert signature_date("…请认真贯彻执行。\n河北省科学技术厅\n2020年1月3日附件：实施方案.doc") == pd.Timestamp("2020-01-03")
    assert signature_date("…本办法自2020年2月1日起施行。") is None
    assert signature_date("") is None


def test_document_metadata_from_disclosure_block():
    body = ("发文机关：河北省科学技术厅\n成文日期：2024年03月05日\n发文字号：冀科政规〔2024〕1号\n发布日期：2024年03月08日\n"
            "有效性：有效\n各市科技局：现印发给你们。")
    m = document_metadata("关于印发《河北省科技计划项目管理办法》的通知", body)
    assert (m["doc_number"], m["issuer"], m["status"], m["doc_type"]) == (
        "冀科政规〔2024〕1号", "河北省科学技术厅", "有效", "通知")
    assert (m["written_date"], m["date"], m["date_source"]) == (
        pd.Timestamp("2024-03-05"), pd.Timestamp("2024-03-08"), "label")


def test_add_policy_columns_is_pure_and_fills_only_missing_dates():
    arts = pd.DataFrame({
        "id": [1, 2], "title": ["河北省引黄工程运行管理规定", "河北省人民政府 河北省财政厅关于做好工作的通知"],
        "body": ["为了加强引黄工程运行管理……", "各市：现通知如下。"],
        "date": pd.to_datetime([None, "2024-05-02"]),
        "meta": [json.dumps({"摘要": "(2023年11月17日河北省人民政府令〔2023〕第10号公布，自2024年1月1日起施行)",
                             "效力状态": "有效"}, ensure_ascii=False), ""],
    })
    before = arts.copy()
    out = add_policy_columns(arts)
    pd.testing.assert_frame_equal(arts, before)  # the input is not touched
    assert out["date"].tolist() == [pd.Timestamp("2023-11-17"), pd.Timestamp("2024-05-02")]
    assert out["date_source"].tolist() == ["headnote", ""]
    assert out["doc_number"].tolist() == ["河北省人民政府令〔2023〕第10号", ""]
    assert out["status"].tolist() == ["有效", ""]
    assert out["effective_date"].iloc[0] == pd.Timestamp("2024-01-01")
    assert split_list(out["issuer"].iloc[1]) == ["河北省人民政府", "河北省财政厅"]
    assert out["written_date"].isna().all()
    empty = add_policy_columns(arts.iloc[:0])
    assert len(empty) == 0 and {"doc_number", "issuer", "date_source", "amendments"} <= set(empty.columns)


def test_split_list():
    assert split_list("a|b") == ["a", "b"] and split_list("") == [] and split_list(float("nan")) == []


def test_date_from_signature_is_text_and_from_columns_is_column():
    m = document_metadata("河北省科学技术厅关于做好工作的通知", "各市科技局：现通知如下。请遵照执行。\n河北省科学技术厅\n2021年2月2日")
    assert (m["date"], m["date_source"], m["issuer"]) == (pd.Timestamp("2021-02-02"), "text", "河北省科学技术厅")
    meta = json.dumps({"发布日期": "2024-03-08", "成文日期": "2024-03-01"}, ensure_ascii=False)
    m = document_metadata("关于做好工作的通知", "各市：现通知如下。", meta)
    assert (m["date"], m["date_source"], m["written_date"]) == (
        pd.Timestamp("2024-03-08"), "column", pd.Timestamp("2024-03-01"))


def test_a_summary_column_alone_does_not_make_news_a_document():
    meta = json.dumps({"摘要": "记者从省市场监管局获悉，全省开展专项检查。"}, ensure_ascii=False)
    m = document_metadata("全省开展电动自行车专项检查", "记者从省市场监管局获悉……\n河北省市场监督管理局\n2024年3月1日", meta)
    assert (m["issuer"], m["written_date"], m["date"]) == ("", None, None)


def test_candidate_rows_need_a_label_with_its_colon_a_title_hint_or_a_meta_column():
    from analysis.policy.metadata import _candidates

    titles = ["新闻", "新闻", "新闻", "关于开展检查的通知", "新闻", "新闻", "新闻"]
    bodies = ["发文机关：河北省人民政府", "发文机关 河北省人民政府", "文号", "正文", "正文", "x" * 1500 + "成文日期：2020年1月1日",
              "会议（2021年3月）召开"]
    metas = ["", "", "", "", "索引号=1", "", ""]
    # a label + colon; no colon; a bare label; a title hint; a metadata column; label past the first 1,500
    # characters; a dated parenthesis
    assert _candidates(titles, bodies, metas) == [True, False, False, True, True, False, True]


def test_opens_paren_hint_equals_the_regex_search():
    from analysis.policy.metadata import _PAREN_HINT, _opens_paren_hint

    assert _PAREN_HINT.pattern.startswith("[（(]")   # every match starts at an opening parenthesis
    heads = ["（2023年11月17日河北省人民政府令〔2023〕第10号公布）", "会议（记者 张三）指出", "(二〇二三年修订)", "（注）（省政府令",
             "（" + "甲" * 80 + "令）", "（" + "甲" * 81 + "令）", "(a) (b) (2019 年)", "（（令", "", "无括号 2023年"]
    got = [_opens_paren_hint(h) for h in heads]
    assert got == [bool(_PAREN_HINT.search(h)) for h in heads]
    assert got == [True, False, True, True, True, False, True, True, False, False]


def test_text_values_reads_columns_as_strings():
    from analysis.policy.metadata import _text_values

    frame = pd.DataFrame({"a": pd.Series(["x", "y"], dtype=object), "b": [None, 3], "c": pd.Series(["z", None])})
    assert _text_values(frame, "a") == ["x", "y"]
    assert _text_values(frame, "b") == ["", "3.0"] and _text_values(frame, "c") == ["z", ""]
    assert _text_values(frame, "missing") == ["", ""] and _text_values(frame.iloc[:0], "a") == []
