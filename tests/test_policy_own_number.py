"""The document's own 文号 / 发文机关 / 成文日期 vs the numbers and bodies it cites or answers (tester report s13:
P1, P2, P3, P10, P11, P12, P13). Excerpts are short paraphrases of the Hebei corpus shapes, written here."""
import pytest

from analysis.policy.headnotes import find_headnote, signature_date
from analysis.policy.metadata import disclosure_block, document_metadata
from analysis.policy.numbers import find_doc_numbers


def test_repeal_list_with_wenhao_lines_is_not_the_documents_block():
    # P1: the appendix lists repealed documents with 发文单位：/文号： per item
    body = ("科学技术部令第14号《科学技术部关于对部分规范性文件予以废止的决定》\n"
            "《科学技术部关于对部分规范性文件予以废止的决定》已经部务会议审议通过，现予公布，自公布之日起施行。\n"
            "部长万钢\n二O一一年一月二十六日\n一、决定废止的规范性文件目录\n1.科技开发企业审批登记暂行办法\n"
            "发文单位：国家科学技术委员会国家工商行政管理局\n文号：（87）国科发综字0810号\n2.技术经纪资格认定暂行办法\n"
            "发文单位：国家科学技术委员会\n文号：国科发市字[1997]433号\n")
    assert disclosure_block(body) == {}
    meta = document_metadata("科学技术部令第14号 《科学技术部关于对部分规范性文件予以废止的决定》", body)
    assert meta["doc_number"] == "科学技术部令第14号"
    assert meta["issuer"] == "科学技术部"
    assert str(meta["written_date"].date()) == "2011-01-26"


def test_a_real_block_with_one_label_each_is_still_read():
    assert disclosure_block("发文机关：河北省教育厅\n文号：冀教基〔2015〕15号\n成文日期：2015年6月11日") == {
        "issuer": "河北省教育厅", "doc_number": "冀教基〔2015〕15号", "written_date": "2015年6月11日"}


def test_joint_order_keeps_both_organs():
    # P2
    body = ("科学技术部、国家保密局令第16号\n《科学技术保密规定》已经审议通过，现予公布，自公布之日起施行。\n"
            "科学技术部部长：万钢\n国家保密局局长：田静\n2015年11月16日\n科学技术保密规定\n第一章总则\n" + "第一条……" * 30)
    meta = document_metadata("科学技术部、国家保密局令第16号《科学技术保密规定》", body)
    assert meta["doc_number"] == "科学技术部、国家保密局令第16号"
    assert meta["issuer"] == "科学技术部|国家保密局"
    assert str(meta["written_date"].date()) == "2015-11-16"


def test_presidential_order_in_chinese_numerals_and_numbered_announcement():
    # P3
    assert find_doc_numbers("中华人民共和国主席令第三十五号《中华人民共和国社会保险法》已由") == [
        (0, 15, "中华人民共和国主席令第三十五号")]
    body = "中华人民共和国主席令第七十三号《中华人民共和国劳动合同法》已于2007年6月29日通过，现予公布。"
    assert document_metadata("中华人民共和国劳动合同法", body)["doc_number"] == "中华人民共和国主席令第七十三号"
    body = ("关于加大支持科技创新税前扣除力度的公告\n财政部税务总局科技部公告2022年第28号\n为支持高新技术企业创新发展，现公告如下：\n"
            "特此公告。\n财政部税务总局科技部\n2022年9月22日")
    meta = document_metadata("关于加大支持科技创新税前扣除力度的公告", body)
    assert meta["doc_number"] == "财政部税务总局科技部公告2022年第28号"
    assert meta["issuer"] == "财政部|国家税务总局|科学技术部"


