"""``cli.py land``: the workbook and the CSV files read back with pandas (one header row,
exactly the rows of the balance), formula neutralisation, refusals in one line with exit 2,
the role check of ``--as`` and the audit row with each file's SHA-256."""

from __future__ import annotations

import io
import json

import pandas as pd
import pytest

import cli
from config import load_settings
from exports.land_tables import SHEETS, land_sheets
from geo.checksum import sha256_file
from geo.renewal import renewal_areas
from scoring.land.balance import land_balance
from store.audit import read_audit
from store.scenarios import save_scenario
from store.workspace import Workspace
from tests.accounts import PASSWORDS, create_accounts
from tests.conftest import workspace_location

PARKS = "PY-SQ-001,PY-SB-001"


@pytest.fixture(scope="module")
def ws(tmp_path_factory) -> Workspace:
    workspace = Workspace.open(workspace_location(tmp_path_factory.mktemp("land"), "land"))
    firms = workspace.read("enterprises")
    latest = firms["survey_year"] == firms["survey_year"].max()
    first = firms.index[latest & (firms["park_id"] == "PY-SQ-001")][0]
    firms.loc[first, "name"] = "=1+1"
    workspace.write("enterprises", firms)
    save_scenario(
        workspace,
        "两园",
        parks=["PY-SB-001", "PY-SQ-001"],
        parameters={"method": "wsm"},
        user="李规划",
    )
    create_accounts(workspace.location)
    return workspace


@pytest.fixture(scope="module")
def expected(ws):
    """The balance the command must write, computed through the API."""
    settings = load_settings()
    e, parks, parcels = ws.read("enterprises"), ws.read("parks"), ws.read("parcels")
    areas = renewal_areas(parks, parcels, e, gap_m=settings.land.renewal_gap_m)
    balance = land_balance(
        e, parks, parcels, settings=settings, scope=PARKS.split(","), areas=areas
    )
    return land_sheets(balance)


def _land(ws, out, *extra: str, select: tuple[str, ...] = ("--parks", PARKS)) -> int:
    return cli.main(["land", *select, "--out", str(out), "--workspace", ws.location, *extra])


def test_xlsx_reads_back_as_exactly_the_balance(ws, expected, tmp_path, capsys):
    out = tmp_path / "land.xlsx"
    assert _land(ws, out) == 0
    assert "wrote" in capsys.readouterr().out
    with pd.ExcelFile(out) as book:
        assert book.sheet_names == [*SHEETS.values(), "说明 About"]
    firms = pd.read_excel(out, sheet_name=SHEETS["firms"])
    assert len(firms) == len(expected["firms"]) > 0
    assert list(firms.columns[:5]) == ["统一社会信用代码", "企业名称", "所在镇街", "所属园区",
                                       "连片改造区编号"]  # fmt: skip
    assert firms["统一社会信用代码"].tolist() == expected["firms"]["uscc"].tolist()
    assert firms["加层节约用地(平方米)"].sum() == pytest.approx(
        expected["firms"]["land_saved_m2"].sum()
    )
    assert "'=1+1" in firms["企业名称"].tolist()  # neutralised, never a formula
    assert firms["连片改造区编号"].str.startswith("RA-").any()
    parks = pd.read_excel(out, sheet_name=SHEETS["parks"])
    assert parks["所属园区"].tolist() == ["PY-SQ-001", "PY-SB-001"]
    assert parks["腾退用地合计(亩)"].tolist() == pytest.approx(
        expected["parks"]["freed_mu"].tolist()
    )
    assert parks["连片改造区编号"].str.match(r"RA-\d{3}").all()
    towns = pd.read_excel(out, sheet_name=SHEETS["towns"])
    assert towns["所在镇街"].tolist() == ["市桥", "石壁", "全区 District"]
    assert towns["用地需求(平方米)"].iloc[-1] == pytest.approx(towns["用地需求(平方米)"][:-1].sum())
    settings = pd.read_excel(out, sheet_name=SHEETS["settings"])
    row = settings.set_index("参数 Setting").loc["plot_ratio_uplift"]
    assert str(row["取值 Value"]) == "0.5"
    assert "proposal" in row["来源 Source"]
    about = pd.read_excel(out, sheet_name="说明 About", header=None)
    assert "用地平衡" in str(about.iloc[0, 1])


