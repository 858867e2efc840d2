"""One article out of a saved HTML page (raw bytes as a browser or crawler saved them).

Steps:

1. Decode with the loaders' one decoder (``analysis.loaders.sniff.decode_bytes``): BOM; bytes that are
   valid UTF-8 (pages converted to UTF-8 often keep a stale gb2312 declaration — two of the 24 real pages
   do); the page's ``<meta charset>`` (GBK/GB2312 read as GB18030, their superset; Big5 as Big5-HKSCS);
   mixed lines; GB18030/Big5 by plausibility; charset-normalizer. Binary content is refused.
2. Parse with lxml (a stray ``</html>`` from an included header is removed first: libxml2 would drop the
   rest of the page); read the ``<meta>`` tags (og:title, ArticleTitle, article:published_time, PubDate,
   firstpublishedtime, author, canonical/og:url …); drop scripts, styles, iframes, forms, comments.
3. Run the text loader's rules (``extract_from_lines``) over the visible lines, with the ``<title>`` (or
   og:title; or the single ``<h1>`` when ``<title>`` is a column name) as the title hint. The meta tags
   fill gaps: below the article's own date/来源 lines, above a labelled date elsewhere on the page.
4. Body: trafilatura (Apache-2.0; ``fast`` mode, precision-oriented) finds the main block; its lines go
   through the same boilerplate rules and edge trimming. When it returns under half of what the line
   rules found, or the page is very large (``MAX_TRAFILATURA_CHARS`` of text or ``MAX_TRAFILATURA_ELEMENTS``
   elements, for speed), the line rules' body is used.

Measured on ../shared/realpages (scripts/score_realpages.py): trafilatura's own metadata got 14/24
titles and 23/24 dates at 5.2 s CPU for the 24 pages; these rules get 24/24 titles and 23/24 dates.
"""
from __future__ import annotations

import json
import re
from typing import Any

import lxml.html
from lxml import etree

from analysis.boilerplate import split_lines, trim_edges
from analysis.dates import parse_date
from analysis.errors import LoadError
from analysis.meta_lines import Meta, clean_line, clean_lines, parse_meta_line
from analysis.normalize import html_to_text
from analysis.loaders.sniff import decode_bytes, declared_charset
from analysis.loaders.text import MIN_BODY_CHARS, Article, check_article, extract_from_lines, join_label_lines
from analysis.loaders.titles import strip_site_suffix, title_key

__all__ = ["parse_html_page", "decode_html"]

_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
_END_TAGS = re.compile(r"</(?:html|body)\s*>", re.I)
_DROP_TAGS = ("script", "style", "noscript", "iframe", "template", "svg", "canvas", "object", "embed",
              "select", "textarea", "button", "input", "frame", "frameset", "map", "audio", "video")
_BLOCK_TAGS = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th",
               "table", "tbody", "thead", "section", "article", "header", "footer", "nav", "aside",
               "blockquote", "pre", "dd", "dt", "dl", "form", "center", "title", "hr", "figure",
               "figcaption", "main", "address", "option", "label"}

_DATE_META = ("article:published_time", "og:article:published_time", "og:release_date", "publishdate",
              "publish_date", "pubdate", "firstpublishedtime", "datepublished", "publishtime", "publish-date",
              "dc.date.issued", "dc.date", "dcterms.issued", "sailthru.date", "date", "og:time",
              "article:create_at", "weibo:article:create_at", "createdate", "releasedate", "lastmodifiedtime")
_TITLE_META = ("articletitle", "og:title", "twitter:title", "title", "dc.title")
_SOURCE_META = ("contentsource", "source", "article:source", "og:source", "mediaid")
_AUTHOR_META = ("author", "article:author", "dc.creator", "og:author")


def decode_html(data: bytes) -> tuple[str, str]:
    """``(text, encoding)`` of an HTML page: the loaders' one decoder
    (:func:`analysis.loaders.sniff.decode_bytes`) with the page's ``<meta charset>`` as the declared encoding.
    Never raises: bytes the decoder calls binary come back as UTF-8 with � (``parse_html_page`` refuses them
    in its own words)."""
    try:
        text, encoding, _notes = decode_bytes(data, declared=declared_charset(data))
    except LoadError:
        return data.decode("utf-8", "replace"), "utf-8"
    return text, encoding


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f\ufffd]")


