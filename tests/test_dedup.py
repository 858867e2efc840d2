"""Duplicates and reposts: grouped, never dropped; false merges avoided (templated texts, other years)."""
from __future__ import annotations

import time

import numpy as np
import pandas as pd

from analysis.dedup import (CONTAINMENT, MAX_DAYS, MIN_CHARS, MIN_SAMPLED, TITLED_CHARS, find_duplicates, fingerprint,
                            similar_pairs)

STORY = ("国家市场监督管理总局近日印发《计量发展规划实施方案》，明确到二〇二五年计量科技创新能力明显增强，"
         "量值传递溯源体系更加完善，计量服务经济社会发展的能力显著提升。方案提出，要加强计量基础研究，"
         "推进量子计量、数字计量等前沿技术攻关，完善国家计量基准和标准体系，提升计量测试服务水平。")
OTHER = ("应急管理部召开专题会议，部署汛期安全防范工作，要求各地压实防汛责任，加强监测预警和值班值守，"
         "做好人员转移避险和抢险救援准备，确保人民群众生命财产安全，最大限度减少灾害损失。")


def _table(rows: list[tuple[str, str, str | None]]) -> pd.DataFrame:
    return pd.DataFrame({
        "id": np.arange(1, len(rows) + 1),
        "title": [r[0] for r in rows],
        "body": [r[1] for r in rows],
        "date": pd.to_datetime([r[2] for r in rows]),
    })


def _dups(rows) -> list[int]:
    return find_duplicates(_table(rows)).fillna(0).tolist()


def test_fingerprint_ignores_punctuation_space_and_case():
    assert fingerprint("ＡＢ c，。 １２3 甲乙") == "c3甲乙"
    assert fingerprint("GB/T 19000—2016：质量") == "gbt190002016质量"


def test_exact_and_repost_with_portal_boilerplate():
    rows = [("计量发展规划实施方案印发", STORY, "2024-05-02"),
            ("应急管理部部署汛期工作", OTHER, "2024-05-02"),
            ("计量发展规划实施方案印发", STORY, "2024-05-03"),                              # exact repost
            ("计量发展规划实施方案印发_某市政府网", "来源：某市政府网 " + STORY + " 责任编辑：张三", "2024-05-04"),
            ("计量发展规划实施方案印发", STORY.replace("，", ",").replace("。", "."), None)]  # undated, half-width
    assert _dups(rows) == [0, 0, 1, 1, 1]


def test_short_and_empty_bodies():
    rows = [("国内联播快讯", "", "2024-02-02"), ("国内联播快讯", "", "2024-02-03"),   # daily items, not reposts
            ("国内联播快讯", "", "2024-02-02"),                                          # same title and day
            ("短讯", "今日无事。", "2024-02-02"), ("短讯", "今日无事！", "2024-02-09"),
            ("", "", "2024-02-02"), ("", "", "2024-02-02")]                               # nothing to compare
    assert _dups(rows) == [0, 0, 1, 0, 4, 0, 0]


def test_a_one_line_body_is_no_proof_without_similar_titles():
    # two notices whose exported body is the same link text (a 政策解读's title, 66 characters): different documents
    link = "河北省教育厅关于修订《河北省初中学业水平体育与健康科目考试方案》和《河北省初中学业水平体育与健康科目考试现场测试办法》的政策解读"
    assert _short_line_body(link)
    rows = [("河北省教育厅关于印发《河北省初中学业水平体育与健康科目考试方案（2024 年修订）》的通知", link, "2024-01-12"),
            ("河北省教育厅关于印发《河北省初中学业水平体育与健康科目考试现场测试办法（2024 年修订）》的通知", link, "2024-01-12"),
            # the same title again (a repost of the first) and one with a portal suffix: reposts
            ("河北省教育厅关于印发《河北省初中学业水平体育与健康科目考试方案（2024 年修订）》的通知", link, "2024-01-13"),
            ("河北省教育厅关于印发《河北省初中学业水平体育与健康科目考试现场测试办法（2024 年修订）》的通知_河北省人民政府",
             link, "2024-01-14")]
    assert _dups(rows) == [0, 0, 1, 2]
    # from TITLED_CHARS on, an equal body is a repost whatever the title (a retitled repost)
    long_body = STORY * 2
    assert len(fingerprint(long_body)) >= TITLED_CHARS
    assert _dups([("甲标题完全不同", long_body, "2024-01-12"), ("乙另一个标题", long_body, "2024-01-12")]) == [0, 1]


