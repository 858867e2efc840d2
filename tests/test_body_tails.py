"""analysis.body_tails: a portal's 相关解读 link line closing a body (tester s14 P-bj: bjtcm ids 41, 43, 45; Hebei
id 52) is site navigation, removed at load time and said in the parse report; a sentence mentioning 解读 stays."""
from __future__ import annotations

import json

import pandas as pd
import pytest

from analysis.body_tails import strip_related_tail
from analysis.loaders import LoadOptions, load_files

LAST = "第二十九条 本办法自2017年12月1日起施行。"
RELATED_CASES = [
    # (body, body after, had the tail)
    (f"{LAST}\n相关解读：《中医诊所备案管理暂行办法》解读", LAST, True),                        # bjtcm 43
    ("北京市人民政府\n2017年2月7日\n相关解读：《北京市人民政府关于支持中医药振兴发展的意见》解读",
     "北京市人民政府\n2017年2月7日", True),                                                  # bjtcm 41
    (f"{LAST}\n相关解读《河北省人民政府办公厅关于印发河北省政务服务“好差评”评价办法的通知》解读", LAST, True),  # Hebei 52
    (f"{LAST}\n相关解读：《X办法》解读 《X办法》图解\n", LAST, True),                        # two links
    (f"{LAST}\n【相关解读】《关于〈X条例〉的说明》", LAST, True),                            # inner 〈〉, no 解读
    ("相关解读：《河北省省属民办学校办学行为记录管理办法（试行）》解读", "", True),            # Hebei 2634: nothing else
    # prose that mentions 解读, a link line not at the end, a line with more after the link: kept
    ("相关解读材料应与文件同步在政府网站和相关媒体发布。", "相关解读材料应与文件同步在政府网站和相关媒体发布。", False),
    (f"{LAST}\n请认真学习《X办法》解读。", f"{LAST}\n请认真学习《X办法》解读。", False),
    (f"相关解读：《X办法》解读\n{LAST}", f"相关解读：《X办法》解读\n{LAST}", False),
    (f"{LAST}\n相关解读：《X办法》解读。另见附件。", f"{LAST}\n相关解读：《X办法》解读。另见附件。", False),
    (f"{LAST}相关解读：《X办法》解读", f"{LAST}相关解读：《X办法》解读", False),              # glued: not a line of its own
    ("", "", False),
]   # run by tests/test_boilerplate.py::test_strip_tail_cases with the other tails' cases


def test_strip_related_tail_skips_missing_values_and_unchanged_series():
    bodies = pd.Series([None, float("nan"), "正文。\n相关解读：《X办法》解读"], index=[3, 4, 5], dtype=object)
    out, changed = strip_related_tail(bodies)
    assert out.iloc[0] is None and out.tolist()[2] == "正文。" and changed.tolist() == [False, False, True]
    plain = pd.Series(["正文。", "相关工作"], dtype=object)
    same, none = strip_related_tail(plain)
    assert same is plain and not none.any()


def test_related_tail_removed_on_load_and_said_in_the_parse_report():
    records = [{"title": "中医诊所备案管理暂行办法", "date": "2017-09-22",
                "article": f"{LAST}\n相关解读：《中医诊所备案管理暂行办法》解读"},
               {"title": "仅有链接", "date": "2017-09-23", "article": "相关解读：《中医诊所备案管理暂行办法》解读"},
               {"title": "关于政务公开的通知", "date": "2017-09-24", "article": "相关解读材料应与文件同步发布。"}]
    res = load_files([("n.json", json.dumps(records, ensure_ascii=False).encode("utf-8"))], LoadOptions())
    assert res.articles["body"].tolist() == [LAST, "", "相关解读材料应与文件同步发布。"]
    assert res.report.missing["body"] == 1
    assert "2 篇正文末尾的“相关解读”链接行(如“相关解读：《……》解读”)已去掉 / a \"related reading\" link line " \
           "(\"相关解读：《…》解读\") was removed from the end of 2 bodies" in res.report.files[0].notes


@pytest.mark.parametrize("aid, last", [(41, "2017年2月7日"), (43, "第二十九条 本办法自2017年12月1日起施行。"),
                                       (45, "第五十五条 本细则由北京市中医管理局负责解释。")])
def test_bjtcm_bodies_end_with_their_text(shared, aid, last):
    from analysis.loaders import load_paths

    arts = load_paths([shared / "corpora" / "bjtcm" / "notices.json"]).articles
    body = arts.loc[arts["id"] == aid, "body"].iloc[0]
    assert body.endswith(last) and "相关解读" not in body
