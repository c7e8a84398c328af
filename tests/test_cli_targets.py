"""``cli.py targets``: the contract's columns in order, Excel sheets, years it refuses."""

from __future__ import annotations

import csv
import json

import openpyxl
import pandas as pd
import pytest

import cli
from scoring.targets.split import KEYS
from tests.conftest import workspace_location

EXPECTED = [
    "town",
    *(f"{key}_{part}" for key in KEYS for part in ("target", "actual")),
    "completion",
    "rank",
    "behind",
]


@pytest.fixture(scope="module")
def ws(tmp_path_factory):
    return workspace_location(tmp_path_factory.mktemp("cli"))


def test_csv_columns_order_bom_and_provenance(ws, tmp_path, capsys):
    out = tmp_path / "t2015.csv"
    assert cli.main(["targets", "--year", "2015", "--workspace", ws, "--out", str(out)]) == 0
    raw = out.read_bytes()
    assert raw.startswith("\ufeff".encode())
    header = next(csv.reader(raw.decode("utf-8-sig").splitlines()))
    assert header == EXPECTED
    table = pd.read_csv(out, encoding="utf-8-sig")
    assert len(table) == 16
    assert table["industrial_investment_target"].sum() == pytest.approx(103.09)
    assert table["tech_retrofit_firms_target"].sum() == 89
    ranked = table.sort_values("rank")
    assert ranked["completion"].is_monotonic_decreasing
    assert (table["behind"] == (table["completion"] < 100)).all()
    record = json.loads(out.with_name(out.name + ".provenance.json").read_text("utf-8"))
    assert record["parameters"]["split"] == "default"
    assert record["parameters"]["cap"] == 1.5
    assert "behind target" in capsys.readouterr().out


def test_excel_has_one_sheet_per_indicator_with_chinese_headers(ws, tmp_path):
    out = tmp_path / "t2015.xlsx"
    assert cli.main(["targets", "--year", "2015", "--workspace", ws, "--out", str(out)]) == 0
    book = openpyxl.load_workbook(out, read_only=True)
    names = book.sheetnames
    assert names[0] == "综合排名"
    assert names[-2:] == ["区级目标", "说明 About"]
    assert "工业投资（亿元）" in names
    assert "规上企业清洁生产审核比例（%）" in names
    assert len(names) == 1 + len(KEYS) + 2
    rows = list(book["工业投资（亿元）"].iter_rows(max_row=2, values_only=True))
    assert rows[0][:4] == ("镇街", "目标", "实际", "完成率（%）")
    assert rows[1][0] not in {None, "town"}  # data from row 2: no row of codes
    about = list(book["说明 About"].iter_rows(values_only=True))
    codes = [r[2] for r in about if r[0] == "工业投资（亿元）"]
    assert codes[:4] == ["town", "target", "actual", "completion"]


def test_a_year_without_survey_is_refused_and_nothing_written(ws, tmp_path, capsys):
    # the sample holds 2014–2017 (issue 23): a plan running to 2018 has a year without survey
    longer = tmp_path / "longer.toml"
    keys = ("industrial_investment", "tech_retrofit_investment", "tech_retrofit_firms",
            "robot_firms", "rd_share")  # fmt: skip
    growth = "".join(f"{k} = [0.1, 0.1, 0.1]\n" for k in keys)
    longer.write_text(f"[targets]\ngoal_year = 2018\n[targets.growth]\n{growth}", "utf-8")
    out = tmp_path / "t2018.csv"
    code = cli.main(["targets", "--year", "2018", "--workspace", ws, "--config", str(longer),
                     "--out", str(out)])  # fmt: skip
    assert code == 1
    err = capsys.readouterr().err
    assert "no enterprise survey for 2018" in err
    assert "没有 2018 年" in err
    assert not out.exists()


def test_a_year_outside_the_plan_is_a_usage_error(ws, tmp_path, capsys):
    out = tmp_path / "t.csv"
    assert cli.main(["targets", "--year", "2014", "--workspace", ws, "--out", str(out)]) == 2
    assert "2015, 2016, 2017" in capsys.readouterr().err
    assert cli.main(["targets", "--year", "2015", "--workspace", ws, "--out", "x.txt"]) == 2


def test_the_retrofit_actuals_come_from_the_projects_when_the_settings_say_so(ws, tmp_path):
    from store.projects import read_projects
    from store.workspace import Workspace

    config = tmp_path / "projects.toml"
    config.write_text('[projects]\nactuals_source = "projects"\n', encoding="utf-8")
    survey, library = tmp_path / "survey.csv", tmp_path / "library.csv"
    base = ["targets", "--year", "2015", "--workspace", ws]
    assert cli.main([*base, "--out", str(survey)]) == 0
    assert cli.main([*base, "--config", str(config), "--out", str(library)]) == 0
    a = pd.read_csv(survey, encoding="utf-8-sig").set_index("town")
    b = pd.read_csv(library, encoding="utf-8-sig").set_index("town")
    ws_ = Workspace.open(ws)
    projects = read_projects(ws_)
    done = projects[projects["production_date"].astype(str).str.startswith("2015")]
    assert b["tech_retrofit_firms_actual"].sum() == done["uscc"].nunique()
    assert b["tech_retrofit_investment_actual"].sum() == pytest.approx(
        done["total_investment_wan"].sum() / 10_000, abs=0.01
    )
    # the other indicators keep the survey's actuals
    assert b["industrial_investment_actual"].tolist() == a["industrial_investment_actual"].tolist()
    record = json.loads(library.with_name(library.name + ".provenance.json").read_text("utf-8"))
    assert record["parameters"]["retrofit_actuals"] == "projects"
