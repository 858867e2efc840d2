"""The user's own dictionary: words to keep whole, stopwords, synonyms (variant → canonical).

Persisted as JSON in ``data/user/user_dict.json`` (``$WENJIAN_USER_DIR/user_dict.json`` when set) (written atomically: temporary file, fsync, ``os.replace``,
so a crash never leaves half a file). ``UserDict.key()`` is the hashable settings tuple the UI caches the
tokenizer and the tokenized corpus on: ``(words, stopwords, synonyms)``.
"""
from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from analysis.errors import InvalidOption

DEFAULT_USER_DIR = Path(__file__).resolve().parents[1] / "data" / "user"
MAX_ENTRIES = 5000


#: Set by the app (``ui.library``): the user folder of the session running in this thread, or ``None``.
_RESOLVER: Callable[[], Path | None] | None = None


def user_folder() -> Path:
    """The folder of the user's settings (dictionary, agency table edits, review decisions): the app
    session's (its workspace's, see :func:`set_user_folder_resolver`), else ``$WENJIAN_USER_DIR``, else
    ``data/user`` (decided at each call)."""
    found = _RESOLVER() if _RESOLVER is not None else None
    return found or Path(os.environ.get("WENJIAN_USER_DIR") or DEFAULT_USER_DIR)


def set_user_folder_resolver(resolver: Callable[[], Path | None] | None) -> None:
    """Install ``resolver``: called by :func:`user_folder`, it returns the user folder of the caller's context
    (the app: the workspace of the session whose thread calls) or ``None`` for the default."""
    global _RESOLVER
    _RESOLVER = resolver


def user_dict_path() -> Path:
    """``user_dict.json`` in :func:`user_folder`."""
    return user_folder() / "user_dict.json"


def _clean_words(words) -> tuple[str, ...]:
    out = []
    for w in words:
        w = str(w).strip()
        if w and w not in out:
            out.append(w)
    return tuple(out)


@dataclass(frozen=True)
class UserDict:
    words: tuple[str, ...] = ()
    stopwords: tuple[str, ...] = ()
    synonyms: tuple[tuple[str, str], ...] = ()

    def key(self) -> tuple[tuple[str, ...], tuple[str, ...], tuple[tuple[str, str], ...]]:
        """``(user_words, user_stopwords, synonyms)`` — the arguments of ``build_tokenizer``."""
        return (self.words, self.stopwords, self.synonyms)

    def to_json(self) -> dict:
        return {"words": list(self.words), "stopwords": list(self.stopwords),
                "synonyms": [[a, b] for a, b in self.synonyms]}


def make_user_dict(words=(), stopwords=(), synonyms=()) -> UserDict:
    """A cleaned :class:`UserDict` (blank and repeated entries dropped; a synonym's variant must differ from
    its canonical form; a variant may map to one canonical only — the last one wins)."""
    syn: dict[str, str] = {}
    for pair in synonyms:
        if len(pair) != 2:
            raise InvalidOption.of("user_dict.bad_synonym", pair=pair)
        a, b = str(pair[0]).strip(), str(pair[1]).strip()
        if a and b and a != b:
            syn[a] = b
    ud = UserDict(_clean_words(words), _clean_words(stopwords), tuple(syn.items()))
    if max(len(ud.words), len(ud.stopwords), len(ud.synonyms)) > MAX_ENTRIES:
        raise InvalidOption.of("user_dict.too_many", limit=MAX_ENTRIES)
    return ud


def parse_synonym_lines(text: str) -> tuple[tuple[str, str], ...]:
    """``"市场监督管理=市场监管"`` lines (also ``→``, ``->``, ``,`` or a tab) to ``(variant, canonical)`` pairs.

    One line may list several variants: ``市场监督管理, 市监 = 市场监管``. Raises ``InvalidOption`` naming the
    first line without a separator."""
    pairs: list[tuple[str, str]] = []
    for n, raw in enumerate((text or "").splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        for sep in ("=", "→", "->", "\t"):
            if sep in line:
                left, right = line.split(sep, 1)
                break
        else:
            raise InvalidOption.of("user_dict.no_equals", n=n, line=line)
        canonical = right.strip()
        for variant in left.replace("，", ",").split(","):
            if variant.strip() and canonical:
                pairs.append((variant.strip(), canonical))
    return tuple(pairs)


def load_user_dict(path: Path | None = None) -> UserDict:
    """The saved dictionary (default :func:`user_dict_path`); an empty one when the file does not exist or
    cannot be read as one."""
    try:
        data = json.loads(Path(path or user_dict_path()).read_text(encoding="utf-8"))
        return make_user_dict(data.get("words", ()), data.get("stopwords", ()), data.get("synonyms", ()))
    except (OSError, ValueError, AttributeError, TypeError):
        return UserDict()


def save_user_dict(ud: UserDict, path: Path | None = None) -> None:
    """Write ``ud`` atomically (tmp file in the same folder + fsync + ``os.replace``)."""
    path = Path(path or user_dict_path())
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".user_dict.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(ud.to_json(), fh, ensure_ascii=False, indent=1)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
