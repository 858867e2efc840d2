"""文鉴 Wenjian — the router: page config, the shared sidebar (dataset, global filters), navigation.

Run with ``streamlit run app.py``. Pages live in ``views/`` (one small module each). Any unexpected error
in the sidebar or a page is logged with its traceback on the server and shown to the user as one friendly
message — never as a traceback.
"""
from __future__ import annotations

import gc
import logging
import sys
import threading
from pathlib import Path

import streamlit as st

ROOT = Path(__file__).resolve().parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from analysis.export import start_image_service  # noqa: E402
from ui import cache, session, sidebar  # noqa: E402
from ui.builtins import localize_builtins  # noqa: E402
from ui.downloads import keep_deferred_downloads  # noqa: E402
from ui.i18n import t  # noqa: E402
from ui.state import PageDone  # noqa: E402

log = logging.getLogger("wenjian.ui")

st.set_page_config(page_title="文鉴 Wenjian", page_icon="📰", layout="wide")


@st.cache_resource(show_spinner=False)
def _warm_up() -> threading.Thread:
    """Once per server process: start the server-side image service (``analysis.export``; its browser starts
    on the first export) and build the tokenizer and the agency matcher in the background — here and in the
    upload runner's worker processes — so the first visitor does not wait for the dictionaries to load (all
    shared, read-only caches). Then the objects built so far (modules, dictionaries, matcher: ≈ 140k, kept
    as long as the server runs) leave the garbage collector's full passes (``gc.freeze``): each pass over them
    cost ≈ 0.08–0.1 CPU-s, and one fell into the page run after an upload (``scripts/bench_ui.py``)."""
    start_image_service()
    def work() -> None:
        for build in (cache.agency_matcher, cache.tokenizer, cache.warm_runner):
            try:
                build()
            except Exception:  # noqa: BLE001 - a page will report it when it needs it
                log.exception("warm-up failed")
        gc.collect()   # (what start-up left as garbage is freed first, not frozen)
        gc.freeze()
    thread = threading.Thread(target=work, name="wenjian-warm-up", daemon=True)
    thread.start()
    return thread


_warm_up()
keep_deferred_downloads()   # a download clicked while the page reruns still delivers its file (ui/downloads.py)

try:
    sidebar.render()
except Exception:  # noqa: BLE001 - Streamlit's own control flow (stop/rerun) is a BaseException, not caught
    log.exception("sidebar failed")
    st.sidebar.error(t("error.sidebar"))
# Streamlit's own English widget texts in the interface language (after the sidebar: it restores the language)
localize_builtins()

PAGES = [
    st.Page(str(ROOT / "views" / "overview.py"), title=t("nav.overview"), icon=":material/dashboard:", default=True,
            url_path="overview"),
    st.Page(str(ROOT / "views" / "keywords.py"), title=t("nav.keywords"), icon=":material/tag:", url_path="keywords"),
    st.Page(str(ROOT / "views" / "agencies.py"), title=t("nav.agencies"), icon=":material/account_balance:", url_path="agencies"),
    st.Page(str(ROOT / "views" / "timeline.py"), title=t("nav.timeline"), icon=":material/timeline:", url_path="timeline"),
    st.Page(str(ROOT / "views" / "articles.py"), title=t("nav.articles"), icon=":material/article:", url_path="articles"),
    st.Page(str(ROOT / "views" / "policy.py"), title=t("nav.policy"), icon=":material/gavel:", url_path="policy"),
    st.Page(str(ROOT / "views" / "data.py"), title=t("nav.data"), icon=":material/folder_open:", url_path="data"),
]
page = st.navigation(PAGES, position="top")
session.set_current_page(page.title)
try:
    page.run()
except PageDone:
    pass    # an empty state said its message (ui.state.end_page)
except Exception:  # noqa: BLE001
    log.exception("page %s failed", page.url_path)
    st.error(t("error.unexpected"), icon=":material/error:")
finally:
    # an invisible run counter: browser tests and the benchmark wait for it to change (the run is complete)
    runs = session.count_run()
    st.html(f'<div id="wj-run" data-run="{runs}" style="display:none"></div>')
