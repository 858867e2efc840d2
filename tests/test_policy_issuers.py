"""analysis.policy: 发文机关 (issuer) and 文号 (doc_number) on the kinds of text that garbled them — a signature laid
out with 　　 and a name broken across it, a title written before its own 令 number, a headnote left in the body
(关于印发《), a joint document named by its first issuer (等十三部门), a sub-unit written after its body
(…部办公厅). Sentences are short real ones from the Hebei corpus (../shared/corpora/hebei_gov), built in code."""
import pytest

from analysis.policy.headnotes import signer
from analysis.policy.metadata import document_metadata, is_body_name
from analysis.policy.numbers import find_doc_numbers

SP = "\u3000\u3000"  # the two ideographic spaces the Hebei pages put between lines


def test_signature_laid_out_with_spaces_and_a_name_broken_across_it():
    title = "关于联合印发《关于加快推动清洁能源装备 产业发展的实施方案》的通知"
    body = ("\n冀工信装〔2023〕77号各市（含定州、辛集市）人民政府，雄安新区管委会：" + SP
            + "为进一步贯彻落实《工业和信息化部等六部门关于推动能源电子产业发展的指导意见》，现印发给你们，请结合实际认真贯彻落实。"
            + SP + "河北省工业和信息化厅河北省发展和改革委员会" + SP + "河北省教育厅河北省科学技术厅" + SP
            + "中国人民银行石家庄中心支行中国银行保险监督管理" + SP + "委员会河北监管局" + SP
            + "2023年5月4日关于加快推动清洁能源装备产业发展的实施方案" + SP + "清洁能源装备是指发电不排放污染物的能源装备。")
    meta = document_metadata(title, body)
    assert meta["issuer"] == ("河北省工业和信息化厅|河北省发展和改革委员会|河北省教育厅|河北省科学技术厅|"
                              "中国人民银行石家庄中心支行|中国银行保险监督管理委员会河北监管局")
    assert meta["doc_number"] == "冀工信装〔2023〕77号"
    assert str(meta["written_date"].date()) == "2023-05-04"


def test_a_title_written_before_its_order_number_is_no_part_of_it():
    title = "河北省食盐专营管理实施办法"
    body = ("\n河北省食盐专营管理实施办法河北省人民政府令〔2022〕第2号《河北省食盐专营管理实施办法》已经2022年8月12日"
            "省政府第156次常务会议通过，现予公布，自2022年10月1日起施行。" + SP + "省长王正谱" + SP + "2022年8月18日"
            "河北省食盐专营管理实施办法" + SP + "第一章" + "\u3000" + "总则")
    meta = document_metadata(title, body)
    assert meta["doc_number"] == "河北省人民政府令〔2022〕第2号"
    assert meta["issuer"] == "河北省人民政府"


@pytest.mark.parametrize("text, numbers", [
    ("河北省自然科学基金管理办法河北省人民政府令〔2009〕第5号", ["河北省人民政府令〔2009〕第5号"]),
    ("河北省自然科学基金资助项目验收管理办法冀科办〔2012〕21号", ["冀科办〔2012〕21号"]),
    ("河北省小微企业降费工作方案冀减负〔2015〕1号", ["冀减负〔2015〕1号"]),
    # a 24-character organ (two ministries) is read whole, not cut at 20 characters
    ("中华人民共和国人力资源和社会保障部国家医疗保障局令第41号",
     ["中华人民共和国人力资源和社会保障部国家医疗保障局令第41号"]),
    ("冀科人规﹝2021﹞1号", ["冀科人规〔2021〕1号"]),  # ﹝﹞ brackets are read like 〔〕
])
def test_find_doc_numbers_leaves_the_title_out(text, numbers):
    assert [n for _, _, n in find_doc_numbers(text)] == numbers


@pytest.mark.parametrize("title, first_line, issuer", [
    ("关于大力发展工业互联网平台加快推进工业化和信息化深度融合的工作方案",
     "河北省制造强省建设领导小组关于印发《关于大力发展工业互联网平台加快推进工业化和信息化深度融合的工作方案》的通知",
     "河北省制造强省建设领导小组"),
    ("关于着力推进新型工业化和信息化融合的实施方案",
     "河北省工业和信息化厅关于印发《关于着力推进新型工业化和信息化融合的实施方案》的通知",
     "河北省工业和信息化厅"),
])
def test_a_headnote_left_in_the_body_gives_only_the_body_name(title, first_line, issuer):
    body = "\n" + first_line + "各市（含定州、辛集市）工业和信息化局：" + SP + "现印发你们，请结合本地实际，认真抓好落实。"
    assert document_metadata(title, body)["issuer"] == issuer


def test_a_joint_document_named_by_its_first_issuer_takes_the_signature():
    title = "关于加快推动全省制造服务业高质量发展的实施意见"
    head = ("\n河北省发展和改革委员会等四部门印发《关于加快推动全省制造服务业高质量发展的实施意见》的通知各市发展改革委（局）:"
            + SP + "为推动全省制造服务业高质量发展，制定了《关于加快推动全省制造服务业高质量发展的实施意见》。现印发给你们，请认真贯彻落实。")
    signed = SP.join(["", "河北省发展和改革委员会", "河北省教育厅", "河北省科学技术厅", "中国人民银行石家庄中心支行",
                      "中国银行保险监督管理委员会河北监管局", "2021年9月3日关于加快推动全省制造服务业高质量发展的实施意见"])
    meta = document_metadata(title, head + signed + SP + "制造服务业是面向制造业的生产性服务业。")
    assert meta["issuer"] == ("河北省发展和改革委员会|河北省教育厅|河北省科学技术厅|中国人民银行石家庄中心支行|"
                              "中国银行保险监督管理委员会河北监管局")
    # no signature: the first issuer alone, never the words 等四部门
    assert document_metadata("河北省教育厅等九部门印发《关于加强新时代中小学科学教育工作的实施方案》的通知",
                             "各市教育局：现印发给你们。")["issuer"] == "河北省教育厅"


