"""What a 《…》 in a body names when it is not a document it cites: a form, certificate or template
(:func:`is_form_title`), an item of the document's list of attachments (:func:`in_attachment_list`), one of the
document's own attachments named in its text (:func:`is_own_attachment`). Split from
:mod:`analysis.policy.citations`, which leaves such references out (no row)."""
from __future__ import annotations

import re

from analysis.policy.citation_index import normalize_title

__all__ = ["in_attachment_list", "is_form_title", "is_own_attachment"]

#: the title of a form, certificate or template, not of a document (P6): 《社会保险登记表》, 《…参保登记名册》,
#: 《事业单位法人证书》, 《社会保险登记证》, 《代码表值》, 《研发支出辅助账模板》, 《…申报书》; 代表/发表/论证/
#: 保证/认证/验证 are not such endings. 清单 / 目录 are left in: 《市场准入负面清单》 and 《国家职业资格目录》 are
#: documents (they are left out only as items of an 附件 list, :func:`in_attachment_list`).
_FORM_END = re.compile(r"(?:(?<![代发])表|表格|表值|名册|证书|(?<![论保认验公])证|样表|模板|范本|示范文本|申报书|申请书|任务书|"
                       r"承诺书|回执)$")
_PLACEHOLDER = re.compile(r"[（(]\s*(?:企业|单位|学校|机构|个人)?名称\s*[）)]|××|XX|ＸＸ")


def is_form_title(title: str) -> bool:
    """Whether a 《…》 title names a form, certificate, register or template (:data:`_FORM_END` after trailing
    notes such as ``（样表）``/``（2023年版）`` are dropped, or a blank to fill in such as ``（企业名称）``) —
    such references are not citations and give no row."""
    t = normalize_title(title)
    if _PLACEHOLDER.search(t):
        return True
    for _ in range(3):
        t2 = re.sub(r"[（(][^（()）]{0,20}[）)]$", "", t)
        if t2 == t:
            break
        t = t2
    return bool(_FORM_END.search(t))


_ATTACHMENT_LIST = re.compile(r"^\s*附\s*件\s*\d*\s*[：:、.．]?\s*(?:(?:\d+\s*[.．、]?)?\s*《(?:[^《》]|《[^《》]*》)*》[^《》\d]{0,3}\s*)*"
                              r"(?:\d+\s*[.．、]?)?\s*$")


def in_attachment_list(before: str) -> bool:
    """Whether a reference stands in a document's list of attachments: ``before`` = its sentence's text up to it,
    which is ``附件：`` followed only by numbered 《…》 items (``附件：1.《信息采集指标和填写说明》2.《代码表值》``).
    An attachment is part of the document, not a document it cites — except another body's document a 转发
    notice attaches (a title with 关于: ``附件：《人力资源社会保障部关于…的通知》``), which stays a citation."""
    return bool(_ATTACHMENT_LIST.match(before))


#: ``（附件1）``, ``(见附件2)``, ``（附件）`` right after a 《title》: the document's own attachment
_OWN_ATTACHMENT = re.compile(r"\s*[（(]\s*见?\s*附\s*件\s*[0-9０-９一二三四五六七八九十]{0,3}\s*[）)]")


def is_own_attachment(after: str) -> bool:
    """Whether the text right ``after`` a 《title》 marks it as one of the document's own attachments
    (``按照《信息采集指标和填写说明》（附件1）和《代码表值》（附件2）的指标项目填写``; tester s15 C3): part of the document,
    not a document it cites. (A title with 关于 — another body's document a 转发 notice attaches — is kept by
    the caller.)"""
    return bool(_OWN_ATTACHMENT.match(after))
