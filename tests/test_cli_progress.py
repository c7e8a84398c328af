"""``cli.py progress`` (issue 23): per town, year and indicator target, actual, completion,
rank and rank change, and the follow-up of each 2015 phase-out candidate, as Excel sheets or
CSV files with Chinese headers, BOM, neutralised cells, provenance and an audit record."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import openpyxl
import pandas as pd
import pyogrio
import pytest

import cli
from store.audit import read_audit
from store.workspace import SAMPLE_GPKG, Workspace
from tests.accounts import PASSWORDS, create_accounts
from tests.conftest import workspace_location

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    folder = tmp_path_factory.mktemp("progress")
    ws = workspace_location(folder)
    out = folder / "p.csv"
    proc = subprocess.run(
        [sys.executable, "cli.py", "progress", "--workspace", ws, "--out", str(out)],
        cwd=ROOT, capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    return folder, ws, out, proc.stdout


def _csv(path: Path) -> pd.DataFrame:
    assert path.read_bytes().startswith("\ufeff".encode())
    return pd.read_csv(path, encoding="utf-8-sig", dtype={"统一社会信用代码": str})


def test_csv_per_town_year_and_indicator_with_competition_ranks(written):
    folder, _ws, out, stdout = written
    table = _csv(out)
    assert list(table.columns) == [
        "镇街", "年度", "指标", "指标代码", "目标", "实际", "完成率（%）",
        "排名（竞争排名，并列同名次）", "排名变化（正数为上升）",
    ]  # fmt: skip
    assert set(table["年度"]) == {2015, 2016, 2017}
    assert table["镇街"].nunique() == 17  # 16 towns and 全区
    assert "工业投资" in set(table["指标"])
    # independent: the district's investment actual is the survey's sum, in 亿元
    firms = pyogrio.read_dataframe(SAMPLE_GPKG, layer="enterprises", read_geometry=False)
    d = table[(table["镇街"] == "全区") & (table["指标代码"] == "industrial_investment")]
    for year in (2015, 2016, 2017):
        survey = firms.loc[firms["survey_year"] == year, "industrial_investment"].sum() / 1e4
        assert d.set_index("年度").loc[year, "实际"] == pytest.approx(survey, rel=1e-6)
    # ranks: competition ranking of the overall completion; change = last year's − this year's
    overall = table[(table["指标代码"] == "overall") & (table["镇街"] != "全区")]
    ranks = {}
    for year, g in overall.groupby("年度"):
        c = g.set_index("镇街")["完成率（%）"]
        expected = {t: 1 + int((c > c[t] + 1e-9).sum()) for t in c.index}  # ties share the best
        assert g.set_index("镇街")["排名（竞争排名，并列同名次）"].to_dict() == expected
        ranks[year] = expected
    change = overall[overall["年度"] == 2017].set_index("镇街")["排名变化（正数为上升）"]
    assert change.to_dict() == {t: ranks[2016][t] - ranks[2017][t] for t in change.index}
    prov = json.loads((folder / "p.csv.provenance.json").read_text("utf-8"))
    assert "competition ranking" in prov["parameters"]["ranking"]
    assert "phase-out candidates of 2015 followed" in stdout


def test_follow_up_of_each_2015_candidate_beside_it(written):
    folder, _ws, _out, _stdout = written
    follow = _csv(folder / "p.follow_up.csv")
    assert {"统一社会信用代码", "2016 年状态", "2017 年状态", "2017 年累计腾出用地（亩）"} <= set(
        follow.columns
    )
    firms = pyogrio.read_dataframe(SAMPLE_GPKG, layer="enterprises", read_geometry=False)
    in_2017 = set(firms.loc[firms["survey_year"] == 2017, "uscc"])
    closed = follow["2017 年状态"] == "关停（不再调查）"
    # independent: closed = no row in 2017
    assert closed.to_numpy().tolist() == (~follow["统一社会信用代码"].isin(in_2017)).tolist()
    assert closed.sum() > 0
    assert (follow["2017 年状态"] == "迁出（换园区或镇街）").sum() > 0
    gone = closed | (follow["2017 年状态"] == "迁出（换园区或镇街）")
    assert follow.loc[gone, "2017 年累计腾出用地（亩）"].sum() == pytest.approx(
        follow.loc[gone, "用地（亩）"].sum()
    )
    summary = _csv(folder / "p.follow_up_summary.csv")
    assert set(summary["状态"]) == {"仍为候选", "改善（不再是候选）", "迁出（换园区或镇街）",
                                     "关停（不再调查）"}  # fmt: skip
    ranking = _csv(folder / "p.ranking.csv")
    assert {"2015 年排名", "2016 年排名", "2017 年排名变化"} <= set(ranking.columns)


def test_xlsx_has_a_sheet_per_table_and_is_audited(tmp_path, monkeypatch):
    ws = workspace_location(tmp_path)
    create_accounts(ws)
    out = tmp_path / "p.xlsx"
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORDS["李规划"] + "\n"))
    assert cli.main(["progress", "--workspace", ws, "--out", str(out), "--as", "李规划"]) == 0
    book = openpyxl.load_workbook(out, read_only=True)
    assert book.sheetnames == ["目标进度 progress", "历年排名 ranking", "淘汰候选跟踪 follow-up",
                               "跟踪汇总 follow-up summary", "说明 About"]  # fmt: skip
    header = next(book["目标进度 progress"].iter_rows(max_row=1, values_only=True))
    assert header[:3] == ("镇街", "年度", "指标")
    about = {r[0]: r[1] for r in book["说明 About"].iter_rows(values_only=True)}
    assert about["内容 What"] == "规划进度 plan progress 2015–2017"
    audit = read_audit(Workspace.open(ws), user="李规划")
    assert audit["action"].str.contains("export").any()
    assert audit.astype(str).apply(lambda c: c.str.contains("p.xlsx")).any().any()


def test_a_town_account_may_not_export_every_town(tmp_path, monkeypatch):
    ws = workspace_location(tmp_path)
    create_accounts(ws)
    out = tmp_path / "p.csv"
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORDS["化龙_clerk"] + "\n"))
    assert cli.main(["progress", "--workspace", ws, "--out", str(out), "--as", "化龙_clerk"]) == 1
    assert not out.exists()


def test_a_wrong_suffix_is_a_usage_error(tmp_path, capsys):
    assert cli.main(["progress", "--workspace", workspace_location(tmp_path),
                     "--out", str(tmp_path / "p.txt")]) == 2  # fmt: skip
    assert "use one of .csv, .xlsx" in capsys.readouterr().err