def _looks_binary(data: bytes, text: str) -> bool:
    """NUL bytes in a page that is not UTF-16, or more than 2 % control/replacement characters."""
    head = text[:20000]
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    return len(_CONTROL.findall(head)) > 0.02 * max(len(head), 1)


def _meta_tags(tree: Any) -> dict[str, str]:
    """Lower-cased name/property/itemprop/http-equiv → content (first one wins)."""
    out: dict[str, str] = {}
    for el in tree.iter("meta"):
        key = el.get("name") or el.get("property") or el.get("itemprop") or el.get("http-equiv")
        content = el.get("content")
        if key and content and content.strip():
            out.setdefault(key.strip().lower(), clean_line(content))
    for el in tree.iter("time"):
        if el.get("itemprop", "").lower() == "datepublished" or el.get("pubdate") is not None:
            if el.get("datetime"):
                out.setdefault("datepublished", el.get("datetime"))
    for el in tree.iter("script"):
        if (el.get("type") or "").lower() == "application/ld+json" and el.text:
            try:
                data = json.loads(el.text)
            except ValueError:
                continue
            for item in data if isinstance(data, list) else [data]:
                if isinstance(item, dict):
                    for k in ("datePublished", "headline", "url"):
                        if isinstance(item.get(k), str):
                            out.setdefault({"headline": "og:title", "url": "og:url"}.get(k, k.lower()), item[k])
    return out


def _canonical(tree: Any, meta: dict[str, str]) -> str:
    for el in tree.iter("link"):
        if (el.get("rel") or "").lower() == "canonical" and el.get("href", "").startswith(("http://", "https://")):
            return el.get("href").strip()
    for key in ("og:url", "url"):        # "Url": the TRS CMS page address
        url = meta.get(key, "")
        # a site's home page ("http://www.x.gov.cn/") in a url meta is no article address
        if url.startswith(("http://", "https://")) and (key == "og:url" or re.search(r"^https?://[^/]+/[^?#]*[^/?#]", url)):
            return url
    return ""


def _visible_lines(root: Any) -> list[str]:
    """The page's text, one line per block element (scripts, styles, iframes … already removed)."""
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        if el.tag in _BLOCK_TAGS:
            el.tail = "\n" + (el.tail or "")
            el.text = "\n" + (el.text or "")
    text = root.text_content() if hasattr(root, "text_content") else "".join(root.itertext())
    return [x for x in (clean_line(x) for x in text.split("\n")) if x]


MAX_TRAFILATURA_CHARS = 200_000
MAX_TRAFILATURA_ELEMENTS = 15_000     # the 24 real pages have at most 3,078 elements


def _h1_is_better(page_title: str, headings: list[str]) -> bool:
    """Use the page's single ``<h1>`` as the title hint when the ``<title>`` without its site suffix is a
    column name (``新闻动态--某学会官网`` → ``新闻动态``: under 8 characters) and the ``<h1>`` is longer.

    A longer ``<title>`` stays the hint: a single ``<h1>`` is often the site's logo.
    """
    headings = [h for h in dict.fromkeys(headings) if 4 <= len(h) <= 120]
    if len(headings) != 1:
        return False
    key = title_key(strip_site_suffix(page_title)) if page_title else ""
    return len(key) < 8 and len(title_key(headings[0])) > len(key)


_LEADING_META = re.compile(
    r"^(?:(?:发布时间|发布日期|发表时间|最后更新|更新时间|时间|日期)\s*[:：]?\s*(?:19|20)\d\d[-/.年]\d{1,2}[-/.月]\d{1,2}日?"
    r"(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?\s*)+")


def _drop_title_lines(lines: list[str], title: str) -> list[str]:
    """Lines repeating the title: anywhere when equal, at the start also when wrapped (up to 3 lines) or cut."""
    key = title_key(title)
    if not key:
        return lines
    out = [x for x in lines if title_key(x) != key]
    if out and title and out[0].startswith(title) and len(out[0]) > len(title):
        rest = out[0][len(title):].strip()
        if parse_meta_line(rest) is not None:
            out = out[1:]             # "标题 来源于：某办事处" in one table row
        else:                         # "标题 最后更新: 2019-09-07 15:14:21 9月3日，在……" in one block
            out = [_LEADING_META.sub("", rest).strip()] + out[1:]
    for n in (3, 2, 1):
        head = "".join(title_key(x) for x in out[:n])
        if len(out) > n and head and (head == key or (n == 1 and len(head) >= 0.6 * len(key) and key.startswith(head))):
            return out[n:]
    return out


