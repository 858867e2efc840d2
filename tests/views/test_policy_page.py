"""The 政策 page (views/policy.py) under Streamlit's AppTest: every view renders with a small dataset."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from analysis.policy.metadata import add_policy_columns
from analysis.schema import coerce_articles
from ui.state import DATASET_KEY, Dataset

PAGE = str(Path(__file__).resolve().parents[2] / "views" / "policy.py")


def dataset() -> Dataset:
    arts = coerce_articles(pd.DataFrame({
        "title": ["河北省引黄工程运行管理规定", "河北省用水管理办法", "河北省科学技术厅关于做好工作的通知"],
        "body": ["（2023年11月17日河北省人民政府令〔2023〕第10号公布，自2024年1月1日起施行）根据《中华人民共和国水法》，制定本规定。",
                 "根据《河北省引黄工程运行管理规定》，制定本办法。",
                 "按照《河北省引黄工程运行管理规定》和《河北省用水管理办法》执行。\n河北省科学技术厅\n2024年3月1日"],
        "source": ["甲", "乙", "甲"], "date": [None, "2024-02-10", "2024-03-05"]}))
    return Dataset(name="t", articles=add_policy_columns(arts))


@pytest.mark.parametrize("view", ["po.view_docs", "po.view_cited", "po.view_network", "po.view_matrix",
                                  "po.view_citations"])
def test_every_view_renders(view):
    at = AppTest.from_file(PAGE, default_timeout=90)
    at.session_state[DATASET_KEY] = dataset()
    at.session_state["po_view"] = view
    at.run()
    assert not at.exception
    assert "3 篇" in at.caption[0].value and "引用 4 处" in at.caption[0].value


def test_keys_built_at_run_time_exist_in_both_languages():
    from analysis.policy.citations import ROLES
    from ui.i18n import TEXTS

    keys = [f"po.col.{c}" for c in ("date", "written_date", "effective_date")] + [f"po.role.{r}" for r in ROLES] + [f"po.scope_{s}" for s in ("all", "inside", "outside")] + [
        "po.view_docs", "po.view_cited", "po.view_network", "po.view_matrix", "po.view_citations"]
    assert [k for k in keys if k not in TEXTS or not all(TEXTS[k])] == []