def test_reply_does_not_take_the_number_of_the_request_and_reads_chinese_date():
    # P11 / P10
    body = ("承德市人民政府：\n你市承市政〔2002〕143号文收悉。经省政府研究，同意建立辽河源省级自然保护区。\n"
            "二〇〇四年三月二十四日\n公开程序：本单位审核后公开\n责任部门：省政府办公厅秘书一处")
    meta = document_metadata("河北省人民政府办公厅关于同意建立辽河源省级自然保护区的复函", body)
    assert meta["doc_number"] == ""
    assert meta["issuer"] == "河北省人民政府办公厅"
    assert str(meta["written_date"].date()) == "2004-03-24"
    body = "省林业局：\n你局冀林动字〔2005〕103号文收悉。同意。\n二〇〇五年九月一日"
    assert document_metadata("河北省人民政府办公厅关于扩大保护区面积的复函", body)["doc_number"] == ""


def test_cited_regulation_in_first_sentence_is_not_the_own_number():
    # P12
    body = ("冀科政规〔2022〕2号河北省科学技术厅关于公布部门规范性文件清理结果的通知各市科技局：\n"
            "按照《河北省规范性文件管理办法》（省政府令〔2016〕第5号公布，根据省政府令〔2020〕第2号修正）等有关规定，"
            "我们进行了认真清理。\n河北省科学技术厅\n2022年9月30日")
    assert find_headnote(body) == ""
    meta = document_metadata("关于公布部门规范性文件清理结果的通知", body)
    assert meta["doc_number"] == "冀科政规〔2022〕2号"
    assert meta["issuer"] == "河北省科学技术厅"
    assert str(meta["written_date"].date()) == "2022-09-30"


def test_body_opening_with_own_number():
    # P12: the number on its own line under a title, or glued to the first sentence
    body = ("关于进一步做好中央财政科研项目资金管理等\n政策贯彻落实工作的通知\n财科教〔2017〕6号\n为了进一步做好工作，"
            "现就有关问题通知如下：\n财政部科技部教育部\n2017年3月3日")
    assert document_metadata("关于进一步做好中央财政科研项目资金管理等政策贯彻落实工作的通知", body)["doc_number"] \
        == "财科教〔2017〕6号"
    body = "冀人社字〔2016〕182号为充分发挥博士后制度的作用，根据《关于博士后的通知》（人社部发〔2015〕87号），批准设立。"
    assert document_metadata("关于批准河北安能绿色建筑科技有限公司等32个单位设立博士后创新实践基地", body)["doc_number"] \
        == "冀人社字〔2016〕182号"
    # a number after 按照 / inside 《》 at the head is a citation
    body = "根据冀政发〔2019〕5号精神，现通知如下。"
    assert document_metadata("关于做好工作的通知", body)["doc_number"] == ""


def test_issuer_not_taken_from_the_first_sentence():
    # P13: 关于… found inside a citation of the first sentence; the signature names the issuers
    body = ("为全面贯彻党的二十大精神，坚决落实党中央、国务院和省委、省政府关于就业工作的决策部署，按照人力资源社会保障部等11部门"
            "《关于开展2023年春风行动暨就业援助月的通知》(人社部函〔2022〕147号)要求，现将有关事项通知如下：一、活动主题……"
            "省人力资源社会保障厅省民政厅省残联2022年12月28日更多信息请关注官方微信“河北人社”")
    meta = document_metadata("关于开展2023年春风行动暨就业援助月的通知", body)
    assert "国务院" not in meta["issuer"] and "中国共产党中央委员会" not in meta["issuer"]
    assert meta["doc_number"] == ""
    assert str(meta["written_date"].date()) == "2022-12-28"


def test_signature_date_before_contact_footer():
    # P10
    body = ("现将《河北省社会保险基金监督举报奖励实施细则》印发给你们，请结合实际认真贯彻执行。2023年3月31日（此件主动公开）"
            "（联系单位：河北省人力资源和社会保障厅社会保险基金监管局、河北省财政厅社会保障处）更多信息请关注官方微信“河北人社”")
    assert str(signature_date(body).date()) == "2023-03-31"
    # a date alone on its line that is not in Chinese numerals is not taken by the line rule
    assert signature_date("活动安排如下：\n2023年3月1日\n报名开始，请各单位按时报送材料并做好组织工作，确保活动顺利开展。") is None


