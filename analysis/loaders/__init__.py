"""Turn article collections (files, folders, uploads) into one clean article table.

Public API (stable; the app and the CLI use only these):

- ``load_paths(paths, options=None) -> LoadResult`` — files and folders on disk.
- ``load_files(files, options=None) -> LoadResult`` — ``[(name, bytes), ...]`` as uploaded.
- ``LoadOptions`` — column-mapping overrides, traditional→simplified conversion, limits.

A file that cannot be read becomes a ``FileReport`` with ``error`` set; the others still load. Only when
*no* article could be read at all do these raise ``LoadError`` (the CLI exits 1 then).
"""
from analysis.loaders.assemble import simplify_loaded
from analysis.loaders.core import load_files, load_paths, walk_path
from analysis.loaders.options import DEFAULT_LIMITS, LoadOptions
from analysis.loaders.sniff import decode_bytes, sniff_format
from analysis.loaders.report import FileReport, LoadResult, ParseReport
from analysis.loaders.columns import FIELD_NAMES, FIELDS, map_columns

__all__ = [
    "load_paths", "load_files", "LoadOptions", "DEFAULT_LIMITS", "FileReport", "LoadResult", "ParseReport",
    "FIELDS", "FIELD_NAMES", "map_columns", "decode_bytes", "sniff_format", "walk_path",
    "simplify_loaded",
]
