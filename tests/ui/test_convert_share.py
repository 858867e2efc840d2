"""ui/convert.py: the traditional-Chinese share of a dataset reads its texts block by block, only as far as
``traditional_share`` needs (the first 500 texts with Chinese characters), and gives the whole table's answer."""
from __future__ import annotations

import pandas as pd

from analysis.normalize import traditional_share
from ui.convert import _texts


def test_texts_are_title_space_body_in_row_order_block_by_block():
    arts = pd.DataFrame({"title": ["甲", None, "丙"], "body": ["一", "二", None]})
    assert list(_texts(arts, block=2)) == ["甲 一", " 二", "丙 "]
    assert list(_texts(arts.iloc[:0])) == []


def test_share_from_the_blocks_equals_the_share_of_the_whole_table():
    titles = ["國務院通知" if i % 3 == 0 else "国务院通知" for i in range(2500)]
    arts = pd.DataFrame({"title": titles, "body": ["正文"] * 2500})
    whole = (arts["title"] + " " + arts["body"]).tolist()
    assert traditional_share(_texts(arts, block=300)) == traditional_share(whole) == 167 / 500