def test_header_numbers_that_belong_to_a_cited_or_listed_document():
    # a first sentence citing 《…》（后财〔2015〕1726号） has no line break before the number: not the header
    body = ("为贯彻落实人力资源社会保障部、财政部《关于军人退役基本养老保险关系转移接续有关问题的通知》（后财〔2015〕1726号），"
            "做好安置工作，现就有关问题通知如下。")
    assert document_metadata("关于军人退役参加机关事业单位养老保险有关问题的通知", body)["doc_number"] == ""
    # a table of documents: 《title》 then its 文号 on the same line
    body = "2023年河北省科学技术厅规范性文件\n清理结果目录\n（一）保留规范性文件目录序号文件名称文号1《河北省院士合作重点单位管理办法（试行）》冀科人规〔2021〕1号"
    assert document_metadata("2023年河北省科学技术厅规范性文件清理结果目录", body)["doc_number"] == ""
    # …but a 《title》 on the lines above the number is the document's own title
    body = ("中共中央办公厅国务院办公厅印发\n《关于进一步完善中央财政科研项目\n资金管理等政策的若干意见》\n中办发〔2016〕50号\n"
            "近日，中共中央办公厅、国务院办公厅印发了《若干意见》。")
    assert document_metadata("关于进一步完善中央财政科研项目资金管理等政策的若干意见", body)["doc_number"] == "中办发〔2016〕50号"


def test_joint_order_of_province_and_military_district_gets_the_province():
    body = "（1998年5月4日河北省人民政府、省军区令第134号发布）为加强人民防空通信管理，制定本规定。"
    meta = document_metadata("河北省人民防空通信管理规定", body)
    assert meta["doc_number"] == "河北省人民政府、省军区令第134号"
    assert meta["issuer"] == "河北省人民政府|河北省军区"


def test_order_number_in_brackets_and_a_repealed_order_in_the_text():
    body = ("专利代理管理办法\n国家知识产权局局长令（第30号）\n为了规范对专利代理行业的管理和监督，制定《专利代理管理办法》，"
            "现予以发布，自2003年7月15日起施行。\n国家知识产权局令第二十三号公布的《设立专利代理机构审批办法（暂行）》同日废止。\n"
            "局长\n二○○三年六月六日\n")
    meta = document_metadata("专利代理管理办法", body)
    assert meta["doc_number"] == "国家知识产权局局长令第30号"
    assert str(meta["written_date"].date()) == "2003-06-06"
    assert document_metadata("某某管理办法", "为规范管理，制定本办法。国家知识产权局令第二十三号公布的《审批办法》同日废止。"
                             )["doc_number"] == ""


def test_national_short_forms_and_glued_names_become_canonical():
    # P14: a national document's short forms through the agency table (国家/中国/国务院 + the short form)
    from analysis.policy.issuers import IssuerResolver
    r = IssuerResolver()
    assert r("科技部 财政部 发展改革委") == "科学技术部|财政部|国家发展和改革委员会"
    assert r("科技部、社科院工程院自然科学基金委") == "科学技术部|中国社会科学院|中国工程院|国家自然科学基金委员会"
    assert r("知识产权局教育部科技部工业和信息化部国资委工商总局版权局中科院") == (
        "国家知识产权局|教育部|科学技术部|工业和信息化部|国务院国有资产监督管理委员会|国家工商行政管理总局|国家版权局|中国科学院")
    # a sub-unit is never cut off as a body of its own, nor a committee of a body
    assert r("人力资源社会保障部办公厅") == "人力资源和社会保障部办公厅"
    assert r("中央军事委员会科学技术委员会") == "中央军事委员会科学技术委员会"
    # bare 省 forms of a provincial document: the province of the document, also when written without breaks
    assert r("省人力资源社会保障厅省民政厅省残联", "河北省") == "河北省人力资源和社会保障厅|河北省民政厅|河北省残联"
    assert r("省政府", "河北省关于推广双随机抽查的实施意见") == "河北省人民政府"
    # a company co-signing an activity notice is no issuer
    assert r("河北省人力资源和社会保障厅 天津银行股份有限公司石家庄分行") == "河北省人力资源和社会保障厅"


