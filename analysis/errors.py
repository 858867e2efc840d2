"""The project's own error types.

Only the UI (``app.py``/``views``) and the CLI turn these into messages. Library code raises them with a code
and its parameters — ``InvalidOption.of("query.ends_with_not", text=text)`` — and the words of each code live
in the label catalogue (``labels.errors.ERRORS``: what is wrong and what to do, Chinese and English). An
exception's ``str()`` / ``message`` is the catalogue's bilingual form ``中文 / English`` (what the command line
prints, what logs and the parse report keep); the dashboard shows one language from the code
(``ui.i18n.error_text``). This module is the one library module that reads the catalogue: an exception must
be readable wherever it ends up (a log, a traceback, a test), without an edge to word it.

An exception built from a ready message (``LoadError("…")``) still works, for code outside the library's
own raises (``code`` is then empty and the message is shown as it is).
"""
from __future__ import annotations

from collections.abc import Mapping

from labels import fill
from labels.errors import ERRORS, error_message, joiner
from labels.notes import NOTES


class WenjianError(Exception):
    """Base class: every expected failure of the library is one of these. ``code`` (a key of
    ``labels.errors.ERRORS``, ``""`` for a ready message) and ``params`` (the values its words are filled
    with) are what an edge needs to word it in any language; ``message`` is the bilingual form."""

    def __init__(self, message: str = "", *, file: str | None = None, code: str = "",
                 params: Mapping[str, object] | None = None) -> None:
        if code and code not in ERRORS:
            raise KeyError(f"unknown error code {code!r} (add it to labels/errors.py)")
        self.code = code
        self.params = dict(params or {})
        self.message = message or (error_message(code, self.params) if code else "")
        self.file = file
        super().__init__(self.message)

    @classmethod
    def of(cls, code: str, /, *, file: str | None = None, **params: object):
        """The error ``code`` with ``params`` (its message worded from the catalogue)."""
        return cls(file=file, code=code, params=params)

    def __str__(self) -> str:  # "file: message" when a file is known
        return f"{self.file}: {self.message}" if self.file else self.message

    def __reduce__(self):  # pickled across processes (the store's workers) with its code and parameters
        return _restore, (type(self), self.message, self.file, self.code, self.params)


def _restore(cls: type[WenjianError], message: str, file: str | None, code: str,
             params: dict[str, object]) -> WenjianError:
    return cls(message, file=file, code=code, params=params)


class LoadError(WenjianError):
    """A file (or a whole input) could not be read as articles."""


class LimitExceeded(LoadError):
    """An input is over a configured limit (size, entries, articles, characters)."""


class ColumnMappingError(LoadError):
    """A table has no column that can serve as the article text, or a mapping names a missing column."""


class InvalidOption(WenjianError, ValueError):
    """An option value is not one of the allowed ones (bad frequency, unknown term, bad query...)."""


def invalid_option(name: str, value: object, allowed: object) -> InvalidOption:
    """One shared message format for bad option values (textacy style): code ``option.invalid``."""
    return InvalidOption.of("option.invalid", name=name, value=value, allowed=allowed)


def note(code: str, /, **params: object) -> str:
    """The bilingual text (``中文 / English``) of the parse-report note ``code`` (``labels.notes.NOTES``) with
    ``params``: what a load noticed without refusing the file, kept as text in the stored report."""
    zh, en, *bilingual = NOTES[code]
    if bilingual:
        return fill(bilingual[0], **params)
    return fill(zh, **params) + joiner(zh) + fill(en, **params)
