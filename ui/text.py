"""Showing user text safely: everything from a file is escaped before any markup is added.

``highlight_html`` finds the terms in the *raw* text, then escapes every piece and wraps only the matched
pieces in ``<mark>`` — so a title like ``<img onerror=…>`` is shown as text, and a term can never split an
HTML entity. ``md_escape`` makes user text inert inside ``st.markdown``/``st.caption`` labels.
"""
from __future__ import annotations

import html
import re
from collections.abc import Iterable

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


def md_escape(text: object) -> str:
    """``text`` with every markdown (and HTML-tag) character backslash-escaped, newlines flattened."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def match_spans(text: str, terms: Iterable[str]) -> list[tuple[int, int, str]]:
    """Non-overlapping ``(start, end, term)`` of case-insensitive matches; longer terms win overlaps."""
    lowered = text.lower()
    spans: list[tuple[int, int, str]] = []
    taken = [False] * len(text)
    ordered = sorted({t for t in terms if t}, key=len, reverse=True)
    for term in ordered:
        needle = term.lower()
        start = lowered.find(needle)
        while start != -1:
            end = start + len(needle)
            if not any(taken[start:end]):
                spans.append((start, end, term))
                for i in range(start, end):
                    taken[i] = True
            start = lowered.find(needle, end)
    return sorted(spans)


def highlight_html(text: str, terms: Iterable[str] = (), agencies: Iterable[str] = ()) -> str:
    """``text`` as safe HTML paragraphs, query ``terms`` in ``<mark class="wj-q">`` and ``agencies`` in
    ``<mark class="wj-a">``."""
    terms, agencies = [t for t in terms if t], [a for a in agencies if a]
    kinds = {t.lower(): "wj-q" for t in terms} | {a.lower(): "wj-a" for a in agencies}
    out: list[str] = []
    pos = 0
    for start, end, term in match_spans(text, [*terms, *agencies]):
        out.append(html.escape(text[pos:start]))
        cls = kinds.get(term.lower(), "wj-q")
        out.append(f'<mark class="{cls}">{html.escape(text[start:end])}</mark>')
        pos = end
    out.append(html.escape(text[pos:]))
    joined = "".join(out)
    paras = [p.strip() for p in joined.split("\n") if p.strip()]
    return "".join(f"<p>{p}</p>" for p in paras)


MARK_STYLE = ("<style>mark.wj-q{background:#ffe58f;padding:0 2px;border-radius:2px}"
              "mark.wj-a{background:#bae0ff;padding:0 2px;border-radius:2px}"
              ".wj-body p{line-height:1.9;margin:0 0 .8em 0;font-size:1.02rem}</style>")
