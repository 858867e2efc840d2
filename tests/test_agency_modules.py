"""The agency code cut by concern (issue 14 item 1): ``analysis.agencies`` keeps its public names, every module
whose code decides the mentions is in the cache key (``SOURCE_FILES``), no module is over 400 lines and no
private name crosses from one agency module to another."""
from __future__ import annotations

import ast
from pathlib import Path

import analysis.agencies as agencies
from analysis.agencies import SOURCE_FILES

PKG = Path(agencies.__file__).resolve().parent
AGENCY_MODULES = sorted([*PKG.glob("agenc*.py"), *(PKG / "figures").glob("*.py")])


def _project_imports(path: Path) -> list[tuple[str, list[str]]]:
    """``(module, imported names)`` of every ``from analysis… import`` in ``path``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [(n.module, [a.name for a in n.names]) for n in ast.walk(tree)
            if isinstance(n, ast.ImportFrom) and n.module and n.module.startswith("analysis")]


def test_public_names_of_analysis_agencies_stay():
    for name in ("AgencyMatcher", "MENTION_COLUMNS", "SENTENCE_END", "FOREIGN", "FOREIGN_ABBREV", "FOREIGN_AMBIGUOUS",
                 "STATUSES", "agency_summary", "by_document", "by_period", "by_source", "cooccurrence",
                 "discover_candidates", "find_mentions", "government_mentions", "mention_rows", "mention_status",
                 "network_figure", "ranking_figure", "spring_layout", "timeline_figure", "unresolved_summary"):
        assert hasattr(agencies, name), name
    assert sorted(agencies.__all__) == sorted(set(agencies.__all__))
    assert all(hasattr(agencies, n) for n in agencies.__all__)


def test_source_files_hold_every_module_the_mentions_depend_on():
    assert all((PKG / rel).is_file() for rel in SOURCE_FILES)
    seen, todo = set(), ["analysis.agency_mentions"]
    while todo:
        mod = todo.pop()
        if mod in seen:
            continue
        seen.add(mod)
        path = PKG.parent / (mod.replace(".", "/") + ".py")
        todo += [m for m, _ in _project_imports(path) if m.startswith("analysis.agenc")]
    needed = {m.split(".")[-1] + ".py" for m in seen} - {"agency_history.py"}
    assert needed <= set(SOURCE_FILES), needed - set(SOURCE_FILES)
    assert needed == set(SOURCE_FILES) - {"agencies.py"}


def test_agency_modules_are_small_and_share_no_private_names():
    assert len(AGENCY_MODULES) >= 10
    for path in AGENCY_MODULES:
        lines = len(path.read_text(encoding="utf-8").splitlines())
        assert lines <= 400, f"{path.name}: {lines} lines"
        for mod, names in _project_imports(path):
            private = [n for n in names if n.startswith("_")]
            assert not private, f"{path.name} imports {private} from {mod}"
