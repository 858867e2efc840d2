"""Who cites whom: every 《…》 title and 文号 in the bodies, its role, and the corpus document it names.

``find_citations(articles) -> DataFrame`` with :data:`CITATION_COLUMNS`, one row per reference:

- ``cited_title`` — the title inside 《》 (inner 〈〉 kept as written; for an abbreviation the full title it
  stands for, for a self-reference the document's own title), ``""`` for a bare 文号; ``written`` — the
  reference as written (《意见》, 国发〔2018〕11号);
- ``cited_doc_number`` — the 文号 written right after the title (``《…》（国发〔2018〕11号）``) or alone;
- ``role`` — what the clause around it says (:func:`citation_role`): ``basis`` 根据/依据/按照/依照,
  ``repeal`` 废止, ``amendment`` 修改/修订/修正, ``implementation`` 贯彻/落实/实施/执行, else ``other``;
- ``resolved_id`` — the ``id`` of the corpus document it names: by 文号 first, then by normalised title
  (:func:`~analysis.policy.citation_index.normalize_title`: 《中华人民共和国X法》 = 《X法》; a 印发 notice also
  answers to the title of what it issues); a title held by several versions only to the one the cited 文号 or
  year picks, never to a document with another 文号 (:meth:`~analysis.policy.citation_index.CorpusIndex.resolve`);
  reposts are never targets; ``<NA>`` = external or ambiguous;
- ``self`` — the reference names the citing document itself: its own title or 文号, an abbreviation
  defined for its own title (``（以下简称《办法》）``) or the bare name of its own type (《办法》 in a 办法).
  Abbreviations defined for another title (``根据《X条例》（以下简称《条例》）``) resolve like that title.
  An undefined bare type name (《办法》) means the last title of that type cited before it, else the
  document itself. ``本办法``/``本条例`` are not 《》 references and are not rows;
- forms, certificates and templates (《社会保险登记表》, :func:`is_form_title`), the items of an 附件 list
  (:func:`in_attachment_list`) and a title marked as one of the document's own attachments
  (``《信息采集指标和填写说明》（附件1）``, :func:`is_own_attachment`) are not citations and give no row;
- the numbered items of a repeal decision's list of repealed documents (``一、决定废止的规范性文件目录`` ⏎
  ``1.科技开发企业审批登记暂行办法`` ⏎ ``文号：（87）国科发综字0810号``; :mod:`analysis.policy.repeal_lists`)
  are ``repeal`` rows of the item's title and 文号, and any other reference in such a list (not on a 说明 line)
  has role ``repeal``;
- ``start`` — character offset of the reference in the body; ``sentence`` — the sentence holding it.
"""
from __future__ import annotations

import re
from typing import NamedTuple

import numpy as np
import pandas as pd

from analysis.policy.citation_forms import in_attachment_list, is_form_title, is_own_attachment
from analysis.policy.citation_index import CorpusIndex, normalize_title
from analysis.policy.numbers import doc_number_key, doc_type_of, find_doc_numbers
from analysis.policy.repeal_lists import in_repeal_list, repeal_items, repeal_sections

class Citation(NamedTuple):
    """One reference in a document's body (a row of :func:`find_citations`; fields in :data:`CITATION_COLUMNS`
    order): the citing document ``id``; the cited 《title》 (``""`` for a bare 文号) and 文号 as resolved
    (a 简称 such as 《办法》 gives the full title it stands for); its ``role`` (:data:`ROLES`); the corpus
    document it resolves to (``resolved_id``, None outside the corpus; the citing document itself when
    ``self``); the ``sentence`` it stands in; the text as ``written``; its ``start`` offset in the body."""

    id: int
    cited_title: str
    cited_doc_number: str
    role: str
    resolved_id: int | None
    sentence: str
    self: bool
    written: str
    start: int


