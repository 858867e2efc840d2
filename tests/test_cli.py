"""The CLI's shared contract: every command has help; usage errors exit 2; nothing usable exits 1, one line."""
import argparse
import subprocess
import sys
from pathlib import Path

import pytest

from analysis import cli
from analysis.commands import articles as articles_command
from analysis.export import csv_bytes
from analysis.loaders import load_paths

ROOT = Path(__file__).resolve().parents[1]


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "analysis", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=120)


def test_every_command_is_available_and_has_help():
    parser = cli.build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    assert sorted(sub.choices) == sorted(cli.COMMANDS)
    for name, p in sub.choices.items():
        assert p.description, f"{name} has no help text"
        assert "PATH" in p.format_usage()


@pytest.mark.parametrize("args", [[], ["nonsense"], ["articles"], ["articles", "x", "--format", "xml"]])
def test_usage_errors_exit_2(args):
    proc = run(*args)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr


@pytest.mark.parametrize("args, last_line", [
    ([], "python -m analysis: 错误 / error: 缺少必需的参数 / the following arguments are required: COMMAND"),
    (["nonsense"], "python -m analysis: 错误 / error: 参数 COMMAND 的取值 'nonsense' 无效,可选 'articles', 'keywords', "
                   "'kwic', 'agencies', 'timeline', 'report', 'ingest', 'policy' / argument COMMAND: invalid choice: "
                   "'nonsense' (choose from 'articles', 'keywords', 'kwic', 'agencies', 'timeline', 'report', 'ingest', "
                   "'policy')"),
    (["kwic", "x.csv"], "python -m analysis kwic: 错误 / error: 缺少必需的参数 / the following arguments are required: "
                        "--term"),
    (["articles", "x", "--bogus", "-z"], "python -m analysis: 错误 / error: 无法识别的参数 / unrecognized arguments: "
                                         "--bogus -z"),
    (["articles", "x", "--format", "xml"], "python -m analysis articles: 错误 / error: 参数 --format 的取值 'xml' 无效,"
                                           "可选 'csv', 'jsonl' / argument --format: invalid choice: 'xml' (choose "
                                           "from 'csv', 'jsonl')"),
    (["kwic", "x", "--term"], "python -m analysis kwic: 错误 / error: 参数 --term 需要一个值 / argument --term: "
                              "expected one argument"),
    (["agencies", "x", "--by-document", "--unresolved"],
     "python -m analysis agencies: 错误 / error: 参数 --unresolved 不能与 --by-document 同时使用 / argument "
     "--unresolved: not allowed with argument --by-document"),
    (["keywords", "x", "--top", "x"], "python -m analysis keywords: 错误 / error: 参数 / argument --top: 需要不小于 0 "
                                      "的整数 / must be an integer ≥ 0: 'x'"),
    (["report", "x"], "python -m analysis report: 错误 / error: report 需要 -o FILE.docx|.html|.zip / report needs "
                      "-o FILE.docx|.html|.zip"),
])
def test_argparse_usage_errors_speak_both_languages(args, last_line):
    """argparse's own usage errors in the CLI's bilingual form, after argparse's usage line; exit status 2."""
    proc = run(*args)
    lines = proc.stderr.splitlines()
    assert proc.returncode == 2 and proc.stdout == ""
    assert lines[0].startswith("usage: python -m analysis") and lines[-1] == last_line


def test_usage_message_keeps_ours_and_labels_the_unknown():
    from analysis.commands.messages import usage_message

    ours = "report 需要 -o FILE.docx|.html|.zip / report needs -o FILE.docx|.html|.zip"
    assert usage_message(ours) == ours
    assert usage_message("argument --x: invalid int value: 'y'") == \
        "参数 --x 的取值 'y' 不是有效的 int / argument --x: invalid int value: 'y'"
    assert usage_message("argument PATH: expected at least one argument") == \
        "参数 PATH 至少需要一个值 / argument PATH: expected at least one argument"
    assert usage_message("ambiguous option: --fo could match --format, --force") == \
        "选项 --fo 有歧义,可能是 --format, --force / ambiguous option: --fo could match --format, --force"
    assert usage_message("something new") == "用法错误 / usage error: something new"