# Content markers old government CMS templates (TRS WCM, Hanweb, ZJEG) put around the article body, in
# table layouts where neither trafilatura nor the line rules can tell the body from the sidebars:
# <meta name="ContentStart">…<meta name="ContentEnd">, <!--<$[信息内容]>begin-->…<!--<$[信息内容]>end-->.
_MARKER_PAIRS = (
    (re.compile(r"""<meta\s+name\s*=\s*["']?ContentStart["']?\s*/?>""", re.I),
     re.compile(r"""<meta\s+name\s*=\s*["']?ContentEnd["']?\s*/?>""", re.I)),
    (re.compile(r"<!--\s*<\$\[信息内容\]>\s*begin\s*-->", re.I), re.compile(r"<!--\s*<\$\[信息内容\]>\s*end\s*-->", re.I)),
    (re.compile(r"<!--\s*ZJEG_RSS\.content\.begin\s*-->", re.I), re.compile(r"<!--\s*ZJEG_RSS\.content\.end\s*-->", re.I)),
)
#: ids of the article container in government CMS templates (``id="zoom"``: the 字号 大/中/小 buttons
#: resize it; ``UCAP-CONTENT``: Ucap/Hanweb portals)
CONTENT_IDS = ("zoom", "UCAP-CONTENT")


def _marked_content(html_text: str) -> str:
    """The HTML between a CMS's content markers, or ''. The first pair present with text between wins."""
    for start_re, end_re in _MARKER_PAIRS:
        start = start_re.search(html_text)
        if not start:
            continue
        end = end_re.search(html_text, start.end())
        if end and end.start() > start.end():
            return html_text[start.end():end.start()]
    return ""


def _content_block_lines(html_text: str, root: Any) -> list[str]:
    """Body lines from the page's content markers or its ``id="zoom"`` container (``CONTENT_IDS``), cleaned
    of furniture; ``[]`` when the page has neither (or they hold no text)."""
    fragment = _marked_content(html_text)
    if fragment:
        lines = clean_lines(html_to_text(fragment))
    else:
        el = next((e for cid in CONTENT_IDS for e in root.iter() if isinstance(e.tag, str)
                   and (e.get("id") or "").lower() == cid.lower()), None)
        if el is None:
            return []
        lines = _visible_lines(el)
    kept, _tail = split_lines(lines)
    return kept


_BULLET = re.compile(r"^[-*•]\s+")


def _trafilatura_lines(html_text: str) -> list[str]:
    """trafilatura's main text as clean lines: table cells (``a | b``) and list bullets (``- ``) undone."""
    text = _trafilatura_body(html_text)
    out: list[str] = []
    for line in clean_lines(text) if text else []:
        cells = re.split(r"\s*\|\s*", line) if "|" in line and parse_meta_line(line) is None else [line]
        for cell in cells:
            cell = _BULLET.sub("", cell).strip()
            if cell:
                out.append(cell)
    return out


def _trafilatura_body(html_text: str) -> str:
    try:
        import trafilatura
    except ImportError:  # pragma: no cover - it is a runtime requirement
        return ""
    try:
        out = trafilatura.extract(html_text, include_comments=False, include_tables=True,
                                  include_images=False, include_links=False, deduplicate=False,
                                  favor_precision=True, with_metadata=False, fast=True)
    except Exception:
        return ""
    return out or ""