CITATION_COLUMNS: tuple[str, ...] = Citation._fields
ROLES: tuple[str, ...] = ("basis", "repeal", "amendment", "implementation", "other")

_TITLE_RE = re.compile(r"《((?:[^《》\n]|《[^《》\n]*》){1,120})》")
_SENTENCE_END = re.compile(r"[。！？!?\n]")
_CLAUSE_SEP = re.compile(r"[，,；;：:]")
_ABBREV_RE = re.compile(r"^\s*[（(][^《。]{0,40}?(?:简称|称)\s*[“\"]?《([^《》]{1,20})》")
_NUMBER_AFTER = re.compile(r"^\s*[（(]\s*([^（()）]{4,40}?)\s*[）)]")
_ROLE_PATTERNS: tuple[tuple[str, re.Pattern, re.Pattern], ...] = (
    # (role, in the clause before the reference, in the clause after it)
    ("repeal", re.compile(r"废止|废除"), re.compile(r"废止|废除|停止执行|宣布失效|同时失效")),
    ("amendment", re.compile(r"修改|修订|修正"), re.compile(r"^[^《》]{0,12}?(?:修改|修订|修正)")),
    ("basis", re.compile(r"根据|依据|按|依照|遵照|参照"), re.compile(r"^[^《》]{0,6}?(?:规定|的规定)?(?:为依据)")),
    ("implementation", re.compile(r"贯彻|落实|实施|执行"), re.compile(r"^[^《》]{0,12}?(?:精神|要求|部署)")),
)


def _bare(title: str) -> str:
    """A title without its closing 》 and trailing notes (``X方案（2023-2030年）`` → ``X方案``)."""
    t = normalize_title(title).rstrip("》\"")
    for _ in range(3):
        t2 = re.sub(r"[（(][^（()）]{0,20}[）)]$", "", t).rstrip("》\"")
        if t2 == t:
            break
        t = t2
    return t


def citation_role(before: str, after: str) -> str:
    """The role of a reference from its clause: ``before`` = the clause's text before the 《…》 (back to the
    last ，；：), ``after`` = the text after it to the end of the sentence. Repeal first (``《X》同时废止``),
    then amendment (``关于修改《X》的决定``), basis (``根据《X》``), implementation (``贯彻落实《X》``), else other.
    Keywords are searched outside the cited title, so 《关于修改X的决定》 alone is not an amendment."""
    after = re.sub(r"^\s*[（(][^（()）]*[）)]", "", after)  # 《X》（冀科农〔2018〕15号）进行了修订
    for role, pat_before, pat_after in _ROLE_PATTERNS:
        if role == "repeal":
            if pat_after.search(after[:20]) or pat_before.search(before[-12:]):
                return role
            continue
        if pat_before.search(before) or pat_after.search(after):
            return role
    return "other"


def _sentence_bounds(text: str, pos: int) -> tuple[int, int]:
    start = 0
    for m in _SENTENCE_END.finditer(text, max(0, pos - 400), pos):
        start = m.end()
    end = _SENTENCE_END.search(text, pos)
    return start, (end.end() if end else len(text))


class Pending(NamedTuple):
    """One reference as found in a body before it is resolved against the corpus (:func:`extract_citations`;
    the ``citations`` table of a store holds these rows, ``analysis.store.citations``).

    ``kind`` — ``"title"`` (a 《…》 reference) or ``"number"`` (a bare 文号); ``cited_title`` / ``cited_doc_number``
    — as resolved through the document's 简称 (``""`` for a bare 文号's title); ``self`` — the reference names the
    document itself by its text alone (resolution may add more: :func:`resolve_pending`); ``role``, ``written``,
    ``start``, ``sentence`` as in :class:`Citation`. A bare 文号 standing inside a cited title's span is no row
    (left out here when that holds whatever the resolution); ``cover_self`` / ``cover_other`` — the ordinals (0-based, among the document's title rows) of the title rows whose span holds it when that title
    row turns out a self-reference (span = the document's own title) / a reference to another (span = the
    cited title)."""

    kind: str
    cited_title: str
    cited_doc_number: str
    role: str
    self: bool
    written: str
    start: int
    sentence: str
    cover_self: tuple[int, ...]
    cover_other: tuple[int, ...]


