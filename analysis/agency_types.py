"""The type of a detected agency (人民政府, 市场监管部门 …) for filtering by type (issue 13 item 5).

A body of the agency table (``data/agencies.csv`` + the user's edits) has the table's ``type``; a regional
body built by a naming rule (``data/agency_templates.csv``: ``{r}`` + department) has the rule's ``type``,
found by the longest department suffix of its name (海南省市场监督管理局 → the rule whose provincial form is
``{r}市场监督管理局``). Anything else (foreign bodies, township bodies, task commands) is ``""``.
"""
from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

import pandas as pd

from analysis.agency_table import load_agencies, load_templates


@lru_cache(maxsize=1)
def _suffixes() -> tuple[tuple[int, dict[str, str]], ...]:
    """``(length, {department suffix: type})`` of every naming rule, longest suffixes first (the templates
    are read once: ``load_templates``)."""
    rules = load_templates()
    pairs: dict[str, str] = {}
    for _, row in rules.iterrows():
        for level in ("provincial", "municipal", "county"):
            form = str(row.get(level) or "")
            if form.startswith("{r}") and len(form) > 3 and str(row.get("type") or ""):
                pairs.setdefault(form[3:], str(row["type"]))
    by_length: dict[int, dict[str, str]] = {}
    for suffix, kind in pairs.items():
        by_length.setdefault(len(suffix), {})[suffix] = kind
    return tuple(sorted(by_length.items(), reverse=True))


def agency_types(names: Iterable[str], table: pd.DataFrame | None = None) -> dict[str, str]:
    """``{name: type}`` for each name (see the module docstring); ``table`` defaults to ``load_agencies()``.
    The longest department suffix shorter than the name decides (one lookup per suffix length)."""
    table = load_agencies() if table is None else table
    by_name = {str(c): str(t or "") for c, t in zip(table["canonical"], table.get("type", [""] * len(table)))}
    suffixes = _suffixes()
    out: dict[str, str] = {}
    for name in names:
        kind = by_name.get(name, "")
        if not kind:
            kind = next((k for n, forms in suffixes if len(name) > n and (k := forms.get(name[-n:]))), "")
        out[name] = kind
    return out
