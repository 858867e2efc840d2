"""Exports: CSV golden bytes, formula neutralisation, XLSX cell types/sheet names/limits, safe file names,
standalone HTML, and server-side PNG/SVG (per-caller isolation under 4 threads, CJK glyphs)."""
from __future__ import annotations

import csv
import io
import os
import re
import struct
import subprocess
import sys
import threading
import zipfile
from pathlib import Path

import lxml.html
import openpyxl
import pandas as pd
import plotly.graph_objects as go
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis import export
from analysis.export import images
from analysis.errors import LimitExceeded
from analysis.export import (csv_bytes, figure_html, figure_png, figure_svg, find_chromium, is_formula_risk,
                             neutralise, safe_filename, sheet_names, xlsx_bytes)
from analysis.figstyle import style

needs_chromium = pytest.mark.skipif(find_chromium() is None,
                                    reason="server-side PNG/SVG need Chromium (apt-get install chromium)")


def table() -> pd.DataFrame:
    return pd.DataFrame({
        "标题": ["=HYPERLINK(\"http://x\",\"点我\")", "-3.5", "@SUM(A1)", "普通, \"引号\"", "\tx", None,
                 "-2+3+cmd|' /C calc'!A0", "+86 10 1234"],
        "n": [1, -2, 3, 4, 5, 6, 7, 8],
        "x": [0.5, float("nan"), -1.25, 2.0, 3.0, 4.0, 5.0, 6.0],
        "date": pd.to_datetime(["2024-01-02", None, "2024-01-03", "2024-01-04", "2024-01-05", "2024-01-06",
                                "2024-01-07", "2024-02-29"]),
    })


def test_csv_golden_bytes():
    expected = ("\ufeff标题,n,x,date\r\n"
                "\"'=HYPERLINK(\"\"http://x\"\",\"\"点我\"\")\",1,0.5,2024-01-02\r\n"
                "-3.5,-2,,\r\n"
                "'@SUM(A1),3,-1.25,2024-01-03\r\n"
                "\"普通, \"\"引号\"\"\",4,2.0,2024-01-04\r\n"
                "'\tx,5,3.0,2024-01-05\r\n"
                ",6,4.0,2024-01-06\r\n"
                "'-2+3+cmd|' /C calc'!A0,7,5.0,2024-01-07\r\n"
                "'+86 10 1234,8,6.0,2024-02-29\r\n")
    assert csv_bytes(table()) == expected.encode("utf-8")


def test_csv_headers_index_and_times():
    df = pd.DataFrame({"=cmd": ["a"], "t": pd.to_datetime(["2024-05-01 08:30:00"])},
                      index=pd.Index(["k"], name="词"))
    assert csv_bytes(df).decode("utf-8-sig") == "词,'=cmd,t\r\nk,a,2024-05-01 08:30:00\r\n"
    assert csv_bytes(pd.DataFrame()) == b"\xef\xbb\xbf\r\n"


def test_csv_does_not_modify_input():
    df = table()
    before = df.copy()
    csv_bytes(df)
    pd.testing.assert_frame_equal(df, before)


@pytest.mark.parametrize("text, risky", [
    ("=1+1", True), ("+1+1", True), ("-1+1", True), ("@x", True), ("\tx", True), ("\rx", True),
    ("-3.5", False), ("+7", False), ("-1e3", False), (".5", False), ("-", True), ("--1", True),
    ("a=1", False), ("", False), (" =1", False), ("＝1", False), ("'=1", False),
])
def test_is_formula_risk(text, risky):
    assert is_formula_risk(text) is risky
    assert neutralise(text) == ("'" + text if risky else text)


