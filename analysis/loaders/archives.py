"""Reading ZIP archives safely: the declared entry count and expanded size (summed over nested archives)
are checked against the limits *before* anything is expanded, archives nest at most ``max_zip_depth`` deep,
entries with unsafe paths (``..``, absolute), system files (``__MACOSX``, hidden files) and encrypted or
oversized entries are skipped with a reason, GBK entry names are repaired. Entries are read in memory and
never written anywhere."""
from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field

from analysis.errors import LimitExceeded, LoadError, note
from analysis.loaders.options import LoadOptions

__all__ = ["ZipBudget", "ZipEntry", "ZipSummary", "zip_entries", "entry_name", "unsafe_entry"]


@dataclass
class ZipBudget:
    """Entries and declared expanded bytes counted so far across one archive and the archives inside it."""

    entries: int = 0
    expanded: int = 0


@dataclass
class ZipEntry:
    """One file of an archive: ``name`` (its path inside the archive, ``/``-separated), ``data`` (its bytes)
    or ``error`` (why it was not read — then ``data`` is ``b""``)."""

    name: str
    data: bytes = b""
    error: str = ""


@dataclass
class ZipSummary:
    """What :func:`zip_entries` passed over (filled while it runs): ``read`` entries, ``unsafe`` paths,
    ``skipped`` system files."""

    read: int = 0
    unsafe: list[str] = field(default_factory=list)
    skipped: int = 0

    def notes(self) -> list[str]:
        """The archive's report notes (bilingual, like every loader note)."""
        out = [note("zip_read", n=self.read)]
        if self.unsafe:
            shown = ", ".join(self.unsafe[:5]) + (" …" if len(self.unsafe) > 5 else "")
            out.append(note("zip_unsafe", n=len(self.unsafe), paths=shown))
        if self.skipped:
            out.append(note("zip_system_files", n=self.skipped))
        return out


def zip_entries(data: bytes, opt: LoadOptions, depth: int, budget: ZipBudget,
                summary: ZipSummary) -> Iterator[ZipEntry]:
    """The files of the ZIP archive ``data`` (sorted by name), one at a time, read in memory.

    ``depth``: how many archives contain this one (0 for a top-level file); ``budget`` is shared with the
    archives nested in this one. Raises ``LimitExceeded`` (too deep, too many entries, too many declared
    expanded bytes — before anything is expanded) or ``LoadError`` (broken or empty archive). Unsafe paths
    and system files are counted in ``summary``, not yielded; encrypted, oversized and broken entries are
    yielded with ``error`` set.
    """
    if depth >= opt.max_zip_depth:  # the top archive is level 1
        raise LimitExceeded.of("zip.too_deep", limit=opt.max_zip_depth)
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError, NotImplementedError) as exc:
        raise LoadError.of("zip.broken", exc=exc)
    with zf:
        infos = [i for i in zf.infolist() if not i.is_dir()]
        if not infos:
            raise LoadError.of("zip.empty")
        budget.entries += len(infos)
        if budget.entries > opt.max_zip_entries:
            raise LimitExceeded.of("zip.too_many_entries", entries=budget.entries, limit=opt.max_zip_entries)
        declared = sum(i.file_size for i in infos)
        budget.expanded += declared
        if budget.expanded > opt.max_zip_expanded_bytes:
            raise LimitExceeded.of("zip.too_large", expanded=budget.expanded, limit=opt.max_zip_expanded_bytes)
        for info in sorted(infos, key=lambda i: entry_name(i)):
            name = entry_name(info)
            if unsafe_entry(name):
                summary.unsafe.append(name)
                continue
            base = name.rsplit("/", 1)[-1]
            if name.startswith("__MACOSX/") or base.startswith(".") or base in ("Thumbs.db", "desktop.ini"):
                summary.skipped += 1
                continue
            if info.flag_bits & 0x1:
                yield ZipEntry(name, error=note("zip_encrypted"))
                continue
            if info.file_size > opt.max_file_bytes:
                yield ZipEntry(name, error=note("zip_entry_too_large", size=info.file_size, limit=opt.max_file_bytes))
                continue
            try:
                with zf.open(info) as fh:
                    content = fh.read(info.file_size + 1)
            except Exception as exc:  # noqa: BLE001 - BadZipFile, CRC errors, zlib.error, unsupported methods
                yield ZipEntry(name, error=note("zip_entry_broken", exc=exc))
                continue
            summary.read += 1
            yield ZipEntry(name, content)


def entry_name(info: zipfile.ZipInfo) -> str:
    """The entry's name, fixing GBK names that zipfile decoded as cp437 (no UTF-8 flag, Windows zippers)."""
    name = info.filename
    if not info.flag_bits & 0x800:
        try:
            raw = name.encode("cp437")
        except UnicodeEncodeError:
            return name.replace("\\", "/")
        for enc in ("utf-8", "gb18030"):
            try:
                name = raw.decode(enc)
                break
            except UnicodeDecodeError:
                continue
    return name.replace("\\", "/")


def unsafe_entry(name: str) -> bool:
    """True for an entry path that could escape a folder: absolute, a drive letter, ``..`` or a NUL."""
    parts = name.split("/")
    return name.startswith("/") or bool(re.match(r"^[A-Za-z]:", name)) or ".." in parts or "\x00" in name
