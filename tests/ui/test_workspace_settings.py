"""The user dictionary and the agency table edits are settings of the workspace (``ui.library.settings_folder``):
another workspace (another ``?ws=``) does not see them, and a change re-runs the analysis of the workspace's
dataset into a new store (a new store key)."""
from __future__ import annotations

import json

import ui.cache
import ui.library
from analysis.store.store import Store
from tests.ui.test_app import app, library_dir, needs_loaders, upload, workspace_library  # noqa: F401
from ui.state import DATASET_KEY

A, B = "workspace-aaaa-0001", "workspace-bbbb-0002"
CSV = ("标题,日期,来源,正文\n"
       "计量工作会议,2024-01-05,甲,海南自贸港推进计量工作。计量检定是计量的基础。琼市监出席会议。\n"
       "标准化简报,2024-02-10,乙,国家市场监督管理总局:标准化工作与计量合作。\n"
       "市场监管动态,2024-03-01,乙,市场监督管理部门推进标准化。标准化提升质量。\n").encode("utf-8")
TABLE = "canonical,aliases,level\n海南省市场监督管理局,琼市监,provincial\n".encode("utf-8-sig")


def stores(root, ws):
    """The store folders of workspace ``ws``, once the background writes of uploads are over (at the lowest
    priority they may still be under way, a ``.tmp-`` folder, right after the upload's run)."""
    ui.cache.wait_for_writes(120)
    folder = workspace_library(root, ws).root / "store"
    return sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []


def vocab(root, ws, name):
    return set(Store(workspace_library(root, ws).root / "store" / name).read("terms")["term"].to_pylist())


@needs_loaders
def test_dictionary_and_agency_edits_belong_to_the_workspace(library_dir, tmp_path, monkeypatch):
    server_wide = tmp_path / "server-user"
    monkeypatch.setenv("WENJIAN_USER_DIR", str(server_wide))
    a = upload(app(ws=A), ("a.csv", CSV, "text/csv"))
    b = upload(app(ws=B), ("b.csv", CSV, "text/csv"))
    [first_a], [first_b] = stores(library_dir, A), stores(library_dir, B)
    assert "工作" in vocab(library_dir, A, first_a)

    # workspace A saves a dictionary: 工作 becomes a stopword
    a.switch_page("views/keywords.py").run()
    a.radio(key="kw_view").set_value("dict").run()
    a.text_area(key="kw_dict_stop").set_value("工作")
    next(x for x in a.button if "保存" in str(x.label)).click().run()
    assert not a.exception
    settings_a = library_dir / "workspaces" / A / "settings"
    assert json.loads((settings_a / "user_dict.json").read_text(encoding="utf-8"))["stopwords"] == ["工作"]
    assert not server_wide.exists()                                  # not a server-wide file any more
    # the analysis re-ran for A's dataset: a second store (new key), without the stopword
    a.radio(key="kw_view").set_value("top").run()
    assert not a.exception
    second_a = [s for s in stores(library_dir, A) if s != first_a]
    assert len(second_a) == 1 and "工作" not in vocab(library_dir, A, second_a[0])
    top_a = a.dataframe[0].value
    assert "工作" not in set(top_a[top_a.columns[0]])

    # workspace B: no dictionary, its store unchanged, 工作 still counted
    b.switch_page("views/keywords.py").run()
    b.radio(key="kw_view").set_value("dict").run()
    assert b.text_area(key="kw_dict_stop").value == ""
    b.radio(key="kw_view").set_value("top").run()
    assert stores(library_dir, B) == [first_b]
    top_b = b.dataframe[0].value
    assert "工作" in set(top_b[top_b.columns[0]])

    # workspace A imports an agency table: 琼市监 resolves to 海南省市场监督管理局 in A only
    a.switch_page("views/agencies.py").run()
    a.radio(key="ag_view").set_value("aliases").run()
    a.file_uploader(key="ag_upload").set_value(("my.csv", TABLE, "text/csv")).run()
    a.button(key="ag_import").click().run()
    assert not a.exception and (settings_a / "agencies.csv").is_file()
    assert not (library_dir / "workspaces" / B / "settings" / "agencies.csv").exists()
    a.radio(key="ag_view").set_value("ranking").run()
    b.switch_page("views/agencies.py").run()
    assert len(stores(library_dir, A)) == 3 and stores(library_dir, B) == [first_b]
    for at, ws, expected in ((a, A, ["琼市监"]), (b, B, [])):
        monkeypatch.setattr(ui.library, "library", lambda ws=ws: workspace_library(library_dir, ws))
        ds = at.session_state[DATASET_KEY]
        newest = max((workspace_library(library_dir, ws).root / "store").iterdir(), key=lambda p: p.stat().st_mtime)
        m = Store(newest).read("mentions").to_pandas()
        names = Store(newest).read("agencies")["agency"].to_pylist()
        hits = m[[names[i] == "海南省市场监督管理局" for i in m["agency_id"]]]
        assert hits["surface"].tolist() == expected, ws
        assert ds.library_id


@needs_loaders
def test_a_dictionary_save_reanalyses_with_its_progress_in_the_main_area(library_dir, tmp_path, monkeypatch):
    """tester s14 U7: the first save of a dictionary re-analysed the dataset (164 s on CCTV) with nothing moving
    where the user looks. Now the 关键词 page builds the new store itself with the runner's events on a progress
    bar in the main area, then says how long it took; the corpus is read from that store, not tokenized in the
    page run."""
    import ui.upload

    monkeypatch.setenv("WENJIAN_USER_DIR", str(tmp_path / "server-user"))
    a = upload(app(ws=A), ("a.csv", CSV, "text/csv"))
    [first] = stores(library_dir, A)
    a.switch_page("views/keywords.py").run()
    assert not a.exception
    assert not [c for c in a.caption if "重新分析" in c.value]          # the upload's own store: nothing to redo
    events: list[tuple[str, int, int]] = []
    shown = ui.upload.progress_text
    monkeypatch.setattr(ui.upload, "progress_text", lambda e: events.append((e.stage, e.done, e.total)) or shown(e))

    def _fail(*args, **kwargs):
        raise AssertionError("tokenized in the page run instead of read from the new store")

    monkeypatch.setattr(ui.cache, "tokenize_corpus", _fail)
    a.radio(key="kw_view").set_value("dict").run()
    a.text_area(key="kw_dict_stop").set_value("工作")
    next(x for x in a.button if "保存" in str(x.label)).click().run()
    assert not a.exception
    done = [c.value for c in a.caption if c.value.startswith("已按新设置重新分析数据集(用时 ")]
    assert len(done) == 1 and done[0].endswith(" 秒)")
    analyze = [e for e in events if e[0] == "analyze"]   # the runner's batches, as the upload's bar shows them
    assert analyze and analyze[-1][1] == analyze[-1][2] and all(0 < d <= n for _, d, n in analyze)
    assert not a.get("progress")                                       # the bar is gone once the store is built
    [second] = [s for s in stores(library_dir, A) if s != first]
    assert "工作" not in vocab(library_dir, A, second)
    a.radio(key="kw_view").set_value("top").run()                      # a rerun: the store exists, no new caption
    assert not a.exception and not [c for c in a.caption if "重新分析" in c.value]
