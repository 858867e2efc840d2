"""Tables of articles from JSON: an array of records, an object holding the list (``data``, ``items`` …, or
sibling lists), and JSON Lines — each read into a ``RawTable`` as ``analysis.loaders.tables`` reads CSV and XLSX
(and re-exports these readers). Broken lines of a JSONL file are skipped and counted in a note; a broken JSON
array is salvaged up to its first error, said in a note."""
from __future__ import annotations

import json

from analysis.errors import LoadError, note
from analysis.loaders.columns import RawTable, map_columns

__all__ = ["read_json", "read_jsonl"]


_LIST_KEYS = ("data", "items", "articles", "records", "rows", "list", "results", "result", "news", "docs",
              "documents", "entries", "content")


def _records_table(records: list[object], notes: list[str]) -> RawTable:
    columns: dict[str, None] = {}
    dicts = []
    other = 0
    for rec in records:
        if isinstance(rec, dict):
            for k in rec:
                if k not in columns:
                    columns[str(k)] = None
            dicts.append(rec)
        else:
            other += 1
    if other:
        notes.append(note("not_objects", n=other))
    return RawTable(columns=list(columns), rows=[], notes=notes, records=dicts)


def _find_list(obj: object, depth: int = 0) -> list | None:
    """The list of records inside a JSON object: a known key first, then the longest list of objects."""
    if isinstance(obj, list):
        return obj
    if not isinstance(obj, dict) or depth > 3:
        return None
    lowered = {str(k).lower(): v for k, v in obj.items()}
    for key in _LIST_KEYS:
        val = lowered.get(key)
        if isinstance(val, list) and any(isinstance(v, dict) for v in val):
            return val
    best = None
    for val in obj.values():
        found = _find_list(val, depth + 1) if isinstance(val, dict) else val if isinstance(val, list) else None
        if found is not None and any(isinstance(v, dict) for v in found) and (best is None or len(found) > len(best)):
            best = found
    return best


def _record_lists(obj: object, path: str = "", depth: int = 0) -> list[tuple[str, list]]:
    """Every list holding objects inside a JSON object, with its dotted path (``searchVO.catMap.gongwen.listVO``).
    The objects of a found list are not searched further (their own lists are fields, not records)."""
    if depth > 6:
        return []
    if isinstance(obj, list):
        return [(path or "[]", obj)] if any(isinstance(v, dict) for v in obj) else []
    if not isinstance(obj, dict):
        return []
    out: list[tuple[str, list]] = []
    for key, val in obj.items():
        if isinstance(val, (dict, list)):
            out.extend(_record_lists(val, f"{path}.{key}" if path else str(key), depth + 1))
    return out


def _sibling_record_lists(obj: object) -> list[tuple[str, list]]:
    """The lists of *article* records in a JSON object: government search APIs split results by category
    (``catMap.gongwen.listVO``, ``catMap.otherfile.listVO``), and every list must be read. A list counts when
    its objects' keys map to a title or body and at least one more field (a facet list ``[{name, count}]``
    does not). An array at the top, or a single such list, gives what ``_find_list`` finds."""
    if not isinstance(obj, dict):
        return []
    found = []
    for path, lst in _record_lists(obj):
        keys: dict[str, None] = {}
        for rec in lst[:50]:
            if isinstance(rec, dict):
                keys.update(dict.fromkeys(map(str, rec)))
        mapping = map_columns(list(keys), exact_only=True)
        if ("title" in mapping or "body" in mapping) and len(mapping) >= 2:
            found.append((path, lst))
    return found


def _invalid_json(exc: json.JSONDecodeError) -> LoadError:
    return LoadError.of("json.invalid", line=exc.lineno, column=exc.colno, msg=exc.msg)