def _xlsx(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


def test_xlsx_text_never_formula_and_dates_are_dates():
    data = xlsx_bytes({"关键词": table(), "第二页": pd.DataFrame({"a": [1]})})
    wb = _xlsx(data)
    assert wb.sheetnames == ["关键词", "第二页"]
    ws = wb["关键词"]
    rows = list(ws.iter_rows(values_only=False))
    assert [c.value for c in rows[0]] == ["标题", "n", "x", "date"]
    first = rows[1]
    assert first[0].value == "=HYPERLINK(\"http://x\",\"点我\")"  # exact text, not a formula
    assert first[0].data_type == "s" and first[0].quotePrefix
    assert rows[2][0].value == "-3.5" and not rows[2][0].quotePrefix
    assert first[3].value.isoformat() == "2024-01-02T00:00:00" and first[3].number_format == "yyyy-mm-dd"
    assert rows[2][2].value is None and rows[2][3].value is None    # NaN and NaT become empty cells
    assert [r[1].value for r in rows[1:]] == [1, -2, 3, 4, 5, 6, 7, 8]
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        sheets = [n for n in zf.namelist() if n.startswith("xl/worksheets/sheet")]
        assert sheets and not any(re.search(rb"<f[ >]", zf.read(n)) for n in sheets)


@pytest.mark.parametrize("names, valid", [
    (["a/b", "A/B", "a_b"], ["a_b", "A_B~2", "a_b~3"]),
    (["[x]:*?", "history", "History"], ["_x____", "History_", "History_~2"]),
    (["'quoted'", "", "   "], ["quoted", "Sheet", "Sheet~2"]),
    (["这是一个非常非常长的工作表名称超过三十一个字符的限制了吧还有更多", "x\x00y"],
     ["这是一个非常非常长的工作表名称超过三十一个字符的限制了吧还有更", "xy"]),
])
def test_sheet_names(names, valid):
    assert sheet_names(names) == valid
    assert all(len(n) <= 31 for n in valid)


def test_xlsx_illegal_characters_long_cells_and_limits():
    long = "长" * 40_000
    wb = _xlsx(xlsx_bytes({"s": pd.DataFrame({"t": ["a\x00b\x1fc", long], "inf": [float("inf"), 1.0]})}))
    ws = wb["s"]
    assert ws["A2"].value == "abc"
    assert len(ws["A3"].value) == 32_767 and ws["A3"].value.endswith("…")
    assert ws["B2"].value == "inf"
    with pytest.raises(LimitExceeded, match="Excel 最多 1048575 行、16384 列"):
        xlsx_bytes({"wide": pd.DataFrame([range(16_385)])})
    assert _xlsx(xlsx_bytes({})).sheetnames == ["Sheet"]


@pytest.mark.parametrize("name, safe", [
    ("市场监管 总局.csv", "市场监管_总局.csv"),
    ("../../etc/passwd", "etc_passwd"),
    ("..\\..\\windows\\system32", "windows_system32"),
    ("a\u202egnp.exe", "agnp.exe"),
    ("零\u200b宽", "零宽"),
    ("CON", "wenjian_CON"),
    ("nul.txt", "wenjian_nul.txt"),
    ("-rf", "rf"),
    ("", "wenjian"),
    ("...", "wenjian"),
    ("<script>alert(1)</script>", "script_alert(1)_script"),
    ("Ａ１", "A1"),                      # full-width folded by NFKC
    ("x" * 200, "x" * 80),
])
def test_safe_filename(name, safe):
    assert safe_filename(name) == safe


def test_figure_html_is_standalone_and_offline():
    fig = style(go.Figure(go.Bar(x=["甲", "乙"], y=[1, 2])), "</script><script>alert(1)</script>")
    html = figure_html(fig, title="图 <1>").decode("utf-8")
    doc = lxml.html.fromstring(html)
    assert [e.tag for e in doc.iter() if e.get("src") or e.get("href")] == []   # nothing fetched: offline
    assert '"showSendToCloud": false' in html and '"displaylogo": false' in html
    assert "<title>图 &lt;1&gt;</title>" in html
    assert "alert(1)</script>" not in html  # plotly escapes "<" inside its JSON
    assert len(html) > 3_000_000             # plotly.js inline


def test_no_browser_means_none_not_an_error(monkeypatch):
    monkeypatch.setenv("WENJIAN_CHROMIUM", "/nonexistent/chromium")
    fresh = images.ImageService()
    monkeypatch.setattr(images, "_service", fresh)
    fig = go.Figure(go.Bar(x=[1], y=[1]))
    assert figure_png(fig) is None
    assert figure_svg(fig) is None
    assert export.image_export_status().startswith("no Chromium/Chrome found")


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def six_figures() -> list[go.Figure]:
    figs = []
    for i in range(6):
        fig = style(go.Figure(go.Bar(x=["海南省市场监督管理局", "国家标准化管理委员会"], y=[i + 1, 6 - i])),
                    f"图{i}:机构提及")
        fig.update_layout(width=400 + 40 * i, height=300 + 10 * i)   # the size identifies the figure
        figs.append(fig)
    return figs


@needs_chromium
def test_png_and_svg_render_server_side(tmp_path):
    fig = six_figures()[0]
    png = figure_png(fig, scale=2)
    assert png_size(png) == (800, 600)
    svg = figure_svg(fig).decode("utf-8")
    assert svg.startswith("<svg") and "图0:机构提及" in svg and "海南省市场监督管理局" in svg
    (tmp_path / "look.png").write_bytes(png)  # looked at by hand: Chinese title and labels are glyphs


@needs_chromium
def test_concurrent_exports_each_caller_gets_its_own_image():
    """4 threads × 6 different figures at once: every caller must get the image of *its* figure (the
    unguarded kaleido sync server handed 15 of 24 to the wrong thread)."""
    figs = six_figures()
    expected = [(400 + 40 * i, 300 + 10 * i) for i in range(6)]   # layout sizes (checked rendered above)
    results: dict[tuple[int, int], tuple[str, object]] = {}
    barrier = threading.Barrier(4)

    def worker(t: int) -> None:
        barrier.wait()
        for i in list(range(6))[t:] + list(range(6))[:t]:     # each thread in a different order
            if (t + i) % 2:                                   # half PNG, half SVG
                results[(t, i)] = ("png", png_size(figure_png(figs[i], scale=1)))
            else:
                svg = figure_svg(figs[i]).decode("utf-8")
                results[(t, i)] = ("svg", (re.search(r'<svg[^>]* width="(\d+)"', svg).group(1),
                                           re.findall(r"图\d:机构提及", svg)))

    threads = [threading.Thread(target=worker, args=(t,)) for t in range(4)]
    for th in threads:
        th.start()
    for th in threads:
        th.join(300)
    assert len(results) == 24
    wrong = [(t, i, got) for (t, i), (kind, got) in results.items()
             if got != (expected[i] if kind == "png" else (str(400 + 40 * i), [f"图{i}:机构提及"]))]
    assert wrong == []


def test_xlsx_mixed_object_and_timezone_columns():
    import datetime as dt

    df = pd.DataFrame({"mixed": [1, "x", 2.5, True, dt.date(2024, 1, 2), None, "=1"],
                       "tz": pd.to_datetime(["2024-03-01 09:30"] * 7).tz_localize("Asia/Shanghai"),
                       "flag": [True, False, True, False, True, False, True]})
    ws = _xlsx(xlsx_bytes({"m": df}))["m"]
    assert [c.value for c in ws["A"]][1:] == [1, "x", 2.5, True, dt.datetime(2024, 1, 2), None, "=1"]
    assert ws["B2"].value == dt.datetime(2024, 3, 1, 9, 30) and ws["B2"].number_format == "yyyy-mm-dd hh:mm:ss"
    assert ws["A6"].number_format == "yyyy-mm-dd"
    assert ws["C2"].value is True and ws["C3"].value is False
    assert ws["A8"].data_type == "s" and ws["A8"].quotePrefix


class FakeKaleido:
    """Stands in for the browser: the first call hangs past the timeout, later ones answer by title."""

    def __init__(self) -> None:
        self.calls = 0
        self.closed = False

    async def calc_fig(self, fig_dict, opts):
        import asyncio

        self.calls += 1
        if self.calls == 1:
            await asyncio.sleep(30)
        return fig_dict["layout"]["title"]["text"].encode("utf-8")

    async def close(self):
        self.closed = True


def test_a_hung_export_times_out_and_its_late_result_reaches_nobody(monkeypatch):
    import asyncio

    monkeypatch.setenv("WENJIAN_EXPORT_TIMEOUT", "0.5")
    exp = images.ImageService()
    exp._loop = asyncio.new_event_loop()
    threading.Thread(target=exp._loop.run_forever, daemon=True).start()
    fakes: list[FakeKaleido] = []

    def fake_start() -> bool:
        fakes.append(FakeKaleido())
        fakes[-1].calls = len(fakes) - 1     # only the very first browser hangs
        exp._kaleido = fakes[-1]
        return True

    monkeypatch.setattr(exp, "_start", fake_start)
    figs = [go.Figure(layout={"title": {"text": f"图{i}"}}) for i in range(3)]
    # the first browser hangs (0.5 s × 1.1 + 1 s): restarted, the chart tried again on the new one (tester s16
    # R1; before that retry this first call gave None and the report a "needs Chromium" placeholder)
    assert exp.render(figs[0], "png", 1) == "图0".encode()
    assert fakes[0].closed and len(fakes) == 2 and exp.problem is None
    assert [exp.render(f, "png", 1) for f in figs] == ["图0".encode(), "图1".encode(), "图2".encode()]
    exp._loop.call_soon_threadsafe(exp._loop.stop)


@pytest.mark.parametrize("how", ["timeout", "failed"])
def test_an_export_that_fails_twice_says_why(monkeypatch, how):
    import asyncio

    monkeypatch.setenv("WENJIAN_EXPORT_TIMEOUT", "0.2")
    exp = images.ImageService()
    exp._loop = asyncio.new_event_loop()
    threading.Thread(target=exp._loop.run_forever, daemon=True).start()
    started: list[FakeKaleido] = []

    class Broken(FakeKaleido):
        async def calc_fig(self, fig_dict, opts):
            if how == "timeout":
                await asyncio.sleep(30)
            raise RuntimeError("renderer crashed")

    def fake_start() -> bool:
        started.append(Broken())
        exp._kaleido = started[-1]
        return True

    monkeypatch.setattr(exp, "_start", fake_start)
    assert exp.render(go.Figure(layout={"title": {"text": "图"}}), "png", 1) is None
    assert len(started) == 2 and all(k.closed for k in started)        # tried twice, each browser closed
    assert exp.problem == how
    monkeypatch.setattr(exp, "_start", lambda: False)                   # no browser at all
    exp._kaleido = None
    assert exp.render(go.Figure(), "png", 1) is None and exp.problem == "unavailable"
    exp._loop.call_soon_threadsafe(exp._loop.stop)


def test_cjk_font_fallback_config(monkeypatch):
    """Without a user FONTCONFIG_FILE, a config is written that keeps the system fonts and adds the pip
    Noto Sans SC (checked by hand: with only DejaVu, Chinese renders as boxes; adding this folder, glyphs)."""
    import pylopdf_fonts_zh_cn

    monkeypatch.setenv("FONTCONFIG_FILE", "placeholder")
    monkeypatch.delenv("FONTCONFIG_FILE")
    images._ensure_cjk_fontconfig()
    conf = open(os.environ["FONTCONFIG_FILE"], encoding="utf-8").read()
    assert f"<dir>{os.path.dirname(pylopdf_fonts_zh_cn.sans_path())}</dir>" in conf
    if os.path.isfile("/etc/fonts/fonts.conf"):
        assert '<include ignore_missing="yes">/etc/fonts/fonts.conf</include>' in conf
    monkeypatch.setenv("FONTCONFIG_FILE", "/my/own.conf")
    images._ensure_cjk_fontconfig()
    assert os.environ["FONTCONFIG_FILE"] == "/my/own.conf"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cs",))), min_size=1, max_size=8))
def test_csv_round_trips_any_text_and_neutralises_every_formula(cells):
    """Any text survives CSV export exactly (after dropping the added quote), and no exported text cell
    starts a formula."""
    text = csv_bytes(pd.DataFrame({"t": cells})).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[0] == ["t"]
    got = [r[0] if r else "" for r in rows[1:]]
    assert got == [neutralise(c) for c in cells]
    assert not any(is_formula_risk(g) for g in got)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.text(max_size=50), min_size=1, max_size=5))