@pytest.mark.parametrize("title, issuer", [
    ("人力资源社会保障部办公厅关于进一步做好职称评审工作的通知", "人力资源和社会保障部办公厅"),
    ("人力资源社会保障部办公厅财政部办公厅关于做好2020年高校毕业生“三支一扶”计划实施工作的通知",
     "人力资源和社会保障部办公厅|财政部办公厅"),
    ("河北省农民工工作领导小组办公室关于2023年开展寻找最美农民工活动情况的通报", "河北省农民工工作领导小组办公室"),
    ("河北省人力资源和社会保障厅河北省财政厅国家税务总局河北省税务局关于延续实施失业保险援企稳岗政策有关事项的通知",
     "河北省人力资源和社会保障厅|河北省财政厅|国家税务总局河北省税务局"),
    ("河北省工业和信息化厅网站工作2019年度报表", "河北省工业和信息化厅"),  # 网站工作 is not a body
    ("河 北 省 教 育 厅 河北省语言文字工作委员会关于印发《河北省学校语言文字工作达标建设标准》的通知",
     "河北省教育厅|河北省语言文字工作委员会"),  # a name spaced out letter by letter
])
def test_issuer_from_the_title(title, issuer):
    assert document_metadata(title, "各市教育局：现印发给你们。")["issuer"] == issuer


def test_signer_joins_spaced_letters_and_reads_a_spaced_block():
    body = ("各有关单位：现印发给你们，请遵照实施。\n科 技 部\n教 育 部\n工业和信息化部\n中国科协\n中央军委科技委\n"
            "2023年9月7日\n科技伦理审查办法")
    assert signer(body) == "科技部 教育部 工业和信息化部 中国科协 中央军委科技委"


@pytest.mark.parametrize("text, ok", [
    ("河北省语言文字工作委员会", True), ("省政府", True), ("河北省公安厅经侦总队", True), ("张家口市", True),
    ("中国人民银行石家庄中心支行", True),
    ("委员会", False), ("办公厅", False), ("委员会河北监管局", False), ("北省人力资源和社会保障厅", False),
    ("等十三部门印发《", False), ("关于印发《", False), ("河北省食盐专营管理实施办法", False), ("网站工作", False),
    ("认真落实省委十届三次全会部署", False), ("冀科办﹝2018﹞15号", False), ("", False),
])
def test_is_body_name(text, ok):
    assert is_body_name(text) is ok


@pytest.mark.parametrize("title, body, issuer", [
    # the attachment's title runs into the signature: 附件：<title><organ><date>
    ("河北省小微企业降费工作方案", "冀减负〔2015〕1号各设区市人民政府：省减轻企业负担领导小组制定了《河北省小微企业降费工作方案》"
     "（见附件），经省政府同意，现印发你们，请认真贯彻落实。附件：河北省小微企业降费工作方案河北省减轻企业负担领导小组2015年4月8日"
     "附件：河北省小微企业降费工作方案", "河北省减轻企业负担领导小组"),
    ("人力资源社会保障部专技司有关负责人就印发《关于深化经济专业人员职称制度改革的指导意见》答记者问", "问：为什么要改革？",
     "人力资源和社会保障部专技司"),
])
def test_issuer_text_after_a_title_or_before_a_reading(title, body, issuer):
    assert document_metadata(title, body)["issuer"] == issuer


def test_a_signature_ending_in_a_bank_branch_before_the_attachment():
    """A joint 印发 notice signed last by a bank branch (…分行), its attachment right after the date: no issuer
    and no 成文日期 were found (the signature was only read after a 厅/局/委… name; tester, stop 17)."""
    title = "关于印发《河北省工业和信息化领域数字人民币 试点工作实施方案》的通知"
    body = ("各市（含定州、辛集市）工业和信息化局、雄安新区改革发展局，中国人民银行河北省各市分行：\n"
            "为做好数字人民币在全省工业和信息化领域的应用，省工业和信息化厅和中国人民银行河北省分行联合制定了"
            "《河北省工业和信息化领域数字人民币试点工作实施方案》，现印发给你们，请认真组织实施。\n"
            "河北省工业和信息化厅中国人民银行河北省分行\n"
            "2024年4月29日河北省工业和信息化领域数字人民币试点工作实施方案\n为贯彻落实……")
    meta = document_metadata(title, body)
    assert meta["issuer"] == "河北省工业和信息化厅|中国人民银行河北省分行"
    assert str(meta["written_date"].date()) == "2024-04-29"
    assert signer(body) == "河北省工业和信息化厅中国人民银行河北省分行"
    # a bank named before a date inside a sentence is no signature
    assert signer("关于……的通知。经研究，请于中国人民银行河北省分行2024年4月29日前报送。") == ""
