"""Every loader fills ``date_source`` (which rule gave ``date``) and ``written_date`` (成文日期)."""
from __future__ import annotations

import json

import pytest

from analysis.loaders import load_files
from analysis.schema import dates_as_text

BODY = "某局召开会议，部署全年重点工作，要求各单位抓好落实，确保各项任务按期完成。"

CASES = [
    # (name, bytes, date, date_source, written_date)
    ("a.csv", f"标题,发布日期,正文\n会议召开,2024-05-02,{BODY}\n".encode(), "2024-05-02", "column", ""),
    ("b.csv", f"标题,正文\n会议召开,{BODY}\n".encode(), "", "", ""),
    ("c.csv", f"标题,成文日期,发布日期,正文\n通知,2024-04-28,2024-05-02,{BODY}\n".encode(),
     "2024-05-02", "column", "2024-04-28"),
    ("d.json", json.dumps([{"title": "会议召开", "pubDate": "2024-05-02", "content": BODY}]).encode(),
     "2024-05-02", "column", ""),
    ("e.txt", f"会议召开\n发布时间：2024-05-02 来源：某局\n{BODY}\n".encode(), "2024-05-02", "label", ""),
    ("f.txt", f"会议召开\n2024-05-02 10:30\n{BODY}\n".encode(), "2024-05-02", "text", ""),
    ("g.txt", f"会议召开\n{BODY}\n原文链接：http://www.x.gov.cn/a/t20240502_1.html\n".encode(),
     "2024-05-02", "url", ""),
    ("h.html", (f'<html><head><title>会议召开</title><meta name="PubDate" content="2024-05-02 09:00">'
                f'</head><body><h1>会议召开</h1><p>{BODY}</p></body></html>').encode(), "2024-05-02", "meta", ""),
    ("i.txt", f"关于某事的通知\n成文日期：2024年04月28日\n发布日期：2024年05月02日\n{BODY}\n".encode(),
     "2024-05-02", "label", "2024-04-28"),
    ("j.txt", f"关于某事的通知\n发布日期：2024年05月02日 成文日期：2024年04月28日\n{BODY}\n".encode(),
     "2024-05-02", "label", "2024-04-28"),
    ("k.txt", f"关于某事的通知\n成文日期：2024年04月28日\n{BODY}\n".encode(), "2024-04-28", "label", "2024-04-28"),
]


@pytest.mark.parametrize("name,data,date,source,written", CASES, ids=[c[0] for c in CASES])
def test_date_source_and_written_date(name, data, date, source, written):
    arts = load_files([(name, data)]).articles
    assert dates_as_text(arts["date"]).tolist() == [date]
    assert arts["date_source"].tolist() == [source]
    assert dates_as_text(arts["written_date"]).tolist() == [written]
