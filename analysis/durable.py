"""Crash-safe file writes (moved from ``analysis.library``, which still exports ``atomic_write``): write to a
temporary name in the same directory, flush and ``fsync``, ``os.replace`` over the final name, ``fsync`` the
directory. A crash at any moment leaves either the old file or the new one, never a part; the temporary
files it may leave start with :data:`TMP_PREFIX` (``Library`` removes them when opened).
"""
from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

#: Name prefix of the temporary files :func:`atomic_write` creates.
TMP_PREFIX = ".tmp-"


def fsync_dir(path: Path) -> None:
    """Flush the directory ``path`` to disk (``fsync`` on its descriptor): makes a rename in it durable."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def atomic_write(path: Path, write) -> None:
    """Write ``path`` atomically: ``write(fileobj)`` fills a temporary file in the same directory, which is
    flushed, fsync-ed and renamed over ``path``; then the directory is fsync-ed."""
    fd, tmp = tempfile.mkstemp(prefix=TMP_PREFIX, dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            write(fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    fsync_dir(path.parent)
