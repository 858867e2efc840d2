"""One owner of the session (issue 10 item 5): ``st.session_state`` is touched by ``ui.state`` (dataset, filters,
mask) and ``ui.session`` (every other key) only — pages and sidebar modules call their named functions — and
``ui.session`` imports nothing of the project, so ``ui.i18n`` (imported by ``ui.state``) reads the language
through it without an import loop."""
from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OWNERS = {"ui/state.py", "ui/session.py"}


def _app_modules() -> list[Path]:
    return [ROOT / "app.py", *sorted((ROOT / "ui").glob("*.py")), *sorted((ROOT / "views").glob("*.py"))]


def session_state_users(paths: list[Path], root: Path = ROOT) -> dict[str, list[int]]:
    """``{path relative to root: [line numbers]}`` of every mention of ``session_state`` (code, comments and
    docstrings alike: a docstring telling pages to read a key is as wrong as the read)."""
    found: dict[str, list[int]] = {}
    for path in paths:
        lines = [i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                 if re.search(r"\bsession_state\b", line)]
        if lines:
            found[path.relative_to(root).as_posix()] = lines
    return found


def test_only_the_owner_modules_touch_the_session_state():
    users = session_state_users(_app_modules())
    assert {p: lines for p, lines in users.items() if p not in OWNERS} == {}
    assert set(users) == OWNERS   # the owners do (the scan finds what it looks for)


def test_the_scan_finds_a_page_that_reads_a_key(tmp_path):
    (tmp_path / "views").mkdir()
    page = tmp_path / "views" / "page.py"
    page.write_text('import streamlit as st\n\nx = 1\nname = st.session_state.get("wj_lang")\n'
                    "# st.session_state_x is another name\n", encoding="utf-8")
    assert session_state_users([page], tmp_path) == {"views/page.py": [4]}


def _project_imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module)
    return {n for n in names if n.split(".")[0] in ("ui", "views", "analysis", "labels", "app")}


def test_the_session_module_imports_nothing_of_the_project():
    assert _project_imports(ROOT / "ui" / "session.py") == set()


def test_no_import_loop_between_session_i18n_and_state():
    """``ui.session`` alone loads no other ``ui`` module; ``ui.i18n`` loads ``ui.session`` but not ``ui.state``."""
    code = ("import sys, importlib; m = importlib.import_module(sys.argv[1]); "
            "print(sorted(k for k in sys.modules if k.startswith('ui.') and k != sys.argv[1]))")
    out = {name: subprocess.run([sys.executable, "-c", code, name], capture_output=True, text=True, check=True,
                                cwd=str(ROOT)).stdout.strip()
           for name in ("ui.session", "ui.i18n")}
    assert out == {"ui.session": "[]", "ui.i18n": "['ui.session']"}
