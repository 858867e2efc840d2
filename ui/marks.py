"""Names marked "not an agency here" on the 机构 page (issue 13 item 5): per dataset (its content digest),
saved as ``not_agencies.json`` in the user's folder (``$WENJIAN_USER_DIR`` or ``data/user``), and left out
of every count, chart, filter and drill-down (``ui.cache.mentions_for`` applies them)."""
from __future__ import annotations

import json
import logging
from pathlib import Path

from analysis.agency_table import user_dir
from analysis.durable import atomic_write

log = logging.getLogger("wenjian.ui")
FILE = "not_agencies.json"


def _path() -> Path:
    return user_dir() / FILE


def _read() -> dict[str, list[str]]:
    try:
        data = json.loads(_path().read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError):
        log.exception("unreadable %s: no names excluded", _path())
        return {}
    return {str(k): [str(n) for n in v] for k, v in data.items() if isinstance(v, list)} if isinstance(data, dict) \
        else {}


def excluded(digest: str) -> tuple[str, ...]:
    """The names marked "not an agency" in the dataset with content digest ``digest`` (sorted)."""
    return tuple(sorted(set(_read().get(digest, []))))


def _write(data: dict[str, list[str]]) -> None:
    path = _path()
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = json.dumps({k: v for k, v in data.items() if v}, ensure_ascii=False, indent=1).encode("utf-8")
    atomic_write(path, lambda fh: fh.write(payload))


def exclude(digest: str, names: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """Mark ``names`` as not agencies in this dataset; returns the new list."""
    data = _read()
    data[digest] = sorted(set(data.get(digest, [])) | {n for n in names if n})
    _write(data)
    return tuple(data[digest])


def restore(digest: str, names: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """Count ``names`` as agencies again in this dataset; returns the remaining list."""
    data = _read()
    data[digest] = sorted(set(data.get(digest, [])) - set(names))
    _write(data)
    return tuple(data[digest])
