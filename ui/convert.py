"""Traditional Chinese detected in a dataset (issue 13 item 6): a notice with a one-click conversion to
simplified (OpenCC ``t2s``), saved as a new library entry and opened — the agency table and the keyword
dictionaries are simplified, so traditional text finds (almost) no agency and splits words differently."""
from __future__ import annotations

import copy
import logging

import streamlit as st

from analysis.loaders import simplify_loaded
from analysis.normalize import traditional_share
from analysis.store.build import keyed_articles
from ui import large, session, state
from ui import upload as ui_upload
from ui.i18n import t
from ui import library as ui_library  # called through the module: tests replace its functions
from ui.session import CONV_MSG_KEY, SHARE_KEY
from ui.sidebar import SESSION_ID, activate

log = logging.getLogger("wenjian.ui")
#: a dataset is flagged when at least this share of its (first 500) articles is traditional
FLAG_SHARE = 0.2


def traditional_part(ds: state.Dataset) -> float:
    """Share of ``ds``'s articles written in traditional Chinese (memoised per session and dataset)."""
    if (cached := session.memo(SHARE_KEY, ds.digest)) is not None:
        return cached
    if ds.large:  # its first articles' text, read from the store (the share looks at the first 500 only)
        texts = large.head_texts(ds, 2000)
    else:
        texts = _texts(ds.articles)
    share = traditional_share(texts)
    session.keep_memo(SHARE_KEY, ds.digest, share)
    return share


def _texts(articles, block: int = 1000):
    """``title + " " + body`` of each article, built ``block`` rows at a time as ``traditional_share`` reads
    them (it stops after 500 texts with Chinese characters: building all 20k of CCTV took ≈ 0.05 CPU-s)."""
    for lo in range(0, len(articles), block):
        part = articles.iloc[lo:lo + block]
        yield from (part["title"].fillna("") + " " + part["body"].fillna("")).tolist()


def convert(ds: state.Dataset) -> None:
    """Replace the session's dataset with its simplified copy, saved to the library when possible and analysed
    into its store like an upload (``ui.upload.analyse``): the copy is what loading the same files with
    繁体转简体 ticked gives — text converted, policy columns and reposts (``duplicate_of``) found again, new
    ``article_id`` keys, the parse report's counts redone (``analysis.loaders.simplify_loaded``; tester s15
    D2: converting the text only left a traditional article and its simplified twin as two articles)."""

    articles, changed = simplify_loaded(ds.articles)
    report = copy.deepcopy(ds.report) if ds.report is not None else None
    if report is not None:
        report.count(articles)
    name = t("conv.name", name=ds.name)
    info = keyed = None
    try:
        keyed = keyed_articles(articles)
        info = ui_library.library().save(name, keyed, report)
    except Exception:  # noqa: BLE001 - the converted data is still usable in this session
        log.exception("saving the simplified copy failed")
    new = state.Dataset(name=name, articles=articles, report=report, digest=info.digest if info else "",
                        library_id=info.id if info else "")
    if new.library_id:   # its store (tokens, agency mentions …), as an upload's
        bar = st.progress(0.0, text=t("up.analysing"))
        ui_upload.analyse(new, bar, None, keyed)
        bar.empty()
    activate(new)
    session.pick_dataset(new.library_id or SESSION_ID)
    session.post_note(CONV_MSG_KEY, t("conv.done", n=changed))


def traditional_notice(ds: state.Dataset, *, key: str) -> bool:
    """When ``ds`` looks traditional: a warning with a convert button. Returns whether it does."""
    if msg := session.take_note(CONV_MSG_KEY):
        st.success(msg)
    if ds.sample:
        return False
    share = traditional_part(ds)
    if share < FLAG_SHARE:
        return False
    with st.container(border=True):
        st.warning(t("conv.detected", pct=f"{share:.0%}"), icon=":material/translate:")
        if ds.large:  # converting rewrites the whole table: the command line's ingest --to-simplified
            st.caption("python -m analysis ingest … --to-simplified")
            return True
        st.button(t("conv.button"), key=f"{key}_convert", on_click=convert, args=(ds,), type="primary")
    return True
