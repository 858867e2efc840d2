"""政策 page in a real browser: upload the Hebei 科技厅 CSVs (7 files, 585 documents), open the citation
network, click its largest node and see the sentences citing that document. Needs ../shared and Chromium
(skips otherwise). Screenshots go to ``$WENJIAN_SCREENSHOTS`` when set."""
from __future__ import annotations

import re

import pytest

from tests.e2e.harness import act, wait_run
from tests.e2e.test_browser import goto_page, shoot

pytestmark = pytest.mark.e2e

#: the centre of the largest marker of the network chart (the most cited document)
BIGGEST_NODE_JS = """() => {
  let best = null;
  for (const p of document.querySelectorAll('[data-testid="stPlotlyChart"] .scatterlayer .point')) {
    const r = p.getBoundingClientRect();
    if (!best || r.width > best.width) best = {x: r.x + r.width / 2, y: r.y + r.height / 2, width: r.width};
  }
  return best;
}"""


def test_network_node_shows_citing_sentences(server, browser, shared, tmp_path):
    from analysis.loaders import load_paths
    from analysis.policy.citations import citing_sentences, document_counts, find_citations

    files = sorted((shared / "corpora" / "hebei_gov").glob("5科学技术厅*.csv"))
    assert len(files) == 7
    page = browser.new_page()
    page.goto(server)
    wait_run(page, 0)
    act(page, lambda: page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(
        [str(f) for f in files]), timeout=240_000)
    sidebar = page.locator('[data-testid="stSidebar"]')
    assert sidebar.get_by_text("已载入 585 篇文章").count() == 1

    goto_page(page, "政策")
    shoot(page, "policy-documents")
    act(page, lambda: page.get_by_text("引用网络", exact=True).click())
    node = page.evaluate(BIGGEST_NODE_JS)
    assert node is not None and node["width"] > 20
    shoot(page, "policy-network")
    act(page, lambda: page.mouse.click(node["x"], node["y"]))
    heading = page.get_by_text(re.compile(r"^引用《.+》的句子$"))
    heading.wait_for(timeout=30_000)
    title = re.match(r"^引用《(.+)》的句子$", heading.inner_text().strip()).group(1)
    shoot(page, "policy-network-clicked")

    # the same sentences from the library: the most cited document of these files
    arts = load_paths(files).articles
    target = int(arts.loc[arts["title"] == title, "id"].iloc[0])
    cites = find_citations(arts)
    expected = citing_sentences(cites, arts, target)
    # a citation never resolves to a version written after the citing document (tester s15 C3): the 2020
    # revision of 国家科学技术奖励条例 keeps 11 of the 23 citing documents it had, 科学技术进步法 (23) is the largest node
    counts = document_counts(cites, arts).set_index("id")["cited_by"]
    top = {t for i, t in zip(arts["id"], arts["title"]) if counts[i] == counts.max()}
    assert top == {"中华人民共和国科学技术进步法"}
    assert title in top and counts.max() == 23 and len(expected) >= 20
    box = page.locator(".st-key-po_net_sentences")
    first = expected["sentence"].iloc[0]
    assert first[:30] in box.inner_text()
