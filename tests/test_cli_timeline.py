"""``python -m analysis timeline`` (analysis/commands/timeline.py): small fixtures end to end, and the
acceptance checks on the real corpora (CCTV monthly counts, Hebei date forms)."""
from __future__ import annotations

import csv
import io
import json
import re
from collections import Counter
from pathlib import Path

import pytest

from analysis.cli import build_parser, main
from analysis.commands import timeline as command
from analysis.loaders import load_paths
from analysis.timeline import volume

ROWS = [
    {"title": "计量工作会议", "date": "2024-01-02", "source": "甲", "body": "国家市场监督管理总局召开计量会议。计量，标准化。"},
    {"title": "第二篇", "date": "2024年01月20日", "source": "乙", "body": "海南省市场监管局检查质量安全。"},
    {"title": "第三篇", "date": "2024/3/5 10:00", "source": "甲", "body": "市场监管总局部署标准化工作。"},
    {"title": "无日期", "date": "", "source": "乙", "body": "计量。国家市场监督管理总局。"},
]


def write_jsonl(path: Path, rows: list[dict]) -> Path:
    """``rows`` as a JSON Lines file at ``path`` (UTF-8); returns ``path``."""
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


@pytest.fixture()
def jsonl(tmp_path: Path) -> Path:
    return write_jsonl(tmp_path / "a.jsonl", ROWS)


