"""Imports validate the whole file first; a bad file stores nothing."""
# The new survey years are 2018 and 2019: the bundled sample holds 2014–2017 (issue 23).

from __future__ import annotations

import pandas as pd
import pytest

from errors import UnknownKeyError, ValidationError
from geo.chinese_offsets import wgs84_to_gcj02
from store.imports import import_file
from tests.conftest import workspace_digest


def survey_table(ws, year: int, n: int = 5) -> pd.DataFrame:
    """Rows of the stored 2015 survey re-typed as a town's spreadsheet for another year."""
    firms = ws.read("enterprises")
    firms = firms[firms["survey_year"] == 2015].head(n)
    out = pd.DataFrame(
        {
            "统一社会信用代码": firms["uscc"],
            "企业名称": firms["name"],
            "行业代码": firms["industry_code"],
            "规模以上": firms["above_scale"].map({True: "是", False: "否"}),
            "从业人员": firms["employees"],
            "用地面积": firms["land_area_m2"],
            "工业总产值": firms["gross_output"],
            "工业增加值": firms["value_added"],
            "主营业务收入": firms["revenue"],
            "税收": firms["tax"],
            "用电量": firms["electricity_kwh"],
            "新鲜水用量": firms["water_m3"],
            "经度": firms.geometry.x,
            "纬度": firms.geometry.y,
        }
    )
    return out.astype(object).reset_index(drop=True), firms.reset_index(drop=True)


def test_bad_file_reports_everything_and_stores_nothing(fresh_workspace, tmp_path):
    ws = fresh_workspace
    table, _ = survey_table(ws, 2018)
    table.loc[0, "统一社会信用代码"] = table.loc[0, "统一社会信用代码"][:-1] + (
        "0" if table.loc[0, "统一社会信用代码"][-1] != "0" else "1"
    )
    table.loc[1, "税收"] = "n/a"
    table.loc[2, "经度"] = 114.2  # Shenzhen: outside Panyu
    table = table.drop(columns=["用电量"])
    path = tmp_path / "2018_石碁.xlsx"
    table.to_excel(path, index=False)
    before = workspace_digest(ws)
    with pytest.raises(ValidationError) as info:
        import_file(ws, path, layer="enterprises", year=2018)
    got = {(p.row, p.field.split("（")[0]) for p in info.value.problems}
    assert got == {(None, "electricity_kwh"), (2, "uscc"), (3, "tax"), (4, "geometry")}
    assert workspace_digest(ws) == before


def test_good_file_adds_a_survey_year_and_derives_town_and_park(fresh_workspace, tmp_path):
    ws = fresh_workspace
    table, firms = survey_table(ws, 2018)
    path = tmp_path / "2018.csv"
    table.to_csv(path, index=False, encoding="utf-8-sig")
    before = ws.read("enterprises")
    report = import_file(ws, path, layer="enterprises", year=2018)
    assert (report.rows, report.replaced, report.survey_years) == (5, 0, (2018,))
    after = ws.read("enterprises")
    assert len(after) == len(before) + 5
    new = after[after["survey_year"] == 2018].reset_index(drop=True)
    assert list(new["town"]) == list(firms["town"])
    assert list(new["park_id"].fillna("-")) == list(firms["park_id"].fillna("-"))
    # importing the same year again replaces it (one version per year)
    again = import_file(ws, path, layer="enterprises", year=2018)
    assert again.replaced == 5
    assert len(ws.read("enterprises")) == len(before) + 5


def test_gcj02_file_is_converted_at_the_door(fresh_workspace, tmp_path):
    ws = fresh_workspace
    table, firms = survey_table(ws, 2018, n=3)
    glon, glat = wgs84_to_gcj02(firms.geometry.x.to_numpy(), firms.geometry.y.to_numpy())
    table["经度"], table["纬度"] = glon, glat
    path = tmp_path / "amap.csv"
    table.to_csv(path, index=False, encoding="utf-8-sig")
    import_file(ws, path, layer="enterprises", year=2018, coords="gcj02")
    new = ws.read("enterprises").query("survey_year == 2018").reset_index(drop=True)
    dx = (new.geometry.x - firms.geometry.x).abs().max()
    dy = (new.geometry.y - firms.geometry.y).abs().max()
    assert dx < 1e-7
    assert dy < 1e-7


def test_year_mismatch_and_dry_run(fresh_workspace, tmp_path):
    ws = fresh_workspace
    table, _ = survey_table(ws, 2018, n=2)
    table["调查年度"] = ["2018", "2019"]
    path = tmp_path / "mixed.csv"
    table.to_csv(path, index=False, encoding="utf-8-sig")
    before = workspace_digest(ws)
    with pytest.raises(ValidationError, match="row 3: survey_year（调查年度） = 2019 — 须为 2018"):
        import_file(ws, path, layer="enterprises", year=2018)
    report = import_file(ws, path, layer="enterprises", dry_run=True)
    assert report.dry_run
    assert report.survey_years == (2018, 2019)
    assert workspace_digest(ws) == before


def test_only_known_layers_can_be_imported(fresh_workspace, tmp_path):
    with pytest.raises(UnknownKeyError, match="known: enterprises, parks, parcels"):
        import_file(fresh_workspace, tmp_path / "x.csv", layer="towns")
