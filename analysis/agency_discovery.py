"""Discovery of agency names the table does not know yet (the 机构 page's review list): a full region name + a
department-like ending no mention covers, and words jieba tags ``nt`` (organisation).
"""
from __future__ import annotations

from functools import lru_cache

import numpy as np
import pandas as pd

from analysis.agency_matcher import AgencyMatcher
from analysis.agency_rules import CANDIDATE, CANDIDATE_REJECT, CANDIDATE_STOP, UNIT_NEXT_BLOCK, in_title_marks
from analysis.agency_table import split_aliases


@lru_cache(maxsize=1)
def _pos_tokenizer():
    """A dedicated jieba POS tokenizer (never jieba's global one), built once per process."""
    import logging

    import jieba
    import jieba.posseg

    jieba.setLogLevel(logging.WARNING)
    return jieba.posseg.POSTokenizer(jieba.Tokenizer())


def discover_candidates(articles: pd.DataFrame, mentions: pd.DataFrame, matcher: AgencyMatcher | None = None,
                        rejected: set[str] | frozenset[str] = frozenset(), limit: int = 2000,
                        use_jieba: bool = True, mask: np.ndarray | None = None) -> pd.DataFrame:
    """Names that look like agencies but are not in the table: a region name followed by a department-like
    suffix (委员会/局/厅/办/院 …) that no mention covers, and words jieba tags ``nt`` (organisation). Never a
    piece of a title: nothing inside 《…》, nor a suffix that continues a word (…办法, …局长).
    Returns ``candidate, mentions, documents, example`` for the first ``limit`` articles (of those in
    ``mask``); ``rejected`` names (the user's review decisions) and known aliases are left out."""
    matcher = matcher or AgencyMatcher.default()
    known = set(matcher.table["canonical"]) | {a for s in matcher.table["aliases"] for a in split_aliases(s)}
    found: dict[str, list] = {}
    covered = mentions.groupby(["row", "field"])[["start", "end"]].apply(
        lambda d: list(zip(d["start"], d["end"]))).to_dict() if len(mentions) else {}
    pos_tok = _pos_tokenizer() if use_jieba else None
    rows = np.flatnonzero(np.asarray(mask, dtype=bool)) if mask is not None else np.arange(len(articles))
    titles, bodies = articles["title"].to_numpy(), articles["body"].to_numpy()
    for row in rows[:limit].tolist():
        title, body = titles[row], bodies[row]
        for f, text in (("title", title or ""), ("body", body or "")):
            spans = covered.get((row, f), [])

            def free(s: int, e: int) -> bool:
                return all(e <= a or s >= b for a, b in spans)

            for s, e, ridx, full in matcher.region_hits(matcher.scan(text)):
                m = CANDIDATE.match(text, e)
                if not m or not full:
                    continue
                name = text[s:m.end()]
                if in_title_marks(text, s) or (m.end() < len(text) and text[m.end()] in UNIT_NEXT_BLOCK):
                    continue  # 《河北省科学技术奖励办法》, 河北省科学技术奖励办法: a title, not a body
                if (free(s, m.end()) and not CANDIDATE_REJECT.search(name) and not (set(m.group()) & CANDIDATE_STOP)
                        and name not in known and name not in rejected):
                    found.setdefault(name, []).append((row, text[max(0, s - 15):m.end() + 15]))
            if pos_tok is not None and text:
                pos = 0
                for w in pos_tok.cut(text):
                    s = text.find(w.word, pos)
                    pos = s + len(w.word) if s >= 0 else pos
                    if (w.flag == "nt" and len(w.word) >= 4 and s >= 0 and free(s, s + len(w.word))
                            and not in_title_marks(text, s)
                            and w.word not in known and w.word not in rejected
                            and not CANDIDATE_REJECT.search(w.word)):
                        found.setdefault(w.word, []).append((row, text[max(0, s - 15):s + len(w.word) + 15]))
    table = [(name, len(v), len({r for r, _ in v}), v[0][1]) for name, v in found.items()]
    out = pd.DataFrame(table, columns=["candidate", "mentions", "documents", "example"])
    return out.sort_values(["documents", "mentions", "candidate"], ascending=[False, False, True]).reset_index(
        drop=True)

