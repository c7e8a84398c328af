"""Issue 22: a FILE is checked against the workspace's own region (its towns' union), and a file
with many problems gets a summary of at most 50 lines plus the full list with ``--problems``."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import shapely

import cli
from errors import Problem, ValidationError
from geo.codes import uscc_check_char
from store.workspace import Workspace
from tests.conftest import workspace_location
from tests.test_cli_screen import survey_csv

SHIFT = 1.5  # degrees east: Panyu's towns and firms moved beyond Dongguan, outside Panyu


@pytest.fixture(scope="module")
def firms_2015() -> pd.DataFrame:
    import geopandas as gpd

    from store.workspace import SAMPLE_GPKG

    firms = gpd.read_file(SAMPLE_GPKG, layer="enterprises", engine="pyogrio", use_arrow=True)
    return firms[firms["survey_year"] == 2015].head(40).reset_index(drop=True)


def _moved(frame, dx: float):
    moved = frame.copy()
    step = np.array([dx, 0.0])
    moved["geometry"] = shapely.transform(frame.geometry.to_numpy(), lambda xy: xy + step)
    return moved


def test_a_file_is_checked_against_the_region_of_the_workspace_given(tmp_path, firms_2015, capsys):
    # a workspace whose towns lie 1.5° east of Panyu: another region
    elsewhere = workspace_location(tmp_path, "elsewhere")
    ws = Workspace.open(elsewhere)
    ws.write("towns", _moved(ws.read("towns"), SHIFT))
    moved_file = survey_csv(_moved(firms_2015, SHIFT), tmp_path / "moved.csv")
    out = tmp_path / "screen.csv"
    code = cli.main(["screen", str(moved_file), "--workspace", elsewhere, "--out", str(out)])
    assert code == 0, capsys.readouterr().err
    assert len(pd.read_csv(out, encoding="utf-8-sig")) == len(firms_2015)
    # the same file against a Panyu workspace: every firm is outside its region
    panyu = workspace_location(tmp_path, "panyu")
    code = cli.main(["screen", str(moved_file), "--workspace", panyu, "--out", str(out)])
    err = capsys.readouterr().err
    assert code == 3
    assert f"{len(firms_2015)} 个问题" in err  # more than 20: the summary
    assert "outside the workspace's region" in err
    # and Panyu's own firms against the moved region are outside it
    panyu_file = survey_csv(firms_2015, tmp_path / "panyu.csv")
    assert cli.main(["screen", str(panyu_file), "--workspace", elsewhere, "--out", str(out)]) == 3


def _bad_rows(firms_2015: pd.DataFrame, n: int, path) -> None:
    """``n`` rows, each with two problems: employees is a word, and a second field by row."""
    table = pd.read_csv(survey_csv(firms_2015, path), dtype=str, keep_default_na=False)
    rows = table.iloc[np.arange(n) % len(table)].reset_index(drop=True)
    bodies = [f"91440113{k:09d}" for k in range(n)]  # one firm each: no repeated firm-years
    rows["uscc"] = [body + uscc_check_char(body) for body in bodies]
    rows["employees"] = "很多"
    rows.loc[rows.index % 2 == 0, "tax"] = "=1+1"  # a formula: must come back neutralised
    rows.loc[rows.index % 2 == 1, "above_scale"] = "也许"
    rows.to_csv(path, index=False, encoding="utf-8-sig")


def test_fifty_thousand_bad_rows_print_a_summary_and_write_every_problem(
    tmp_path, firms_2015, capsys
):
    n = 50_000
    source = tmp_path / "bad.csv"
    _bad_rows(firms_2015, n, source)
    problems = tmp_path / "problems.csv"
    ws = workspace_location(tmp_path)
    out = tmp_path / "screen.csv"
    code = cli.main(
        ["screen", str(source), "--workspace", ws, "--out", str(out), "--problems", str(problems)]
    )
    err = capsys.readouterr().err
    assert code == 3
    assert not out.exists()
    lines = err.strip().splitlines()
    assert len(lines) <= 50
    assert f"{2 * n:,} 个问题" in lines[0]
    assert f"{n:,} × employees（从业人员）" in err
    assert f"{n // 2:,} × tax（税收）" in err
    assert f"{n // 2:,} × above_scale（规模以上）" in err
    assert str(problems) in lines[-1]
    raw = problems.read_bytes()
    assert raw.startswith("\ufeff".encode())
    table = pd.read_csv(problems, encoding="utf-8-sig", dtype=str)
    assert list(table.columns) == ["文件", "行", "字段", "值", "要求"]
    assert len(table) == 2 * n  # every problem, not the first 1 000
    assert table["行"].astype(int).is_monotonic_increasing
    assert set(table["行"].astype(int)) == set(range(2, n + 2))  # spreadsheet rows
    taxes = table[table["字段"] == "tax（税收）"]["值"]
    assert (taxes == "'=1+1").all()  # neutralised
    assert (problems.parent / "problems.csv.provenance.json").exists()
    # without --problems: the same summary and a hint, no file
    assert cli.main(["screen", str(source), "--workspace", ws, "--out", str(out)]) == 3
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) <= 50
    assert "--problems" in err.strip().splitlines()[-1]


def test_twenty_problems_or_fewer_are_listed_one_per_line():
    problems = [Problem("f.csv", r, "tax（税收）", "x", "须为数字") for r in range(2, 22)]
    exc = ValidationError(problems, source="f.csv")
    assert exc.total == 20
    assert str(exc).count("\n") == 20  # the head line, then each problem
    message = cli._refusal(exc, None)
    assert message == str(exc)


def test_the_summary_counts_each_field_and_rule_and_stays_short():
    problems = [
        Problem("f.csv", row, f"field{row % 40}", row, f"rule {row % 40}") for row in range(1, 801)
    ]
    exc = ValidationError(problems, source="f.csv")
    text = exc.summary(kinds=15, rows=5)
    lines = text.splitlines()
    assert len(lines) == 1 + 2 * 15 + 1  # head, 15 kinds × 2 lines, "… and 25 more kinds"
    assert "800 个问题" in lines[0]
    assert lines[1] == "  - 20 × field1 — rule 1"  # rows 1, 41, … 761: 20 of each kind
    assert lines[2] == "      行 rows 1, 41, 81, 121, 161 …; 例 e.g. 1"
    assert "field0" not in text  # the 40th kind (rows 40, 80 …) is past the first 15
    assert "25 more kind(s)" in lines[-1]
