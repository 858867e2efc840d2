"""Downloads that do not fail when clicked while the page reruns.

Every download button of the app is *deferred* (``st.download_button(data=callable, on_click="ignore")``): the
file — an XLSX, a standalone chart HTML, a server-side PNG, the report — is made only when clicked, never on
every rerun. Streamlit 1.67 registers each such callable under a new random id on every run and, at the end of
every run, forgets the ids no element of the run registered again. A run that is *interrupted* (``fastReruns``:
the user changed a widget while it ran) ends before it reaches the buttons further down, so their ids are
forgotten while the browser still shows those buttons with those ids until the next run reaches them. A click
in that window sends a forgotten id: the server logs ``MediaFileStorageError: Deferred file … not found`` and
the browser shows an English error for five seconds, with no file.

:func:`keep_deferred_downloads` makes Streamlit keep a callable for ``grace`` seconds after its id was last in
use (instead of dropping it at once), so a stale button still delivers the file its page showed. The ids are
random (uuid4) and per session, so a kept callable is still reachable only from the page that showed it;
buttons Streamlit revokes on purpose (a button rendered disabled) are still revoked at once.

This replaces one private method of ``streamlit.runtime.media_file_manager.MediaFileManager``
(``_remove_orphaned_deferred_callables``); when a Streamlit version lacks what it relies on, nothing is patched,
a warning is logged and downloads behave as Streamlit's own (``tests/ui/test_downloads.py`` fails then).
"""
from __future__ import annotations

import logging
import time

log = logging.getLogger("wenjian.ui")

#: seconds a download callable stays usable after the last run that showed its button (an interrupted run is
#: followed by the next within a second or two; a minute bounds the memory the kept callables hold)
GRACE_SECONDS = 60.0


def keep_deferred_downloads(grace: float = GRACE_SECONDS) -> bool:
    """Install (once per process; later calls only set ``grace``) the grace period described in the module
    docstring. Returns False when this Streamlit version cannot be patched (see there)."""
    from streamlit.runtime import media_file_manager as mfm

    cls = mfm.MediaFileManager
    if getattr(cls, "_wj_grace", None) is not None:
        cls._wj_grace = float(grace)
        return True
    needed = ("_remove_orphaned_deferred_callables", "_drop_deferred_id")
    if not all(hasattr(cls, name) for name in needed):
        log.warning("streamlit %s: deferred downloads not patched (no %s)", _version(), " / ".join(needed))
        return False

    def remove_orphaned_deferred_callables(self) -> None:
        # called by remove_orphaned_files() with self._lock held, at the end of every script run
        now = time.monotonic()
        since: dict[str, float] = self.__dict__.setdefault("_wj_orphaned_since", {})
        active: set[str] = set()
        for ids in self._files_by_session_and_coord.values():
            active.update(ids.values())
        for file_id in list(self._deferred_callables):
            if file_id in active:
                since.pop(file_id, None)
            elif now - since.setdefault(file_id, now) >= cls._wj_grace:
                self._drop_deferred_id(file_id)
                since.pop(file_id, None)
        for file_id in [f for f in since if f not in self._deferred_callables]:
            del since[file_id]      # revoked meanwhile (remove_deferred)

    cls._wj_streamlit_method = cls._remove_orphaned_deferred_callables   # Streamlit's own, for tests
    cls._remove_orphaned_deferred_callables = remove_orphaned_deferred_callables
    cls._wj_grace = float(grace)
    return True


def _version() -> str:
    try:
        import streamlit

        return streamlit.__version__
    except Exception:  # noqa: BLE001
        return "?"