def extract_citations(title: str, body: str, own_number: str) -> list[Pending]:
    """The references of one document (``title``, ``body``, its own 文号 ``own_number`` or ``""``) before
    resolution: title rows in text order, then the bare 文号 candidates in text order. A pure function of the
    document (no corpus): the ingest stores it per article, :func:`resolve_pending` finishes the rows."""
    rows: list[Pending] = []
    own_keys = set(CorpusIndex.title_keys(title))
    own_type = doc_type_of(title)
    own_number_key = doc_number_key(own_number) if own_number else ""
    aliases: dict[str, tuple[str, str, bool]] = {}  # 简称 -> (full title, number, is_self)
    title_spans: list[tuple[int, int]] = []
    previous: list[tuple[str, str, bool]] = []  # full titles cited so far (for undefined 《办法》)
    for inner in _TITLE_RE.findall(title):  # 《X》解读, 就印发《X》答记者问: X is what 《意见》 means
        previous.append((inner, "", normalize_title(inner) in own_keys))
    form_aliases: set[str] = set()  # 简称 defined for a form
    sections = repeal_sections(body)
    items = repeal_items(body, sections) if sections else []
    for it in items:  # the item's title and its 文号 line are the item's row, no rows of their own
        title_spans.extend([(it.start, it.end), it.number_span])
    for m in _TITLE_RE.finditer(body):
        if any(it.start <= m.start() < it.end for it in items):
            continue
        cited = m.group(1).strip()
        if is_form_title(cited) or normalize_title(cited) in form_aliases or "关于" not in cited and (
                in_attachment_list(body[_sentence_bounds(body, m.start())[0]:m.start()])
                or is_own_attachment(body[m.end():m.end() + 12]) and normalize_title(cited) not in own_keys):
            am = _ABBREV_RE.match(body[m.end():m.end() + 60])
            if am:  # 《行政许可告知承诺书（示范文本）》（以下简称《承诺书》）
                form_aliases.add(normalize_title(am.group(1)))
            nm = _NUMBER_AFTER.match(body[m.end():m.end() + 60])
            title_spans.append((m.start(), m.end() + (nm.end() if nm else 0)))  # no row (P6), nor its 文号
            continue
        after_title = body[m.end():m.end() + 60]
        number = ""
        nm = _NUMBER_AFTER.match(after_title)
        if nm:
            nums = find_doc_numbers(nm.group(1))
            if nums:
                number = nums[0][2]
                title_spans.append((m.end(), m.end() + nm.end()))
        key = normalize_title(cited)
        generic = len(key) <= 6 and doc_type_of(key) != "" and key not in aliases
        if generic:  # an undefined 《办法》: the last full title of that type before it, else the document itself
            prev = next((p for p in reversed(previous) if _bare(p[0]).endswith(key)), None)
            if prev is not None:
                aliases[key] = prev
            elif _bare(title).endswith(key) or key == own_type:
                aliases[key] = (title, own_number, True)
        if key in aliases:
            full, alias_number, alias_self = aliases[key]
            resolved_title, resolved_number, is_self = full, number or alias_number, alias_self
        else:
            resolved_title, resolved_number = cited, number
            is_self = key in own_keys or (bool(own_number_key) and doc_number_key(number) == own_number_key) or (
                key == own_type and key != "")
        am = _ABBREV_RE.match(after_title)
        if am:
            aliases[normalize_title(am.group(1))] = (resolved_title, resolved_number, is_self)
        if len(key) > 6:
            previous.append((resolved_title, resolved_number, is_self))
        s, e = _sentence_bounds(body, m.start())
        clause_start = s
        for cm in _CLAUSE_SEP.finditer(body, s, m.start()):
            clause_start = cm.end()
        before = _TITLE_RE.sub("", body[clause_start:m.start()])
        after = _TITLE_RE.sub("《》", body[m.end():e])
        role = "repeal" if sections and in_repeal_list(body, sections, m.start()) else citation_role(before, after)
        rows.append(Pending(kind="title", cited_title=resolved_title, cited_doc_number=resolved_number,
                            role=role, self=is_self, written=m.group(0), start=m.start(),
                            sentence=body[s:e].strip(), cover_self=(), cover_other=()))
    for it in items:
        rows.append(Pending(kind="title", cited_title=it.title, cited_doc_number=it.number, role="repeal",
                            self=normalize_title(it.title) in own_keys or bool(own_number_key) and bool(it.number)
                            and doc_number_key(it.number) == own_number_key, written=it.line, start=it.start,
                            sentence=it.line, cover_self=(), cover_other=()))
    rows.sort(key=lambda r: r.start)
    titled = list(rows)
    for s0, e0, number in find_doc_numbers(body):
        if any(a <= s0 < b for a, b in title_spans):
            continue
        # a 文号 inside a title: the span is the cited title's, or the document's own title for a self-reference
        skip, if_self, if_other = False, [], []
        for i, r in enumerate(titled):
            in_own = r.start <= s0 < r.start + len(title) + 2
            in_cited = r.start <= s0 < r.start + len(r.cited_title) + 2
            if (r.self and in_own) or (in_own and in_cited):
                skip = True
            elif in_own:
                if_self.append(i)
            elif in_cited:
                if_other.append(i)
        if skip:
            continue
        is_self = bool(own_number_key) and doc_number_key(number) == own_number_key
        s, e = _sentence_bounds(body, s0)
        clause_start = s
        for cm in _CLAUSE_SEP.finditer(body, s, s0):
            clause_start = cm.end()
        rows.append(Pending(kind="number", cited_title="", cited_doc_number=number,
                            role="repeal" if sections and in_repeal_list(body, sections, s0) else
                            citation_role(_TITLE_RE.sub("", body[clause_start:s0]), body[e0:e]),
                            self=is_self, written=body[s0:e0], start=s0, sentence=body[s:e].strip(),
                            cover_self=tuple(if_self), cover_other=tuple(if_other)))
    return rows


