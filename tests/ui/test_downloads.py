"""ui/downloads.py: a deferred download whose button the browser still shows keeps working after a run that
was interrupted before reaching it (Streamlit alone forgets its id at the end of that run), for the grace
period only; revoked buttons stay revoked."""
from __future__ import annotations

import pytest
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.runtime.media_file_storage import MediaFileStorageError
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage

from ui import downloads


@pytest.fixture()
def manager(monkeypatch):
    """A media file manager as the server has, a clock we move, and the patch installed with a 60 s grace
    (restored to Streamlit's own method afterwards)."""
    names = ("_remove_orphaned_deferred_callables", "_wj_grace", "_wj_streamlit_method")
    found = {name: MediaFileManager.__dict__[name] for name in names if name in MediaFileManager.__dict__}
    if "_wj_streamlit_method" in found:          # the app (an AppTest in this process) installed it already
        MediaFileManager._remove_orphaned_deferred_callables = found["_wj_streamlit_method"]
        del MediaFileManager._wj_grace, MediaFileManager._wj_streamlit_method
    clock = [1000.0]
    monkeypatch.setattr(downloads.time, "monotonic", lambda: clock[0])
    mgr = MediaFileManager(MemoryMediaFileStorage("/media"))
    yield mgr, clock
    for name in names:
        if name in MediaFileManager.__dict__:
            delattr(MediaFileManager, name)
    for name, value in found.items():
        setattr(MediaFileManager, name, value)


def interrupted_run(mgr: MediaFileManager) -> None:
    """A run starts (the session's references are cleared) and is interrupted before it reaches the download
    button: nothing is registered again, and the run's end collects orphans."""
    mgr.clear_session_refs()
    mgr.remove_orphaned_files()


def test_without_the_patch_a_stale_button_fails(manager):
    mgr, _ = manager
    file_id = mgr.add_deferred(lambda: b"a,b\n1,2\n", "text/csv", "1.2.3", file_name="t.csv")
    interrupted_run(mgr)
    with pytest.raises(MediaFileStorageError, match="not found"):
        mgr.execute_deferred(file_id)


def test_a_stale_button_still_delivers_its_file_within_the_grace_period(manager):
    mgr, clock = manager
    assert downloads.keep_deferred_downloads(grace=60)
    file_id = mgr.add_deferred(lambda: b"a,b\n1,2\n", "text/csv", "1.2.3", file_name="t.csv")
    interrupted_run(mgr)
    clock[0] += 30
    interrupted_run(mgr)
    url = mgr.execute_deferred(file_id)
    assert mgr.read_file(url.rsplit("/", 1)[-1]).content == b"a,b\n1,2\n"
    clock[0] += 31                       # 61 s since it was first seen unused: dropped at the next run's end
    interrupted_run(mgr)
    with pytest.raises(MediaFileStorageError, match="not found"):
        mgr.execute_deferred(file_id)


def test_a_button_in_use_is_never_dropped_and_revoked_ones_go_at_once(manager):
    mgr, clock = manager
    assert downloads.keep_deferred_downloads(grace=60)
    kept = mgr.add_deferred(lambda: b"kept", "text/plain", "1.0", file_name="k.txt")
    revoked = mgr.add_deferred(lambda: b"secret", "text/plain", "1.1", file_name="r.txt")
    clock[0] += 3600
    mgr.remove_orphaned_files()          # both still registered by the session: kept however long
    assert mgr.execute_deferred(kept)
    mgr.remove_deferred("1.1")           # Streamlit revokes a button rendered disabled
    with pytest.raises(MediaFileStorageError):
        mgr.execute_deferred(revoked)
    assert mgr._wj_orphaned_since == {}


def test_installing_twice_only_sets_the_grace(manager):
    assert downloads.keep_deferred_downloads(grace=60)
    patched = MediaFileManager._remove_orphaned_deferred_callables
    assert downloads.keep_deferred_downloads(grace=5)
    assert MediaFileManager._remove_orphaned_deferred_callables is patched and MediaFileManager._wj_grace == 5
