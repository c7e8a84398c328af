"""``cli.py firm USCC --out F.xlsx`` on a small built workspace: a sheet per topic with one row
per survey year under Chinese headers, hand-checked values, neutralised cells, the About
sheet, checked against ``--as`` and audited; an unknown USCC exits 3 naming near matches."""

from __future__ import annotations

import io

import pandas as pd
import pytest
from openpyxl import load_workbook

import cli
from store.audit import read_audit
from tests.accounts import PASSWORDS, create_accounts
from tests.conftest import workspace_location
from tests.profile_workspace import build_profile_workspace, profile_firm

SHEETS = [
    "概况 Overview", "指标 Indicators", "五过 Five excesses", "亩均分级 Grade",
    "差别价格 Surcharge", "技改 Retrofit", "清洁生产 Clean production", "用地 Land",
    "项目 Projects", "说明 About",
]  # fmt: skip


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    location = workspace_location(tmp_path_factory.mktemp("firmcli"), "firmcli")
    ws, park = build_profile_workspace(location)
    firms = ws.read("enterprises")
    firms.loc[firms["uscc"] == profile_firm(), "name"] = "=HYPERLINK(1)"
    ws.write("enterprises", firms)
    create_accounts(location)
    return ws, park


def test_the_profile_workbook(built, tmp_path, capsys):
    ws, park = built
    out = tmp_path / "firm.xlsx"
    assert cli.main(["firm", profile_firm(), "--out", str(out), "--workspace", ws.location]) == 0
    assert "2014、2015 (of 3)" in capsys.readouterr().out
    assert load_workbook(out, read_only=True).sheetnames == SHEETS
    overview = pd.read_excel(out, sheet_name="概况 Overview", dtype={"行业代码": str})
    assert overview["调查年度"].tolist() == [2014, 2015, 2016]
    assert overview["当年在册"].tolist() == [True, True, False]
    assert overview["企业名称"].iloc[0] == "'=HYPERLINK(1)"  # neutralised
    assert overview["所属园区"].iloc[1] == park["park_id"]
    assert overview["园区名称"].iloc[1] == park["name"]
    ind = pd.read_excel(out, sheet_name="指标 Indicators")
    assert ind["调查年度"].tolist() == [2014, 2015]
    assert ind["亩均税收（万元/亩）"].tolist() == pytest.approx([2.0, 0.4])
    flags = pd.read_excel(out, sheet_name="五过 Five excesses")
    assert flags["占地过大"].tolist() == [False, True]
    assert flags["占地过大原因"].iloc[1].startswith("占地过大：亩均税收 0.4")
    land = pd.read_excel(out, sheet_name="用地 Land")
    assert land["用地需求（亩）"].iloc[1] == pytest.approx(3.0)
    retro = pd.read_excel(out, sheet_name="技改 Retrofit")
    assert retro["机器换人"].tolist() == [False, True]
    about = pd.read_excel(out, sheet_name="说明 About", header=None)
    assert about.iloc[0, 1].startswith(f"企业档案 firm profile {profile_firm()}")
    last = read_audit(ws).iloc[-1]
    assert (last["action"], last["detail"], last["object"]) == ("export", "table", str(out))
    assert last["checksum"].startswith("firm.xlsx=")


def test_an_unknown_uscc_exits_3_naming_near_matches(built, tmp_path, capsys):
    ws, _park = built
    wrong = profile_firm()[:-2] + "00"
    out = tmp_path / "none.xlsx"
    assert cli.main(["firm", wrong, "--out", str(out), "--workspace", ws.location]) == 3
    err = capsys.readouterr().err
    assert f"no surveyed firm has USCC {wrong!r}" in err
    assert profile_firm() in err
    assert not out.exists()


def test_a_viewer_is_refused_and_a_bad_suffix_is_usage(built, tmp_path, monkeypatch):
    ws, _park = built
    out = tmp_path / "v.xlsx"
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORDS["只读王"] + "\n"))
    args = ["firm", profile_firm(), "--out", str(out), "--workspace", ws.location]
    assert cli.main([*args, "--as", "只读王"]) == 1
    assert not out.exists()
    assert cli.main([*args[:3], str(tmp_path / "f.csv"), *args[4:]]) == 2


def test_a_town_account_exports_the_profiles_of_its_own_towns_firms(built, tmp_path, monkeypatch):
    ws, park = built
    assert park["town"] == "化龙"
    other = sorted(set(ws.read("enterprises")["uscc"].astype(str)))[1]
    for uscc, code in ((profile_firm(), 0), (other, 1)):
        out = tmp_path / f"{uscc}.xlsx"
        monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORDS["化龙_clerk"] + "\n"))
        args = ["firm", uscc, "--out", str(out), "--workspace", ws.location, "--as", "化龙_clerk"]
        assert cli.main(args) == code
        assert out.exists() == (code == 0)
    audit = read_audit(ws)
    exports = audit[(audit["user"] == "化龙_clerk") & (audit["action"] == "export")]
    assert exports["object"].tolist() == [str(tmp_path / f"{profile_firm()}.xlsx")]
