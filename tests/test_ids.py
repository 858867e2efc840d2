"""analysis.ids: article_id never changes for the life of a dataset — save, reopen, merge, re-parse."""
from __future__ import annotations

import hashlib

import numpy as np
import pandas as pd
import pytest

from analysis.agencies import AgencyMatcher, find_mentions
from analysis.agency_table import load_agencies
from analysis.ids import KEY, article_ids, with_article_ids
from analysis.keywords import tokenize_corpus
from analysis.library import Library
from analysis.schema import coerce_articles
from analysis.tokenizer import build_tokenizer


def _frame(titles, bodies, dates, source="甲") -> pd.DataFrame:
    return coerce_articles(pd.DataFrame({"title": titles, "body": bodies, "date": dates,
                                         "source": [source] * len(titles)}))


A = _frame(["市场监管总局部署", "海南通知", "市场监管总局部署"],
           ["国家市场监督管理总局召开会议,部署计量工作。", "海南省市场监督管理局发布通知。",
            "国家市场监督管理总局召开会议,部署计量工作。"],
           ["2024-01-02", "2024-01-08", "2024-01-02"])
B = _frame(["计量院报告", "海南通知"], ["中国计量科学研究院发布报告,计量标准。", "海南省市场监督管理局发布通知。"],
           ["2024-02-01", "2024-01-08"], source="乙")


def test_key_is_the_documented_hash():
    content = "\x1f".join(["甲", "2024-01-08", "海南通知", "", "", "海南省市场监督管理局发布通知。"])
    want = int.from_bytes(hashlib.blake2b(content.encode(), digest_size=8).digest(), "little") & ((1 << 63) - 1)
    ids = article_ids(A)
    assert ids.dtype == np.int64 and int(ids[1]) == want
    # the identical third row is the second copy: it hashes its occurrence number too, so keys stay distinct
    assert ids[0] != ids[2] and len(set(ids.tolist())) == 3 and (ids >= 0).all()


def test_keys_do_not_depend_on_row_order_file_or_id():
    ids = dict(zip(A["title"] + A.index.astype(str), article_ids(A)))
    moved = A.iloc[[1, 0]].reset_index(drop=True).assign(file=["other.zip/a.html", "b.csv"], id=[7, 8])
    again = article_ids(moved)
    assert again[0] == ids["海南通知1"] and again[1] == ids["市场监管总局部署0"]


def test_with_article_ids_keeps_existing_keys_and_rekeys_repeats():
    keyed = with_article_ids(A)
    assert KEY not in A  # input untouched
    assert keyed[KEY].tolist() == article_ids(A).tolist()
    stale = keyed.assign(**{KEY: [5, 5, 6]})  # a repeated key (e.g. the same article in two merged sets)
    fixed = with_article_ids(stale)[KEY].tolist()
    assert fixed[0] == 5 and fixed[2] == 6 and fixed[1] not in (5, 6)
    partial = keyed.assign(**{KEY: pd.array([11, None, 12], dtype="Int64")})
    assert with_article_ids(partial)[KEY].tolist() == [11, article_ids(A)[1], 12]


def _per_article(articles: pd.DataFrame, matcher, tk):
    """Mentions and term counts keyed by article_id (what the store keys on)."""
    keys = articles[KEY].to_numpy()
    m = find_mentions(articles, matcher)
    mentions = sorted((int(keys[r]), a, f, s, e) for r, a, f, s, e in
                      zip(m["row"], m["agency"], m["field"], m["start"], m["end"]))
    corpus = tokenize_corpus(articles, tk)
    coo = corpus.dtm.tocoo()
    counts = sorted((int(keys[r]), corpus.vocab[c], int(v)) for r, c, v in zip(coo.row, coo.col, coo.data))
    return mentions, counts


