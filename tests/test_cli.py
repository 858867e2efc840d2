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