def resolve_pending(aid: int, title: str, own_number: str, pending: list[Pending], index: CorpusIndex,
                    until: int | None = None) -> list[Citation]:
    """The :class:`Citation` rows of document ``aid`` (its ``title`` and 文号 ``own_number``) from its
    :func:`extract_citations` rows, resolved with ``index`` (:meth:`CorpusIndex.resolve`, never to a document
    written after ``until``, the year the citing document was written by — default: the index's
    ``until[aid]``, :func:`~analysis.policy.citation_index.written_by` of its row; a reference resolving to the
    document itself is a self-reference), in text order."""
    if until is None:
        until = index.until.get(aid)
    rows: list[Citation] = []
    final_self: list[bool] = []
    for p in pending:
        if p.kind == "number" and (any(final_self[i] for i in p.cover_self)
                                   or any(not final_self[i] for i in p.cover_other)):
            continue
        is_self = p.self
        resolved = None if is_self else index.resolve(p.cited_title, p.cited_doc_number, until)
        if resolved == aid:
            is_self, resolved = True, None
        if p.kind == "title":
            final_self.append(is_self)
            cited_title, cited_number = (title, own_number) if is_self else (p.cited_title, p.cited_doc_number)
        else:
            cited_title, cited_number = "", p.cited_doc_number
        rows.append(Citation(id=aid, cited_title=cited_title, cited_doc_number=cited_number, role=p.role,
                             resolved_id=aid if is_self else resolved, self=is_self, written=p.written,
                             start=p.start, sentence=p.sentence))
    rows.sort(key=lambda r: r.start)
    return rows


