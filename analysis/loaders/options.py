"""How to load (``LoadOptions``): column-mapping overrides, traditional→simplified conversion, duplicate
marking, and every limit (``DEFAULT_LIMITS``, each overridable by a ``WENJIAN_<LIMIT>`` variable)."""
from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from analysis.errors import invalid_option
from analysis.loaders.columns import FIELDS

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["LoadOptions", "DEFAULT_LIMITS"]

MiB = 1024 * 1024

#: (option, default, help) — every limit, documented in one place.
DEFAULT_LIMITS: tuple[tuple[str, int, str], ...] = (
    ("max_total_bytes", 1024 * MiB, "bytes of all inputs of one load together (files past it fail)"),
    ("max_file_bytes", 256 * MiB, "bytes of one file or one ZIP entry (after expansion)"),
    ("max_zip_expanded_bytes", 1024 * MiB, "declared expanded bytes of one ZIP, nested archives included"),
    ("max_zip_entries", 10_000, "files inside one ZIP, nested archives included"),
    ("max_zip_depth", 3, "archives inside archives: how many levels"),
    ("max_articles", 500_000, "articles per load (the rest are not loaded; a note says how many)"),
    ("max_chars_per_article", 1_000_000, "characters of one body (longer bodies are truncated, with a note)"),
    ("max_columns", 20_000, "columns of one table"),
)


@dataclass
class LoadOptions:
    """How to load: column-mapping overrides, traditional→simplified conversion, duplicate marking, limits.

    ``column_mapping`` ({field: column}) applies to every table that has that column;
    ``file_mappings`` ({file name: {field: column}}) to one file (its columns must exist). A column of
    ``""`` leaves a field unmapped. Fields: title, date, source, author, url, body.

    Limits (``DEFAULT_LIMITS`` lists each with its default and meaning): inputs over a byte limit fail with
    a ``LimitExceeded`` message in their ``FileReport``; ZIPs over the entry/expanded-size/depth limits are
    refused before anything is expanded; bodies over ``max_chars_per_article`` are truncated (noted in the
    file's report: a long report stays usable); articles past ``max_articles`` are left out (noted).
    """

    column_mapping: dict[str, str] = field(default_factory=dict)
    file_mappings: dict[str, dict[str, str]] = field(default_factory=dict)
    to_simplified: bool = False
    mark_duplicates: bool = True
    max_total_bytes: int = DEFAULT_LIMITS[0][1]
    max_file_bytes: int = DEFAULT_LIMITS[1][1]
    max_zip_expanded_bytes: int = DEFAULT_LIMITS[2][1]
    max_zip_entries: int = DEFAULT_LIMITS[3][1]
    max_zip_depth: int = DEFAULT_LIMITS[4][1]
    max_articles: int = DEFAULT_LIMITS[5][1]
    max_chars_per_article: int = DEFAULT_LIMITS[6][1]
    max_columns: int = DEFAULT_LIMITS[7][1]
    #: ``progress(fraction, text)`` is called before each input file and before duplicate marking (the
    #: app's progress bar); it must not raise.
    progress: Callable[[float, str], None] | None = field(default=None, repr=False, compare=False)
    #: ``on_texts(table)`` is called once with the article table before reposts are marked: every column as
    #: returned but ``duplicate_of`` (rows in their final order; not yet ``coerce_articles``-typed), so that a
    #: caller can start analysing the texts while the rest of the load runs (the app's upload:
    #: ``analysis.store.upload.EarlyAnalysis``). It must not change the table; an exception it raises is
    #: logged and ignored.
    on_texts: Callable[[pd.DataFrame], None] | None = field(default=None, repr=False, compare=False)
    #: ``on_bodies(table)`` is called once, earlier than ``on_texts``: as soon as the texts are final — ``id``,
    #: ``title``, ``source``, ``author``, ``url``, ``body`` of every article (normalised, cut, portal tails
    #: stripped, converted to simplified when asked; pandas' ``str`` type), rows in their final order, before
    #: the dates and the policy columns (发文机关 …) are read. The app's upload starts its workers from here
    #: (tokenizing needs the texts only; agency matching also reads the 发文机关, which ``on_texts`` gives:
    #: ``analysis.store.upload.EarlyAnalysis.set_sources``). Same rules as ``on_texts``.
    on_bodies: Callable[[pd.DataFrame], None] | None = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        for name, _, _ in DEFAULT_LIMITS:
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value < (0 if name == "max_zip_depth" else 1):
                raise invalid_option(name, value, "a positive integer")
        for fld in list(self.column_mapping) + [f for m in self.file_mappings.values() for f in m]:
            if fld not in FIELDS:
                raise invalid_option("column_mapping field", fld, ", ".join(FIELDS))


    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None, **kwargs) -> "LoadOptions":
        """Options with each limit overridable by ``WENJIAN_<LIMIT>`` (e.g. ``WENJIAN_MAX_ARTICLES=100000``);
        a value that is not a positive integer raises ``InvalidOption`` naming the variable."""
        env = os.environ if environ is None else environ
        for name, _, _ in DEFAULT_LIMITS:
            raw = env.get(f"WENJIAN_{name.upper()}", "").strip()
            if raw and name not in kwargs:
                try:
                    kwargs[name] = int(raw.replace("_", ""))
                except ValueError:
                    raise invalid_option(f"WENJIAN_{name.upper()}", raw, "a positive integer") from None
        return cls(**kwargs)