def test_signature_of_a_province_named_only_in_the_body():
    body = ("为做好河北人社系统就业工作，现将有关事项通知如下：一、活动时间……"
            "省人力资源社会保障厅省民政厅省妇联省残联2022年12月28日")
    meta = document_metadata("关于开展2023年春风行动暨就业援助月的通知", body)
    assert meta["issuer"] == "河北省人力资源和社会保障厅|河北省民政厅|河北省妇联|河北省残联"


def test_a_body_opening_with_its_order_number_is_read_whatever_its_title():
    # 修正案 is no document type of the title list: the 令 number opening the body makes the row a document
    import pandas as pd
    from analysis.policy.metadata import add_policy_columns
    body = ("河北省人民政府令〔2007〕第5号按照国务院的要求，省政府对现行有效的省政府规章进行了全面清理。本决定自公布之日起施行。"
            "省长 郭庚茂\n二○○七年四月二十二日河北省大型科研仪器管理办法修正案一、第七条修改为：……")
    out = add_policy_columns(pd.DataFrame({"title": ["河北省大型科研仪器管理办法修正案"], "body": [body]}))
    assert out["doc_number"].tolist() == ["河北省人民政府令〔2007〕第5号"]
    assert out["issuer"].tolist() == ["河北省人民政府"]
    assert str(out["written_date"].iloc[0].date()) == "2007-04-22"


def test_chinese_numeral_signature_right_after_the_cover_letter():
    body = ("各设区市人民政府：\n省工商局《关于推广建立消费者投诉站的意见》已经省政府同意，现转发给你们，请认真贯彻执行。"
            "二〇〇四年八月三日（河北省工商行政管理局 二〇〇四年七月一日）为保护消费者合法权益……")
    assert str(signature_date(body).date()) == "2004-08-03"
    # a Chinese-numeral date opening a sentence of prose is no signature
    assert signature_date("工作安排如下。二〇〇四年八月三日起施行新的办法，各地要认真组织，确保各项工作落实到位，不得拖延。") is None
    assert signature_date("会议情况如下。二〇〇四年八月三日，省政府召开常务会议，研究部署了有关工作，要求各地认真落实。") is None



@pytest.mark.parametrize("head,number", [
    # bjtcm id 13 (tester s14 P-bj): a joint 令 laid out one part per line
    ("中华人民共和国国家工商行政管理总局\n中华人民共和国卫生部\n令\n第 26 号\n《医疗广告管理办法》已经…决定修改，现予公布。",
     "国家工商行政管理总局、卫生部令第26号"),
    ("中华人民共和国卫生部\n令\n第二十六号\n现予公布。", "中华人民共和国卫生部令第二十六号"),   # one organ: as written
    ("　北京市人民政府\n　令\n　第 3 号\n", "北京市人民政府令第3号"),
    ("北京市人民政府令第3号\n现予公布。", ""),            # on one line: the ordinary 文号 rules read it
    ("关于印发办法的通知\n令\n第3号", ""),                # the line above 令 is a title, not an organ
    ("中华人民共和国卫生部\n令\n", ""),                   # no number
])
def test_stacked_order_number(head, number):
    from analysis.policy.own_number import stacked_order_number

    assert stacked_order_number(head) == number


def test_a_stacked_joint_order_gives_number_and_issuers():
    body = ("中华人民共和国国家工商行政管理总局\n中华人民共和国卫生部\n令\n第 26 号\n《医疗广告管理办法》已经中华人民共和国国家工商"
            "行政管理总局和中华人民共和国卫生部决定修改，现予公布，自2007年1月1日起施行。\n局长：周伯华\n部长：高强\n二○○六年十一月十日\n"
            "医疗广告管理办法\n第一条 为加强医疗广告管理，制定本办法。")
    meta = document_metadata("医疗广告管理办法", body)
    assert (meta["doc_number"], meta["issuer"]) == ("国家工商行政管理总局、卫生部令第26号", "国家工商行政管理总局|卫生部")
    assert str(meta["written_date"].date()) == "2006-11-10" and str(meta["effective_date"].date()) == "2007-01-01"