def test_csv_writes_one_file_per_table_with_bom(ws, expected, tmp_path):
    out = tmp_path / "land.csv"
    assert _land(ws, out, select=("--scenario", "两园")) == 0
    raw = out.read_bytes()
    assert raw.startswith("\ufeff".encode())
    firms = pd.read_csv(out, encoding="utf-8-sig")
    assert len(firms) == len(expected["firms"])
    assert firms.columns[0] == "统一社会信用代码"
    assert "'=1+1" in firms["企业名称"].tolist()
    towns = pd.read_csv(tmp_path / "land.towns.csv", encoding="utf-8-sig")
    assert len(towns) == len(expected["towns"])
    parks = pd.read_csv(tmp_path / "land.parks.csv", encoding="utf-8-sig")
    assert sorted(parks["所属园区"]) == ["PY-SB-001", "PY-SQ-001"]
    record = json.loads((tmp_path / "land.csv.provenance.json").read_text("utf-8"))
    assert record["scenario"] == "两园"
    assert record["parameters"]["land"]["max_plot_ratio"] == 3.0
    assert record["sha256"] == sha256_file(out)
    audited = read_audit(ws).iloc[-1]["checksum"].split("; ")
    names = ["land.csv", "land.parks.csv", "land.towns.csv", "land.parcels.csv"]
    for name in names:  # every file of the export, with its SHA-256
        assert f"{name}={sha256_file(tmp_path / name)}" in audited
    assert len(audited) == 10  # five tables and their provenance files


def test_refusals_are_one_line_with_exit_2_and_write_nothing(ws, tmp_path, capsys):
    out = tmp_path / "x.xlsx"
    assert _land(ws, out, select=("--parks", "PY-SQ-001,PY-NOPE")) == 2
    err = capsys.readouterr().err
    assert "unknown park 'PY-NOPE'" in err
    assert len(err.strip().splitlines()) == 1
    assert _land(ws, out, select=("--scenario", "没有这个")) == 2
    assert "unknown scenario '没有这个'" in capsys.readouterr().err
    assert _land(ws, tmp_path / "x.pdf") == 2
    assert "use one of .csv, .xlsx" in capsys.readouterr().err
    assert _land(ws, out, "--year", "1999") == 2
    assert "unknown survey year 1999" in capsys.readouterr().err
    assert not list(tmp_path.iterdir())


def test_the_role_of_as_is_checked_and_the_export_audited(ws, tmp_path, monkeypatch, capsys):
    def as_user(name: str, out, select=("--parks", PARKS)) -> int:
        monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORDS[name] + "\n"))
        return _land(ws, out, "--as", name, select=select)

    refused = tmp_path / "viewer.xlsx"
    assert as_user("只读王", refused) == 1
    assert "只读" in capsys.readouterr().err
    assert not refused.exists()
    other_town = tmp_path / "town.xlsx"
    assert as_user("化龙_clerk", other_town) == 1  # parks of 市桥 and 石壁
    assert not other_town.exists()
    parks = ws.read("parks")
    own = ",".join(parks.loc[parks["town"] == "化龙", "park_id"].head(2))
    assert as_user("化龙_clerk", tmp_path / "own.xlsx", select=("--parks", own)) == 0
    done = tmp_path / "land.xlsx"
    assert as_user("国土张", done) == 0
    audit = read_audit(ws)
    last = audit.iloc[-1]
    assert (last["user"], last["role"], last["action"]) == ("国土张", "land", "export")
    assert last["checksum"] == f"land.xlsx={sha256_file(done)}"
    assert last["detail"] == "parcels"
    viewer_rows = audit[(audit["user"] == "只读王") & (audit["action"] == "export")]
    assert viewer_rows.empty
