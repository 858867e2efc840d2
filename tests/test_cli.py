"""The CLI's shared contract: every command has help; usage errors exit 2; nothing usable exits 1, one line."""
import subprocess
import sys
from pathlib import Path

import pytest

from analysis import cli

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
