"""The sidebar cut by concern (issue 14 item 1): upload, picker, filters and memory in their own modules, every
old name still importable from ``ui.sidebar``, and the sections importing downward only (no cycle)."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import ui.sidebar as sidebar
import ui.sidebar_filters as filters
import ui.sidebar_memory as memory
import ui.sidebar_picker as picker
import ui.sidebar_upload as upload

ROOT = Path(__file__).resolve().parents[2]


def test_old_names_are_the_sections_objects():
    assert sidebar.on_pick is picker.on_pick and sidebar.activate is picker.activate
    assert (sidebar.PICK_KEY, sidebar.SAMPLE_ID, sidebar.SESSION_ID) == ("wj_ds_pick", "__sample__", "__session__")
    assert sidebar.REPARSE_KEY == upload.REPARSE_KEY == "wj_reparse" and sidebar.ingest is upload.ingest
    assert sidebar.clear_filters is filters.clear_filters and sidebar.FILTER_DIGEST_KEY == "wj_f_digest"
    assert sidebar.restore_view_state is memory.restore_view_state and sidebar.REMEMBERED[0] == "wj_f_sources"
    assert sorted(sidebar.__all__) == sidebar.__all__ and all(hasattr(sidebar, n) for n in sidebar.__all__)


def test_sections_import_downward_only():
    """filters <- picker <- upload, memory <- sidebar: a section never imports the sidebar or a section above it."""
    code = ("import sys, ui.sidebar_filters; a = 'ui.sidebar_picker' in sys.modules; import ui.sidebar_picker; "
            "b = 'ui.sidebar_upload' in sys.modules or 'ui.sidebar_memory' in sys.modules; "
            "import ui.sidebar_upload, ui.sidebar_memory; print(a, b, 'ui.sidebar' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=str(ROOT))
    assert out.stdout.strip() == "False False False"


def test_the_upload_bar_shows_the_loaders_progress_note_in_one_language(monkeypatch):
    """The loader reports "合并与查重 / assembling and marking duplicates"; the bar shows one language."""
    from analysis.errors import note
    from ui import i18n
    from ui.sidebar_upload import parse_progress_text

    monkeypatch.setattr(i18n, "lang", lambda: "zh")
    assert parse_progress_text(note("assembling"), 3) == "合并与查重"
    monkeypatch.setattr(i18n, "lang", lambda: "en")
    assert parse_progress_text(note("assembling"), 3) == "assembling and marking duplicates"
    assert parse_progress_text("", 3) == "Parsing 3 files…"
