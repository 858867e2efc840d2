"""The project's own error types.

Only the UI (``app.py``/``views``) and the CLI turn these into messages; library code raises them with a
message that says what is wrong and what to do, in Chinese and English.
"""
from __future__ import annotations


class WenjianError(Exception):
    """Base class: every expected failure of the library is one of these."""

    def __init__(self, message: str, *, file: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.file = file

    def __str__(self) -> str:  # "file: message" when a file is known
        return f"{self.file}: {self.message}" if self.file else self.message


class LoadError(WenjianError):
    """A file (or a whole input) could not be read as articles."""


class LimitExceeded(LoadError):
    """An input is over a configured limit (size, entries, articles, characters)."""


class ColumnMappingError(LoadError):
    """A table has no column that can serve as the article text, or a mapping names a missing column."""


class InvalidOption(WenjianError, ValueError):
    """An option value is not one of the allowed ones (bad frequency, unknown term, bad query...)."""


def invalid_option(name: str, value: object, allowed: object) -> InvalidOption:
    """One shared message format for bad option values (textacy style)."""
    return InvalidOption(f"选项 {name} 的值无效: {value!r};可选: {allowed} / invalid {name} {value!r}; allowed: {allowed}")
