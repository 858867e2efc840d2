"""Table column codes and agency level codes as shown (Chinese, English): the headers of every table the
dashboard shows or downloads. Plain data, no imports."""
from __future__ import annotations

#: Table column codes (what the library and the downloads use) -> the header shown (Chinese, English).
COLUMNS: dict[str, tuple[str, str]] = {
    "id": ("编号", "ID"), "file": ("文件", "File"), "title": ("标题", "Title"), "date": ("日期", "Date"),
    "source": ("来源", "Source"), "author": ("作者", "Author"), "url": ("链接", "Link"), "body": ("正文", "Body"),
    "duplicate_of": ("转载自", "Repost of"), "converted": ("已转简体", "Converted"),
    "term": ("词", "Term"), "count": ("出现次数", "Count"), "documents": ("文章数", "Articles"),
    "tfidf": ("TF-IDF", "TF-IDF"), "phrase": ("短语", "Phrase"), "first": ("前词", "First word"),
    "second": ("后词", "Second word"), "llr": ("G²(llr)", "G² (llr)"), "pmi": ("PMI", "PMI"),
    "side": ("组", "Side"), "count_a": ("A 次数", "Count A"), "count_b": ("B 次数", "Count B"),
    "per_10k_a": ("A 每万词", "A per 10k"), "per_10k_b": ("B 每万词", "B per 10k"), "score": ("得分", "Score"),
    "left": ("左侧上下文", "Left context"), "right": ("右侧上下文", "Right context"), "group": ("组", "Group"),
    "agency": ("机构", "Agency"), "mentions": ("提及次数", "Mentions"), "aliases": ("别名", "Aliases"),
    "surface": ("原文写法", "Surface form"), "level": ("层级", "Level"), "region": ("地区", "Region"),
    "type": ("类型", "Type"), "sentence": ("句子", "Sentence"), "field": ("位置", "Field"),
    "a": ("机构 A", "Agency A"), "b": ("机构 B", "Agency B"), "articles": ("文章数", "Articles"),
    "period": ("时段", "Period"), "start": ("开始", "Start"), "end": ("结束", "End"),
    "series": ("序列", "Series"), "observed": ("观测值", "Observed"), "baseline": ("基线", "Baseline"),
    "ratio": ("倍数", "Ratio"), "p_value": ("p 值", "p-value"), "occurrences": ("出现次数", "Occurrences"),
    "one_document": ("主要来自一篇", "Mostly one article"),
    "candidate": ("候选名称", "Candidate"), "example": ("例句", "Example"), "decision": ("决定", "Decision"),
    "canonical": ("标准名称", "Canonical name"), "status": ("状态", "Status"), "name": ("名称", "Name"),
    "format": ("格式", "Format"), "encoding": ("编码", "Encoding"), "skipped_rows": ("跳过行数", "Skipped rows"),
    "error": ("错误", "Error"), "columns": ("列映射", "Column mapping"), "parent": ("上级机构", "Parent"),
    "label": ("时段", "Period"), "share": ("占比", "Share"), "per_1000": ("每千词", "Per 1,000 tokens"),
    "updated": ("更新时间", "Updated"), "created": ("保存时间", "Saved"), "size": ("大小", "Size"),
    "freq": ("粒度", "Frequency"), "value": ("值", "Value"),
    "region_code": ("地区代码", "Region code"), "note": ("备注", "Note"),
    # policy documents (analysis.policy)
    "doc_number": ("文号", "Document number"), "issuer": ("发文机关", "Issuer"),
    "written_date": ("成文日期", "Date written"), "effective_date": ("施行日期", "Effective date"),
    "doc_type": ("文种", "Document type"), "amendments": ("修订", "Amendments"), "date_source": ("日期来源", "Date from"),
    "citing": ("引用处数", "References made"), "cited_by": ("被引文件数", "Cited by (documents)"), "cited_title": ("被引标题", "Cited title"),
    "cited_doc_number": ("被引文号", "Cited document number"), "role": ("引用类型", "Role"),
    "resolved_id": ("语料内文件编号", "Document in corpus"), "self": ("自引", "Self-reference"),
    "written": ("原文写法", "As written"), "citations": ("引用次数", "Citations"), "resolved": ("语料内", "In corpus"),
    "resolved_share": ("语料内占比", "Share in corpus"), "citing_documents": ("引用文件数", "Citing documents"),
    "in_corpus": ("在语料内", "In corpus"), "year": ("年份", "Year"),
}

#: Agency levels (codes of ``analysis.agencies``) as shown.
#: Help (a column header's tooltip) of columns whose unit the header alone does not say (Chinese, English).
#: 政策 documents table (tester s15 Q2): ``citing`` counts reference rows — the same 《title》 cited three
#: times is 3 —, ``cited_by`` counts distinct citing documents (``analysis.policy.citations.document_counts``).
COLUMN_HELP: dict[str, tuple[str, str]] = {
    "citing": ("本文件中引用其他文件的处数(同一文件被引用几次算几处,含语料外的文件)",
               "References this document makes (the same document cited three times counts 3; documents outside "
               "the corpus included)"),
    "cited_by": ("语料中引用本文件的文件篇数(一篇文件引用多次只算一篇)",
                 "Documents of the corpus that cite this one (a document citing it several times counts once)"),
}

LEVELS: dict[str, tuple[str, str]] = {
    "national": ("国家级", "national"), "provincial": ("省级", "provincial"), "municipal": ("市级", "municipal"),
    "county": ("县级", "county"), "township": ("乡镇级", "township"), "foreign": ("外国", "foreign"),
    "": ("未知", "unknown"),
}


#: Document types (the ``doc_type`` values of ``analysis.policy.numbers.DOC_TYPES``: a title's ending) as shown
#: (Chinese, English). The data keep the Chinese word; English shows the usual translation with the Chinese in
#: brackets — the translations are not one-to-one (办法 and 措施 are both "measures", 规划/计划/方案 all "plan"
#: in places), and a researcher cites the genre by its Chinese name.
DOC_TYPES: dict[str, tuple[str, str]] = {
    zh: (zh, f"{en} ({zh})") for zh, en in (
        ("通知", "Notice"), ("通报", "Circular"), ("意见", "Opinions"), ("办法", "Measures"),
        ("规定", "Provisions"), ("条例", "Regulations"), ("决定", "Decision"), ("方案", "Scheme"),
        ("细则", "Detailed rules"), ("公告", "Announcement"), ("通告", "Public notice"), ("批复", "Official reply"),
        ("函", "Letter"), ("规划", "Plan"), ("计划", "Programme"), ("纲要", "Outline"), ("指南", "Guidelines"),
        ("规则", "Rules"), ("措施", "Measures"), ("决议", "Resolution"), ("命令", "Order"), ("报告", "Report"),
        ("议案", "Motion"), ("纪要", "Minutes"), ("法", "Law"), ("规程", "Code of practice"),
        ("标准", "Standard"), ("目录", "Catalogue"), ("清单", "List"), ("制度", "Rules system"),
        ("章程", "Charter"), ("公报", "Communiqué"), ("解读", "Interpretation"), ("令", "Decree"))
}