def _salvage_array(text: str) -> tuple[list[object], json.JSONDecodeError | None]:
    """The complete leading items of a truncated/broken JSON array (and the error that stopped it)."""
    dec = json.JSONDecoder()
    items: list[object] = []
    pos = text.index("[") + 1
    n = len(text)
    ws = " \t\r\n"
    while True:
        while pos < n and text[pos] in ws:
            pos += 1
        if pos < n and text[pos] == "]":
            return items, None
        try:
            item, pos = dec.raw_decode(text, pos)
        except json.JSONDecodeError as exc:
            return items, exc
        items.append(item)
        while pos < n and text[pos] in ws:
            pos += 1
        if pos < n and text[pos] == ",":
            pos += 1
        elif pos < n and text[pos] == "]":
            return items, None
        else:
            try:
                dec.decode(text[pos:pos + 1] or " ")
            except json.JSONDecodeError as exc:
                return items, exc
            return items, None


def read_json(text: str) -> RawTable:
    """Records of a JSON document: an array of objects, an object holding such an array, or one article object.

    A truncated or broken array keeps its complete leading records (with a note saying where it broke).
    Nesting deeper than Python can parse (e.g. 20,000 ``[``) gives a ``LoadError``, not a ``RecursionError``.
    """
    notes: list[str] = []
    try:
        obj = json.loads(text)
    except RecursionError:
        raise LoadError.of("json.too_deep_levels")
    except json.JSONDecodeError as exc:
        if not text.lstrip().startswith("["):
            raise _invalid_json(exc)
        try:
            items, err = _salvage_array(text)
        except RecursionError:
            raise LoadError.of("json.too_deep")
        if not any(isinstance(i, dict) for i in items):
            raise _invalid_json(exc)
        e = err or exc
        notes.append(note("json_truncated", line=e.lineno, column=e.colno, msg=e.msg, n=len(items)))
        return _records_table(items, notes)
    several = _sibling_record_lists(obj)
    if len(several) > 1:
        records = [rec for _, found in several for rec in found]
        shown = ", ".join(f"{path} ({len(found)})" for path, found in several)
        notes.append(note("json_lists", n=len(several), lists=shown))
        return _records_table(records, notes)
    listed = _find_list(obj)
    if listed is None:
        if isinstance(obj, dict):
            listed = [obj]
        else:
            raise LoadError.of("json.no_records")
    if not any(isinstance(r, dict) for r in listed):
        raise LoadError.of("json.no_objects")
    return _records_table(listed, notes)


def read_jsonl(text: str) -> RawTable:
    """JSON Lines: one object per line; broken lines are skipped and counted in a note."""
    lines = text.splitlines()
    filled = [line for line in lines if line and not line.isspace()]   # (bool(line.strip()) without copies)
    try:  # fast path: every line valid — one parse of all lines as one array
        records = json.loads("[" + ",".join(filled) + "]")
        if len(records) == len(filled):
            if not any(isinstance(r, dict) for r in records):
                raise LoadError.of("jsonl.no_objects")
            return _records_table(records, [])
    except (json.JSONDecodeError, RecursionError):
        pass
    records = []
    bad: list[int] = []
    first_error = ("", "")
    loads = json.loads
    for lineno, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            records.append(loads(line))
        except json.JSONDecodeError as exc:
            bad.append(lineno)
            first_error = first_error if first_error[0] else (exc.msg, exc.msg)
        except RecursionError:
            bad.append(lineno)
            first_error = first_error if first_error[0] else ("嵌套层数过深", "nested too deeply")
    notes = []
    if bad:
        if not records:
            raise LoadError.of("jsonl.no_valid_line", line=bad[0], error_zh=first_error[0], error_en=first_error[1])
        shown = ", ".join(map(str, bad[:10])) + (" …" if len(bad) > 10 else "")
        notes.append(note("bad_json_lines", n=len(bad), lines=shown))
    if not any(isinstance(r, dict) for r in records):
        raise LoadError.of("jsonl.no_objects")
    return _records_table(records, notes)
