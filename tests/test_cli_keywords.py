"""``python -m analysis keywords`` and ``kwic``: exact output on a small fixture file; the seed acceptance."""
from __future__ import annotations

import contextlib
import io
import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from analysis import cli

ROOT = Path(__file__).resolve().parents[1]
ROWS = [
    {"title": "计量工作", "body": "海南自贸港推进计量工作。计量检定是计量的基础。", "source": "甲", "date": "2024-01-05"},
    {"title": "标准化简报", "body": "标准化工作与计量合作。", "source": "乙", "date": "2024-02-10"},
    {"title": "标准化简报", "body": "标准化工作与计量合作。", "source": "丙", "date": "2024-02-11"},  # a repost
]


def run(*args: str) -> subprocess.CompletedProcess:
    """``python -m analysis ARGS`` in this process (a subprocess would rebuild the tokenizer every time)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = cli.main(list(args))
        except SystemExit as exc:  # argparse usage errors
            code = exc.code
    return subprocess.CompletedProcess(args, code, out.getvalue(), err.getvalue())


def test_python_m_analysis_keywords_runs(jsonl):
    res = subprocess.run([sys.executable, "-m", "analysis", "keywords", str(jsonl), "--top", "1"], cwd=ROOT,
                         capture_output=True, text=True, timeout=300)
    assert (res.returncode, res.stdout) == (0, "term,count,documents,tfidf\n计量,4,2,4.0\n")


@pytest.fixture(scope="module")
def jsonl(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("kw") / "news.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in ROWS), encoding="utf-8")
    return path


def test_keywords_csv_exact(jsonl):
    res = run("keywords", str(jsonl), "--top", "4")
    assert res.returncode == 0, res.stderr
    # the repost (same title and body) counts once by default; N = 2 articles
    assert res.stdout == ("term,count,documents,tfidf\n计量,4,2,4.0\n工作,3,2,3.0\n标准化,2,1,2.8109\n"
                          "合作,1,1,1.4055\n")


def test_keywords_keep_duplicates_jsonl(jsonl):
    res = run("keywords", str(jsonl), "--top", "2", "--format", "jsonl", "--keep-duplicates")
    assert res.returncode == 0, res.stderr
    rows = [json.loads(line) for line in res.stdout.splitlines()]
    # 工作 and 标准化 both 4 times: 工作 in more articles comes first
    assert rows == [{"term": "计量", "count": 5, "documents": 3, "tfidf": 5.0},
                    {"term": "工作", "count": 4, "documents": 3, "tfidf": 4.0}]


def test_kwic_exact(jsonl):
    res = run("kwic", str(jsonl), "--term", "计量", "--width", "3")
    assert res.returncode == 0, res.stderr
    out = pd.read_csv(io.StringIO(res.stdout), keep_default_na=False)
    assert list(out.columns) == ["id", "file", "left", "term", "right"]
    # whole tokens only: 计量检定 (a domain term) is not an occurrence of 计量; the repost is left out
    assert out.values.tolist() == [[1, "news.jsonl", "", "计量", "工作 "], [1, "news.jsonl", "港推进", "计量", "工作。"],
                                   [1, "news.jsonl", "检定是", "计量", "的基础"],
                                   [2, "news.jsonl", "工作与", "计量", "合作。"]]
    sub = run("kwic", str(jsonl), "--term", "计量", "--width", "1", "--substring", "--sort", "right")
    assert pd.read_csv(io.StringIO(sub.stdout))["right"].tolist() == ["合", "工", "工", "检", "的"]


@pytest.mark.parametrize("args, message", [
    (("kwic", "--width", "3"), "--term"),
    (("kwic", "--term", "计量", "--width", "-1"), "--width: 需要不小于 0 的整数 / must be an integer ≥ 0: '-1'"),
    (("keywords", "--top", "x"), "--top: 需要不小于 0 的整数 / must be an integer ≥ 0: 'x'"),
    (("keywords", "--min-length", "0"), "--min-length: 需要不小于 1 的整数"),
])
def test_usage_errors_exit_2(jsonl, args, message):
    res = run(args[0], str(jsonl), *args[1:])
    assert res.returncode == 2 and message in res.stderr and res.stdout == ""


def test_seed_top_30_from_the_cli(shared):
    """Acceptance on the seed through the loader (header/footer stripped by the text-page parser)."""
    res = run("keywords", str(shared / "seeds"), "--top", "30")
    assert res.returncode == 0, res.stderr
    top = pd.read_csv(io.StringIO(res.stdout))["term"].tolist()
    assert {"合作", "发展", "战略", "海南自贸港", "高质量", "质量基础设施", "标准化"} <= set(top)
    assert not {"安全生产资讯网", "版权所有", "联系电话", "免责声明", "的", "和", "在", "以及", "与", "研究院",
                "科学", "监管局"} & set(top)
