"""``cli.py import F --layer projects`` and ``cli.py projects``: a refused file exits 3 listing
every problem and leaves the workspace unchanged; a stored library comes out with its places,
key flags, allowed matching and follow-up states under Chinese headers, formulas neutralised,
checked against ``--as`` and audited."""

from __future__ import annotations

import io
import json

import pandas as pd
import pytest
from openpyxl import load_workbook

import cli
from store.audit import read_audit
from store.workspace import Workspace
from tests.accounts import PASSWORDS, create_accounts
from tests.conftest import workspace_digest, workspace_location
from tests.store.projects_files import firms_of, library_file, outsider_uscc, row


@pytest.fixture(scope="module")
def ws(tmp_path_factory) -> Workspace:
    workspace = Workspace.open(workspace_location(tmp_path_factory.mktemp("proj"), "proj"))
    create_accounts(workspace.location)
    return workspace


def test_a_refused_library_exits_3_with_every_problem(ws, tmp_path, capsys):
    (a,) = firms_of(ws, "化龙", 1)
    path = library_file(
        tmp_path / "bad.csv",
        [row("P1", a, type="买地"), row("P2", outsider_uscc()), row("P3", a, stage="投产")],
    )
    before = workspace_digest(ws)
    code = cli.main(["import", str(path), "--layer", "projects", "--workspace", ws.location])
    err = capsys.readouterr().err
    assert code == 3
    assert "bad.csv: 3 problem(s)" in err
    for where in ("row 2: type", "row 3: uscc", "row 4: stage"):
        assert where in err
    assert workspace_digest(ws) == before


def test_the_library_comes_out_with_its_follow_up(ws, tmp_path, capsys, monkeypatch):
    hl = firms_of(ws, "化龙", 2)
    (sq,) = firms_of(ws, "石碁", 1)
    rows = [
        row("P1", hl[0], name="=1+1", planned_production_date="2016-06-01"),  # 开工
        row("P2", hl[1], total_investment_wan=5000, equipment_investment_wan=100, stage="落地",
            start_date=None, subsidy_province_wan=2000, subsidy_city_wan=600),
        row("P3", sq, total_investment_wan=800, equipment_investment_wan=100, stage="储备",
            landing_date=None, start_date=None, subsidy_province_wan=0, subsidy_city_wan=0),
        row("P4", sq, reserve_date="2016-01-05", landing_date="2016-02-01",
            start_date="2016-03-01"),  # library year 2016
    ]  # fmt: skip
    path = library_file(tmp_path / "library.csv", rows)
    assert cli.main(["import", str(path), "--layer", "projects", "--workspace", ws.location]) == 0
    assert "已导入 imported: library.csv → projects: 4 rows" in capsys.readouterr().out
    out = tmp_path / "p.csv"
    args = ["projects", "--year", "2015", "--out", str(out), "--as-of", "2016-06-30",
            "--workspace", ws.location]  # fmt: skip
    assert cli.main(args) == 0
    table = pd.read_csv(out, dtype={"统一社会信用代码": str}, encoding="utf-8-sig")
    assert table["项目编号"].tolist() == ["P1", "P2", "P3"]  # 化龙 then 石碁; P4 is of 2016
    assert table["所在镇街"].tolist() == ["化龙", "化龙", "石碁"]
    assert table["重点项目"].tolist() == [True, True, False]  # 6 000, exactly 5 000, 800
    # 3 000 − 2 000; 2 500 − 2 600 < 0 → 0; 400 − 0
    assert table["区配套上限（万元）"].tolist() == [1000.0, 0.0, 400.0]
    # P1 past its planned production (2016-06-01); P2, P3 past their planned start (2015-06-30)
    # and on their planned production date itself (2016-06-30), which is not yet late
    assert table["跟踪状态代码"].tolist() == ["late_production", "late_start", "late_start"]
    assert table["项目名称"].iloc[0] == "'=1+1"
    provenance = json.loads(out.with_name("p.csv.provenance.json").read_text(encoding="utf-8"))
    assert provenance["parameters"]["as_of"] == "2016-06-30"
    # a town account exports its own town's list; the district's is refused
    book = tmp_path / "hl.xlsx"
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORDS["化龙_clerk"] + "\n"))
    assert cli.main([*args[:4], str(book), *args[5:], "--town", "化龙", "--as", "化龙_clerk"]) == 0
    sheets = load_workbook(book, read_only=True).sheetnames
    assert sheets[:3] == ["项目 Projects", "预算 Budget", "逾期 Late"]
    late = pd.read_excel(book, sheet_name="逾期 Late")
    assert late["项目编号"].tolist() == ["P1", "P2"]
    last = read_audit(ws).iloc[-1]
    assert (last["user"], last["action"], last["detail"]) == ("化龙_clerk", "export", "table")
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORDS["化龙_clerk"] + "\n"))
    assert cli.main([*args[:4], str(tmp_path / "all.csv"), *args[5:], "--as", "化龙_clerk"]) == 1
    assert not (tmp_path / "all.csv").exists()


def test_usage_errors_exit_2(ws, tmp_path):
    base = ["projects", "--year", "2015", "--workspace", ws.location]
    assert cli.main([*base, "--out", str(tmp_path / "p.txt")]) == 2
    assert cli.main([*base, "--out", str(tmp_path / "p.csv"), "--as-of", "soon"]) == 2
    assert cli.main(["projects", "--out", str(tmp_path / "p.csv")]) == 2  # --year is required