def _short_line_body(text: str) -> bool:
    return MIN_CHARS <= len(fingerprint(text)) < TITLED_CHARS


def test_same_text_a_year_later_is_not_a_repost():
    rows = [("烈士纪念日敬献花篮仪式将举行", STORY, "2022-09-29"), ("烈士纪念日敬献花篮仪式将举行", STORY, "2023-09-29")]
    assert _dups(rows) == [0, 0]


def test_templated_editions_with_different_titles_are_different_stories():
    a = STORY + "该书日文版由外文出版社出版，面向海内外发行。"
    b = STORY + "该书阿拉伯文版由外文出版社出版，面向海内外发行。"
    rows = [("《论述摘编》日文版出版发行", a, "2024-11-25"), ("《论述摘编》阿拉伯文版出版发行", b, "2024-11-26")]
    assert _dups(rows) == [0, 0]
    rows = [("《论述摘编》日文版出版发行", a, "2024-11-25"), ("《论述摘编》日文版出版发行", b, "2024-11-26")]
    assert _dups(rows) == [0, 1]


def test_an_undated_article_cannot_chain_distant_versions():
    v2008 = STORY + "本办法自二〇〇八年起施行。"
    v2018 = STORY + "本办法自二〇一八年起施行，原办法同时废止。"
    rows = [("河北省自然科学基金管理办法", STORY, None), ("河北省自然科学基金管理办法", v2008, "2008-06-22"),
            ("河北省自然科学基金管理办法", v2018, "2018-03-14")]
    out = _dups(rows)
    assert out[0] == 0 and sorted(out[1:]) == [0, 1]


