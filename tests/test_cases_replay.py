"""Replay every real-world case of ``../shared/cases/expected.jsonl`` through the CLI (issue 11).

Each case is run with the checker of ``../shared/cases/replay.py`` (the same one the coordinator runs), one
test per case id. Skips with a reason when ``../shared`` is not there (it is not part of a user's clone).
The right values of every kind are also held by table-driven tests that need no ``../shared``
(tests/loaders/test_real_world_tables.py, test_gov_pages.py, test_text_dates.py, tests/test_whole_words.py).
"""
from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, SHARED

CASES_DIR = SHARED / "cases"
EXPECTED = CASES_DIR / "expected.jsonl"
#: known failures, each with what is wrong (strict: a case that starts passing must lose its mark)
KNOWN_FAILURES: dict[str, str] = {}


def _case_ids() -> list[str]:
    if not EXPECTED.is_file():
        return ["(no cases)"]
    return [json.loads(line)["id"] for line in EXPECTED.read_text(encoding="utf-8").splitlines() if line.strip()]


def _params():
    for cid in _case_ids():
        marks = [pytest.mark.xfail(strict=True, reason=KNOWN_FAILURES[cid])] if cid in KNOWN_FAILURES else []
        yield pytest.param(cid, marks=marks, id=cid)


@pytest.fixture(scope="module")
def replay():
    if not (CASES_DIR / "replay.py").is_file() or not EXPECTED.is_file():
        pytest.skip(f"needs the real-world cases at {CASES_DIR} (not part of a user's clone)")
    spec = importlib.util.spec_from_file_location("wenjian_cases_replay", CASES_DIR / "replay.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    mod.PROJECT, mod.PY = ROOT, sys.executable      # run the CLI of this checkout with this interpreter
    return mod


@pytest.mark.parametrize("case_id", list(_params()))
def test_case(replay, case_id, tmp_path):
    lines = [line for line in EXPECTED.read_text(encoding="utf-8").splitlines()
             if line.strip() and json.loads(line)["id"] == case_id]
    assert len(lines) == 1, f"case {case_id} not in {EXPECTED}"
    # the commands name ../shared/… relative to the project root; point them at wherever the cases are
    one = tmp_path / "expected.jsonl"
    one.write_text(lines[0].replace("../shared/", f"{SHARED.resolve().as_posix()}/"), encoding="utf-8")
    errors = replay.run_cases(one)[case_id]
    assert errors == [], f"{case_id}: " + "; ".join(errors)
