"""analysis.policy: the signature block closing a body names its 发文机关 (tester s14 P-bj: four bjtcm notices
signed ``北京市中医管理局⏎二○○五年三月三十日`` had no issuer — the signature rule wanted a date with Arabic digits and
a day). Bodies are built in code from the shapes of ../shared/corpora/bjtcm and the Hebei corpus."""
import pytest

from analysis.policy.headnotes import closing_signer, signed_at_end, signer
from analysis.policy.issuers import IssuerResolver
from analysis.policy.metadata import document_metadata

PROSE = "以上通知的要求，希望各区县卫生行政部门、各级医疗机构认真贯彻落实，努力为人民群众提供优质的中医诊疗服务。"


@pytest.mark.parametrize("tail,organs", [
    ("\n北京市中医管理局\n二○○五年三月三十日", "北京市中医管理局"),     # Chinese numerals, ○ for 〇
    ("\n北京市中医管理局\n二OO一年四月", "北京市中医管理局"),          # Latin O for 〇, no day
    ("\n北京市中医管理局\n2021年3月\n", "北京市中医管理局"),           # Arabic digits, no day, a trailing break
    ("\n北京市中医管理局\n二〇〇四年三月二十六日\n（此件公开发布）", "北京市中医管理局"),  # the footer is no part of it
    ("\n河北省教育厅\n河北省农村信用社联合社\n2020年2月14日", "河北省教育厅 河北省农村信用社联合社"),  # a joint block
    ("\n　北京市中医管理局　\n　2021年3月", "北京市中医管理局"),       # lines indented with ideographic spaces
    ("\n请各单位于2021年3月", ""),                                     # a date inside a sentence: no signature
    ("\n本办法由北京市中医管理局负责解释。\n2021年3月", ""),            # the line above is a sentence, not a name
    ("\n北京市中医管理局\n2021年3月起施行", ""),                       # the last line is prose, not a date
    ("\n北京市中医管理局", ""),                                        # no date at all
])
def test_closing_signer(tail, organs):
    assert closing_signer(PROSE + tail) == organs
    assert signed_at_end(PROSE + tail) is bool(organs)


def test_the_signature_is_read_at_the_end_of_a_long_body():
    """Only the body's last 600 characters are searched: a block of 4 names and a date fits in them."""
    body = PROSE * 300 + "\n北京市中医管理局\n二○○五年三月三十日"
    assert len(body) > 15_000
    assert closing_signer(body) == signer(body) == "北京市中医管理局"
    assert closing_signer("") == signer("") == ""


@pytest.mark.parametrize("title,tail,issuer,written", [
    # bjtcm id 15 / 23 / 26: a 关于 notice and a 办法 signed by the bureau, the year in Chinese numerals
    ("关于进一步加强中医诊疗规范化服务的通知", "\n北京市中医管理局\n二○○五年三月三十日", "北京市中医管理局", "2005-03-30"),
    ("关于加强中医医疗机构药剂科严格中药饮片质量管理工作的通知", "\n北京市中医管理局\n二○○四年三月二十六日",
     "北京市中医管理局", "2004-03-26"),
    ("北京中医药重点学科管理办法", "\n北京市中医管理局\n二OO一年四月", "北京市中医管理局", None),  # no day: no 成文日期
    # bjtcm id 75: no document type, no 关于 — the signature block alone makes it a document
    ("北京市中医管理局2021年政府采购意向", "\n北京市中医管理局\n2021年3月", "北京市中医管理局", None),
    # Hebei (学生资助 id 8): 等三部门, the block names the three; a bank and its provincial branch are one body
    ("河北省教育厅等三部门关于在疫情防控期间加强学生资助工作的通知", "\n河北省教育厅国家开发银行河北省分行\n"
     "河北省农村信用社联合社\n2020年2月14日", "河北省教育厅|国家开发银行河北省分行|河北省农村信用社联合社", "2020-02-14"),
])
def test_document_metadata_takes_the_issuer_from_the_closing_signature(title, tail, issuer, written):
    meta = document_metadata(title, "各区县卫生局：\n" + PROSE + tail)
    assert meta["issuer"] == issuer
    assert (None if meta["written_date"] is None else str(meta["written_date"].date())) == written


@pytest.mark.parametrize("body", [
    "本报讯 " + PROSE + "\n（记者 张三）",                                        # no signature
    "新华社北京3月5日电 " + PROSE + "\n北京市中医管理局\n2021年3月5日",           # a dateline: a portal's news report
    "记者从北京市中医管理局获悉，" + PROSE + "\n北京市中医管理局\n二○二一年三月五日",  # a byline in the lead
])
def test_a_news_item_stays_without_metadata(body):
    meta = document_metadata("北京中医药工作会议召开", body)
    assert (meta["issuer"], meta["written_date"], meta["doc_type"], meta["date"]) == ("", None, "", None)


def test_a_bank_and_its_branch_written_together_are_one_issuer():
    resolve = IssuerResolver()
    assert resolve("国家开发银行河北省分行") == "国家开发银行河北省分行"
    assert resolve("河北省财政厅国家税务总局河北省税务局") == "河北省财政厅|国家税务总局河北省税务局"   # unchanged


@pytest.mark.shared
def test_bjtcm_signed_notices_have_their_issuer(shared):
    from analysis.loaders import load_paths

    articles = load_paths([shared / "corpora" / "bjtcm" / "notices.json"]).articles.set_index("id")
    assert articles.loc[[15, 23, 26, 75], "issuer"].tolist() == ["北京市中医管理局"] * 4
    assert articles.loc[76, "issuer"] == "北京市中医药对外交流与技术合作中心"
    assert [str(d.date()) for d in articles.loc[[15, 23], "written_date"]] == ["2005-03-30", "2004-03-26"]
