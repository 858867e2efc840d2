"""The interface's words in the session's language: Chinese first, with an English switch.

``t("key", n=3)`` looks the key up in the current language (kept in the session: ``ui.session.language``) and
formats it.
The words themselves live in the streamlit-free catalogue :mod:`labels` (``labels.TEXTS``, ``labels.columns``),
which the command line reads too; this module adds the session's language. A missing key is shown as the key
itself (and caught by a test), never as an exception.
"""
from __future__ import annotations

import re

import numpy as np

from labels import LANGS, TEXTS, fill, template
from labels.columns import COLUMN_HELP, COLUMNS, DOC_TYPES, LEVELS
from labels.errors import error_message
from ui import session
from ui.session import LANG_KEY

__all__ = ["COLUMNS", "LANGS", "LANG_KEY", "LEVELS", "TEXTS", "column", "dataset_name", "keep_choices", "lang",
           "level", "one_language", "t", "timeline_words", "words", "error_text"]

def lang() -> str:
    """The current interface language (``zh`` by default)."""
    value = session.language("zh")   # "zh" outside a Streamlit session too (bare-mode tests)
    return value if value in LANGS else "zh"


def _grouped(value: object) -> object:
    """An integer (Python or NumPy, not a bool) as text with thousands separators (``975,084``); anything else
    unchanged — one number format on every page and caption (tester report #18). Pass a year as text."""
    if isinstance(value, (int, np.integer)) and not isinstance(value, (bool, np.bool_)):
        return f"{int(value):,}"
    return value


def t(key: str, **kwargs: object) -> str:
    """The text of ``key`` in the current language, formatted with ``kwargs`` (:func:`labels.fill`; integers
    with thousands separators, :func:`_grouped`, so ``筛选后 975,084 / 1,000,000 篇`` reads like the metric). Without
    ``kwargs`` a text with a plural field comes back as a :class:`labels.Template`, so a caller (or the library
    it is handed to) that formats it later with ``.format`` gets the plurals too, never a ``ValueError``."""
    pair = TEXTS.get(key)
    if pair is None:
        return key
    text = pair[1] if lang() == "en" else pair[0]
    return fill(text, **{k: _grouped(v) for k, v in kwargs.items()}) if kwargs else template(text)


def column(name: str) -> str:
    """The header shown for a table column code (the code itself when unknown: data-derived columns such as
    terms in a pivot keep their names)."""
    pair = COLUMNS.get(name)
    if pair is None:
        return name
    return pair[1] if lang() == "en" else pair[0]


def column_help(name: str) -> str | None:
    """The tooltip of a table column code (``labels.columns.COLUMN_HELP``: what a count counts), ``None``
    when it has none."""
    pair = COLUMN_HELP.get(name)
    if pair is None:
        return None
    return pair[1] if lang() == "en" else pair[0]


def level(code: str) -> str:
    """An agency level code as shown."""
    pair = LEVELS.get(code, (code, code))
    return pair[1] if lang() == "en" else pair[0]


#: the 机构 → 待审 table's value of a row not decided yet (an empty cell would be drawn as a grey "None")
UNDECIDED = "undecided"


def decision(value: str | None) -> str:
    """A review decision (the 机构 → 待审 table's ``decision``: :data:`UNDECIDED`, ``accepted``, ``rejected``) as
    shown; no decision (``undecided``, ``""`` or ``None``) is 未决定 / undecided, never "None" (tester #15)."""
    key = {"accepted": "ag.accepted", "rejected": "ag.rejected"}.get(value or "", "ag.undecided")
    return t(key)


def doc_type(value: str) -> str:
    """A document type (文种, the ``doc_type`` column) as shown: the Chinese word, in English ``Measures (办法)``
    (:data:`labels.columns.DOC_TYPES`); a value not in the catalogue unchanged."""
    pair = DOC_TYPES.get(value)
    if pair is None:
        return value
    return pair[1] if lang() == "en" else pair[0]


def words(prefix: str) -> dict[str, str]:
    """Every text whose key starts with ``prefix``, keyed by the rest of the key, in the current language —
    the ``labels=`` the figure builders of ``analysis`` take."""
    return {key[len(prefix):]: t(key) for key in TEXTS if key.startswith(prefix)}


_QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"|`[^`]*`")   # names quoted in a message (data, any language)


def _has_cjk(text: str) -> bool:
    return any("\u3400" <= ch <= "\u9fff" for ch in text)


_CJK_RUN = re.compile(r"[\u3400-\u9fff]+")