def test_xlsx_writes_any_text_as_text(cells):
    """Any text, lone surrogates and control characters included, gives a valid workbook whose cells are
    strings equal to the input minus what XML cannot hold."""
    ws = _xlsx(xlsx_bytes({"s": pd.DataFrame({"t": cells})}))["s"]
    got = [ooxml_unescape(ws.cell(row=r, column=1).value) for r in range(2, len(cells) + 2)]
    assert got == [export.tables._ILLEGAL_XML.sub("", c) or None for c in cells]


def ooxml_unescape(value):
    """What Excel shows for a shared string: OOXML writes CR as ``_x000D_``, which openpyxl returns as is
    (a random text holding a literal ``_xHHHH_`` would be ambiguous here; see the XML test below)."""
    if not isinstance(value, str):
        return value
    return re.sub(r"_x([0-9A-Fa-f]{4})_", lambda m: chr(int(m.group(1), 16)), value)


def test_xlsx_control_characters_survive_for_excel():
    """CR is stored as ``_x000D_`` and a literal ``_x000D_`` as ``_x005F_x000D_`` (what Excel decodes);
    checked in the workbook's XML because openpyxl's reading of the two is ambiguous."""
    data = xlsx_bytes({"s": pd.DataFrame({"t": ["\r", "a\rb", "_x000D_", "a\tb"]})})
    xml = zipfile.ZipFile(io.BytesIO(data)).read("xl/sharedStrings.xml").decode()
    assert re.findall(r"<t[^>]*>(.*?)</t>", xml, flags=re.S) == ["t", "_x000D_", "a_x000D_b", "_x005F_x000D_", "a\tb"]


def test_the_image_service_starts_explicitly_not_at_import():
    """Importing the export module starts nothing; start_image_service makes one service (no browser yet);
    stop_image_service forgets it."""
    code = ("import analysis.export as e, analysis.export.images as i; print(i._service is None, "
            "e.image_export_status()); s = e.start_image_service(); print(s is e.start_image_service(), "
            "s.status, s._kaleido is None); e.stop_image_service(); print(i._service is None)")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                          cwd=Path(__file__).resolve().parents[1])
    assert proc.stdout.splitlines() == ["True not started", "True not started True", "True"], proc.stderr
