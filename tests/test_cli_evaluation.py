"""``cli.py import --layer violations``, ``evaluate``, ``batch``, ``objection`` and ``letters``
(issue 25): a batch run, reviewed, objected to, published and made final from the command line;
a final batch refuses changes with the reason (exit 3); the letters render in Chinese with the
CJK font embedded (pdftotext, pdffonts); the 公示 list and the record are Excel with provenance."""

from __future__ import annotations

import io
import subprocess

import pandas as pd
import pytest
from openpyxl import load_workbook

import cli
from store.evaluation import GRADES, batch_rows
from store.workspace import Workspace
from tests.accounts import PASSWORDS, create_accounts
from tests.conftest import workspace_location

NAME = "2015评价"


@pytest.fixture(scope="module")
def ws(tmp_path_factory) -> Workspace:
    workspace = Workspace.open(workspace_location(tmp_path_factory.mktemp("ev"), "ev"))
    create_accounts(workspace.location)
    return workspace


def _cli(ws, *args):
    return cli.main([*args, "--workspace", ws.location])


def test_a_batch_on_the_command_line(ws, tmp_path, capsys, monkeypatch):
    grades0 = ws.read("enterprises", columns=["uscc", "town", "survey_year"])
    firm = grades0[(grades0["survey_year"] == 2015) & (grades0["town"] == "小谷围")].iloc[0]
    # a violation of 2015 forces the firm to D
    violations = tmp_path / "v.csv"
    pd.DataFrame(
        {"统一社会信用代码": [firm["uscc"]], "年度": [2015], "类别": ["违法用地"],
         "日期": ["2015-05-05"], "文号": ["=HYPERLINK(1)"]}
    ).to_csv(violations, index=False, encoding="utf-8-sig")  # fmt: skip
    assert _cli(ws, "import", str(violations), "--layer", "violations") == 0
    assert "violations: 1 rows" in capsys.readouterr().out
    assert _cli(ws, "evaluate", "--year", "2015", "--batch", NAME) == 0
    assert f"批次 batch {NAME}: 2015, 草稿; 6,112 firms" in capsys.readouterr().out
    grades = batch_rows(ws, NAME, GRADES).set_index("uscc")
    assert grades.at[firm["uscc"], "grade"] == "D"
    assert grades.at[firm["uscc"], "rule"] == "veto:illegal_land"
    assert _cli(ws, "batch", NAME, "--advance") == 0
    assert "草稿 → 征求意见" in capsys.readouterr().out
    # the town's clerk records an objection; the planner accepts it
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORDS["化龙_clerk"] + "\n"))
    hl = grades[grades["town"] == "化龙"].index[0]
    args = ["objection", "add", "--batch", NAME, "--uscc", hl, "--field", "tax",
            "--value", "99999", "--evidence", "完税证明.pdf"]  # fmt: skip
    assert _cli(ws, *args, "--as", "化龙_clerk") == 0
    assert "异议 objection #1" in capsys.readouterr().out
    assert _cli(ws, "objection", "accept", "--batch", NAME, "--id", "1", "--reason", "属实") == 0
    assert "accepted: grade" in capsys.readouterr().out
    assert batch_rows(ws, NAME, GRADES).set_index("uscc").at[hl, "grade"] == "A"
    assert _cli(ws, "batch", NAME, "--advance") == 0
    out = tmp_path / "l.pdf"
    assert _cli(ws, "letters", "--batch", NAME, "--town", "小谷围", "--out", str(out)) == 0
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True,
                          check=True).stdout  # fmt: skip
    assert "亩均效益综合评价结果告知书" in text
    assert "一票否决：违法用地" in text
    assert "本组基准" in text
    fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True).stdout
    assert "CID TrueType" in fonts
    assert " yes yes yes " in fonts
    publicity = tmp_path / "gs.xlsx"
    assert _cli(ws, "batch", NAME, "--publicity", str(publicity), "--town", "小谷围") == 0
    sheet = load_workbook(publicity)["公示名单 Publicity"]
    assert [c.value for c in sheet[1]][:3] == ["统一社会信用代码", "企业名称", "所在镇街"]
    assert {r[2] for r in sheet.iter_rows(min_row=2, values_only=True)} == {"小谷围"}
    assert _cli(ws, "batch", NAME, "--advance") == 0
    capsys.readouterr()
    # final: every change is refused with the reason
    assert _cli(ws, "evaluate", "--year", "2015", "--batch", NAME) == 3
    assert "a final (定稿) batch cannot be changed" in capsys.readouterr().err
    assert _cli(ws, "batch", NAME, "--advance") == 3
    assert _cli(ws, *args) == 3
    record = tmp_path / "record.xlsx"
    assert _cli(ws, "batch", NAME, "--record", str(record)) == 0
    book = load_workbook(record)
    objections = list(book["异议 Objections"].iter_rows(values_only=True))
    header = list(objections[0])
    row = dict(zip(header, objections[1], strict=True))
    assert (row["处理结果"], row["理由"], row["原评价类别"]) == (
        "采纳",
        "属实",
        grades.at[hl, "grade"],
    )
    assert row["处理后评价类别"] == "A"
    veto_doc = book["评价结果 Grades"]
    docs = [r for r in veto_doc.iter_rows(values_only=True) if r[0] == firm["uscc"]]
    assert "'=HYPERLINK(1)" in docs[0]  # neutralised
    assert "说明 About" in book.sheetnames


def test_a_refused_violations_file_exits_3_with_every_problem(ws, tmp_path, capsys):
    from tests.conftest import workspace_digest

    bad = tmp_path / "bad.csv"
    pd.DataFrame(
        {"统一社会信用代码": ["91440113000000000X", ""], "年度": ["2015", "2015"],
         "类别": ["偷税", "违法用地"], "日期": ["2015-01-01", "2014-01-01"], "文号": ["A", "B"]}
    ).to_csv(bad, index=False, encoding="utf-8-sig")  # fmt: skip
    before = workspace_digest(ws)
    assert _cli(ws, "import", str(bad), "--layer", "violations") == 3
    err = capsys.readouterr().err
    for where in ("row 2: uscc", "row 2: kind", "row 3: uscc", "row 3: date"):
        assert where in err
    assert workspace_digest(ws) == before
