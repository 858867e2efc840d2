"""Turn article collections (files, folders, uploads) into one clean article table.

Public API (stable; the app and the CLI use only these):

- ``load_paths(paths, options=None) -> LoadResult`` — files and folders on disk.
- ``load_files(files, options=None) -> LoadResult`` — ``[(name, bytes), ...]`` as uploaded.
- ``LoadOptions`` — column-mapping overrides, traditional→simplified conversion, limits.

A file that cannot be read becomes a ``FileReport`` with ``error`` set; the others still load. Only when
*no* article could be read at all do these raise ``LoadError`` (the CLI exits 1 then).
"""
from analysis.loaders.report import FileReport, LoadResult, ParseReport

__all__ = ["FileReport", "LoadResult", "ParseReport"]