def test_clearly_different_texts_are_not_merged():
    half = STORY[: len(STORY) // 2]
    rows = [("计量", STORY, "2024-05-02"), ("计量", half + OTHER, "2024-05-02")]
    assert _dups(rows) == [0, 0]


def test_no_rows_and_no_mutation():
    assert len(find_duplicates(_table([]))) == 0
    table = _table([("a", STORY, "2024-01-01"), ("a", STORY, "2024-01-01")])
    before = table.copy()
    assert find_duplicates(table).fillna(0).tolist() == [0, 1]
    pd.testing.assert_frame_equal(table, before)


def test_twenty_thousand_articles_in_seconds():
    rng = np.random.default_rng(0)
    lengths = rng.integers(100, 900, size=20_000)
    codes = rng.integers(0x4E00, 0x4E00 + 3000, size=int(lengths.sum()), dtype=np.uint32)
    text = codes.tobytes().decode("utf-32-le")
    ends = np.cumsum(lengths)
    bodies = [text[e - n:e] for e, n in zip(ends.tolist(), lengths.tolist())]
    for i in range(0, 20_000, 100):  # 200 reposts with a changed prefix
        bodies[i + 1] = "转载：" + bodies[i]
    titles = [f"标题{i // 2 if i % 100 < 2 else i}" for i in range(20_000)]
    table = pd.DataFrame({"id": np.arange(1, 20_001), "title": titles, "body": bodies,
                          "date": pd.Timestamp("2024-05-02")})
    start = time.perf_counter()
    out = find_duplicates(table)
    elapsed = time.perf_counter() - start
    assert int(pd.Series(out).notna().sum()) == 200
    assert elapsed < 30  # about a second on a free core (scripts/bench_load.py); generous for a busy CI machine


def test_similar_pairs_rule_and_order():
    """The one pair rule of find_duplicates and the store: Jaccard ≥ threshold, or containment with Jaccard ≥ 0.5;
    enough sampled shingles; dates within max_days unless one is undated; best Jaccard first."""
    n = 5
    sizes = np.array([40, 40, 40, 60, 4])
    undated = np.array([False, False, True, False, False])
    days = np.array([0, 10, 0, 20, 0])
    keys = np.array([0 * n + 1, 0 * n + 2, 1 * n + 3, 0 * n + 3, 0 * n + 4])
    inter = np.array([34, 40, 38, 39, 4])
    # 0-1: Jaccard 34/46 < 0.8 and containment 34/40 < 0.9; 0-2: identical (2 undated); 1-3: 1 inside 3
    # (38/40 ≥ 0.9, Jaccard 38/62 ≥ 0.5, 10 days apart); 0-3: alike but 20 days apart; 0-4: 4 shingles < 8
    firsts, seconds = similar_pairs(keys, inter, sizes, undated, days, max_days=MAX_DAYS, threshold=0.8)
    assert list(zip(firsts, seconds)) == [(0, 2), (1, 3)]   # best Jaccard first
    assert similar_pairs(keys[:0], inter[:0], sizes, undated, days, max_days=MAX_DAYS, threshold=0.8) == ([], [])
    assert (CONTAINMENT, MAX_DAYS, MIN_SAMPLED) == (0.9, 14, 8)  # the numbers the cases above are built on


def test_shared_runs():
    from analysis.dedup import MAX_POSTING, shared_runs
    hashes = np.array([5, 5, 7, 9, 9, 9] + [11] * (MAX_POSTING + 1), dtype=np.uint64)
    run, keep = shared_runs(hashes)
    assert run.tolist() == [0, 0, 1, 2, 2, 2] + [3] * (MAX_POSTING + 1)
    assert keep.tolist() == [True, True, False, True, True, True] + [False] * (MAX_POSTING + 1)  # alone / too common


# ---------------------------------------------------------------- the fast path equals the plain algorithm
def _reference_shingles(codes: np.ndarray, lens: np.ndarray, use: np.ndarray):
    """The plain sampled shingles (the code before the speed work, 961b47a): every anchor position, its
    document by ``searchsorted``, dropped when it runs over the document's end; unique (doc, hash) by hash."""
    from analysis.dedup import SHINGLE, _anchor_table
    n = len(codes) - SHINGLE + 1
    sampled = np.flatnonzero(_anchor_table()[codes[:n]]) if n > 0 else np.zeros(0, np.int64)
    h = np.zeros(len(sampled), dtype=np.uint64)
    with np.errstate(over="ignore"):
        for j in range(SHINGLE):
            h = h * np.uint64(1_000_003) + codes[sampled + j].astype(np.uint64)
        h ^= h >> np.uint64(29)
        h *= np.uint64(0xBF58476D1CE4E5B9)
        h ^= h >> np.uint64(32)
    bounds = np.cumsum(lens)
    doc_of = np.searchsorted(bounds, sampled, side="right")
    valid = (sampled + SHINGLE <= bounds[np.minimum(doc_of, len(bounds) - 1)]) & (doc_of < len(lens))
    doc_of, h = doc_of[valid], h[valid]
    keep = use[doc_of]
    pairs = sorted(set(zip(h[keep].tolist(), doc_of[keep].tolist())))
    return np.array([d for _, d in pairs], dtype=np.int64), np.array([x for x, _ in pairs], dtype=np.uint64)


def _reference_candidates(docs: np.ndarray, hashes: np.ndarray, n: int):
    """Every pair sharing a shingle of a run of 2..MAX_POSTING documents, with its count (a dict)."""
    from collections import Counter
    from analysis.dedup import shared_runs
    run, keep = shared_runs(hashes)
    members: dict[int, list[int]] = {}
    for r, d in zip(run[keep].tolist(), docs[keep].tolist()):
        members.setdefault(r, []).append(d)
    return Counter(a * n + b for m in members.values() for i, a in enumerate(m) for b in m[i + 1:])


def _repost_corpus(seed: int = 3):
    """Random Chinese texts (some sharing stock phrases, some reposted with edits), short and empty ones,
    a character beyond the BMP, NULs and letters to fold."""
    rng = np.random.default_rng(seed)
    stock = ["国务院常务会议强调", "各地区各部门要认真贯彻落实", "记者从有关部门获悉"]
    bodies = []
    for i in range(300):
        k = int(rng.integers(0, 260))
        body = "".join(chr(int(c)) for c in rng.integers(0x4E00, 0x4E00 + 400, size=k))
        if i % 3 == 0:
            body = stock[i % 3] + body + stock[(i + 1) % 3]
        bodies.append(body)
    for i in range(0, 300, 7):  # reposts: cut, lead added, characters replaced, half only
        src = bodies[i]
        bodies += [src[len(src) // 10:], "转载：" + src + "（完）", "".join("某" if j % 30 == 29 else c for j, c in
                   enumerate(src)), src[len(src) // 2:]]
    bodies += ["", "短", "ＡＢc\x00１２𠀀" + bodies[0], "x" * 60]
    return bodies


def test_fingerprint_units_equal_fingerprint_per_text():
    from analysis.dedup import fingerprint_codes, fingerprint_units
    bodies = _repost_corpus()
    codes, lens = fingerprint_units(pd.Series(bodies, dtype=object))
    wide, wide_lens = fingerprint_codes(pd.Series(bodies, dtype=object))
    assert codes.dtype == np.uint16 and wide.dtype == np.uint32
    assert np.array_equal(codes, wide) and np.array_equal(lens, wide_lens)
    ends = np.cumsum(lens)
    texts = [codes[e - n:e].tobytes().decode("utf-16-le") for e, n in zip(ends.tolist(), lens.tolist())]
    # the vectorised fold keeps what fingerprint keeps (it drops NUL and characters beyond the BMP)
    assert texts == [fingerprint(b.replace("\x00", "").replace("𠀀", "")) for b in bodies]
    assert texts[-2].startswith("c国务院") and lens[-1] == 60 and lens[0] > 0 and lens[300] >= 0


def test_sampled_shingles_and_candidate_pairs_equal_the_plain_algorithm():
    from analysis.dedup import _candidate_pairs, _repeated, fingerprint_units, sampled_shingles
    codes, lens = fingerprint_units(pd.Series(_repost_corpus(), dtype=object))
    n = len(lens)
    use = lens >= MIN_CHARS
    docs, hashes = sampled_shingles(codes, lens, use)
    ref_docs, ref_hashes = _reference_shingles(codes, lens, use)
    assert np.array_equal(docs, ref_docs) and np.array_equal(hashes, ref_hashes) and len(docs) > 5000
    every = _reference_candidates(docs, hashes, n)
    sizes = np.bincount(docs, minlength=n)
    days, undated = np.arange(n, dtype=np.int64) % 5, np.arange(n) % 11 == 0
    for threshold in (0.8, 0.5, 0.3, 1.0, float("nan")):
        keys, inter, fast_sizes = _candidate_pairs(codes, lens, use, threshold)
        assert np.array_equal(fast_sizes, sizes)
        assert np.all(np.diff(keys) > 0)
        assert {k: every[k] for k in keys.tolist()} == dict(zip(keys.tolist(), inter.tolist()))  # exact counts
        all_keys = np.array(sorted(every), dtype=np.int64)
        all_inter = np.array([every[k] for k in all_keys.tolist()], dtype=np.int64)
        want = similar_pairs(all_keys, all_inter, sizes, undated, days, MAX_DAYS, threshold)
        assert similar_pairs(keys, inter, sizes, undated, days, MAX_DAYS, threshold) == want
        assert len(keys) < len(all_keys)  # the pairs no rule can keep are not formed
    assert len(want[0]) > 40  # the reposts are found (threshold NaN: containment only)
    # the filter of repeated hashes keeps every repeated one
    values = np.array([3, 9, 3, 2**63 + 5, 7, 2**63 + 5, 9, 11], dtype=np.uint64)
    assert set(_repeated(values).tolist()) >= {0, 1, 2, 3, 5, 6}
    assert _repeated(values[:1]).tolist() == [] or _repeated(values[:1]).tolist() == [0]
    assert _repeated(values[:0]).tolist() == []


def test_find_duplicates_equals_the_plain_candidate_pairs(monkeypatch):
    """The whole function with the fast candidate pairs and with every pair of the plain algorithm (all pairs
    sharing a shingle, counted one by one): the same ``duplicate_of`` for several thresholds."""
    import analysis.dedup as dedup
    bodies = _repost_corpus()
    n = len(bodies)
    titles = ["同一标题" if i % 5 else f"另一标题{i}" for i in range(n)]
    table = pd.DataFrame({"id": np.arange(101, 101 + n), "title": titles, "body": bodies,
                          "date": pd.Timestamp("2024-05-02") + pd.to_timedelta(np.arange(n) % 19, unit="D")})
    table.loc[table.index % 13 == 0, "date"] = pd.NaT

    def plain(codes, lens, use, threshold):
        docs, hashes = _reference_shingles(codes, lens, use)
        every = _reference_candidates(docs, hashes, len(lens))
        keys = np.array(sorted(every), dtype=np.int64)
        return keys, np.array([every[k] for k in keys.tolist()], dtype=np.int64), np.bincount(docs, minlength=len(lens))

    fast = {t: find_duplicates(table, threshold=t).fillna(0).tolist() for t in (0.8, 0.5, 0.95)}
    monkeypatch.setattr(dedup, "_candidate_pairs", plain)
    for t, got in fast.items():
        assert got == find_duplicates(table, threshold=t).fillna(0).tolist()
    assert sum(v > 0 for v in fast[0.8]) > 40 and fast[0.5] != fast[0.95]  # many marked; the threshold matters
