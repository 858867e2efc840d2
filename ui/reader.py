"""Reading one article: title, date, source, author, agencies mentioned, the body with the query's terms and
the agencies highlighted, and the original link. Everything from the file is escaped first (``ui.text``)."""
from __future__ import annotations

import logging
from urllib.parse import urlparse

import pandas as pd
import streamlit as st

from analysis.agency_counts import government_mentions
from analysis.filters import parse_query
from ui import cache  # called through the module: tests replace its functions
from ui.i18n import t
from ui.dataset import Dataset
from ui.text import MARK_STYLE, highlight_html, md_escape

log = logging.getLogger("wenjian.ui")
#: columns of a mentions table that may hold the text as written in the article (first found is used)
SURFACE_COLUMNS = ("surface", "text", "mention", "matched", "alias")


def query_terms(*queries: str) -> list[str]:
    """The positive terms of the given queries (invalid queries contribute nothing)."""
    terms: list[str] = []
    for q in queries:
        try:
            terms.extend(parse_query(q).positive_terms)
        except Exception:  # noqa: BLE001 - the sidebar already shows the query error
            continue
    return terms


def article_mentions(ds: Dataset, row: int) -> tuple[list[str], list[str]]:
    """(agency names, surface strings to highlight) for positional row ``row`` of ``ds``."""
    try:
        mentions = cache.mentions_for(ds)
    except Exception:  # noqa: BLE001 - the article is still readable without agencies
        log.exception("mentions unavailable for the reader")
        return [], []
    if mentions is None or len(mentions) == 0:
        return [], []
    return listed_mentions(mentions[(mentions["row"] == row) & (mentions["agency"] != "")])


def listed_mentions(mine: pd.DataFrame) -> tuple[list[str], list[str]]:
    """(agency names, surface strings to highlight) of one article's named mentions ``mine`` (columns agency,
    a surface column of ``SURFACE_COLUMNS``, optionally level), in order of first mention: no foreign body
    (法国交管部门), by the rule of the 机构 page and the ``agencies`` command
    (``analysis.agency_counts.government_mentions``; tester-s14 R2). News organisations stay listed: the reader
    shows what one article names, and a news agency's credit line is no mention anyway."""
    mine = government_mentions(mine[mine["agency"].astype(str) != ""], include_media=True)
    names = list(dict.fromkeys(mine["agency"].astype(str)))
    surface_col = next((c for c in SURFACE_COLUMNS if c in mine.columns), None)
    surfaces = list(dict.fromkeys(mine[surface_col].astype(str))) if surface_col else []
    return names, surfaces + names


def safe_link(url: str) -> str | None:
    """``url`` when it is an http(s) link (never ``javascript:`` or ``data:``), else None."""
    url = (url or "").strip()
    parsed = urlparse(url)
    return url if parsed.scheme in ("http", "https") and parsed.netloc else None


def render_article(ds: Dataset, row: int, terms: list[str]) -> None:
    """Show positional row ``row`` of ``ds.articles``."""
    agencies, surfaces = article_mentions(ds, row)
    render_record(ds.articles.iloc[row], agencies, surfaces, terms)


def render_record(art, agencies: list[str], surfaces: list[str], terms: list[str]) -> None:
    """Show one article record (``title, date, source, author, duplicate_of, body, url``) with the query's
    ``terms`` and the agency ``surfaces`` highlighted and the ``agencies`` it names listed."""
    with st.container(border=True):
        st.html(f"{MARK_STYLE}<h3 style='margin:0 0 .4em 0'>{highlight_html(art['title'], terms, surfaces)}</h3>")
        meta = [f"{t('ar.date')}: {art['date']:%Y-%m-%d}" if pd.notna(art["date"]) else t("ar.undated")]
        if art["source"]:
            meta.append(f"{t('ar.source')}: {md_escape(art['source'])}")
        if art["author"]:
            meta.append(f"{t('ar.author')}: {md_escape(art['author'])}")
        if pd.notna(art["duplicate_of"]):
            meta.append(t("ar.duplicate", id=str(int(art["duplicate_of"]))))
        st.caption(" · ".join(meta))
        if agencies:
            st.caption(f"{t('ar.agencies')}: " + "、".join(md_escape(a) for a in agencies))
        body = art["body"] or ""
        st.html(f"{MARK_STYLE}<div class='wj-body'>{highlight_html(body, terms, surfaces)}</div>" if body
                else f"<p><i>{t('ar.body_empty')}</i></p>")
        link = safe_link(art["url"])
        if link:
            st.link_button(t("ar.link"), link, icon=":material/open_in_new:")
        elif art["url"]:
            st.caption(f"URL: {md_escape(art['url'])}")
