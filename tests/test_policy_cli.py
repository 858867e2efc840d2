"""``python -m analysis policy`` and ``keywords --register`` on small tables built in code; the Hebei corpus
numbers of issue 12 when ../shared is present."""
import io
import json

import pandas as pd
import pytest

from analysis.cli import main

CSV = ("标题,摘要,内容,效力状态\n"
       "河北省引黄工程运行管理规定,(2023年11月17日河北省人民政府令〔2023〕第10号公布，自2024年1月1日起施行),"
       "为了加强引黄工程运行管理，根据《中华人民共和国水法》，制定本规定。,有效\n"
       "河北省用水管理办法,(2024年8月12日河北省人民政府令〔2024〕第3号公布),"  # (after the 2023 rule it cites: tester s15 C3)
       "根据《河北省引黄工程运行管理规定》，制定本办法。应当依法管理。,\n")


def _run(args, capsys):
    code = main(args)
    out = capsys.readouterr()
    return code, out.out, out.err


def test_policy_documents(tmp_path, capsys):
    f = tmp_path / "regs.csv"
    f.write_text(CSV, encoding="utf-8")
    code, out, err = _run(["policy", str(f)], capsys)
    assert code == 0
    df = pd.read_csv(io.StringIO(out), dtype=str, keep_default_na=False)
    assert df.columns.tolist() == ["id", "title", "doc_number", "issuer", "date", "date_source", "written_date",
                                   "effective_date", "status", "doc_type", "amendments", "citing", "cited_by", "file"]
    assert df["doc_number"].tolist() == ["河北省人民政府令〔2023〕第10号", "河北省人民政府令〔2024〕第3号"]
    assert df["date"].tolist() == ["2023-11-17", "2024-08-12"]
    assert df["date_source"].tolist() == ["headnote", "headnote"]
    assert df["effective_date"].tolist() == ["2024-01-01", ""]
    assert df["status"].tolist() == ["有效", ""]
    assert df["cited_by"].tolist() == ["1", "0"] and df["citing"].tolist() == ["1", "1"]
    assert "日期来源 / dates by source: headnote 2" in err
    assert "2 references, 1 resolved inside the corpus" in err


def test_policy_citations_jsonl(tmp_path, capsys):
    f = tmp_path / "regs.csv"
    f.write_text(CSV, encoding="utf-8")
    code, out, _ = _run(["policy", str(f), "--citations", "--format", "jsonl"], capsys)
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 0
    assert [(r["id"], r["cited_title"], r["role"], r["resolved_id"]) for r in rows] == [
        (1, "中华人民共和国水法", "basis", None), (2, "河北省引黄工程运行管理规定", "basis", 1)]


def test_keywords_register(tmp_path, capsys):
    f = tmp_path / "regs.csv"
    f.write_text(CSV, encoding="utf-8")
    _, with_policy, _ = _run(["keywords", str(f), "--register", "policy"], capsys)
    _, without, _ = _run(["keywords", str(f), "--register", "none"], capsys)
    _, auto, _ = _run(["keywords", str(f)], capsys)
    terms = lambda text: pd.read_csv(io.StringIO(text))["term"].tolist()  # noqa: E731
    assert "应当" in terms(without) and "应当" not in terms(with_policy)
    assert terms(auto) == terms(with_policy)  # every row is a policy document: auto = policy


def test_keywords_register_rejects_unknown(tmp_path):
    f = tmp_path / "regs.csv"
    f.write_text(CSV, encoding="utf-8")
    with pytest.raises(SystemExit) as exc:
        main(["keywords", str(f), "--register", "law"])
    assert exc.value.code == 2


def test_hebei_headnotes_and_dates(shared):
    from analysis.loaders import load_paths

    res = load_paths([shared / "corpora" / "hebei_gov"])
    a = res.articles
    regs = a[a["file"].str.contains("政府规章")]
    assert len(regs) == 203
    assert int((regs["date_source"] == "headnote").sum()) == 186
    # the other 17 headnotes state only a 令 number and the 施行 date; they keep NaT, with their 文号
    assert regs.loc[regs["date"].isna(), "doc_number"].str.contains("令|〔").all()
    assert a["date"].notna().sum() == 2699 and len(a) == 2716
    # the loader's own dates are "unrecorded" until it records its rules (then "column"): 2513 either way
    sources = res.report.date_sources
    assert sources["headnote"] == 186 and sum(sources.values()) == 2699
    assert sources.get("unrecorded", 0) + sources.get("column", 0) == 2513
    one = regs[regs["title"] == "河北省引黄工程运行管理规定"].iloc[0]
    assert (one["date"], one["doc_number"], one["issuer"], one["effective_date"]) == (
        pd.Timestamp("2023-11-17"), "河北省人民政府令〔2023〕第10号", "河北省人民政府", pd.Timestamp("2024-01-01"))


def test_govcn_library_fields_and_a_reimported_export(tmp_path, capsys):
    records = [{"title": "国务院关于印发《计量发展规划（2021—2035年）》的通知", "pubtimeStr": "2022.01.28",
                "puborg": "国务院", "pcode": "国发〔2021〕37号", "summary": "现将《计量发展规划（2021—2035年）》印发给你们。"},
               {"title": "市场监管总局关于做好计量工作的通知", "pubtimeStr": "2022.02.08", "puborg": "市场监管总局",
                "pcode": "国市监计量发[2022]5号", "summary": "根据国发〔2021〕37号，做好计量工作。"}]
    f = tmp_path / "govcn.json"
    f.write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
    code, out, _ = _run(["policy", str(f)], capsys)
    df = pd.read_csv(io.StringIO(out), dtype=str, keep_default_na=False)
    assert code == 0
    assert df["doc_number"].tolist() == ["国发〔2021〕37号", "国市监计量发〔2022〕5号"]
    assert df["issuer"].tolist() == ["国务院", "国家市场监督管理总局"]
    assert df["cited_by"].tolist() == ["1", "0"]  # 国发〔2021〕37号 resolves by its 文号
    # our own export read back keeps the metadata (its doc_number / issuer columns are read as table columns)
    export = tmp_path / "export.csv"
    df.drop(columns=["id", "citing", "cited_by", "file"]).assign(body="正文。").to_csv(export, index=False)
    code, out, _ = _run(["policy", str(export)], capsys)
    again = pd.read_csv(io.StringIO(out), dtype=str, keep_default_na=False)
    assert again[["doc_number", "issuer", "date"]].values.tolist() == df[["doc_number", "issuer", "date"]].values.tolist()
