"""analysis.loaders.assemble helpers: the str typing of text columns at the end of the parse."""
from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.loaders import LoadOptions, load_files
from analysis.loaders.assemble import _to_str


def test_to_str_types_object_columns_only():
    df = pd.DataFrame({"id": np.arange(3, dtype="int64"),
                       "title": pd.Series(["甲", "", "乙"], dtype=object),
                       "date": pd.to_datetime(["2024-05-02", None, "2024-05-03"]).astype("datetime64[ns]"),
                       "flag": [True, False, True]})
    out = _to_str(df)
    assert out is df
    assert out["title"].dtype == pd.Series(["x"]).dtype and out["title"].tolist() == ["甲", "", "乙"]
    assert out["id"].dtype == np.int64 and out["date"].dtype == "datetime64[ns]" and out["flag"].dtype == bool
    assert out["title"].dtype == pd.DataFrame({"t": np.array(["甲", "", "乙"], dtype=object)})["t"].dtype


def test_to_str_on_an_empty_table():
    df = _to_str(pd.DataFrame({"title": pd.Series([], dtype=object)}))
    assert len(df) == 0 and df["title"].dtype == pd.Series(["x"]).dtype


def test_the_table_given_to_on_texts_has_str_text_columns():
    seen = []
    body = "正文一段。".encode()
    load_files([("a.jsonl", b'{"title": "\xe7\x94\xb2", "body": "' + body + b'"}\n')],
               LoadOptions(on_texts=lambda df: seen.append(df.dtypes.astype(str).to_dict())))
    kinds = seen[0]
    assert kinds["title"] == kinds["body"] == kinds["issuer"] == kinds["meta"] == "str"
    assert kinds["id"] == "int64" and kinds["date"] == "datetime64[ns]" and kinds["converted"] == "bool"
