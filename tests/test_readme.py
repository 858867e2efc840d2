"""The README stays true: its two commands, every CLI command and every setting the code reads."""
import re
from pathlib import Path

from analysis.cli import COMMANDS
from analysis.loaders import DEFAULT_LIMITS

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_run_and_test_commands():
    assert "streamlit run app.py" in README
    assert ".venv/bin/python -m pytest" in README
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    test_cmd = next(line for line in README.splitlines() if "-m pytest" in line and line.startswith("python3"))
    assert test_cmd.replace(" -q", "") in ci.replace(" -q", "")
    assert ".venv/bin/python -m mypy && .venv/bin/python -m pytest" in test_cmd  # the type checker runs in CI


def test_every_cli_command_is_documented():
    for name in COMMANDS:
        assert f"python -m analysis {name} PATH..." in README, name


def test_every_setting_read_by_the_code_is_documented():
    used = set()
    for folder in ("analysis", "ui", "views"):
        for py in (ROOT / folder).rglob("*.py"):
            used |= set(re.findall(r"WENJIAN_[A-Z_]+", py.read_text(encoding="utf-8")))
    used |= {f"WENJIAN_{name.upper()}" for name, _, _ in DEFAULT_LIMITS}
    missing = sorted(v for v in used if v not in README)
    assert missing == []