def parse_html_page(data: bytes, name: str, *, extras: bool = False) -> dict:
    """Title, date, source, author, url and body of the article in a saved HTML page.

    Returns a dict with keys ``title, date, source, author, url, body`` (like ``parse_text_page``; with
    ``extras`` also ``date_source`` and ``written_date``).
    Raises ``LoadError`` naming ``name`` when the page cannot be parsed or holds no article text.
    """
    if isinstance(data, str):
        data = data.encode("utf-8")
    html_text, _encoding = decode_html(data)
    html_text = _XML_DECL.sub("", html_text.lstrip("\ufeff"), count=1)
    # a stray </html> from an included header makes libxml2 drop the rest of the page; browsers go on
    html_text = _END_TAGS.sub("", html_text)
    if not html_text.strip():
        raise LoadError.of("page.empty", file=name)
    if _looks_binary(data, html_text):
        raise LoadError.of("page.binary", file=name)
    try:
        root = lxml.html.document_fromstring(html_text)
    except (etree.ParserError, ValueError) as exc:
        raise LoadError.of("page.bad_html", file=name, exc=exc) from exc
    meta_tags = _meta_tags(root)
    page_title = ""
    t = root.find(".//title")
    if t is not None and t.text_content():
        page_title = clean_line(t.text_content())
    page_meta = Meta(url=_canonical(root, meta_tags))
    for key in _DATE_META:
        if key in meta_tags:
            ts = parse_date(meta_tags[key])
            if ts is not None:
                page_meta.date, page_meta.date_source = ts, "meta"
                break
    for key in _SOURCE_META:
        v = meta_tags.get(key, "")
        if v and len(v) <= 40 and not v.isdigit():
            page_meta.source = re.sub(r"^(?:来源|稿源)\s*[:：]\s*", "", v).split(" ")[0]
            break
    for key in _AUTHOR_META:
        v = meta_tags.get(key, "")
        # a CMS placeholder ("name, email@x.com"), a user id ("104363") or the site's own name is no author
        if v and len(v) <= 40 and "@" not in v and not v.isdigit() and v not in page_title:
            page_meta.author = v
            break
    etree.strip_elements(root, *_DROP_TAGS, etree.Comment, with_tail=False)
    head = root.find("head")
    if head is not None:
        head.getparent().remove(head)
    elements = sum(1 for _ in root.iter())
    headings = [clean_line(h.text_content()) for h in root.iter("h1")]
    lines = _visible_lines(root)
    hint = page_title
    if _h1_is_better(hint, headings):
        hint = headings[0]
    meta_title = next((meta_tags[k] for k in _TITLE_META if meta_tags.get(k)), "")
    headline = False
    if len(title_key(meta_tags.get("articletitle", ""))) >= 4:
        # TRS CMS (most government sites) writes the headline itself into ArticleTitle: it outranks a
        # <title> that strip_site_suffix would cut at a hyphen inside the headline
        hint, headline = meta_tags["articletitle"], True
    elif meta_title and (not hint or len(title_key(strip_site_suffix(meta_title))) >= 4):
        # a meta title is cleaner than <title> when both agree; else it may be the better hint
        if not hint or title_key(strip_site_suffix(hint)).startswith(title_key(strip_site_suffix(meta_title))[:6]):
            hint = meta_title
    # the page's meta tags fill what the visible text around the article did not state; they rank below
    # the text's own date/来源 lines and above a labelled date found elsewhere on the page (a sidebar)
    art: Article = extract_from_lines(lines, hint, page_meta=page_meta, hint_is_headline=headline)
    marked = trim_edges(_drop_title_lines(_content_block_lines(html_text, root), art.title))
    if len(re.sub(r"\s", "", "".join(marked))) >= MIN_BODY_CHARS:
        # the CMS says where its article is: that beats any guess (sidebars, 相关信息 lists stay out)
        art.body = "\n".join(marked)
        check_article(art, name)
        return art.as_dict(extras)
    # trafilatura's cost grows with the page (≈1 s of CPU for 36,000 elements); past MAX_TRAFILATURA_CHARS of
    # visible text or MAX_TRAFILATURA_ELEMENTS elements the line rules alone give the body
    small = sum(map(len, lines)) <= MAX_TRAFILATURA_CHARS and elements <= MAX_TRAFILATURA_ELEMENTS
    extracted = _trafilatura_lines(html_text) if small else []
    if extracted:
        kept, _tail = split_lines(join_label_lines(extracted))
        kept = trim_edges(_drop_title_lines(kept, art.title))
        cleaned = "\n".join(kept)
        # trafilatura finds the main block well on most portals; when it returns much less than the line
        # rules found (a one-paragraph item in a heavy page, a gazette in tables) the line rules win
        if len(cleaned) >= 0.5 * len(art.body):
            art.body = cleaned
    check_article(art, name)
    return art.as_dict(extras)
