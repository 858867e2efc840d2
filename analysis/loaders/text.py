"""One article out of a scraped text page (a portal page saved as plain text, one article per file).

Two shapes are common and both are handled by the same rules:

- a cleaned scrape (like the project's seed): banner, title, a ``时间:… 来源:… 作者:…`` line, the body,
  then 原文链接, a 免责声明 and the portal's footer;
- a browser/"save as text" rendering of the whole page: the ``<title>`` (with its ``_网站名`` suffix) on
  the first line, hundreds of menu lines, the title again, a date/来源 line, the body, related lists.

The title is found from the page title and from the line standing above the article's date/来源 line;
the date from that line, then from any labelled date (发布日期: …) after the title, then from the
原文链接 URL; never from a date that merely occurs in the body. ``extract_from_lines`` is shared with
the HTML loader, which feeds it the page's visible text. What a single line is (title-like, a date stamp, an
outlet name, a label cell) is decided in ``analysis.loaders.text_lines``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from analysis.boilerplate import is_boilerplate_line, original_link, split_lines, trim_edges
from analysis.dates import date_from_url, find_labelled_dates
from analysis.errors import LoadError, note
from analysis.loaders.text_lines import (anchor_meta, attribution_author, date_only_line, first_title_like,
                                        in_dated_list, join_label_lines, looks_like_title, main_block, source_name)
from analysis.loaders.titles import repair_title, strip_site_suffix, title_key
from analysis.meta_lines import Meta, clean_line, clean_lines, parse_meta_line

__all__ = ["parse_text_page", "extract_from_lines", "attribution_author", "Article", "join_label_lines",
           "check_article", "MIN_BODY_CHARS"]

MIN_BODY_CHARS = 20


@dataclass
class Article:
    title: str = ""
    date: pd.Timestamp | None = None
    source: str = ""
    author: str = ""
    url: str = ""
    body: str = ""
    date_source: str = ""                       # analysis.schema.DATE_SOURCES
    written_date: pd.Timestamp | None = None    # 成文日期, when stated apart from the publish date

    def as_dict(self, extras: bool = False) -> dict:
        """The six article fields; with ``extras`` also ``date_source`` and ``written_date``."""
        out = {"title": self.title, "date": self.date, "source": self.source, "author": self.author,
               "url": self.url, "body": self.body}
        if extras:
            out["date_source"] = self.date_source if self.date is not None else ""
            out["written_date"] = self.written_date
        return out


def _find_title(lines: list[str], hint: str) -> tuple[int, int] | None:
    """Span ``(i, j)`` of the title line(s) — a title may wrap over up to three lines.

    ``hint`` is the page title without its site suffix (may be ''). Among the lines matching it, the one
    standing above a date/来源 line wins, else the one followed by the most article text (the ``<title>``
    repeated in a share box at the page bottom is followed by none). Without a hint, the title is the
    title-like line above the first date/来源 line.
    """
    key = title_key(hint) if hint else ""
    longest = 2 * len(hint) + 10          # a line longer than this cannot be (part of) the title
    keys = [title_key(line) if len(line) <= longest else "" for line in lines]
    anchor_cache: dict[int, bool] = {}

    def is_anchor(i: int) -> bool:
        if i not in anchor_cache:
            anchor_cache[i] = anchor_meta(lines[i]) is not None
        return anchor_cache[i]

    def near_anchor(j: int) -> int:
        return next((d for d in range(0, 6) if j + d < len(lines) and is_anchor(j + d)), 99)

    def weight(j: int) -> int:
        return sum(len(x) for x in lines[j:j + 15] if len(x) >= 25)

    if len(key) >= 4:
        spans = [(i, i + 1) for i, k in enumerate(keys) if k == key]
        spans += [(i, i + n) for n in (2, 3) for i in range(len(keys) - n + 1)
                  if "".join(keys[i:i + n]) == key and all(keys[i:i + n])]
        # the title with a few characters stuck to it (``…补贴昨天``), or a cut <title> (``…免...``)
        spans += [(i, i + 1) for i, k in enumerate(keys)
                  if k != key and len(k) >= 6 and looks_like_title(lines[i])
                  and ((k.startswith(key) and len(k) - len(key) <= 8) or (key.startswith(k) and len(k) >= 0.6 * len(key)))]
        if spans:
            return min(spans, key=lambda s: (near_anchor(s[1]), -weight(s[1]), s[1] - s[0] == 1 and keys[s[0]] != key,
                                             -s[0]))
    seen = 0
    for a in range(len(lines)):
        if len(lines[a]) <= 200 and is_anchor(a):
            for i in range(a - 1, max(a - 5, -1), -1):
                if looks_like_title(lines[i]):
                    return (i, i + 1)
            seen += 1
            if seen >= 10:        # the title stands above one of the page's first date/来源 lines
                break
    return None


# a crawler dump's labelled title (标题：…) — unless the page is a 政府信息公开 table (its keys nearby)
_DISCLOSURE_KEY = re.compile(r"^(?:索引号|发文字号|发文机关|主题分类|文号|發文字號|發文機關)\s*[:：]")
_TITLE_LABEL = re.compile(r"^(?:标题|題目|题目|標題|文章标题|新闻标题|title|headline)\s*[:：]\s*(?P<t>.{2,200})$", re.I)
_SEPARATOR_ONLY = re.compile(r"^[\s·•|/｜丨\-—_:：]+$")


def _place_title(lines: list[str], hint: str, start: int) -> tuple[str, int | None, int]:
    """``(title, index of its first line or None, index of the first line after it)`` in the cleaned ``lines``:
    a crawler dump's labelled title (``标题：…``), else the span :func:`_find_title` gives (in the hint's wording
    when the line only adds a trailing word or wraps the title), else the hint, else the first title-like line.
    ``start``: 1 when ``lines[0]`` is the hint itself (a text page's first line)."""
    labelled = next(((i, m.group("t").strip()) for i, m in
                     ((i, _TITLE_LABEL.match(x)) for i, x in enumerate(lines[:40])) if m), None)
    if labelled is not None and any(_DISCLOSURE_KEY.match(x) for x in lines[:60]):
        labelled = None      # the 标题 cell of a 政府信息公开 table, not a crawler dump: find the headline itself
    if labelled is not None:            # a crawler dump: "标题：…", "时间：…", "正文：…"
        return labelled[1], labelled[0], labelled[0] + 1
    span = _find_title(lines[start:], hint)
    if span is not None:
        t_idx, t_end = span[0] + start, span[1] + start
        found = lines[t_idx] if t_end == t_idx + 1 else "".join(lines[t_idx:t_end])
        key = title_key(found)
        hint_key = title_key(hint)
        cut = re.search(r"(?:\.{2,}|…+)$", hint) is not None
        # the hint's wording when the line only adds a trailing word or is the title wrapped over lines
        title = hint if hint_key and key != hint_key and key.startswith(hint_key) and not cut else found
        if t_end > t_idx + 1 and hint_key == key:
            title = hint
        return title, t_idx, t_end
    if hint and not is_boilerplate_line(hint):
        return hint, None, start
    first = first_title_like(lines)
    return (lines[first], None, first + 1) if first is not None else ("", None, 0)


def _meta_around_title(lines: list[str], t_idx: int | None, body_from: int) -> Meta:
    """The date/来源/作者 of the lines right around the title: up to 8 below it (until the article's text
    begins) first — a date right above it may end a dated sidebar list (``·某会议召开`` / ``2023-04-18``) in a
    table-layout page — then 2 above it, dated link-list entries left out. A bare date stamp takes the outlet
    name standing alone next to it (``新华社`` / ``2020-01-03 18:13``)."""
    meta = Meta()
    lo = max((t_idx if t_idx is not None else body_from) - 2, 0)
    below = []
    for i in range(body_from, min(body_from + 8, len(lines))):
        if (len(lines[i]) >= 40 and re.search(r"[，。；！？]", lines[i]) and parse_meta_line(lines[i]) is None
                and not is_boilerplate_line(lines[i])):
            break          # the article's text has begun: a date after it closes a notice (its 成文日期)
        below.append(i)
    above = [i for i in range(lo, body_from) if not (t_idx is not None and t_idx <= i < body_from)]
    for i in [*below, *above]:
        if i in above and in_dated_list(lines, i):
            continue
        stamp = anchor_meta(lines[i])
        if stamp is None:
            continue
        if stamp.date is not None and not stamp.source and date_only_line(lines[i]) is not None:
            for step in (1, -1):
                j = i + step
                while 0 <= j < len(lines) and _SEPARATOR_ONLY.match(lines[j]):
                    j += step             # "2019-05-17 / · / 苏皖城市报道"
                if 0 <= j < len(lines) and not (t_idx is not None and t_idx <= j < body_from) \
                        and source_name(lines[j]):
                    stamp.source = lines[j]
                    break
        meta.merge(stamp)
    return meta


def _settle_dates(meta: Meta, lines: list[str], body_from: int, tail_meta: Meta, page_meta: Meta | None) -> None:
    """Fill ``meta``'s dates in order of trust: a labelled 发布日期 after the title (a 成文日期 alone waits), the
    page's tail (``split_lines``), what the caller knows (``page_meta``), any labelled date of the page, the
    成文日期 when nothing else is stated, the 原文链接 URL."""
    if meta.date is None:
        date, written = find_labelled_dates("\n".join(lines[body_from:]))
        if date is not None and date != written:    # a 成文日期 alone waits for a 发布日期 elsewhere
            meta.merge(Meta(date=date, date_source="label"))
    meta.merge(tail_meta)
    if page_meta is not None:
        meta.merge(page_meta)
    if meta.date is None or meta.written_date is None:
        date, written = find_labelled_dates("\n".join(lines))
        meta.merge(Meta(date=date, date_source="label", written_date=written))
    if meta.date is None and meta.written_date is not None:
        meta.date, meta.date_source = meta.written_date, "label"    # only the 成文日期 is stated
    if meta.date is None and meta.url:
        meta.merge(Meta(date=date_from_url(meta.url), date_source="url"))


def extract_from_lines(lines: list[str], title_hint: str = "", page_meta: Meta | None = None,
                       hint_is_first_line: bool = False, hint_is_headline: bool = False) -> Article:
    """The article in a page's visible lines.

    ``title_hint`` is the page's ``<title>`` (or the text page's first line); ``page_meta`` what the
    caller knows from elsewhere (HTML meta tags), used to fill gaps. ``hint_is_headline``: the hint is
    the article's own headline field (``<meta name="ArticleTitle">``), not a ``<title>`` with a site suffix.
    """
    lines = join_label_lines(clean_lines("\n".join(lines)))
    # a CMS's own headline field (TRS ArticleTitle) has no site suffix to cut: "（4.10-4.16）" stays whole
    hint = (clean_line(title_hint) if hint_is_headline else strip_site_suffix(title_hint)) if title_hint else ""
    start = 1 if hint_is_first_line and lines and clean_line(title_hint) == lines[0] else 0
    art = Article()
    art.title, t_idx, body_from = _place_title(lines, hint, start)
    meta = _meta_around_title(lines, t_idx, body_from)
    if t_idx is not None:
        # the date stamp, outlet and toolbar lines right under the title are not body
        while body_from < len(lines) and body_from - t_idx <= 8 and (
                anchor_meta(lines[body_from]) is not None or is_boilerplate_line(lines[body_from])
                or parse_meta_line(lines[body_from]) is not None
                or (meta.source and lines[body_from] == meta.source)):
            meta.url = meta.url or original_link(lines[body_from])
            body_from += 1
    kept, tail_meta = split_lines(lines[body_from:])
    body_lines = trim_edges(main_block(kept))
    if body_lines and art.title and title_key(body_lines[0]) == title_key(art.title):
        body_lines = body_lines[1:]
    art.body = "\n".join(body_lines).strip()
    _settle_dates(meta, lines, body_from, tail_meta, page_meta)
    if art.title:
        art.title = repair_title(art.title, lines[body_from:body_from + 60])
    if not meta.author:
        meta.author = attribution_author(art.body)
    art.date, art.source, art.author, art.url = meta.date, meta.source, meta.author, meta.url
    art.date_source, art.written_date = (meta.date_source if meta.date is not None else ""), meta.written_date
    return art


def parse_text_page(text: str, name: str, *, extras: bool = False) -> dict:
    """Title, date, source, author, url and body of the one article in a scraped text page.

    Returns a dict with keys ``title, date, source, author, url, body`` (``date`` a day ``Timestamp`` or
    ``None``; the others ``""`` when the page does not state them); with ``extras`` also ``date_source``
    (``analysis.schema.DATE_SOURCES``) and ``written_date`` (成文日期 or ``None``). Raises ``LoadError``
    naming ``name`` when the page holds no article text.

    A text of one paragraph (a single non-empty line, however long) that does not look like a title is
    an article whose body is that paragraph and whose title is empty — the rule of the text path when no
    line looks like a title (``looks_like_title``: 4–120 characters, not ending in 。：；, no meta line);
    no date is read from it (a date in the body is never the publish date). With ``extras`` the dict also
    has ``notes``: the parse-report note ``one_paragraph`` saying so.
    """
    if not isinstance(text, str):
        raise TypeError("parse_text_page expects str; decode the file first")
    text = text.lstrip("\ufeff")
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    filled = [c for c in (clean_line(x) for x in lines) if c]
    if len(filled) == 1 and not looks_like_title(filled[0]):
        # one paragraph, no title line: the paragraph is the body (the first line is otherwise taken for the
        # title); the title stays empty as when no line of a page looks like a title
        art = Article(body=filled[0], author=attribution_author(filled[0]))
        check_article(art, name)
        out = art.as_dict(extras)
        if extras:
            out["notes"] = [note("one_paragraph", chars=len(filled[0]))]
        return out
    first = filled[0] if filled else ""
    hint = first if first and not is_boilerplate_line(first) else ""
    art = extract_from_lines(lines, hint, hint_is_first_line=True)
    check_article(art, name)
    return art.as_dict(extras)


def check_article(art: Article, name: str) -> None:
    """Raise ``LoadError`` when the extracted body is too short to be an article."""
    chars = len(re.sub(r"\s", "", art.body))
    if chars < MIN_BODY_CHARS:
        raise LoadError.of("page.no_article", file=name, min_chars=MIN_BODY_CHARS)
