"""The analysis step of an upload: the saved dataset goes through the store's batch pipeline
(``analysis.store.upload`` on the runner of ``ui.cache.runner``) while a progress bar shows the runner's
events with their stage names; the pages then read corpus, mentions and search texts from the store."""
from __future__ import annotations

import logging

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
