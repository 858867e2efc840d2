"""Property-based tests: any bytes under any name give articles or the project's own error, never another
exception; loaded tables always satisfy the schema."""
from __future__ import annotations

import io
import json
import zipfile

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.errors import WenjianError
from analysis.loaders import load_files
from analysis.schema import ARTICLE_COLUMNS

NAMES = st.sampled_from(["a.csv", "a.tsv", "a.txt", "a.json", "a.jsonl", "a.html", "a.xlsx", "a.zip", "noext", "a.xls"])
SETTINGS = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _check(files: list[tuple[str, bytes]]) -> None:
    try:
        res = load_files(files)
    except WenjianError as exc:
        assert str(exc)
        return
    arts = res.articles
    assert list(arts.columns[:len(ARTICLE_COLUMNS)]) == list(ARTICLE_COLUMNS)
    assert arts["id"].tolist() == list(range(1, len(arts) + 1))
    assert len(arts) == res.report.articles > 0
    assert str(arts["date"].dtype) == "datetime64[ns]"
    for col in ("title", "source", "author", "url", "body", "file"):
        assert arts[col].map(type).eq(str).all()
    # a duplicate points at an earlier article that is itself an original
    dup = arts["duplicate_of"].dropna().astype(int)
    assert (dup < arts.loc[dup.index, "id"]).all()
    assert arts.set_index("id").loc[dup.tolist(), "duplicate_of"].isna().all()


@SETTINGS
@given(name=NAMES, data=st.binary(max_size=2000))
def test_any_bytes(name, data):
    _check([(name, data)])


@SETTINGS
@given(name=NAMES, text=st.text(max_size=800), encoding=st.sampled_from(["utf-8", "gb18030", "utf-16", "big5"]))
def test_any_text_in_any_encoding(name, text, encoding):
    _check([(name, text.encode(encoding, "replace"))])


CELL = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40)


@SETTINGS
@given(rows=st.lists(st.fixed_dictionaries({"标题": CELL, "日期": CELL, "正文": CELL}), max_size=8),
       fmt=st.sampled_from(["csv", "json", "jsonl"]))
def test_any_table(rows, fmt):
    if fmt == "json":
        data = json.dumps(rows, ensure_ascii=False).encode()
    elif fmt == "jsonl":
        data = "\n".join(json.dumps(r, ensure_ascii=False) for r in rows).encode()
    else:
        import csv

        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=["标题", "日期", "正文"])
        writer.writeheader()
        writer.writerows(rows)
        data = buf.getvalue().encode()
    _check([(f"t.{fmt}", data)])


@SETTINGS
@given(entries=st.dictionaries(st.text(st.characters(blacklist_characters="\x00", blacklist_categories=("Cs",)),
                                       min_size=1, max_size=12), st.binary(max_size=300), max_size=4))
def test_any_zip(entries):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
    _check([("z.zip", buf.getvalue())])
