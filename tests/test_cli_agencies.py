"""``python -m analysis agencies`` end to end: exact CSV/JSONL output, --by-document, --unresolved and
duplicates counted once unless --keep-duplicates."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from analysis.cli import main

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def no_user_table(tmp_path, monkeypatch):
    monkeypatch.setenv("WENJIAN_USER_DIR", str(tmp_path / "user"))


@pytest.fixture()
def folder(tmp_path) -> Path:
    d = tmp_path / "in"
    d.mkdir()
    (d / "a.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in [
        {"title": "海南省市场监管局召开会议", "date": "2024-05-02", "source": "甲",
         "body": "海南省市场监督管理局、省知识产权局召开会议。国家市场监督管理总局派员参加。"},
        {"title": "计量院签约", "date": "2024-05-03", "source": "乙",
         "body": "中国计量科学研究院与海南省市场监管局签约。省政府发文。"},
        {"title": "通知", "date": "2024-05-04", "source": "丙", "body": "省市场监管局发布通知。"},
    ]) + "\n", encoding="utf-8")
    return d


def test_summary_csv(folder, capsys):
    assert main(["agencies", str(folder / "a.jsonl")]) == 0
    out, err = capsys.readouterr()
    assert out.splitlines() == [
        "agency,mentions,documents,aliases",
        "海南省市场监督管理局,3,2,海南省市场监管局|海南省市场监督管理局",
        "中国计量科学研究院,1,1,中国计量科学研究院",
        "国家市场监督管理总局,1,1,国家市场监督管理总局",
        "海南省人民政府,1,1,省政府",
        "海南省知识产权局,1,1,省知识产权局",
    ]
    assert "1 bare mention without a resolvable region" in err   # was "1 bare mentions" (the plural bug)


def test_by_document_jsonl(folder, capsys):
    assert main(["agencies", str(folder), "--by-document", "--format", "jsonl"]) == 0
    rows = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert rows[:3] == [
        {"id": 1, "file": "a.jsonl", "agency": "国家市场监督管理总局", "surface": "国家市场监督管理总局", "mentions": 1},
        {"id": 1, "file": "a.jsonl", "agency": "海南省市场监督管理局", "surface": "海南省市场监督管理局", "mentions": 1},
        {"id": 1, "file": "a.jsonl", "agency": "海南省市场监督管理局", "surface": "海南省市场监管局", "mentions": 1},
    ]
    assert len(rows) == 7


def test_unresolved(folder, capsys):
    assert main(["agencies", str(folder), "--unresolved"]) == 0
    assert capsys.readouterr().out.splitlines() == ["surface,level,mentions,documents", "省市场监管局,provincial,1,1"]


def test_duplicates_counted_once(tmp_path, capsys):
    body = "中国标准化研究院发布了一项新的国家标准，涉及计量、检验检测和认证认可等多个领域的技术要求。" * 3
    p = tmp_path / "d.jsonl"
    p.write_text("\n".join(json.dumps({"title": "同一篇", "date": "2024-01-01", "body": body}, ensure_ascii=False)
                           for _ in range(2)) + "\n", encoding="utf-8")
    main(["agencies", str(p)])
    once = capsys.readouterr().out.splitlines()[1]
    main(["agencies", str(p), "--keep-duplicates"])
    twice = capsys.readouterr().out.splitlines()[1]
    assert (once, twice) == ("中国标准化研究院,3,1,中国标准化研究院", "中国标准化研究院,6,2,中国标准化研究院")


def test_usage_error_exits_2():
    r = subprocess.run([sys.executable, "-m", "analysis", "agencies", "x", "--by-document", "--unresolved"],
                       cwd=ROOT, capture_output=True, text=True)
    assert r.returncode == 2 and "not allowed with argument" in r.stderr


def test_foreign_and_media_left_out_by_default(tmp_path, capsys):
    # The default changed with issue 11: the command leaves out foreign bodies and news organisations, like the
    # 机构 page (this test asserted 美国国务院 in the default output before).
    f = tmp_path / "f.csv"
    f.write_text("标题,正文\n测试,美国国务院发言人表示。国家市场监督管理总局召开会议，市场监管总局部署工作。"
                 "人民日报社与中央广播电视总台签署合作协议。\n", encoding="utf-8")
    ours = ["agency,mentions,documents,aliases", "国家市场监督管理总局,2,1,国家市场监督管理总局|市场监管总局"]
    assert main(["agencies", str(f)]) == 0
    assert capsys.readouterr().out.splitlines() == ours
    assert main(["agencies", str(f), "--no-foreign"]) == 0  # kept for compatibility: the default
    assert capsys.readouterr().out.splitlines() == ours
    assert main(["agencies", str(f), "--include-foreign"]) == 0
    assert capsys.readouterr().out.splitlines() == ours + ["美国国务院,1,1,美国国务院"]
    assert main(["agencies", str(f), "--include-foreign", "--no-foreign"]) == 0  # the explicit opt-out wins
    assert capsys.readouterr().out.splitlines() == ours
    assert main(["agencies", str(f), "--include-media"]) == 0
    assert capsys.readouterr().out.splitlines() == ours[:2] + ["中央广播电视总台,1,1,中央广播电视总台",
                                                              "人民日报社,1,1,人民日报社"]
    assert main(["agencies", str(f), "--include-media", "--include-foreign", "--by-document"]) == 0
    assert [r.split(",")[2] for r in capsys.readouterr().out.splitlines()[1:]] == [
        "中央广播电视总台", "人民日报社", "国家市场监督管理总局", "国家市场监督管理总局", "美国国务院"]


def test_successors_count_old_names_under_the_body_they_became(tmp_path, capsys, monkeypatch):
    # a local body no longer in use, added to the user's table (its level and region as the 机构 page saves them)
    user = tmp_path / "user"
    user.mkdir()
    (user / "agencies.csv").write_text("canonical,aliases,level,region,region_code,parent,type,note\n"
                                       "河北省质量技术监督局,河北省质监局,provincial,河北省,130000,,历史机构,\n",
                                       encoding="utf-8")
    monkeypatch.setenv("WENJIAN_USER_DIR", str(user))
    f = tmp_path / "h.jsonl"
    f.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in [
        {"title": "安全生产检查", "date": "2015-06-01",
         "body": "国家安全监管总局部署检查，河北省质监局和河北省市场监督管理局参加。应急管理部通报。"},
        {"title": "住房", "date": "2007-01-01", "body": "建设部发布通知。住房和城乡建设部解读。"},
    ]) + "\n", encoding="utf-8")
    assert main(["agencies", str(f)]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "agency,mentions,documents,aliases",
        "住房和城乡建设部,1,1,住房和城乡建设部",
        "国家安全生产监督管理总局,1,1,国家安全监管总局",
        "应急管理部,1,1,应急管理部",
        "建设部,1,1,建设部",
        "河北省市场监督管理局,1,1,河北省市场监督管理局",
        "河北省质量技术监督局,1,1,河北省质监局",
    ]
    assert main(["agencies", str(f), "--successors"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "agency,mentions,documents,aliases",
        "住房和城乡建设部,2,1,住房和城乡建设部|建设部",
        "应急管理部,2,1,国家安全监管总局|应急管理部",
        "河北省市场监督管理局,2,1,河北省市场监督管理局|河北省质监局",
    ]
