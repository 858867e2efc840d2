"""The analysis step of an upload: the saved dataset goes through the store's batch pipeline
(``analysis.store.upload`` on the runner of ``ui.cache.runner``) while a progress bar shows the runner's
events with their stage names; the pages then read corpus, mentions and search texts from the store. The same
bar shows a saved dataset's re-analysis after a settings change (:func:`corpus_with_progress`)."""
from __future__ import annotations

import logging
import time

import streamlit as st

from analysis.store.backends import ArticleTexts
from analysis.store.runner import Event
from ui import cache
from ui.i18n import t
from ui.dataset import Dataset

log = logging.getLogger("wenjian.ui")

#: The bar's share of each stage of the analysis, after parsing and saving (0–0.75 of the bar).
STAGES = {"analyze": (0.75, 0.95), "write": (0.95, 1.0)}


def progress_text(event: Event) -> str:
    """The bar's text for a runner event: the stage's name and ``done / total`` (in the interface language)."""
    return t(f"up.stage_{event.stage}", done=event.done, total=event.total) if event.stage in STAGES else \
        t("up.analysing")


def progress_value(event: Event) -> float:
    """Where the bar stands after ``event`` (0–1)."""
    lo, hi = STAGES.get(event.stage, (0.75, 0.75))
    return lo + (hi - lo) * (event.done / event.total if event.total else 1.0)


def start(table):
    """Start the analysis of an upload's article ``table`` during its load (``ui.cache.start_analysis``), or
    ``None`` (it then starts in :func:`analyse`); never raises (logged)."""
    try:
        return cache.start_analysis(table)
    except Exception:  # noqa: BLE001 - the analysis starts later instead
        log.exception("starting the analysis during the load failed")
        return None


def set_sources(early, table) -> None:
    """Hand the loader's whole ``table`` (with its 发文机关) to the analysis :func:`start` began from the texts
    alone (``EarlyAnalysis.set_sources``); nothing without one. Never raises (logged: the saved table is then
    analysed again, same results)."""
    if early is None:
        return
    try:
        early.set_sources(table)
    except Exception:  # noqa: BLE001 - the analysis is redone from the saved table instead
        log.exception("giving the early analysis its sources failed")


def analyse(ds: Dataset, bar, early=None, keyed=None) -> None:
    """Build ``ds``'s store with the runner's progress on ``bar`` (a ``st.progress``); when ``ds`` is not
    saved or the analysis fails (logged), the pages compute what they need from the table instead.
    ``early``: the analysis started during the load (:func:`start`); ``keyed``: ``ds.articles`` with its
    ``article_id`` (``analysis.store.build.keyed_articles``) when the caller has it (not computed again)."""
    bar.progress(STAGES["analyze"][0], text=t("up.analysing"))
    texts = before_results(ds, keyed)
    try:
        # the store's files are written after the pages are usable (they read its tables in memory meanwhile)
        cache.build_store(ds, on_event=lambda e: bar.progress(progress_value(e), text=progress_text(e)),
                          background=True, early=early, articles=keyed, texts=texts)
    except Exception:  # noqa: BLE001 - the dataset is loaded and saved; the pages fall back to computing
        log.exception("analysing the upload into its store failed")
    warm_up(ds)   # with a store: views of its tables, nothing recomputed


def before_results(ds: Dataset, keyed) -> ArticleTexts | None:
    """The texts of a saved upload ``ds`` for its store's backend (``ArticleTexts`` of ``keyed``, its table with
    ``article_id``; ``None`` without one or for a dataset not saved), built while the runner's workers still
    analyse the articles (the server waits for them otherwise). Never raises (logged: the backend derives
    them from the store instead)."""
    if not ds.library_id or keyed is None:
        return None
    try:
        return ArticleTexts.of(keyed)
    except Exception:  # noqa: BLE001 - nothing is lost: computed again where needed
        log.exception("preparing the upload's texts failed")
        return None


def warm_up(ds: Dataset) -> None:
    """Build the shared derived structures (agency mentions, tokens, query texts) once, so pages open fast —
    read from ``ds``'s store when it has one, else computed from its table."""
    for fn in (cache.mentions_for, cache.corpus_for, cache.search_texts_for):
        try:
            fn(ds)
        except Exception:  # noqa: BLE001 - a page will show its own message; the upload still counts
            log.exception("warm-up %s failed", getattr(fn, "__name__", fn))


#: (library dataset id, digest, settings, agency table key) whose store :func:`corpus_with_progress` failed to
#: build in this server process: not retried on every rerun (``ui.cache.corpus_for`` analyses in process then)
_FAILED: set[tuple[str, str, tuple, str]] = set()


def corpus_with_progress(ds: Dataset, settings_key: tuple):
    """``cache.corpus_for(ds, settings_key)``. When that needs a store ``ds`` does not have yet — a saved dataset
    after the workspace's dictionary or agency table changed (a new store key) — the store is built first, here,
    with the runner's events on a progress bar where this is called (a page's main area: the 关键词 page right
    under its 词典 save), then a caption says how long it took (tester s14 U7: the first save re-analysed CCTV for
    164 s with nothing moving on the page). A dataset not saved, a large one, or one whose store exists: just
    ``corpus_for``. A failed build is logged; ``corpus_for`` then does what it did before."""
    if ds.large or not ds.library_id or cache.stored_folder(ds, settings_key) is not None:
        return cache.corpus_for(ds, settings_key)
    attempt = (ds.library_id, ds.digest, settings_key, cache.current_table_key())
    if attempt in _FAILED:
        return cache.corpus_for(ds, settings_key)
    bar = st.progress(0.0, text=t("kw.reanalysing"))
    start = time.monotonic()
    try:
        cache.build_store(ds, settings_key=settings_key, on_event=lambda e: bar.progress(
            min(e.done / e.total, 1.0) if e.total else 1.0, text=progress_text(e)))
    except Exception:  # noqa: BLE001 - corpus_for analyses the table instead
        log.exception("re-analysing %s for new settings failed", ds.library_id)
        _FAILED.add(attempt)
    corpus = cache.corpus_for(ds, settings_key)
    bar.empty()
    st.caption(t("kw.reanalysed", s=f"{time.monotonic() - start:,.0f}"))
    return corpus
