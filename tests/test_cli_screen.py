"""``cli.py screen``: contract columns in order, BOM CSV, Excel labels, GeoPackage points,
input files validated with the import's rules (exit 3, every problem), settings validated."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import geopandas as gpd
import numpy as np
import openpyxl
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import cli
from scoring.screen.run import OUTPUT_EXTRA, SCREEN_COLUMNS, screen
from store.workspace import SAMPLE_GPKG
from tests.conftest import workspace_location

ROOT = Path(__file__).resolve().parents[1]
WRITTEN = (*SCREEN_COLUMNS, *OUTPUT_EXTRA)  # the contract, then the year in D and its source


@pytest.fixture(scope="module")
def sample_firms() -> gpd.GeoDataFrame:
    return gpd.read_file(SAMPLE_GPKG, layer="enterprises", engine="pyogrio", use_arrow=True)


def survey_csv(firms: gpd.GeoDataFrame, path: Path) -> Path:
    """Firms as a town's spreadsheet: text cells, lon/lat columns, no derived columns."""
    table = pd.DataFrame(firms.drop(columns=["geometry", "record_id", "town", "park_id"]))
    table["lon"], table["lat"] = firms.geometry.x, firms.geometry.y
    table = table.astype(str).replace({"<NA>": "", "None": "", "nan": ""})
    table.to_csv(path, index=False, encoding="utf-8-sig")
    return path


