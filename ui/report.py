"""The complete report, built on demand: pick a format (Word, HTML, ZIP), build it for the current dataset,
filters and language — whatever pages were viewed — with a progress bar, then download it.

The content and the files come from ``analysis.report_content`` / ``analysis.report`` /
``analysis.report_docx`` (the same as ``python -m analysis report``). The last built file is kept in this
session with the dataset, filters, language and format it was built for; once any of them changes, the
download is replaced by a note to build again (a report never shows other filters than the screen).
"""
from __future__ import annotations

import datetime as dt
import logging
import time

import streamlit as st

from analysis.policy.register import REGISTERS, RegisterDecision, register_decision
from analysis.report import render_html, render_images
from analysis.report_content import build_content
from analysis.report_docx import render_docx
from analysis.report_zip import render_zip
from ui import cache, large, session, state  # cache called through the module: tests replace its functions
from labels.report import report_words
from ui.i18n import dataset_name, lang, t
from ui.session import BUILT_KEY, FORMAT_KEY  # noqa: F401 - BUILT_KEY re-exported (tests)
from ui.widgets import safe_filename

log = logging.getLogger("wenjian.ui")

#: format -> (choice label, download label, MIME type)
FORMATS = {"docx": ("Word (.docx)", "Word", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
           "html": ("HTML", "HTML", "text/html"), "zip": ("ZIP", "ZIP", "application/zip")}


@st.cache_resource(show_spinner=False, max_entries=8)
def _decision(digest: str, _articles) -> RegisterDecision:
    """``register_decision`` of a dataset's articles, once per dataset (``digest``): it reads every body's
    first characters (0.06 CPU-s for the 19,876 CCTV items, ``scripts/register_table.py``) and every page run
    asks."""
    return register_decision(_articles)


def default_register(ds) -> str:
    """``auto``'s register for ``ds``: ``policy``, ``news`` or ``none``
    (``analysis.policy.register.resolve_register(articles, "auto")``; a large dataset decides from its first
    titles, ``ui.large.default_register``)."""
    return large.default_register(ds) if ds.large else _decision(ds.digest, ds.articles).register


def register_choice(ds) -> str:
    """The 关键词 page's register choice for ``ds``: ``auto``, ``policy``, ``news`` or ``none`` (``auto`` before
    the user picks one). A true/false value — the large dataset's policy switch (``ui.large``) or a session
    from before the choice had four positions — reads as ``policy``/``none``."""
    value = session.widget_value(session.register_key(ds.digest), "auto")
    if isinstance(value, bool):
        return "policy" if value else "none"
    return value if value in ("auto", *REGISTERS) else "auto"


def keyword_register(ds) -> str:
    """The register whose stopwords the keyword rankings of ``ds`` leave out right now: the 关键词 page's
    choice (``session.register_key``), ``auto`` → :func:`default_register` — what the 概览 and 关键词 pages
    and the complete report all rank with (tester report #1)."""
    choice = register_choice(ds)
    return default_register(ds) if choice == "auto" else choice


def _share(x: float) -> str:
    return f"{x:.0%}"


def register_caption(ds, keywords_page: bool = False) -> str:
    """One sentence under a keyword ranking of ``ds``: which register words are left out and why — the
    user's choice on the 关键词 page, or ``auto``'s rule with its shares
    (``analysis.policy.register.register_decision``) and, off the 关键词 page, where to switch."""
    why = _register_why(ds)
    return why if keywords_page or register_choice(ds) != "auto" else why + t("reg.switch")


def _register_why(ds) -> str:
    """:func:`register_caption` without the pointer to the 关键词 page."""
    choice = register_choice(ds)
    register = keyword_register(ds)
    words = t(f"reg.words.{register}") if register != "none" else ""
    if choice != "auto":
        return t("reg.chosen", words=words) if words else t("reg.chosen_none")
    if ds.large:
        return t("reg.why.large", what=t("reg.none") if not words else words)
    d = _decision(ds.digest, ds.articles)
    if d.reason in ("policy", "news"):
        return t(f"reg.why.{d.reason}", words=words, share=_share(d.policy_share), others=_share(d.not_policy_share),
                 news=_share(d.news_share))
    return t("reg.why.mixed", share=_share(d.policy_share), news=_share(d.news_share))


def _stamp(fmt: str) -> tuple:
    ds = state.current_dataset()
    return (ds.digest if ds is not None else "", state.current_filters(), lang(), fmt,
            keyword_register(ds) if ds is not None else "")


def build(fmt: str, progress=None) -> tuple[bytes, int, str | None]:
    """The complete report of the current dataset and filters in ``fmt`` (``docx``, ``html``, ``zip``), the
    number of chart images that could not be made and why (``Report.image_problem``: unavailable / timeout /
    failed). ``progress(fraction, text)``."""

    step = progress or (lambda frac, text: None)
    ds = state.current_dataset()
    step(0.02, t("rp.step.prepare"))
    corpus, mentions = cache.corpus_for(ds), cache.mentions_for(ds)
    report = build_content(ds.articles, state.current_mask(), corpus=corpus, mentions=mentions, dataset=dataset_name(ds.name),
                           filters=state.current_filters(), lang=lang(), words=report_words(lang()),
                           register=keyword_register(ds),
                           progress=lambda f, text: step(0.05 + 0.25 * f, t("rp.step.content", what=text)))
    if fmt == "html":
        step(0.9, "HTML")
        return render_html(report), 0, None
    formats = ("png", "svg") if fmt == "zip" else ("png",)
    missing = render_images(report, formats, progress=lambda f, text: step(0.3 + 0.5 * f, t("rp.step.images", what=text)))
    step(0.85, t("rp.step.files"))
    if fmt == "docx":
        return render_docx(report), missing, report.image_problem
    return render_zip(report), missing, report.image_problem


def report_button(key: str = "wj_report") -> None:
    """The report panel: format choice, the build button (with a progress bar while it builds) and, once
    built for exactly what is on screen, the download button (key ``key``)."""
    ds = state.current_dataset()
    if ds is None:
        return
    with st.container(border=True):
        st.markdown(f"**{t('rp.title')}**")
        st.caption(t("rp.help"))
        c1, c2 = st.columns([3, 2], vertical_alignment="bottom")
        fmt = c1.radio(t("rp.format"), list(FORMATS), format_func=lambda f: FORMATS[f][0], horizontal=True,
                       key=FORMAT_KEY)
        if c2.button(t("rp.build"), key=f"{key}_build", icon=":material/summarize:", type="primary"):
            bar = st.progress(0.0, text=t("rp.step.prepare"))
            started = time.perf_counter()
            try:
                data, missing, problem = build(fmt, lambda f, text: bar.progress(min(max(float(f), 0.0), 1.0),
                                                                                  text=text))
            except Exception as exc:  # noqa: BLE001 - never a traceback for the user
                log.exception("report failed")
                bar.empty()
                st.error(t("rp.failed", err=type(exc).__name__))
                return
            bar.empty()
            stamp = dt.datetime.now().strftime("%Y%m%d-%H%M")
            session.keep_built_report({"stamp": _stamp(fmt), "data": data, "missing": missing, "problem": problem,
                                       "seconds": time.perf_counter() - started,
                                       "name": f"{safe_filename('wenjian-report-' + stamp)}.{fmt}"})
        built = session.built_report()
        if built and built["stamp"] == _stamp(fmt):
            # deferred like every download (ui/downloads.py keeps it usable while the page reruns)
            st.download_button(t("rp.download", fmt=FORMATS[fmt][1]), lambda data=built["data"]: data,
                               file_name=built["name"],
                               mime=FORMATS[fmt][2], key=key, on_click="ignore", icon=":material/download:")
            st.caption(t("rp.ready", size=f"{len(built['data']) / 1e6:.1f}", seconds=f"{built['seconds']:.1f}"))
            if built["missing"]:
                kind = {"timeout": "_timeout", "failed": "_failed"}.get(built.get("problem") or "", "")
                st.warning(t("rp.no_images" + kind, n=built["missing"]))
        elif built:
            st.caption(t("rp.stale"))
