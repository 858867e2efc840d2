"""Policy documents (政策文件): formal metadata and the references between documents.

- ``analysis.policy.metadata`` — ``add_policy_columns(articles)``: 文号 ``doc_number``, 发文机关 ``issuer``,
  成文日期 ``written_date``, 施行日期 ``effective_date``, ``status``, ``doc_type``, ``amendments`` and the
  headnote date (``date_source="headnote"``), from table columns, info-disclosure blocks and the text.
- ``analysis.policy.citations`` — every 《…》 title and 文号 in the bodies, with its role and the corpus
  document it resolves to.
- ``analysis.policy.documents`` — the documents table and issuer × year of the 政策 page (figures:
  ``analysis.figures.policy``).
- ``analysis.policy.register`` — the policy-register stopword list for keyword rankings.
"""
from __future__ import annotations

import numpy as np

from analysis.policy.citations import find_citations, role_counts, top_cited
from analysis.policy.documents import documents_table, issuer_year
from analysis.policy.metadata import policy_share, with_policy_columns

#: share of policy documents in a selection above which the report gets a policy section
REPORT_MIN_SHARE = 0.5


def report_tables(articles, mask, unknown: str = "") -> list:
    """The report's 政策 / Policy section (used by ``analysis.report_content``): ``[(code, DataFrame), …]`` —
    ``documents`` (most cited first), ``roles`` (citations by role), ``most_cited`` (the 20 most cited
    titles), ``issuer_year`` — for the rows selected by ``mask`` (boolean array or None = all); ``[]`` when at
    most half of them are policy documents (a news selection gets no policy section). The caller words the
    codes (``labels.report.POLICY_TITLES``); ``unknown``: the issuer shown for documents without one in the
    issuer × year table (the caller's word for it)."""
    arts = with_policy_columns(articles)
    sel = arts if mask is None else arts[np.asarray(mask, dtype=bool)]
    if sel.empty or policy_share(sel) <= REPORT_MIN_SHARE:
        return []
    cites = find_citations(arts)
    own = cites[cites["id"].isin(set(sel["id"]))]
    docs = documents_table(sel, own).sort_values(["cited_by", "citing", "id"], ascending=[False, False, True],
                                                 kind="stable")
    return [
        ("documents", docs.reset_index(drop=True)),
        ("roles", role_counts(own)),
        ("most_cited", top_cited(cites, arts, 20, mask=mask)),
        ("issuer_year", issuer_year(sel, unknown=unknown)),
    ]
