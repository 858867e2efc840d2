"""analysis.tokenizer: dictionaries, filters, synonyms, engines — exact tokens on real-style sentences."""
from __future__ import annotations

import collections
import pickle

import pytest

from analysis.errors import InvalidOption
from analysis.tokenizer import build_tokenizer, clean_text


@pytest.fixture(scope="module")
def tk():
    return build_tokenizer()


def test_agency_names_and_domain_terms_stay_whole(tk):
    text = "国家发展和改革委员会、国家发改委与中国计量科学研究院、海南省市场监督管理局"
    assert tk.cut(text) == ["国家发展和改革委员会", "、", "国家发改委", "与", "中国计量科学研究院", "、",
                            "海南省市场监督管理局"]
    assert tk.terms("海南自贸港推进高质量发展,高质量发展离不开标准化。") == [
        "海南自贸港", "推进", "高质量", "发展", "高质量", "发展", "离不开", "标准化"]


def test_terms_drop_stopwords_punctuation_numbers_single_characters(tk):
    text = "市场监管总局召开会议\n国家市场监督管理总局推进计量工作。计量是质量基础设施的基础,2024年投入3亿元。"
    assert tk.terms(text) == ["市场监管总局", "会议", "国家市场监督管理总局", "推进", "计量", "工作", "计量",
                              "质量基础设施", "基础", "投入", "亿元"]
    assert tk.terms("第三届 二〇二四 15% 3.5 一 两 GDP") == ["第三届", "GDP"]


def test_cut_keeps_every_character(tk):
    text = "标准化\n标准化工作和计量工作协同推进。"
    assert tk.cut(text) == ["标准化", "\n", "标准化", "工作", "和", "计量", "工作", "协同", "推进", "。"]
    assert "".join(tk.cut(text)) == text
    assert tk.cut("") == [] and tk.terms("") == []


def test_urls_and_emails_are_removed_before_cutting(tk):
    text = "详见 https://www.samr.gov.cn/a.html 或 mail@samr.gov.cn ，电话 010-1234。"
    assert clean_text(text) == "详见   或   ，电话 010-1234。"
    assert tk.terms(text) == ["详见", "电话"]


def test_min_length_one_keeps_single_characters_but_not_stopwords():
    tk1 = build_tokenizer(min_length=1, agencies=False)
    assert tk1.terms("计量是质量基础设施的基础,人") == ["计量", "质量基础设施", "基础", "人"]


def test_user_words_stopwords_and_synonyms():
    base = build_tokenizer(agencies=False)
    assert base.cut("强基突破跨越") != ["强基突破跨越"]
    tk = build_tokenizer(user_words=["强基突破跨越"], user_stopwords=["推进"],
                         synonyms=[("市场监督管理", "市场监管")], agencies=False)
    assert tk.cut("强基突破跨越") == ["强基突破跨越"]
    assert tk.terms("推进市场监督管理和市场监管,强基突破跨越") == ["市场监管", "市场监管", "强基突破跨越"]
    assert tk.canonical(" 市场监督管理 ") == "市场监管"
    assert tk.version != base.version


def test_a_user_word_that_is_a_stopword_is_kept():
    assert "以及" not in build_tokenizer(agencies=False).terms("以及")
    assert build_tokenizer(user_words=["以及"], agencies=False).terms("以及") == ["以及"]


def test_portal_junk_is_dropped(tk):
    text = "欢迎访问安全生产资讯网!版权所有。联系电话:010-56232582 免责声明"
    assert tk.terms(text) == []


def test_rjieba_and_jieba_agree_on_chinese_text():
    text = ("近日,海南省市场监管局与中国计量科学研究院、中国标准化研究院在北京举行战略合作协议签署仪式。"
            "谢冬伟表示,海南自贸港正处于高质量发展窗口期、封关运作关键期。")
    # domain terms + two agency names added as user words (the full agency table costs jieba ≈ 50 s)
    words = ["中国计量科学研究院", "海南省市场监管局"]
    fast = build_tokenizer(words, engine="rjieba", agencies=False)
    ref = build_tokenizer(words, engine="jieba", agencies=False)
    assert (fast.engine, ref.engine) == ("rjieba", "jieba")
    assert fast.cut(text) == ref.cut(text)
    assert fast.cut(text)[2:5] == ["海南省市场监管局", "与", "中国计量科学研究院"]


def test_dedicated_instance_leaves_jieba_global_alone(tk):
    import jieba

    assert "中国计量科学研究院" not in jieba.dt.FREQ or jieba.dt.FREQ.get("海南自贸港") is None


def test_bad_options():
    with pytest.raises(InvalidOption, match="engine.*'spacy'"):
        build_tokenizer(engine="spacy")
    with pytest.raises(InvalidOption, match="min_length"):
        build_tokenizer(min_length=0)


def test_pickles_by_settings(tk):
    again = pickle.loads(pickle.dumps(tk))
    assert again.version == tk.version and again.cut("海南自贸港") == ["海南自贸港"]


def test_seed_top_30(shared, seed_text, tk):
    """Acceptance: the seed's top 30 terms (raw scraped text, header and footer included)."""
    top = [t for t, _ in sorted(collections.Counter(tk.terms(seed_text)).items(), key=lambda kv: (-kv[1], kv[0]))[:30]]
    assert {"合作", "发展", "战略", "海南自贸港", "高质量", "质量基础设施", "标准化"} <= set(top)
    assert {"中国计量科学研究院", "中国标准化研究院", "中国检验检疫科学研究院", "海南省市场监管局"} <= set(top)
    bad = {"安全生产资讯网", "版权所有", "联系电话", "免责声明", "的", "和", "在", "以及", "与",
           "研究院", "科学", "监管局", "安全生产", "资讯网"}
    assert not bad & set(top)
    assert all(any(ch.isalpha() for ch in t) and not t.isdigit() and len(t) >= 2 for t in top)


