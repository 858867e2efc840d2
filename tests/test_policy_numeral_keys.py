"""A 令 number written in Chinese numerals and in digits is one number (tester s13 P3, Hebei ids 89–93, 1943):
``主席令第三十五号`` = ``主席令第35号`` when matching; the 文号 shown keeps the text as written."""
from __future__ import annotations

import pandas as pd
import pytest

from analysis.policy.citation_index import number_parts, same_number
from analysis.policy.citations import find_citations
from analysis.policy.numbers import chinese_numeral, doc_number_key, find_doc_numbers


@pytest.mark.parametrize("text, value", [
    ("三十五", 35), ("七十三", 73), ("七十一", 71), ("十六", 16), ("十", 10), ("二十", 20), ("一百零五", 105),
    ("一〇五", 105), ("两百", 200), ("五十九", 59), ("零", 0),
    ("", None), ("三五十", None), ("十十", None), ("十百", None), ("三十五号", None), ("35", None),
])
def test_chinese_numeral(text, value):
    assert chinese_numeral(text) == value


def test_number_key_reads_chinese_numerals_and_display_keeps_them():
    assert doc_number_key("中华人民共和国主席令第三十五号") == "中华人民共和国主席令35号"
    assert doc_number_key("主席令第35号") == doc_number_key("主席令第三十五号") == "主席令35号"
    assert doc_number_key("国家知识产权局令第二十三号") == "国家知识产权局令23号"
    # not a serial: a code ending in a numeral word stays as written
    assert doc_number_key("主席令第三十五号文") == "主席令第三十五号文"
    assert [n for _, _, n in find_doc_numbers("中华人民共和国主席令第七十三号《中华人民共和国劳动合同法》")] == [
        "中华人民共和国主席令第七十三号"]
    assert number_parts("中华人民共和国主席令第三十五号") == ("主席令", None, 35)


@pytest.mark.parametrize("a, b, same", [
    ("中华人民共和国主席令第三十五号", "主席令第35号", True),
    ("主席令第七十三号", "中华人民共和国主席令第73号", True),
    ("中华人民共和国主席令第七十一号", "主席令第七十一号", True),
    ("主席令第七十三号", "主席令第七十号", False),
    ("主席令第三十五号", "主席令第53号", False),
    ("主席令第三十五号", "国务院令第35号", False),
])
def test_same_number_across_numeral_forms(a, b, same):
    assert same_number(a, b) is same


def test_a_citation_in_digits_resolves_to_the_law_numbered_in_chinese():
    arts = pd.DataFrame({
        "id": [89, 93, 500],
        "title": ["中华人民共和国社会保险法", "中华人民共和国劳动合同法", "关于做好社会保险工作的通知"],
        "body": ["中华人民共和国主席令第三十五号《中华人民共和国社会保险法》已由…通过，现予公布。",
                 "中华人民共和国主席令第七十三号《全国人民代表大会常务委员会关于修改〈中华人民共和国劳动合同法〉的决定》…",
                 "根据《社会保险法》（主席令第35号）和主席令第73号的规定，并参照主席令第53号，现通知如下。"],
        "doc_number": ["中华人民共和国主席令第三十五号", "中华人民共和国主席令第七十三号", ""],
    })
    c = find_citations(arts)
    mine = c[c["id"] == 500]
    assert list(zip(mine["cited_title"], mine["cited_doc_number"], mine["resolved_id"].astype(object))) == [
        ("社会保险法", "主席令第35号", 89), ("", "主席令第73号", 93), ("", "主席令第53号", pd.NA)]


def test_hebei_laws_keep_their_chinese_numbers(shared):
    from analysis.loaders import load_paths

    path = shared / "corpora" / "hebei_gov" / "2人力资源和社会保障厅-政府信息公开__人力资源和社会保障厅_政策法规+政府信息公开年报.csv"
    arts = load_paths([path]).articles
    numbers = dict(zip(arts["title"], arts["doc_number"]))
    assert numbers["中华人民共和国社会保险法"] == "中华人民共和国主席令第三十五号"
    assert numbers["中华人民共和国劳动合同法"] == "中华人民共和国主席令第七十三号"
    assert same_number(numbers["中华人民共和国社会保险法"], "主席令第35号")
    assert same_number(numbers["中华人民共和国劳动合同法"], "主席令第73号")
