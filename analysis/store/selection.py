"""A selection of a store's articles: :class:`Selection` (what a ``Filters`` selects, as a numpy mask or a
SQL ``WHERE``) and the SQL forms of a ``Filters`` — :func:`where_clauses` over the ``articles`` table (one clause
per filter, like datasette's ``Filters.build_where_clauses``) and :func:`cell_condition` over the month ×
duplicate roll-up cells. Used by both backends (``analysis.store.backends``)."""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from analysis.errors import invalid_option
from analysis.filters import Filters, parse_query

__all__ = ["Selection", "cell_condition", "check_selection", "uncased", "where_clauses"]


# ------------------------------------------------------------------------------------------------ selection
@dataclass(frozen=True)
class Selection:
    """The articles a ``Filters`` selects: ``mask`` (memory backend) or ``where`` + ``params`` (SQL over
    the ``articles`` view, alias ``a``)."""

    filters: Filters
    mask: np.ndarray | None = None
    where: str = "TRUE"
    params: tuple = field(default_factory=tuple)
    #: Arrow tables the ``where`` refers to by name (registered on the backend's connection while this lives).
    tables: tuple = field(default_factory=tuple, compare=False, repr=False)


def check_selection(backend, sel: Selection) -> None:
    """Check that ``sel`` was made by a backend of ``backend``'s kind (a memory selection carries a mask, a SQL
    one a ``WHERE``); raises ``InvalidOption`` otherwise — every query function of ``analysis.store.query`` and
    ``analysis.store.query_rows`` calls it first."""
    if (backend.kind == "memory") != (sel.mask is not None):
        raise invalid_option("selection", "from another backend", f"a selection made by this {backend.kind} backend")


def uncased(term: str) -> bool:
    """True when lower-casing the text cannot change whether ``term`` occurs in it: no character of ``term``
    has case (Chinese, digits, punctuation) and none is U+0307, the only uncased character a lower-case
    mapping produces (İ → i̇). Then the SQL skips ``lower()`` on the text (half the cost of a query)."""
    return all(ch.lower() == ch == ch.upper() and ch != "\u0307" for ch in term)


def where_clauses(filters: Filters, *, query_rows: str | None = None) -> tuple[list[str], list]:
    """SQL conditions (ANDed) and their ``?`` parameters for ``filters`` over ``articles a`` — one
    clause per filter, like datasette's ``Filters.build_where_clauses``. Raises ``InvalidOption`` for a bad
    query (``analysis.filters.parse_query``). ``query_rows``: the name of a table of the rows the query
    matches (computed with the bigram index, :meth:`DuckBackend.select`), used instead of scanning the text."""
    clauses: list[str] = []
    params: list = []
    if filters.dedupe:
        clauses.append("a.duplicate_of IS NULL")
    if filters.date_from is not None or filters.date_to is not None:
        rng = []
        if filters.date_from is not None:
            rng.append("a.date >= CAST(? AS DATE)")
            params.append(pd.Timestamp(filters.date_from).date().isoformat())
        if filters.date_to is not None:
            rng.append("a.date <= CAST(? AS DATE)")
            params.append(pd.Timestamp(filters.date_to).date().isoformat())
        cond = " AND ".join(rng)
        clauses.append(f"(({cond}) OR a.date IS NULL)" if filters.keep_undated else f"({cond})")
    if filters.sources:
        clauses.append(f"a.source IN ({', '.join('?' for _ in filters.sources)})")
        params.extend(filters.sources)
    if filters.query:
        q = parse_query(filters.query)
        if q.clauses and query_rows is not None:
            clauses.append(f"a.row IN (SELECT row FROM {query_rows})")
        elif q.clauses:
            ors = []
            for clause in q.clauses:
                ands = []
                for neg, term in clause:
                    title, body = ("t.title", "t.body") if uncased(term) else ("lower(t.title)", "lower(t.body)")
                    ands.append(f"{'NOT ' if neg else ''}(contains({title}, ?) OR contains({body}, ?))")
                    params.extend([term, term])
                ors.append("(" + " AND ".join(ands) + ")")
            clauses.append("a.article_id IN (SELECT t.article_id FROM article_text t WHERE "
                           + " OR ".join(ors) + ")")
    if filters.agencies:
        marks = ", ".join("?" for _ in filters.agencies)
        clauses.append("a.article_id IN (SELECT m.article_id FROM mentions m JOIN agencies g USING (agency_id) "
                       f"WHERE g.agency IN ({marks}))")
        params.extend(filters.agencies)
    return clauses, params


def cell_condition(filters: Filters) -> tuple[str, list] | None:
    """The roll-up cells (``analysis.store.build``: alias ``c``, columns ``month``, ``dup``) whose union is
    the selection of ``filters`` — SQL condition and parameters — or ``None`` when the selection is not a
    union of cells: a source, query or agency filter, or a date bound inside a month (``date_from`` not the
    1st, ``date_to`` not the last day of its month)."""
    if filters.sources or filters.agencies or (filters.query and parse_query(filters.query).clauses):
        return None
    conds: list[str] = ["NOT c.dup"] if filters.dedupe else []
    params: list = []
    lo = pd.Timestamp(filters.date_from).normalize() if filters.date_from is not None else None
    hi = pd.Timestamp(filters.date_to).normalize() if filters.date_to is not None else None
    if lo is not None or hi is not None:
        if (lo is not None and lo.day != 1) or (hi is not None and not hi.is_month_end):
            return None
        rng = []
        for bound, op in ((lo, ">="), (hi, "<=")):
            if bound is not None:
                rng.append(f"c.month {op} ?")
                params.append((bound.year - 1970) * 12 + bound.month - 1)
        cond = " AND ".join(rng)
        conds.append(f"(({cond}) OR c.month IS NULL)" if filters.keep_undated else f"({cond})")
    return " AND ".join(conds) or "TRUE", params


