"""Policy documents (政策文件): formal metadata and the references between documents.

- ``analysis.policy.metadata`` — ``add_policy_columns(articles)``: 文号 ``doc_number``, 发文机关 ``issuer``,
  成文日期 ``written_date``, 施行日期 ``effective_date``, ``status``, ``doc_type``, ``amendments`` and the
  headnote date (``date_source="headnote"``), from table columns, info-disclosure blocks and the text.
- ``analysis.policy.citations`` — every 《…》 title and 文号 in the bodies, with its role and the corpus
  document it resolves to.
- ``analysis.policy.figures`` — the network, ranking and issuer × year figures of the 政策 page.
- ``analysis.policy.register`` — the policy-register stopword list for keyword rankings.
"""