def has_references(body: str) -> bool:
    """Whether a body can hold a reference at all (a 《, 〔, [ or 号): the others are not scanned."""
    return "《" in body or "〔" in body or "[" in body or "号" in body


def _document_citations(aid: int, title: str, body: str, own_number: str, index: CorpusIndex) -> list[Citation]:
    return resolve_pending(aid, title, own_number, extract_citations(title, body, own_number), index)


def find_citations(articles: pd.DataFrame) -> pd.DataFrame:
    """One row per 《…》 title and bare 文号 in the bodies of ``articles`` (needs ``id``, ``title``, ``body``;
    ``doc_number``, ``written_date`` and ``date`` are used when present), columns :data:`CITATION_COLUMNS`, in
    article then text order. ``resolved_id`` is ``Int64`` (``<NA>`` = outside the corpus)."""
    index = CorpusIndex(articles)
    numbers = articles["doc_number"].fillna("").tolist() if "doc_number" in articles else [""] * len(articles)
    rows: list[Citation] = []
    for aid, title, body, number in zip(articles["id"].tolist(), articles["title"].fillna("").tolist(),
                                        articles["body"].fillna("").tolist(), numbers):
        if has_references(body):
            rows.extend(_document_citations(int(aid), title, body, number, index))
    out = pd.DataFrame(rows, columns=list(CITATION_COLUMNS))
    out["id"] = out["id"].astype("int64")
    out["resolved_id"] = pd.array(out["resolved_id"].tolist(), dtype="Int64")
    out["self"] = out["self"].astype(bool)
    out["start"] = out["start"].astype("int64")
    return out


def _masked(citations: pd.DataFrame, articles: pd.DataFrame, mask: np.ndarray | None) -> pd.DataFrame:
    if mask is None:
        return citations
    keep = set(articles.loc[np.asarray(mask, dtype=bool), "id"].tolist())
    return citations[citations["id"].isin(keep)]


def role_counts(citations: pd.DataFrame) -> pd.DataFrame:
    """``role, citations, resolved, resolved_share`` over references to other documents (self-references
    left out), roles in :data:`ROLES` order, plus a ``total`` row."""
    c = citations[~citations["self"]]
    rows = []
    for role in ROLES + ("total",):
        part = c if role == "total" else c[c["role"] == role]
        n, r = len(part), int(part["resolved_id"].notna().sum())
        rows.append({"role": role, "citations": n, "resolved": r, "resolved_share": round(r / n, 4) if n else 0.0})
    return pd.DataFrame(rows, columns=["role", "citations", "resolved", "resolved_share"])


def top_cited(citations: pd.DataFrame, articles: pd.DataFrame, n: int = 20, *, inside: bool | None = None,
              mask: np.ndarray | None = None) -> pd.DataFrame:
    """The most cited titles: ``title, citations, citing_documents, in_corpus, resolved_id, doc_number``.

    References are grouped by the corpus document they resolve to, else by normalised title (bare 文号 by
    the number); self-references are left out. ``inside`` True/False keeps only titles inside/outside the
    corpus; ``mask`` restricts the *citing* articles. Most citing documents first, then citations, then title."""
    c = _masked(citations[~citations["self"]], articles, mask)
    cols = ["title", "citations", "citing_documents", "in_corpus", "resolved_id", "doc_number"]
    if c.empty:
        return pd.DataFrame(columns=cols)
    titles = dict(zip(articles["id"].tolist(), articles["title"].tolist()))
    numbers = dict(zip(articles["id"].tolist(), articles.get("doc_number", pd.Series("", index=articles.index))
                       .fillna("").tolist()))
    key = np.where(c["resolved_id"].notna(), "#" + c["resolved_id"].astype("string").fillna(""),
                   np.where(c["cited_title"] != "", c["cited_title"].map(normalize_title),
                            "文号:" + c["cited_doc_number"].map(doc_number_key)))
    g = c.assign(_key=key).groupby("_key", sort=False)
    out = pd.DataFrame({
        "citations": g.size(),
        "citing_documents": g["id"].nunique(),
        "resolved_id": g["resolved_id"].first(),
        "first_title": g["cited_title"].agg(lambda s: next((t for t in s if t), "")),
        "first_number": g["cited_doc_number"].agg(lambda s: next((t for t in s if t), "")),
    }).reset_index()
    out["in_corpus"] = out["resolved_id"].notna()
    out["title"] = [titles.get(int(r)) if pd.notna(r) else (t or num) for r, t, num in
                    zip(out["resolved_id"], out["first_title"], out["first_number"])]
    out["doc_number"] = [numbers.get(int(r), "") if pd.notna(r) and numbers.get(int(r)) else num
                         for r, num in zip(out["resolved_id"], out["first_number"])]
    if inside is not None:
        out = out[out["in_corpus"] == inside]
    out = out.sort_values(["citing_documents", "citations", "title"], ascending=[False, False, True], kind="stable")
    return out[cols].head(n).reset_index(drop=True)