def one_language(text: str) -> str:
    """A library message written ``中文 / English`` (the project's convention for errors and notes) in the
    current language only; other text unchanged. Splits at the first `` / `` whose left part holds Chinese
    and whose right part's opening (40 characters, quoted names left out) holds none — or only names the left
    part also holds (a column called 来源网站 named in both halves is data, not language).

    A composite message ``中文 / English — name: 中文 / English; name: …`` (the loaders' "nothing could be
    read" lists each file's own bilingual error) has each part shown in one language, the names kept."""
    text = str(text)
    head, dash, tail = text.partition(" — ")
    if dash and tail:
        # a file's English half may hold "; " itself (…found; the table's columns: …): a piece that is not
        # bilingual itself and names no Chinese beyond what the piece before it names continues that piece;
        # it is not the next file
        pieces: list[str] = []
        for piece in tail.split("; "):
            if pieces and _one_part(piece) == piece \
                    and all(run in pieces[-1] for run in _CJK_RUN.findall(_QUOTED.sub("", piece))):
                pieces[-1] += "; " + piece
            else:
                pieces.append(piece)
        items = []
        for item in pieces:
            name, colon, rest = item.partition(": ")
            items.append(name + colon + _one_part(rest) if colon else _one_part(item))
        return _one_part(head) + dash + "; ".join(items)
    return _one_part(text)


def _one_part(text: str) -> str:
    for i in range(len(text)):
        # the joiner of labels.errors.joiner: " / ", or "/ " right after a closing bracket (…)/ English)
        if text.startswith(" / ", i) or (text.startswith("/ ", i) and i and text[i - 1] in ")）"):
            left, right = text[:i], text[i + (3 if text[i] == " " else 2):]
            opening = _QUOTED.sub("", right).split("(")[0][:40]
            if _has_cjk(left) and not _has_cjk(right.lstrip()[:1]) \
                    and all(run in left for run in _CJK_RUN.findall(opening)):
                return right if lang() == "en" else left
    return text


def error_text(exc: BaseException) -> str:
    """An error as shown: a library error with a code (``analysis.errors``) worded from the catalogue in the
    current language (``labels.errors``), prefixed with its file when it names one; any other exception's
    text in the current language (:func:`one_language`). Parameters that hold bilingual text of their own (a
    file's error in a list) are split too."""
    code = getattr(exc, "code", "")
    if not code:
        return one_language(str(exc))
    text = one_language(error_message(code, getattr(exc, "params", {}), lang()))
    file = getattr(exc, "file", None)
    return f"{file}: {text}" if file else text


def timeline_words() -> dict[str, str]:
    """The ``labels=`` of ``analysis.figures.timeline``'s figures in the current language."""
    return {**words("tl.fig."), **{f"measure.{k}": v for k, v in words("measure.").items()}}


def keep_choices() -> None:
    """The language switch's ``on_change``: keep every choice the user made (a view radio on 关键词, a
    multiselect of agency levels, the dataset picked …) when the option labels change language.

    Why: a choice widget's value travels between browser and server as its *shown label*; after a switch the
    browser still holds the old language's label, which is no option any more, so Streamlit (1.67) falls back to
    the first option. Assigning each value (the option code, read with the previous run's labels) back into the
    session makes the next run send it to the browser in the new language. Only text values and lists of
    text are re-assigned (what choice widgets hold); buttons, uploads and editors hold other types and
    Streamlit forbids setting them."""
    session.reassign_text_values(skip=(LANG_KEY,))


#: names the app builds for a dataset, in either language: an upload of several files, a simplified copy
_MANY_FILES = (re.compile(r"^(?P<first>.+) 等 (?P<n>\d+) 个文件$"),
               re.compile(r"^(?P<first>.+) and (?P<more>\d+) more files?$"))
SAMPLE_NAME = "示例数据集 / Sample"
_SIMPLIFIED = (re.compile(r"^(?P<name>.+)\(简体\)$"), re.compile(r"^(?P<name>.+) \(simplified\)$"))


def dataset_name(name: str) -> str:
    """A dataset's name as shown in the current language. The app names an upload of several files
    ``a.csv 等 6 个文件`` / ``a.csv and 5 more files`` and a converted copy ``…(简体)`` / ``… (simplified)`` in
    the language of the moment it was made; those parts follow the switch (the file name stays as it is).
    The built-in sample (``ui.state.SAMPLE_NAME``) is shown as ``ds.sample``; any other name unchanged."""
    name = str(name)
    for pattern in _SIMPLIFIED:
        if m := pattern.match(name):
            return t("conv.name", name=dataset_name(m["name"]))
    for pattern in _MANY_FILES:
        if m := pattern.match(name):
            n = int(m["n"]) if "n" in m.groupdict() else int(m["more"]) + 1
            return t("up.name", first=m["first"], n=n, more=n - 1)
    return t("ds.sample") if name == SAMPLE_NAME else name