def test_policy_terms_stay_whole(tk):
    """Policy terms of the 政府工作报告 and the digital-government / market-regulation documents (data/domain_terms.txt):
    before they were added, 数字人民币 came out as 数字/人民币, 双随机、一公开 as 双/随机/、/一/公开."""
    text = ("推广数字人民币和工业互联网，深化“一网通办”“跨省通办”，建设全国统一大市场，"
            "推行“双随机、一公开”监管和“互联网+政务服务”，培育专精特新“小巨人”企业。")
    assert tk.terms(text) == ["推广", "数字人民币", "工业互联网", "深化", "一网通办", "跨省通办", "建设", "全国",
                              "统一大市场", "推行", "双随机、一公开", "监管", "互联网+政务服务", "培育", "专精特新",
                              "小巨人", "企业"]
    assert tk.cut("开展双随机抽查，落实告知承诺制和包容审慎监管") == [
        "开展", "双随机", "抽查", "，", "落实", "告知承诺制", "和", "包容审慎监管"]
    # 一公开 alone is no dictionary word: 统一公开 is not cut as 统/一公开
    assert tk.cut("统一公开招聘") == ["统一", "公开", "招聘"]


@pytest.mark.parametrize("text, want", [
    ("3.5亿元，同比增长1.2%。", "3.5亿元，同比增长1.2%。"),                  # a "." but no mark: as it is
    ("HTTP://A.CN 与 WWW。", "HTTP://A.CN 与 WWW。"),                      # the pattern is case-sensitive
    ("见gov.cn。", "见 。"), ("见a.com/x?y=1", "见 "), ("org.net.", " ."),
    ("写信至a@b.c或@", "写信至 或@"), ("http://x", "http://x"),            # no "." nor "@": never looked at
    ("http://x.y", " "), ("www.a", " "), ("请访问www.gov.cn。", "请访问 。"), ("", ""),
])
def test_clean_text_skips_only_texts_without_a_url_mark(text, want):
    from analysis.tokenizer import _URL_RE

    assert clean_text(text) == want
    if "." in text or "@" in text:  # the texts the regex ran on before: the same result
        assert want == _URL_RE.sub(" ", text)



TERM_TOKENS = ["国务院", " 国务院 ", "", " ", "\n", "的", "以及", "人", "。", "，！", "😀", "2024", "２０２４", "3.5%", "第三",
               "一二三", "第三届", "GDP", "gdp", "iso 9001", "ISO  9001", "ISO 9001", "iso９００１", "gb／t 19001－2016",
               "GB/T 19001-2016", "ＡＢ", "Ａｂ", "ａｂ", "STRASSE", "straße", "Ⅻ", "x86_64", "双随机、一公开", "市场监督管理",
               "中央党校（国家行政学院）", "中央党校(国家行政学院)", "版权所有", "國務院", "a", "ab", "_", "—", "·"]


@pytest.mark.parametrize("min_length", [1, 2])
def test_terms_of_equals_term_of_one_by_one(min_length):
    """The batch form gives what the one-token form gives, cached the same way: whole-kept words found by
    their key (case, full-width ／ and －, runs of spaces folded; letters-only words by ``casefold()``),
    synonyms, stopwords, numbers, symbols, ``min_length``."""
    kw = dict(user_words=["ISO 9001", "GB/T 19001-2016", "Ａｂ", "Straße"], synonyms=[("市场监督管理", "市场监管")],
              user_stopwords=["以及"], min_length=min_length, agencies=False)
    one, many = build_tokenizer(**kw), build_tokenizer(**kw)
    want = [one.term_of(t) for t in TERM_TOKENS]
    assert many.terms_of(TERM_TOKENS) == want
    assert many._keep == one._keep
    assert many.terms_of(TERM_TOKENS[::-1]) == want[::-1]  # now from the cache
    assert want[:4] == ["国务院", "国务院", None, None] and want[16:20] == ["第三届", "GDP", "gdp", "ISO 9001"]
    assert want[20:27] == ["ISO 9001", "ISO 9001", "iso９００１", "GB/T 19001-2016", "GB/T 19001-2016", "Ａｂ", "Ａｂ"]
    assert want[27:30] == ["Ａｂ", "Straße", "Straße"] and want[33] == "市场监管"
    assert want[6] is None and want[7] == ("人" if min_length == 1 else None)


def test_the_settings_version_is_computed_once_and_follows_the_settings():
    """TokenizerSettings.version is cached per object (an upload asked for it after its workers were done:
    ≈ 0.05–0.09 CPU-s each time); a pickled copy and a changed copy still give the right digest."""
    import dataclasses
    import pickle

    from analysis.tokenizer import TokenizerSettings

    s = TokenizerSettings(words=("计量", "标准化"), stopwords=frozenset({"的"}))
    v = s.version
    assert s.__dict__["version"] == v and s.version is v                      # kept on the object
    assert pickle.loads(pickle.dumps(s)).version == v
    assert TokenizerSettings(words=("计量", "标准化"), stopwords=frozenset({"的"})).version == v
    assert dataclasses.replace(s, min_length=1).version != v
    assert dataclasses.replace(s, words=("计量",)).version != v
