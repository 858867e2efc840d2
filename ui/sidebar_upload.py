"""The sidebar's upload section: files parsed with the project's loaders, saved to the library, analysed
into its store (``ui.upload``) and opened; the messages of the last upload or opening, worded at each run."""
from __future__ import annotations

import gc
import logging

import streamlit as st
from streamlit.runtime.scriptrunner import RerunException, StopException

from analysis.errors import WenjianError
from analysis.loaders import LoadOptions, load_files
from analysis.store.build import keyed_articles
from ui import cache, report, session, state
from ui import upload as ui_upload
from ui import library as ui_library  # called through the module: tests replace its functions
from ui.i18n import one_language, t
from ui.session import REPARSE_KEY, TO_SIMPLIFIED_KEY, UPLOAD_N_KEY  # noqa: F401 - re-exported (ui.sidebar)
from ui.sidebar_picker import SESSION_ID, activate

log = logging.getLogger("wenjian.ui")

#: keep the raw bytes of an upload in the session (for re-parsing with another column mapping) up to this size
KEEP_RAW_BYTES = 200 * 1024 * 1024


def parse_progress_text(text: str, n_files: int) -> str:
    """The upload bar's words for a loader progress event: the loader's own note (bilingual ``中文 / English``,
    ``analysis.loaders``) in the interface language, or "parsing n files" when it gives none."""
    return one_language(text) if text else t("up.parsing", n=n_files)


def load_upload(files: list[tuple[str, bytes]], mappings: dict[str, dict[str, str]] | None = None,
                progress=None, on_texts=None, on_bodies=None):
    """Parse uploaded ``(name, bytes)`` files with the project's loaders (raises ``WenjianError``);
    ``progress``, ``on_bodies`` and ``on_texts``: ``LoadOptions``'."""

    opts = LoadOptions.from_env(file_mappings=mappings or {}, progress=progress, on_texts=on_texts,
                                on_bodies=on_bodies,
                                to_simplified=session.to_simplified())
    return load_files(files, opts)


def upload_name(names: list[str]) -> str:
    """The name of a new dataset from its files' names: the file's, or the first's and how many more."""
    if len(names) == 1:
        return names[0]
    return t("up.name", first=names[0], n=len(names), more=len(names) - 1)


def read_name(name: str, names: list[str], report) -> str:
    """The dataset's name once the parse ``report`` (``ParseReport``) is known: when ``name`` is the automatic
    :func:`upload_name` of all uploaded ``names``, the one of only the files that gave articles (a file or a ZIP
    whose entries did) — tester-s16 B4: 0-byte ``zero.csv`` + ``nul.csv`` made ``zero.csv 等 2 个文件`` though both
    articles came from nul.csv; a name the user typed, or one where every file was read, stays."""
    if name != upload_name(names):
        return name
    read = [n for n in names if any(f.articles and (f.name == n or f.name.startswith(n + "/")) for f in report.files)]
    return upload_name(read) if read and len(read) < len(names) else name


