"""Streamlit's own widget texts in the interface language.

Streamlit 1.67 writes a few texts of its widgets in English whatever the page says, with no option to change
them: the file uploader's button ("Upload"), its size line ("500MB per file • CSV") and the overlay shown while
files are dragged over it ("Drag and drop files here"), and the hint under a text field being edited ("Press
Enter to apply", "Press Ctrl+Enter to submit form"), the date picker's quick range choice under its calendar
("Date range", "Select...", "Past Week" …), a multiselect's "Select all" / "Select 3 matches", the link the
first Tab shows ("Skip to main content") and the top navigation's "2 more" button in a narrow window. In Chinese
these are replaced by our own words: one
stylesheet per run draws only Streamlit's text at size 0 (``font-size: 0`` — nothing else of the widget
changes, it stays visible and clickable, and what it does stays Streamlit's; an icon is sized in rem) and
shows ours in its place (``::after``, ``::before`` for buttons whose icon follows the text). English keeps
Streamlit's own texts. (``visibility: hidden`` is not used: a click on a hidden label did not reach the
uploader's button the first time, seen in Chromium.)

Left as the browser makes them (not in the page's language but the browser's): the date picker's month and
weekday names (they follow the browser's locale: Chinese in a Chinese browser), and the table toolbar's
tooltips.

Left in English (tester-s15 U12; no option in Streamlit 1.67, and CSS cannot change them): texts that are
never drawn but read out by a screen reader — attributes such as the ``?`` button's ``aria-label`` "Help for
<label>" (widgets given ``help=``), the date field's calendar button "Choose date range" and "Clear dates", a
multiselect's "Selected values" — and the number of "2 more" (drawn as 更多页面). A replaced text stays in the
page at size 0, so a screen reader may read Streamlit's English next to ours.
"""
from __future__ import annotations

import streamlit as st

from ui.i18n import lang, t

#: selectors of Streamlit's text nodes -> i18n key of the text shown instead (most specific last: a later
#: rule wins over an earlier one of the same specificity); the font size is Streamlit's for that text
_DROPZONE = '[data-testid="stFileUploaderDropzone"]'
_HINT = '[data-testid="InputInstructions"] > span'
REPLACED: tuple[tuple[str, str], ...] = (
    (f'{_DROPZONE} button [data-testid="stMarkdownContainer"] p', "bi.upload"),
    (f'{_DROPZONE} [data-testid="stFileUploaderDropzoneInstructions"] span', "bi.limit"),
    # the overlay while files are dragged over: a div (no test id) whose only child is the text's span; the list
    # of uploaded files is a div without a test id too, but holds no span of its own (a descendant selector
    # drew the words vertically over each file chip's "add" icon during an upload)
    (f'{_DROPZONE} > div:not([data-testid]) > span:only-child', "bi.drop"),
    (f'.stTextInput {_HINT}', "bi.enter_apply"),
    (f'.stNumberInput {_HINT}', "bi.enter_apply"),
    (f'.stTextArea {_HINT}', "bi.ctrl_enter_apply"),
    (f'[data-testid="stForm"] .stTextInput {_HINT}', "bi.enter_submit"),
    (f'[data-testid="stForm"] .stTextArea {_HINT}', "bi.ctrl_enter_submit"),
    # the date picker's quick range choice under its calendar: its label
    ('[data-testid="stDateInputQuickSelect"] > div:first-child', "bi.quick"),
    # a multiselect's bulk choices at the top of its dropdown ("Select all"; "Select 3 matches" while typing,
    # worded without the number: CSS cannot read it); the option's key is Streamlit's id of the choice
    ('[role="option"][data-key="__select_all__"] [data-item-hl]', "bi.select_all"),
    ('[role="option"][data-key="__select_matches__"] [data-item-hl]', "bi.select_matches"),
    # the link shown on the first Tab ("Skip to main content", tester-s15 U12) and the top navigation's button
    # of the pages that do not fit a narrow window ("2 more": worded without the number, CSS cannot read it)
    # (the link is drawn only while it has the keyboard focus, by a rule of that state: ours must be as specific)
    ('a[data-testid="stSkipToContent"]:focus-visible', "bi.skip"),
    ('[data-testid="stTopNavSection"] [data-testid="stMarkdownContainer"] p', "bi.nav_more"),
)
#: things to click whose text comes before their icon: ours ``::before`` — the quick range button and its
#: options
BUTTONS: tuple[tuple[str, str], ...] = (
    ('[data-testid="stDateInputQuickSelect"] > button', "bi.quick_pick"),
    *((f'[role="option"][data-key="{key}"]', f"bi.{key}") for key in
      ("pastWeek", "pastMonth", "pastThreeMonths", "pastSixMonths", "pastYear", "pastTwoYears")),
)
#: uploaders that accept only some file types (key -> the types, as Streamlit lists them)
TYPED_UPLOADERS = {"ag_upload": "CSV"}


def _css_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def stylesheet(max_mb: int) -> str:
    """The CSS replacing Streamlit's English widget texts with the current language's (``""`` in English).
    ``max_mb``: the upload limit the size line states (``server.maxUploadSize``)."""
    if lang() == "en":
        return ""
    rules = []
    for selector, key in REPLACED:
        text = t(key, mb=max_mb)
        size = "0.75rem" if selector.endswith(_HINT) else "0.875rem"
        rules.append(f"{selector}{{font-size:0}}"
                     f"{selector}::after{{content:{_css_string(text)};font-size:{size}}}")
    for selector, key in BUTTONS:
        rules.append(f"{selector}{{font-size:0}}"
                     f"{selector}::before{{content:{_css_string(t(key))};font-size:0.875rem}}")
    for key, types in TYPED_UPLOADERS.items():
        selector = f'.st-key-{key} {_DROPZONE} [data-testid="stFileUploaderDropzoneInstructions"] span'
        rules.append(f"{selector}::after{{content:{_css_string(t('bi.limit', mb=max_mb) + ' · ' + types)}}}")
    return "<style>" + "".join(rules) + "</style>"


def localize_builtins() -> None:
    """Emit :func:`stylesheet` for this run (the router calls it once per run)."""
    css = stylesheet(int(st.get_option("server.maxUploadSize")))
    if css:
        st.html(css)