def document_counts(citations: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Per article: ``id, citing`` and ``cited_by``, aligned with ``articles`` (0 when none). The two count
    different units (tester s15 Q2; the 政策 page's headers 引用处数 / 被引文件数 and their tooltips say so):
    ``citing`` = reference rows the document makes (self-references left out; the same 《title》 cited three
    times counts 3, and references to documents outside the corpus count too — there is no reliable "same
    document" for them), ``cited_by`` = distinct corpus documents whose references resolve to it (a document
    citing it three times counts once)."""
    c = citations[~citations["self"]]
    citing = c.groupby("id").size()
    cited_by = c.dropna(subset=["resolved_id"]).groupby("resolved_id")["id"].nunique()
    ids = articles["id"]
    return pd.DataFrame({"id": ids.to_numpy(),
                         "citing": ids.map(citing).fillna(0).astype("int64").to_numpy(),
                         "cited_by": ids.map(cited_by).fillna(0).astype("int64").to_numpy()})


def citation_edges(citations: pd.DataFrame, mask_ids: set[int] | None = None) -> pd.DataFrame:
    """Edges inside the corpus: ``source`` (citing id), ``target`` (cited id), ``weight`` (references),
    ``roles`` (``|``-joined, most frequent first); self-references left out. ``mask_ids`` keeps edges whose
    citing document is among them."""
    c = citations[~citations["self"] & citations["resolved_id"].notna()]
    if mask_ids is not None:
        c = c[c["id"].isin(mask_ids)]
    cols = ["source", "target", "weight", "roles"]
    if c.empty:
        return pd.DataFrame(columns=cols)
    c = c.assign(target=c["resolved_id"].astype("int64"))
    g = c.groupby(["id", "target"], sort=False)
    out = pd.DataFrame({"weight": g.size(),
                        "roles": g["role"].agg(lambda s: "|".join(s.value_counts().index))}).reset_index()
    out = out.rename(columns={"id": "source"})
    return out.sort_values(["weight", "source", "target"], ascending=[False, True, True]).reset_index(drop=True)[cols]


def citing_sentences(citations: pd.DataFrame, articles: pd.DataFrame, target: int) -> pd.DataFrame:
    """The references to corpus document ``target``: ``id, title, role, cited_title, sentence`` (citing
    article order)."""
    c = citations[(citations["resolved_id"] == target) & ~citations["self"]]
    titles = dict(zip(articles["id"].tolist(), articles["title"].tolist()))
    return pd.DataFrame({"id": c["id"].to_numpy(), "title": c["id"].map(titles).to_numpy(),
                         "role": c["role"].to_numpy(), "cited_title": c["cited_title"].to_numpy(),
                         "sentence": c["sentence"].to_numpy()})
