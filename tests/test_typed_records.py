"""Typed records instead of dicts with private keys (issue 14 item 5): citations, KWIC hits, document metadata,
agency mentions."""
from __future__ import annotations

import dataclasses

import pandas as pd
import pytest

from analysis.agencies import MENTION_COLUMNS, AgencyMatcher, Mention, find_mentions
from analysis.kwic import KWIC_COLUMNS, Hit
from analysis.policy.citations import CITATION_COLUMNS, Citation, find_citations
from analysis.policy.metadata import DocumentMetadata, document_metadata


def test_citation_rows_are_citations_in_column_order():
    assert Citation._fields == CITATION_COLUMNS
    arts = pd.DataFrame({"id": [1, 2], "title": ["河北省用水管理办法", "关于做好用水工作的通知"],
                         "body": ["为了加强用水管理，制定本办法。", "根据《河北省用水管理办法》执行。"]})
    out = find_citations(arts)
    assert out.columns.tolist() == list(CITATION_COLUMNS)
    row = Citation(*out.iloc[-1].tolist())
    assert (row.id, row.cited_title, row.role, row.resolved_id, row.self, row.written, row.start) == \
        (2, "河北省用水管理办法", "basis", 1, False, "《河北省用水管理办法》", 2)


def test_kwic_hit_fields_and_document_metadata_keys():
    assert Hit._fields[:5] == KWIC_COLUMNS and Hit._fields[5:] == ("row", "position")
    meta = document_metadata("河北省人民政府关于印发河北省用水管理办法的通知", "各市人民政府：现印发。\n河北省人民政府\n2024年3月1日")
    assert list(meta) == list(DocumentMetadata.__annotations__)
    assert meta["doc_type"] == "通知" and meta["written_date"] == pd.Timestamp("2024-03-01")
    news = document_metadata("今天天气很好", "记者报道。")
    assert news == DocumentMetadata(doc_number="", issuer="", written_date=None, effective_date=None, status="",
                                    doc_type="", amendments="", date=None, date_source="")


def test_agency_mentions_are_typed_and_keep_the_frame_columns():
    fields = tuple(f.name for f in dataclasses.fields(Mention))
    assert fields == tuple(c for c in MENTION_COLUMNS if c not in ("row", "id", "sentence")) + ("parent",)
    matcher = AgencyMatcher.default()
    found = matcher.match_article("大良街道召开会议", "大良街道党工委书记说，街道办事处将跟进。省公安厅经侦总队发布。",
                                  source="广东省人民政府")
    assert all(type(m) is Mention for m in found)
    assert [(m.surface, m.agency, m.field, m.start, m.end, m.resolved, m.kind, m.parent) for m in found] == [
        ("大良街道党工委", "大良街道党工委", "body", 0, 7, True, "township", ""),
        ("街道办事处", "大良街道办事处", "body", 11, 16, True, "township", ""),
        ("省公安厅经侦总队", "广东省公安厅经侦总队", "body", 20, 28, True, "nested", "广东省公安厅"),
        ("省公安厅", "广东省公安厅", "body", 20, 24, True, "parent", "")]
    m = found[1]
    assert m["agency"] == m.agency and m["region"] == m.region
    with pytest.raises(KeyError, match="sentence"):
        m["sentence"]
    with pytest.raises(dataclasses.FrozenInstanceError):
        m.agency = "x"  # type: ignore[misc]
    frame = find_mentions(pd.DataFrame({"id": [7], "title": ["大良街道召开会议"],
                                        "body": ["大良街道党工委书记说，街道办事处将跟进。省公安厅经侦总队发布。"],
                                        "source": ["广东省人民政府"]}), matcher)
    assert frame.columns.tolist() == [*MENTION_COLUMNS, "parent"]
    assert frame.drop(columns=["row", "id", "sentence"]).to_dict("records") == [dataclasses.asdict(x) for x in found]
