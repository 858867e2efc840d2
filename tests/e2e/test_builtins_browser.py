"""The Chinese replacements of Streamlit's uploader texts (``ui.builtins``) applied by Chromium to the uploader's
DOM as Streamlit 1.67 builds it (structure copied from the live app, classes left out): the drag overlay's
words land on the overlay's text only — never on the file list shown while a file uploads, where a descendant
selector drew 把文件拖到这里 vertically over the file chip (state B1)."""
from __future__ import annotations

import pytest

from ui import builtins

pytestmark = pytest.mark.e2e

#: the uploader holding one file (what it shows while the file uploads and is parsed)
WITH_FILE = """
<section data-testid="stFileUploaderDropzone"><input data-testid="stFileUploaderDropzoneInput" type="file">
 <div><div data-testid="stFileChips"><div><div><div data-testid="stFileChip">
   <div><svg></svg></div><div><div data-testid="stFileChipName">articles.jsonl</div><div>34.2MB</div></div>
   <small data-testid="stFileChipDeleteBtn"><button>x</button></small></div></div></div>
  <button data-testid="stBaseButton-borderlessIcon" aria-label="Add files"><div>
   <span data-has-shortcut="false"><span id="icon-name">add icon</span>
    <span><span data-testid="stIconMaterial">add</span></span></span></div></button></div></div>
 {overlay}
</section>"""
#: the overlay Streamlit adds while files are dragged over the uploader
OVERLAY = '<div><span id="overlay">Drag and drop files here</span></div>'
EMPTY = """
<section data-testid="stFileUploaderDropzone"><input data-testid="stFileUploaderDropzoneInput" type="file">
 <span><button><div data-testid="stMarkdownContainer"><p>Upload</p></div></button></span>
 <div data-testid="stFileUploaderDropzoneInstructions"><div><span>200MB per file</span></div></div>
 {overlay}
</section>"""

AFTER_JS = """() => [...document.querySelectorAll('section span')]
    .map(s => [s.id || s.textContent.trim().slice(0, 20), getComputedStyle(s, '::after').content])
    .filter(([, content]) => content !== 'none')"""


@pytest.mark.parametrize("dom, overlay, replaced", [
    (WITH_FILE, "", []),
    (WITH_FILE, OVERLAY, [["overlay", '"把文件拖到这里"']]),
    (EMPTY, "", [["200MB per file", '"每个文件最大 500MB"']]),
    (EMPTY, OVERLAY, [["200MB per file", '"每个文件最大 500MB"'], ["overlay", '"把文件拖到这里"']]),
])
def test_drop_words_replace_only_the_overlay(browser, monkeypatch, dom, overlay, replaced):
    monkeypatch.setattr(builtins, "lang", lambda: "zh")
    page = browser.new_page()
    page.set_content(builtins.stylesheet(500) + dom.replace("{overlay}", overlay))
    assert page.evaluate(AFTER_JS) == replaced
    if overlay:   # Streamlit's words drawn at size 0, ours in their place
        assert page.evaluate("() => getComputedStyle(document.getElementById('overlay')).fontSize") == "0px"
    page.close()