def ingest(files: list[tuple[str, bytes]], name: str, mappings: dict[str, dict[str, str]] | None = None,
           replace_id: str | None = None) -> bool:
    """Parse, save and activate an upload, with a progress bar. The current dataset is kept on failure.
    Messages for the user go to ``ui.session.upload_messages()`` (see :func:`show_messages`). Returns True
    on success.

    Python's cyclic garbage collector is off meanwhile (what the load allocates is freed by reference
    counting; the collector runs again after): its passes during the parse cost ≈ 0.1–0.3 CPU-s of the 20k
    CCTV load (``/tmp``-free check: ``load_files`` with ``gc.disable()`` 0.96–1.02 vs 1.11–1.36 CPU-s)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _ingest(files, name, mappings, replace_id)
    finally:
        if enabled:
            gc.enable()


#: For the run that loads an upload: the page of the previous run (stale until this run ends) fades at once
#: instead of over Streamlit's 1 s opacity transition (``opacity 1s ease-in 0.5s`` on each stale element) —
#: the browser repainted every chart of that page for a second, ≈ 0.2 CPU-s of headless Chromium with four
#: charts (/tmp/s16/mini, 4 runs each), while the server and its workers need the CPU. Other reruns keep the
#: transition (its 0.5 s delay spares a fast rerun the flicker).
UPLOAD_STYLE = '<style>[data-testid="stMain"] [data-stale="true"]{transition:none !important}</style>'


class HeldBar:
    """The upload's progress bar (an ``st.progress``) that holds a rerun or stop the user asks for while the upload
    loads — a click on a page link or a widget: Streamlit raises it (``RerunException`` / ``StopException``) from
    the bar's next update — instead of obeying it there: the upload is saved, analysed and opened first, then
    :meth:`release` raises it and the click takes effect (tester s16 U1: a click during the analysis left the
    upload saved in the library but not opened, the sample still shown, nothing said)."""

    def __init__(self, bar) -> None:
        self._bar = bar
        self.held: BaseException | None = None

    def _call(self, method: str, *args, **kwargs) -> None:
        try:
            getattr(self._bar, method)(*args, **kwargs)
        except (RerunException, StopException) as exc:
            if self.held is None or isinstance(exc, StopException):   # (a stop outranks a rerun)
                self.held = exc

    def progress(self, value: float, text: str | None = None) -> None:
        self._call("progress", value, text=text)

    def empty(self) -> None:
        self._call("empty")

    def release(self) -> None:
        """Raise the held rerun or stop, if any (once)."""
        exc, self.held = self.held, None
        if exc is not None:
            raise exc


def _ingest(files: list[tuple[str, bytes]], name: str, mappings: dict[str, dict[str, str]] | None,
            replace_id: str | None) -> bool:
    msgs: list[tuple[str, str, dict]] = []
    session.set_upload_messages(msgs)
    st.html(UPLOAD_STYLE)
    bar = HeldBar(st.progress(0.05, text=t("up.parsing", n=len(files))))
    try:
        return _ingest_steps(files, name, mappings, replace_id, msgs, bar)
    finally:
        bar.release()   # a click made meanwhile, obeyed now that the upload is in


def _ingest_steps(files: list[tuple[str, bytes]], name: str, mappings: dict[str, dict[str, str]] | None,
                  replace_id: str | None, msgs: list[tuple[str, str, dict]], bar: HeldBar) -> bool:
    early: list = []   # the analysis, started on the runner as soon as the texts are final (ui.upload.start)
    try:
        result = load_upload(files, mappings, progress=lambda frac, text="": bar.progress(
            0.05 + 0.6 * min(max(float(frac), 0.0), 1.0), text=parse_progress_text(text, len(files))),
            on_bodies=lambda table: early.append(ui_upload.start(table)),
            on_texts=lambda table: ui_upload.set_sources(early[0] if early else None, table))
    except Exception as exc:  # noqa: BLE001 - never a traceback for the user
        for job in early:
            if job is not None:
                job.cancel()
        bar.empty()
        if not isinstance(exc, WenjianError):
            log.exception("upload failed")
        msgs.append(("error", "up.failed", {"err": str(exc) if isinstance(exc, WenjianError) else type(exc).__name__}))
        return False
    name = read_name(name, [n for n, _ in files], result.report)
    for f in result.report.failed:
        msgs.append(("warning", "up.file_failed", {"name": f.name, "err": f.error}))
    # what the loaders noticed without refusing (lines skipped, bodies cut, encodings guessed): said at once
    msgs.extend(file_note_messages(result.report))
    msgs.extend(("warning", "up.note", {"err": n}) for n in result.report.notes)
    bar.progress(0.7, text=t("up.saving"))
    info = None
    keyed = None   # the table with its article_id, computed once for the library and the store
    try:
        keyed = keyed_articles(result.articles)
        lib = ui_library.library()
        info = lib.save(name, keyed, result.report, dataset_id=replace_id) if replace_id else \
            lib.save(name, keyed, result.report)
    except Exception as exc:  # noqa: BLE001 - the data is still usable in this session
        log.exception("saving to the library failed")
        msgs.append(("warning", "up.not_saved", {"err": str(exc)}))
    if info is not None and info.reused:  # the same files again: the library kept its one dataset (and store)
        msgs.append(("info", "up.reused", {}))
    # with a library entry, its digest keys the caches (shared with every later reopening of it)
    ds = state.Dataset(name=name, articles=result.articles, report=result.report,
                       digest=info.digest if info else "", library_id=info.id if info else "")
    if ds.library_id:   # the keyword register's auto decision (every page run asks): before the workers end
        _register_decision(ds)
    ui_upload.analyse(ds, bar, early[0] if early else None, keyed)   # the store's batch pipeline, progress on the bar
    bar.progress(1.0, text=t("up.done", n=len(ds.articles)))
    activate(ds)
    session.pick_dataset(ds.library_id or SESSION_ID)
    if sum(len(b) for _, b in files) <= KEEP_RAW_BYTES:
        session.keep_last_upload({"files": files, "name": name, "id": ds.library_id})
    else:
        session.keep_last_upload(None)
    msgs.insert(0, ("success", "up.done", {"n": len(ds.articles)}))
    bar.empty()
    return True


#: At most this many file notes stand in the sidebar after an upload; the rest are counted (the 数据 page's parse
#: report lists every one). 29 Hebei CSVs gave 29 notes that pushed the filters ≈ 4,500 px down (tester s15 U13).
MAX_FILE_NOTES = 5


def file_note_messages(report) -> list[tuple[str, str, dict]]:
    """The sidebar's messages for the notes of the files of a parse ``report`` (``ParseReport``): one per distinct
    note, in order of first appearance — a note several files share is said once with how many files and the
    first names (``up.file_note_many``) — at most :data:`MAX_FILE_NOTES`, then one ``up.more_notes`` counting the
    rest. Messages are ``(kind, i18n key, values)`` as :func:`show_messages` words them."""
    names: dict[str, list[str]] = {}
    for f in report.files:
        for n in (f.notes if f.ok else []):
            names.setdefault(n, []).append(f.name)
    out: list[tuple[str, str, dict]] = []
    for n, files in names.items():
        if len(files) == 1:
            out.append(("warning", "up.file_note", {"name": files[0], "err": n}))
        else:
            shown = "、".join(files[:3]) + ("…" if len(files) > 3 else "")
            out.append(("warning", "up.file_note_many", {"n": len(files), "names": shown, "err": n}))
    if len(out) > MAX_FILE_NOTES:
        out = out[:MAX_FILE_NOTES] + [("info", "up.more_notes", {"n": len(out) - MAX_FILE_NOTES})]
    return out


def _register_decision(ds) -> None:
    """``ui.report.default_register`` of a saved upload (cached per digest), computed while its analysis runs:
    it reads the articles only. Never raises (logged: the page computes it then)."""
    try:
        report.default_register(ds)
    except Exception:  # noqa: BLE001 - the pages ask again
        log.exception("the register decision of the upload failed")


def show_messages() -> None:
    """The messages of the last upload or opening: kept as ``(kind, i18n key, values)`` and worded at each run,
    so they follow a language switch (an error's ``err`` text, written ``中文 / English``, shown in one)."""
    for kind, key, values in session.upload_messages():
        values = {k: one_language(v) if k == "err" else v for k, v in values.items()}
        getattr(st, kind)(t(key, **values))


def upload_panel() -> None:
    """The upload box (open while the sample or nothing is shown), a re-parse asked by the 数据 page, and the
    last messages — under the box, outside it: a collapsed box must not hide a failed upload (tester #12)."""
    ds = state.current_dataset()
    n = session.uploader_generation()
    with st.expander(t("up.expander"), expanded=ds is None or ds.sample, icon=":material/upload_file:"):
        st.checkbox(t("up.to_simplified"), key=TO_SIMPLIFIED_KEY, help=t("up.to_simplified_help"))
        files = st.file_uploader(t("up.label"), accept_multiple_files=True, key=f"wj_upload_{n}",
                                 help=t("up.help"))
        if files:
            raw = [(f.name, f.getvalue()) for f in files]
            try:
                ingest(raw, upload_name([name for name, _ in raw]))
            finally:   # (also when a click held during the upload is obeyed: the files are not loaded twice)
                session.next_uploader()   # a fresh, empty uploader, ready for the next files
            st.rerun()
        elif request := session.take_reparse_request():   # from the 数据 page's mapping override
            ingest(request["files"], request["name"], request["mappings"], replace_id=request.get("id") or None)
    show_messages()
    if ds is not None and (err := cache.store_write_error(ds)) is not None:   # the background write failed
        st.warning(t("up.store_not_written", err=one_language(str(err)) or type(err).__name__))
