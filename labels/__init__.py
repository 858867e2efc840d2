"""The label catalogue: every word Wenjian shows a person — the dashboard, the command line's messages and
the complete report — as plain data keyed by code, Chinese first, English second.

Why a package of its own (not ``ui/`` and not ``analysis/``): the library (``analysis/``) returns codes and
data and never builds words; two edges turn codes into words — the dashboard (``ui.i18n``: the language of
the session, needs Streamlit) and the command line (``analysis/cli.py`` and ``analysis/commands/``, which
must run without Streamlit). Both read this catalogue; it imports nothing of the project, so neither edge
drags the other in, and ``analysis`` never imports ``ui``. The library modules of ``analysis`` do not
import it (``tests/test_labels.py`` checks which modules do) — except ``analysis.errors``, whose exceptions
carry a code and parameters and render their message from :mod:`labels.errors` when printed.

- :mod:`labels.shell`, :mod:`labels.pages` — the dashboard's words (:data:`TEXTS` = both);
- :mod:`labels.columns` — table column codes and agency levels;
- :mod:`labels.report` — the complete report (headings, table headers, cell values, chart words, chrome);
- :mod:`labels.cli` — the command line's parse report (stderr);
- :mod:`labels.errors` — the library's error messages by code.

Every value is a pair ``(Chinese, English)``; ``{name}`` fields are filled with :func:`fill` (``str.format``
plus English plurals: ``{n} {n:|file|files}``).
"""
from __future__ import annotations

import string
from collections.abc import Mapping

from labels.pages import PAGES
from labels.shell import SHELL

LANGS: tuple[str, ...] = ("zh", "en")

#: The dashboard's words: key -> (Chinese, English) (read by ``ui.i18n.t``).
TEXTS: dict[str, tuple[str, str]] = {**SHELL, **PAGES}


class _Plurals(string.Formatter):
    """``str.format`` plus English plurals: a field ``{n:|row|rows}`` is ``row`` when ``n`` is 1, else ``rows``;
    ``n`` may be a number or the text of one as shown (``"1"``; ``"1,234"`` is many)."""

    def format_field(self, value: object, format_spec: str) -> str:
        if format_spec.startswith("|"):
            one, _, many = format_spec[1:].partition("|")
            return one if value == 1 or (isinstance(value, str) and value.strip() == "1") else many
        return super().format_field(value, format_spec)


_PLURALS = _Plurals()


class Template(str):
    """A catalogue text whose own ``.format`` is :func:`fill` (plurals included): what :func:`words` and
    ``labels.report.report_words`` hand to the library (``analysis`` formats words it is given with
    ``str.format`` and does not import this package), so ``{n} {n:|article|articles}`` reads ``1 article``
    there too."""

    __slots__ = ()

    def format(self, *args: object, **kwargs: object) -> str:
        return _PLURALS.format(self, *args, **kwargs)


def template(text: str) -> str:
    """``text`` as a :class:`Template` when it has a plural field (``{n:|one|many}``), else unchanged (plain
    ``str``: what has no plural stays the type it was)."""
    return Template(text) if ":|" in text else text


def fill(template: str, /, **params: object) -> str:
    """``template.format(**params)``, where a field ``{n:|one|many}`` gives ``one`` for ``n == 1`` and ``many``
    otherwise (``{n} {n:|file|files}`` → ``1 file``, ``3 files``); every catalogue text is filled with it."""
    return _PLURALS.format(template, **params)


def pick(pair: tuple[str, str], lang: str) -> str:
    """The ``lang`` half of a ``(Chinese, English)`` pair (Chinese for anything but ``en``)."""
    return pair[1] if lang == "en" else pair[0]


def both(pair: tuple[str, str], **kwargs: object) -> str:
    """A pair as one bilingual line ``中文 / English`` (the command line's and the logs' form), each half
    formatted with ``kwargs``."""
    zh, en = pair
    return f"{zh.format(**kwargs)} / {en.format(**kwargs)}" if kwargs else f"{zh} / {en}"


def words(table: Mapping[str, tuple[str, str]], lang: str, prefix: str = "") -> dict[str, str]:
    """Every entry of ``table`` whose key starts with ``prefix``, keyed by the rest of the key, in ``lang``."""
    return {key[len(prefix):]: template(pick(pair, lang)) for key, pair in table.items() if key.startswith(prefix)}