def test_subcommand_parsers_share_the_bilingual_error():
    parser = cli.build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    assert all(isinstance(p, type(parser)) for p in sub.choices.values())


def test_missing_file_exits_1_with_one_line(tmp_path):
    proc = run("articles", str(tmp_path / "nope.csv"))
    assert proc.returncode == 1
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "nope.csv" in lines[0]
    assert "Traceback" not in proc.stderr
    assert proc.stdout == ""


RISKY = ["=1+2", "+SUM(A1)", "-cmd", "@x", "-3.5", "普通"]


def test_cli_csv_is_formula_safe_like_a_download(tmp_path, capsys):
    """Every CLI table goes through the downloads' CSV writer: a file is byte for byte a download, stdout the
    same cells (LF, no BOM); jsonl is data, not a spreadsheet, and keeps the raw text."""
    src = tmp_path / "in.csv"
    src.write_text("标题,日期,正文\n" + "".join(f"{t},2024-05-0{i + 1},正文{i}\n" for i, t in enumerate(RISKY)),
                   encoding="utf-8")
    assert cli.main(["articles", str(src), "--keep-duplicates"]) == 0
    shown = capsys.readouterr().out
    assert not shown.startswith("\ufeff") and "\r" not in shown
    titles = [line.split(",")[1] for line in shown.splitlines()[1:]]
    assert titles == ["'=1+2", "'+SUM(A1)", "'-cmd", "'@x", "-3.5", "普通"]

    target = tmp_path / "out.csv"
    assert cli.main(["articles", str(src), "--keep-duplicates", "-o", str(target)]) == 0
    capsys.readouterr()
    # the same table the command printed, as the app's download button would write it
    expected = articles_command.run(argparse.Namespace(keep_duplicates=True), load_paths([src]).articles)
    raw = target.read_bytes()
    assert raw == csv_bytes(expected)
    assert raw.startswith(b"\xef\xbb\xbfid,title,") and "\r\n1,'=1+2,2024-05-01,".encode() in raw

    assert cli.main(["articles", str(src), "--keep-duplicates", "--format", "jsonl"]) == 0
    assert '"title":"=1+2"' in capsys.readouterr().out


def test_report_offers_no_table_format():
    """tester #20: `report --help` offered --format {csv,jsonl}, which a report (its -o suffix is the format)
    never read; the table commands keep it."""
    sub = next(a for a in cli.build_parser()._actions if a.dest == "command")
    report_help = sub.choices["report"].format_help()
    assert "--format" not in report_help
    assert "the file to write (required): .html, .docx or .zip" in " ".join(report_help.split())
    for name in ("articles", "keywords", "kwic", "agencies", "timeline", "policy"):
        assert "--format {csv,jsonl}" in sub.choices[name].format_help(), name
    with pytest.raises(SystemExit) as exc:
        cli.build_parser().parse_args(["report", "x.csv", "--format", "csv", "-o", "r.docx"])
    assert exc.value.code == 2


@pytest.mark.parametrize("argv, says", [
    (["keywords"], "keywords: 请给出要分析的文件 PATH… 或已保存的数据集 --dataset NAME / give the files to analyse (PATH…) "
                   "or a saved dataset (--dataset NAME)"),
    (["keywords", "x.csv", "--dataset", "a"], "keywords: 需要 PATH 或 --dataset 之一,不能同时给出 / give either PATHs or "
                                              "--dataset NAME, not both"),
    (["timeline", "x.csv", "--term", " "], "timeline: --term 不能为空 / --term must not be empty"),
    (["timeline", "x.csv", "--agency", ""], "timeline: --agency 不能为空 / --agency must not be empty"),
    (["kwic", "x.csv", "--term", ""], "kwic: --term 不能为空 / --term must not be empty"),
])
def test_usage_errors_name_what_is_missing(capsys, argv, says):
    """tester s14 U3/U4: no PATH and no --dataset said "not both"; an empty --term printed a column of zeros.
    The subcommand's own usage is printed, exit status 2, nothing on stdout."""
    with pytest.raises(SystemExit) as exc:
        cli.main(argv)
    out, err = capsys.readouterr()
    assert exc.value.code == 2 and out == ""
    assert err.startswith(f"usage: python -m analysis {argv[0]} ") and says in " ".join(err.split())