def test_merge_two_saved_datasets_keeps_ids_mentions_and_counts(tmp_path):
    matcher = AgencyMatcher.from_table(load_agencies(user_path=""))
    tk = build_tokenizer(agencies=False)
    lib = Library(tmp_path)
    ia, ib = lib.save("甲", A), lib.save("乙", B)
    a_keys = lib.article_ids(ia.id).tolist()
    b_keys = lib.article_ids(ib.id).tolist()
    assert a_keys == article_ids(A).tolist() and b_keys == article_ids(B).tolist()
    before = [_per_article(lib.load(i, keys=True)[0], matcher, tk) for i in (ia.id, ib.id)]

    merged = lib.merge([ia.id, ib.id], "合并")
    reopened = Library(tmp_path)  # a new session
    df = reopened.load(merged.id, keys=True)[0]
    assert df["id"].tolist() == [1, 2, 3, 4, 5]  # the CLI row number is renumbered ...
    assert df[KEY].tolist() == a_keys + b_keys  # ... the stable key is not
    assert reopened.article_ids(ia.id).tolist() == a_keys  # originals unchanged
    mentions, counts = _per_article(df, matcher, tk)
    assert mentions == sorted(before[0][0] + before[1][0])
    assert counts == sorted(before[0][1] + before[1][1])
    # 总局 in title and body of A's rows 1 and 3, 海南 in A's row 2 and B's row 2, 计量院 in B's row 1
    assert len(mentions) == 7 and sorted({m[1] for m in mentions}) == ["中国计量科学研究院", "国家市场监督管理总局",
                                                                      "海南省市场监督管理局"]

    # merging the merged set again with 乙 keeps every key of the merged set; only 乙's second copies move
    again = reopened.load(reopened.merge([merged.id, ib.id], "再合并").id, keys=True)[0]
    assert again[KEY].tolist()[:5] == a_keys + b_keys
    assert len(set(again[KEY])) == 7 and not set(again[KEY].tolist()[5:]) & set(a_keys + b_keys)


def test_datasets_saved_without_keys_get_content_keys(tmp_path):
    lib = Library(tmp_path)
    info = lib.save("旧", A)
    # simulate a library file written before keys existed
    import pyarrow.parquet as pq
    path = tmp_path / info.file
    pq.write_table(pq.read_table(path).drop([KEY]), path)
    assert lib.article_ids(info.id).tolist() == article_ids(A).tolist()
    assert KEY not in lib.open(info.id)


@pytest.mark.parametrize("n", [0, 1])
def test_small_tables(n):
    assert len(article_ids(A.head(n))) == n


def _plain_keys(articles: pd.DataFrame, keys=None) -> list[int]:
    """The keys as the rule says, row by row in Python (content_strings + content_hash), for comparison."""
    from analysis.ids import content_hash, content_strings
    contents = content_strings(articles)
    out = list(np.full(len(articles), -1) if keys is None else keys)
    used: set[int] = set()
    for i, k in enumerate(out):
        if k >= 0 and k not in used:
            used.add(k)
            continue
        copy, k = 0, content_hash(contents[i], 0)
        while k in used:
            copy += 1
            k = content_hash(contents[i], copy)
        out[i] = k
        used.add(k)
    return out


def test_arrow_contents_give_the_keys_of_the_plain_rule():
    from analysis.ids import Contents, _assign, content_strings
    plain = pd.DataFrame({"title": ["甲", "乙", "甲", "", "甲"], "body": ["正文𠀀", "", "正文𠀀", "x\x1fy", "正文𠀀"],
                          "date": pd.to_datetime(["2024-01-02", None, "2024-01-02", "1999-12-31", "2024-01-02"]),
                          "url": ["u", None, "u", "", "u"], "source": [1, 2, 1, 3, 1]})   # no author column
    contents = Contents(plain)
    assert [bytes(contents.data[a:b]) for a, b in zip(contents.offsets[:-1], contents.offsets[1:])] == \
        [s.encode() for s in content_strings(plain)]
    ids = article_ids(plain)
    assert ids.tolist() == _plain_keys(plain) and len(set(ids.tolist())) == 5   # three copies: copy 0, 1, 2
    keys = np.array([ids[1], ids[1], -1, 7, ids[0]])                            # a repeated and a missing key
    assert _assign(contents, keys).tolist() == _plain_keys(plain, keys.tolist())
    tz = plain.assign(date=plain["date"].dt.tz_localize("Asia/Shanghai"))      # the pandas path: the same text
    assert article_ids(tz).tolist() == _plain_keys(tz)
    old = plain.assign(date=pd.Series(np.array(["0999-03-04", "NaT", "2024-01-02", "1999-12-31", "2024-01-02"],
                                               dtype="datetime64[s]")))
    assert article_ids(old).tolist() == _plain_keys(old)
    assert article_ids(plain.iloc[:0]).tolist() == [] and len(Contents(plain.iloc[:0])) == 0