def cli(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(["timeline", *map(str, argv)])
    out, err = capsys.readouterr()
    return code, out, err


def test_monthly_csv_and_undated_on_stderr(capsys, jsonl):
    code, out, err = cli(capsys, jsonl, "--freq", "month")
    assert code == 0
    assert out == "period,articles\n2024-01,2\n2024-02,0\n2024-03,1\n"
    assert "1 article without a date (in no period)" in err  # was "1 articles" (tester L3)
    assert "periods: month, 3" in err


def test_auto_frequency(capsys, jsonl):
    code, out, err = cli(capsys, jsonl)  # 2 Jan .. 5 Mar: 64 days → daily periods
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and len(rows) == 64
    assert rows[0] == {"period": "2024-01-02", "articles": "1"} and rows[-1]["period"] == "2024-03-05"
    assert "periods: day, 64" in err


def test_weeks_jsonl(capsys, jsonl):
    code, out, _ = cli(capsys, jsonl, "--freq", "week", "--format", "jsonl")
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 0
    assert rows[0] == {"period": "2024-W01", "articles": 1}
    assert [r["period"] for r in rows][-2:] == ["2024-W09", "2024-W10"]
    assert sum(r["articles"] for r in rows) == 3 and len(rows) == 10


def test_by_source_long(capsys, jsonl):
    code, out, err = cli(capsys, jsonl, "--freq", "month", "--by", "source")
    assert code == 0
    # 甲 and 乙 have 2 articles each (乙's second one undated): the tie is broken by name (乙 < 甲)
    assert out == ("period,source,articles\n"
                   "2024-01,乙,1\n2024-01,甲,1\n2024-02,乙,0\n2024-02,甲,0\n2024-03,乙,0\n2024-03,甲,1\n")
    assert "1 article without a date" in err  # was "1 articles" (tester L3)


def test_terms_and_agencies(capsys, jsonl):
    code, out, err = cli(capsys, jsonl, "--freq", "month", "--term", "计量", "--term", "标准化",
                         "--agency", "国家市场监督管理总局", "--agency", "不存在的局")
    assert code == 0
    assert out.splitlines() == [
        "period,articles,term:计量,term:标准化,agency:国家市场监督管理总局,agency:不存在的局",
        "2024-01,2,3,1,1,0",  # 计量: 1 in the title, 2 in the body
        "2024-02,0,0,0,0,0",
        "2024-03,1,0,1,1,0",
    ]
    assert "agency '不存在的局' is not mentioned" in err
    assert "term:计量 1, term:标准化 0, agency:国家市场监督管理总局 1" in err  # the undated article's share


def test_term_share_by_source(capsys, jsonl):
    code, out, _ = cli(capsys, jsonl, "--freq", "year", "--by", "source", "--term", "计量",
                       "--term-measure", "share", "--agency", "海南省市场监督管理局", "--agency-measure", "articles")
    assert code == 0
    assert out.splitlines() == ["period,source,articles,term:计量,agency:海南省市场监督管理局",
                                "2024,乙,1,0.0,1", "2024,甲,2,0.5,0"]


def test_duplicates_left_out_and_kept(capsys, tmp_path):
    path = tmp_path / "d.jsonl"
    body = "省市场监管局今日召开全省计量工作会议,部署下一阶段的计量监督检查和标准化工作。" * 3
    rows = [{"title": "会议", "date": "2024-05-02", "source": "甲", "body": body},
            {"title": "会议", "date": "2024-05-03", "source": "乙", "body": body},
            {"title": "别的", "date": "2024-06-01", "source": "甲", "body": "另一篇完全不同的文章内容。"}]
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    code, out, err = cli(capsys, path, "--freq", "month")
    assert code == 0 and out == "period,articles\n2024-05,1\n2024-06,1\n"
    assert "1 duplicate left out (--keep-duplicates counts them)" in err  # was "1 duplicates"
    code, out, err = cli(capsys, path, "--freq", "month", "--keep-duplicates")
    assert out == "period,articles\n2024-05,2\n2024-06,1\n" and "left out" not in err


def test_usage_errors(capsys, jsonl):
    with pytest.raises(SystemExit) as exc:
        main(["timeline", str(jsonl), "--freq", "weekly"])
    assert exc.value.code == 2
    with pytest.raises(SystemExit) as exc:
        main(["timeline", str(jsonl), "--by", "author"])
    assert exc.value.code == 2
    assert "invalid choice: 'author'" in capsys.readouterr().err


def test_help_text():
    assert command.HELP and "timeline" in build_parser().format_help()


# --- the real corpora ---------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def cctv(shared):
    path = shared / "corpora" / "cctv_xwlb" / "articles.jsonl"
    raw = Counter()
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            raw[json.loads(line)["date"][:7]] += 1
    return path, raw, load_paths([path]).articles


def _run(articles, capsys, *argv: str) -> tuple[dict[str, int], str]:
    args = build_parser().parse_args(["timeline", "x", *argv])
    table = command.run(args, articles)
    return dict(zip(table["period"], table["articles"].astype(int))), capsys.readouterr().err


@pytest.mark.shared
def test_cctv_monthly_counts_equal_the_raw_dates(cctv, capsys):
    _, raw, articles = cctv
    kept, err = _run(articles, capsys, "--freq", "month", "--keep-duplicates")
    assert kept == dict(raw)            # exactly, month by month (no month of the range is empty)
    assert len(kept) == 48 and sum(kept.values()) == 19876
    deduped, err = _run(articles, capsys, "--freq", "month")
    dups = articles.loc[articles["duplicate_of"].notna(), "date"].dt.strftime("%Y-%m").value_counts()
    m = re.search(r"(\d+) duplicates? left out", err)  # "1 duplicate" (singular since tester L3)
    assert m and int(m.group(1)) == int(dups.sum()) > 0
    assert {p: raw[p] - n for p, n in deduped.items()} == {p: int(dups.get(p, 0)) for p in raw}


@pytest.mark.shared
def test_cctv_auto_is_monthly(cctv, capsys):
    _, _, articles = cctv
    table = command.run(build_parser().parse_args(["timeline", "x"]), articles)
    assert table["period"].iloc[0] == "2022-09" and table["period"].iloc[-1] == "2026-08"
    assert "periods: month, 48" in capsys.readouterr().err


def _raw_months(path: Path) -> Counter:
    """Months of the date column as written in the CSV (2024年08月01日, 2024-08-01 10:00:00, ' 2024-08-01')."""
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    col = next(c for c in rows[0] if c in ("日期", "时间", "发文日期"))
    months = Counter()
    for r in rows:
        m = re.search(r"(\d{4})\D(\d{1,2})\D", r[col])
        months[f"{m.group(1)}-{int(m.group(2)):02d}"] += 1
    return months


@pytest.mark.shared
@pytest.mark.parametrize("name,exact", [
    ("7教育厅-政府信息公开__政策解读.csv", {"2019-12": 10, "2023-03": 5, "2019-06": 1}),           # 2019年12月…日
    ("2人力资源和社会保障厅-政府信息公开__人力资源和社会保障厅_政策法规+政府信息公开年报.csv",
     {"2020-03": 50, "2020-08": 17, "2007-09": 1}),                                                # with a time
    ("7教育厅-政府信息公开__教育领域信息公开_民生工程.csv", {"2014-12": 5, "2018-10": 4}),
])
def test_hebei_dates_land_in_the_right_months(shared, name, exact):
    path = shared / "corpora" / "hebei_gov" / name
    articles = load_paths([path]).articles
    tl = volume(articles, None, "month")
    got = {p: int(v) for p, v in zip(tl.table["period"], tl.table["articles"]) if v}
    assert tl.undated == {"articles": 0}
    assert got == dict(_raw_months(path))
    assert {p: got[p] for p in exact} == exact


def test_an_agency_as_written_counts_its_canonical_body(capsys, jsonl):
    """``--agency 市场监管总局`` (how the third article writes it) counts 国家市场监督管理总局, in a column named as
    asked, and says so; an unknown name still gives zeros and its note (tester, stop 17: 省工信厅 gave zeros)."""
    code, out, err = cli(capsys, jsonl, "--freq", "month", "--agency", "市场监管总局", "--agency", "不存在的局")
    assert code == 0
    assert out.splitlines() == ["period,articles,agency:市场监管总局,agency:不存在的局",
                                "2024-01,2,1,0", "2024-02,0,0,0", "2024-03,1,1,0"]
    assert "agency '市场监管总局' counted as 国家市场监督管理总局 (written so in the text)" in err
    assert "agency '不存在的局' is not mentioned" in err


# --- --term-mode (tester s14 T1: the page's 整词 gave 602 for 新冠 on CCTV, the command 626) --------------------
#: 新冠 glued to the character before it (因新冠, 过新冠, 长新冠) is no word of its own for the project tokenizer,
#: but is once 新冠 is added to the dictionary; 改革 inside 改革开放 / 深化改革 / 推进改革 is never a word of its own.
MODE_ROWS = [
    {"title": "疫情通报", "date": "2024-01-02", "source": "甲", "body": "美国数百人因新冠死亡，更多人感染过新冠病毒。"},
    {"title": "新冠疫苗", "date": "2024-01-20", "source": "乙", "body": "新冠疫情防控工作有序推进，也就是“长新冠”的影响。"},
    {"title": "改革开放", "date": "2024-03-05", "source": "甲", "body": "深化改革，推进改革工作。新冠病毒变异株。"},
    {"title": "无日期", "date": "", "source": "乙", "body": "关于新冠的报道。改革创新。"},
]


@pytest.fixture()
def modes_file(tmp_path: Path) -> Path:
    return write_jsonl(tmp_path / "m.jsonl", MODE_ROWS)


@pytest.mark.parametrize("mode,rows,totals,said", [
    # 新冠: every one of the 7 (3 + 3 + 1 dated, 1 undated) once added; 改革 is a dictionary word already: only 改革创新
    ("added", ["2024-01,2,5,0", "2024-02,0,0,0", "2024-03,1,1,0"], (7, 1),
     "term:{term} counted as a whole word with T added to the dictionary (--term-mode added, the default; "
     "the 时间线 page's 整词 is --term-mode token): {n}"),
    # whole words of the tokenizer: 新冠 in the title 新冠疫苗, 新冠疫情, 新冠病毒 and 关于新冠 (not 因/过/长新冠)
    ("token", ["2024-01,2,2,0", "2024-02,0,0,0", "2024-03,1,1,0"], (4, 1),
     "term:{term} counted as whole words (--term-mode token, the 时间线 page's 整词): {n}"),
    # every place the characters occur: 改革开放, 深化改革, 推进改革 and 改革创新 too
    ("substring", ["2024-01,2,5,0", "2024-02,0,0,0", "2024-03,1,1,3"], (7, 4),
     "term:{term} counted as substrings (--term-mode substring, the 时间线 page's 子串): {n}"),
    ("regex", ["2024-01,2,5,0", "2024-02,0,0,0", "2024-03,1,1,3"], (7, 4),
     "term:{term} counted as regular-expression matches (--term-mode regex): {n}"),
])
def test_term_modes_exact_counts(capsys, modes_file, mode, rows, totals, said):
    code, out, err = cli(capsys, modes_file, "--freq", "month", "--term", "新冠", "--term", "改革", "--term-mode", mode)
    assert code == 0
    assert out.splitlines() == ["period,articles,term:新冠,term:改革", *rows]   # the columns keep their names
    lines = err.splitlines()   # the mode and each term's total (undated article included), one line per term
    assert said.format(term="新冠", n=totals[0]) in lines[4] and said.format(term="改革", n=totals[1]) in lines[5]
    assert "1 article without a date (in no period); term:新冠 1, term:改革 1" in err


def test_default_term_mode_is_the_output_before_the_option(capsys, modes_file):
    """No --term-mode: the table is the one ``--term-mode added`` gives (the CLI contract keeps its default)."""
    _, plain, err = cli(capsys, modes_file, "--freq", "month", "--term", "新冠")
    _, added, _ = cli(capsys, modes_file, "--freq", "month", "--term", "新冠", "--term-mode", "added")
    assert plain == added == "period,articles,term:新冠\n2024-01,2,5\n2024-02,0,0\n2024-03,1,1\n"
    assert "(--term-mode added, the default;" in err


def test_token_mode_counts_a_split_phrase_as_a_sequence(capsys, modes_file):
    """新冠病毒 is not one word: the token mode counts 新冠 | 病毒 in a row (only 新冠病毒变异株: 感染过新冠病毒 cuts
    过新冠 | 病毒), the added mode every 新冠病毒, the regex mode a pattern."""
    code, out, err = cli(capsys, modes_file, "--freq", "month", "--term", "新冠病毒", "--term-mode", "token")
    assert code == 0 and out.splitlines()[1:] == ["2024-01,2,0", "2024-02,0,0", "2024-03,1,1"]
    assert "term:新冠病毒 counted as the token sequence 新冠 | 病毒 (--term-mode token, the 时间线 page's 整词): 1" in err
    _, out, _ = cli(capsys, modes_file, "--freq", "month", "--term", "新冠病毒", "--term-mode", "added")
    assert out.splitlines()[1:] == ["2024-01,2,1", "2024-02,0,0", "2024-03,1,1"]
    _, out, err = cli(capsys, modes_file, "--freq", "year", "--term", "新冠|改革", "--term-mode", "regex")
    assert out.splitlines() == ["period,articles,term:新冠|改革", "2024,3,9"]
    assert "term:新冠|改革 counted as regular-expression matches (--term-mode regex): 11" in err


def test_term_mode_by_source_and_share(capsys, modes_file):
    code, out, _ = cli(capsys, modes_file, "--freq", "year", "--by", "source", "--term", "新冠", "--term-mode", "token",
                       "--term-measure", "share")
    assert code == 0   # 甲: 2 articles, 1 holds 新冠 as a word (新冠病毒变异株); 乙: its one dated article does
    # (sources by total articles: 2 each, the undated one of 乙 included, the tie by name: 乙 < 甲)
    assert out.splitlines() == ["period,source,articles,term:新冠", "2024,乙,1,1.0", "2024,甲,2,0.5"]


def test_term_mode_errors(capsys, modes_file):
    code, out, err = cli(capsys, modes_file, "--term", "(", "--term-mode", "regex")
    assert code == 1 and out == ""
    assert ("错误 / error: 正则表达式无效:missing ), unterminated subpattern at position 0(如要按字面查找,请改用“子串”模式)/ "
            "invalid regular expression '(': missing ), unterminated subpattern at position 0 (use the substring mode "
            "to search the characters literally)") in err
    with pytest.raises(SystemExit) as exc:
        main(["timeline", str(modes_file), "--term", "新冠", "--term-mode", "word"])
    assert exc.value.code == 2
    assert ("python -m analysis timeline: 错误 / error: 参数 --term-mode 的取值 'word' 无效,可选 'added', 'token', "
            "'substring', 'regex' / argument --term-mode: invalid choice: 'word' (choose from 'added', 'token', "
            "'substring', 'regex')") in capsys.readouterr().err