def test_screen_the_workspace_as_a_real_process(tmp_path, sample_firms):
    out = tmp_path / "screen.csv"
    proc = subprocess.run(
        [sys.executable, "cli.py", "screen", "--workspace", workspace_location(tmp_path),
         "--out", str(out)],
        cwd=ROOT, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert out.read_bytes().startswith("\ufeff".encode())
    written = pd.read_csv(out, encoding="utf-8-sig", dtype={"uscc": str})
    assert tuple(written.columns) == WRITTEN
    latest = sample_firms[sample_firms["survey_year"] == 2017]  # the latest year (issue 23)
    assert len(written) == len(latest)
    # the same figures as the library on the same firms
    expected = screen(sample_firms, year=2017).output()
    assert written["d_year"].tolist() == expected["d_year"].tolist()
    assert written["flag_count"].tolist() == expected["flag_count"].tolist()
    assert written["grade"].tolist() == expected["grade"].tolist()
    assert written["reasons"].fillna("").tolist() == expected["reasons"].tolist()
    share = expected["phase_out"].mean()
    assert f"({share:.1%})" in proc.stdout
    assert "energy basis: 当量值 0.1229 kgce/kWh" in proc.stdout
    prov = json.loads((tmp_path / "screen.csv.provenance.json").read_text("utf-8"))
    assert prov["parameters"]["electricity_basis"] == "当量值 0.1229 kgce/kWh"
    assert prov["parameters"]["five_excess"]["min_flags"] == 3
    assert "No official quantitative definition" in prov["parameters"]["note"]


def test_a_config_changes_the_screen_and_the_basis(tmp_path):
    mine = tmp_path / "mine.toml"
    mine.write_text('[five_excess]\nmin_flags = 1\n[energy]\nelectricity_basis = "equivalent"\n')
    ws = workspace_location(tmp_path)
    out1, out2 = tmp_path / "a.csv", tmp_path / "b.csv"
    assert cli.main(["screen", "--workspace", ws, "--out", str(out1)]) == 0
    assert cli.main(["screen", "--workspace", ws, "--config", str(mine), "--out", str(out2)]) == 0
    a, b = pd.read_csv(out1), pd.read_csv(out2)
    assert b["phase_out"].sum() == (b["flag_count"] >= 1).sum() > a["phase_out"].sum()
    # 等价值 0.315 / 当量值 0.1229 for electricity-only firms
    only_power = a["energy_tce"] > 0
    ratio = (b["energy_tce"] / a["energy_tce"])[only_power]
    assert ratio.max() == pytest.approx(0.315 / 0.1229)
    prov = json.loads((tmp_path / "b.csv.provenance.json").read_text("utf-8"))
    assert prov["parameters"]["electricity_basis"] == "等价值 0.315 kgce/kWh"


def test_xlsx_has_chinese_labels_codes_and_about(tmp_path):
    out = tmp_path / "s.xlsx"
    assert cli.main(["screen", "--workspace", workspace_location(tmp_path), "--year", "2014",
                     "--out", str(out)]) == 0  # fmt: skip
    book = openpyxl.load_workbook(out, read_only=True)
    assert book.sheetnames == ["五过筛查 screen", "阈值 thresholds", "说明 About"]
    rows = book["五过筛查 screen"].iter_rows(max_row=2, values_only=True)
    labels, first = next(rows), next(rows)  # one header row, then the firms
    assert labels[:3] == ("统一社会信用代码", "企业名称", "全员劳动生产率（万元/人）")
    assert first[17] in {"A", "B", "C", "D", "T"}
    about_rows = list(book["说明 About"].iter_rows(values_only=True))
    about = {r[0]: r[1] for r in about_rows}
    assert about["内容 What"] == "“五过”企业筛查 five-excess screen 2014"
    # the column codes are on the About sheet, one row per column of the screen sheet
    codes = [r[2] for r in about_rows if r[0] == "五过筛查 screen"]
    assert tuple(codes) == WRITTEN


def test_a_file_is_screened_with_points_and_neutralised_cells(tmp_path, sample_firms):
    firms = sample_firms[sample_firms["survey_year"] == 2015].head(40).copy()
    firms.loc[firms.index[0], "name"] = '=HYPERLINK("http://x","点我")'
    path = survey_csv(firms, tmp_path / "survey.csv")
    out_csv, out_gpkg = tmp_path / "s.csv", tmp_path / "s.gpkg"
    assert cli.main(["screen", str(path), "--out", str(out_csv)]) == 0
    assert cli.main(["screen", str(path), "--out", str(out_gpkg)]) == 0
    text = pd.read_csv(out_csv, encoding="utf-8-sig")
    assert text["name"].iloc[0] == '\'=HYPERLINK("http://x","点我")'
    points = gpd.read_file(out_gpkg, layer="screen")
    assert len(points) == 40
    assert points.crs.to_epsg() == 4326
    assert np.allclose(points.geometry.x, firms.geometry.x)
    assert list(points.columns[:-1]) == list(WRITTEN)
    about = gpd.read_file(out_gpkg, layer="about")
    assert "file sha256" in about.set_index("item").loc["数据版本 Data version", "value"]


def test_a_broken_file_lists_every_problem_and_exits_3(tmp_path, sample_firms, capsys):
    firms = sample_firms.head(5).copy()
    firms["industry_code"] = firms["industry_code"].astype(str)
    firms.loc[firms.index[1], "industry_code"] = "9999"
    firms.loc[firms.index[3], "employees"] = -4
    path = survey_csv(firms, tmp_path / "bad.csv")
    out = tmp_path / "s.csv"
    assert cli.main(["screen", str(path), "--out", str(out)]) == 3
    err = capsys.readouterr().err
    assert "bad.csv row 3: industry_code（行业代码） = '9999'" in err
    assert "bad.csv row 5: employees" in err
    assert not out.exists()


def test_bad_settings_exit_3_with_every_problem(tmp_path, capsys):
    bad = tmp_path / "bad.toml"
    bad.write_text('[five_excess]\nmin_flags = 9\n[five_excess.land]\nmode = "both"\nx = 1\n')
    code = cli.main(["screen", "--workspace", workspace_location(tmp_path), "--config", str(bad),
                     "--out", str(tmp_path / "s.csv")])  # fmt: skip
    err = capsys.readouterr().err
    assert code == 3
    assert "bad.toml: 3 problem(s)" in err
    for field in ("five_excess.land.x", "five_excess.min_flags", "five_excess.land.mode"):
        assert field in err


def test_usage_errors_exit_2(tmp_path, capsys):
    assert cli.main(["screen", "--workspace", workspace_location(tmp_path), "--out", "x.txt"]) == 2
    assert "--out must end in .csv, .xlsx, .gpkg" in capsys.readouterr().err
    assert cli.main(["screen", "--workspace", "w.gpkg"]) == 2  # --out is required


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    rows=st.lists(st.integers(0, 19), min_size=1, max_size=4),
    column=st.sampled_from(["employees", "tax", "value_added", "land_area_m2", "lon",
                            "industry_code", "uscc", "above_scale"]),
    junk=st.sampled_from(["", "abc", "-1", "0", "1e400", "=1+1", "９９"]),
)  # fmt: skip
def test_any_damaged_file_gives_a_screen_or_a_contract_error(
    tmp_path_factory, sample_firms, rows, column, junk
):
    """Whatever a town's spreadsheet holds, the screen either runs or lists the problems
    (exit 3): never a crash (exit 1) and never a traceback."""
    tmp = tmp_path_factory.mktemp("damaged")
    firms = sample_firms[sample_firms["survey_year"] == 2015].head(20)
    path = survey_csv(firms, tmp / "t.csv")
    table = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    table.loc[rows, column] = junk
    table.to_csv(path, index=False, encoding="utf-8-sig")
    code = cli.main(["screen", str(path), "--out", str(tmp / "s.csv")])
    assert code in (0, 3)
    if code == 0:
        assert len(pd.read_csv(tmp / "s.csv")) == 20
