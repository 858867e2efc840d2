"""The 政策 page of a large dataset (``Dataset.large``): the caption counts and the issuer × year matrix of the
selection, from the policy fields of the dataset's saved table (``analysis.store.query_policy``); the views
that need the citations between all documents say so (``ui.large.not_here``)."""
from __future__ import annotations

import streamlit as st

from analysis.figures.policy import issuer_year_figure
from analysis.store import query_policy as QP
from ui import large, library as ui_library, state, widgets
from ui.dataset import Dataset
from ui.i18n import t


def page(ds: Dataset) -> None:
    """Lay the large dataset's policy answers out (after the page header)."""
    backend, sel, lock = state.current_selection()
    data_file = ui_library.library().data_file(ds.library_id)
    if not QP.has_policy_fields(data_file):   # saved before the loader wrote them: the text would be needed
        large.not_here(t("lg.policy"))
        return
    with lock:
        counts = QP.policy_summary(backend, sel, data_file).iloc[0]
        matrix = QP.issuer_year(backend, sel, data_file, top=25, unknown=t("pof.unknown"))
    st.caption(t("lg.po_caption", n=f"{int(counts['articles']):,}", numbered=f"{int(counts['numbered']):,}",
                 issued=f"{int(counts['issued']):,}"))
    st.caption(t("po.matrix_caption"))
    widgets.show_figure(issuer_year_figure(matrix, t("pof.matrix_title"), unknown=t("pof.unknown")), "policy_issuer_year", key="po_matrix_fig")
    widgets.show_table(matrix, "policy_issuer_year", key="po_matrix")
    large.not_here(t("lg.po_citations"))
