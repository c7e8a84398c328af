"""Validation reports every problem of a file at once, naming file, row, field, value, rule."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import pytest
import shapely

from errors import ValidationError
from geo.chinese_offsets import wgs84_to_gcj02
from geo.io import read_layer_file
from geo.validate import validate_layer

# A small stand-in district around 市桥 (EPSG:4326)
DISTRICT = shapely.box(113.30, 22.90, 113.45, 23.00)
GOOD_USCC = "91350100M000100Y43"


def firm_rows(n: int = 3) -> pd.DataFrame:
    """A valid enterprise table as a town would type it (text cells, Chinese headers)."""
    return pd.DataFrame(
        {
            "统一社会信用代码": [GOOD_USCC, "91440113MA59ABCD1X", "91440113MA59ABCD2X"][:n],
            "企业名称": ["甲公司", "乙公司", "丙公司"][:n],
            "行业代码": ["3360", "2438", "3670.0"][:n],
            "规模以上": ["是", "否", "1"][:n],
            "调查年度": ["2015"] * n,
            "从业人员": ["120", "35", "1,200"][:n],
            "用地面积": ["8000", "2500.5", "60000"][:n],
            "工业总产值": ["5000", "800", "90000"][:n],
            "工业增加值": ["1200", "90", "21000"][:n],
            "主营业务收入": ["5100", "790", "88000"][:n],
            "税收": ["300", "20", "4000"][:n],
            "用电量": ["1500000", "200000", "30000000"][:n],
            "新鲜水用量": ["20000", "3000", "400000"][:n],
            "经度": ["113.36", "113.40", "113.32"][:n],
            "纬度": ["22.95", "22.96", "22.93"][:n],
        }
    )


def with_valid_usccs(df: pd.DataFrame) -> pd.DataFrame:
    from geo.codes import uscc_check_char

    col = "统一社会信用代码"
    df = df.copy()
    df[col] = [c[:17] + uscc_check_char(c[:17]) for c in df[col]]
    return df


def test_valid_table_is_coerced():
    gdf = validate_layer(
        with_valid_usccs(firm_rows()), "enterprises", source="firms.csv", district=DISTRICT
    )
    assert gdf.crs == "EPSG:4326"
    assert list(gdf["employees"]) == [120, 35, 1200]
    assert list(gdf["above_scale"]) == [True, False, True]
    assert list(gdf["industry_code"]) == ["3360", "2438", "3670"]
    assert gdf["natural_gas_m3"].eq(0.0).all()  # optional with default 0
    assert gdf["record_id"].iloc[0] == f"{GOOD_USCC}-2015"
    assert gdf.geometry.x.iloc[0] == pytest.approx(113.36)


def test_every_problem_is_reported_at_once(tmp_path):
    """The foundation's bar: wrong check digit, missing column, text in a number field and a
    point outside the district, in one file, give ONE error listing all four."""
    df = with_valid_usccs(firm_rows())
    df.loc[0, "统一社会信用代码"] = GOOD_USCC[:-1] + "4"  # wrong check digit, row 2
    df.loc[1, "从业人员"] = "三十五"  # text in a number field, row 3
    df.loc[2, "经度"] = "113.60"  # outside the district, row 4
    df = df.drop(columns=["税收"])  # missing required column
    path = tmp_path / "镇街调查表.csv"
    df.to_csv(path, index=False, encoding="utf-8-sig")

    with pytest.raises(ValidationError) as info:
        read_layer_file(path, layer="enterprises", district=DISTRICT)
    err = info.value
    got = {(p.row, p.field.split("（")[0]) for p in err.problems}
    assert got == {(None, "tax"), (2, "uscc"), (3, "employees"), (4, "geometry")}
    assert all(p.file == "镇街调查表.csv" for p in err.problems)
    text = str(err)
    assert text.startswith("镇街调查表.csv: 4 problem(s)")
    assert "row 2: uscc（统一社会信用代码） = '91350100M000100Y44' — check digit is '4'" in text
    assert "row 3: employees（从业人员） = '三十五' — 须为数字 / must be a number" in text
    assert "row 4: geometry = '113.600000, 22.930000'" in text
    assert "outside the workspace's region" in text
    assert "tax（税收）" in text
    assert "required column is missing" in text


def test_bad_values_of_every_kind():
    df = with_valid_usccs(firm_rows())
    df.loc[0, "规模以上"] = "maybe"
    df.loc[1, "行业代码"] = "3398"
    df.loc[2, "从业人员"] = "12.5"
    df.loc[0, "用地面积"] = "-5"
    df.loc[1, "企业名称"] = "  "
    df.loc[2, "纬度"] = "abc"
    with pytest.raises(ValidationError) as info:
        validate_layer(df, "enterprises", source="t.xlsx")
    rules = {(p.row, p.field.split("（")[0]): p.allowed for p in info.value.problems}
    assert "yes/no" in rules[(2, "above_scale")]
    assert "not a GB/T 4754-2017 class" in rules[(3, "industry_code")]
    assert "whole number" in rules[(4, "employees")]
    assert "≥ 0" in rules[(2, "land_area_m2")]
    assert "is required" in rules[(3, "name")]
    assert "degrees between 3 and 54" in rules[(4, "lat")]


def test_duplicate_enterprise_year_is_reported_on_both_rows():
    df = with_valid_usccs(firm_rows(2))
    df.loc[1, "统一社会信用代码"] = df.loc[0, "统一社会信用代码"]
    with pytest.raises(ValidationError) as info:
        validate_layer(df, "enterprises", source="t.csv")
    dup = [p for p in info.value.problems if p.field.startswith("record_id")]
    assert [p.row for p in dup] == [2, 3]
    assert "one row per enterprise per survey year" in dup[0].allowed


def test_gcj02_columns_are_converted_at_the_door():
    df = with_valid_usccs(firm_rows(1))
    glon, glat = wgs84_to_gcj02(113.36, 22.95)
    df["经度"], df["纬度"] = [f"{float(glon):.9f}"], [f"{float(glat):.9f}"]
    gdf = validate_layer(df, "enterprises", source="amap.csv", coords="gcj02")
    assert gdf.geometry.x.iloc[0] == pytest.approx(113.36, abs=1e-7)
    assert gdf.geometry.y.iloc[0] == pytest.approx(22.95, abs=1e-7)


def test_unknown_coordinate_system_is_a_contract_error():
    with pytest.raises(ValidationError, match="wgs84, cgcs2000, gcj02, bd09"):
        validate_layer(firm_rows(1), "enterprises", source="t.csv", coords="utm")


def park_frame(geoms, **cols) -> gpd.GeoDataFrame:
    n = len(geoms)
    data = {
        "park_id": [f"P{i}" for i in range(n)],
        "name": [f"园{i}" for i in range(n)],
        "town": ["石碁"] * n,
    }
    data.update(cols)
    return gpd.GeoDataFrame(data, geometry=geoms, crs="EPSG:4326")


def test_polygon_layer_problems_use_feature_numbers():
    bowtie = shapely.Polygon([(113.35, 22.95), (113.36, 22.96), (113.36, 22.95), (113.35, 22.96)])
    gdf = park_frame(
        [shapely.box(113.35, 22.95, 113.36, 22.96), bowtie, shapely.Point(113.4, 22.95), None],
        land_ownership=["集体", "私有", None, None],
        building_coverage=["0.5", "1.5", None, None],
    )
    with pytest.raises(ValidationError) as info:
        validate_layer(gdf, "parks", source="parks.gpkg", row_offset=1)
    got = {(p.row, p.field.split("（")[0]) for p in info.value.problems}
    assert got == {
        (2, "land_ownership"),
        (2, "building_coverage"),
        (2, "geometry"),
        (3, "geometry"),
        (4, "geometry"),
    }
    by_row = {p.row: p.allowed for p in info.value.problems if p.field == "geometry"}
    assert "valid" in by_row[2]
    assert "Polygon" in by_row[3]
    assert "missing" in by_row[4]


def test_polygons_are_reprojected_and_missing_crs_is_refused():
    gk = park_frame([shapely.box(436_000, 2_538_000, 437_000, 2_539_000)]).set_crs(
        "EPSG:4547", allow_override=True
    )
    out = validate_layer(gk, "parks", source="p.gpkg", district=DISTRICT)
    assert out.crs == "EPSG:4326"
    assert out.geometry.iloc[0].bounds[0] == pytest.approx(113.38, abs=0.01)
    with pytest.raises(ValidationError, match="must declare its CRS"):
        validate_layer(gk.set_crs(None, allow_override=True), "parks", source="p.gpkg")


def test_unreadable_and_unsupported_files(tmp_path):
    with pytest.raises(ValidationError, match="does not exist"):
        read_layer_file(tmp_path / "nope.csv", layer="enterprises")
    doc = tmp_path / "report.docx"
    doc.write_bytes(b"x")
    with pytest.raises(ValidationError, match=r"file type = '\.docx'.*\.csv"):
        read_layer_file(doc, layer="enterprises")


def test_gbk_csv_and_excel_are_read(tmp_path):
    df = with_valid_usccs(firm_rows())
    gbk = tmp_path / "gbk.csv"
    df.to_csv(gbk, index=False, encoding="gbk")
    xlsx = tmp_path / "t.xlsx"
    df.to_excel(xlsx, index=False)
    for path in (gbk, xlsx):
        gdf = read_layer_file(path, layer="enterprises", district=DISTRICT)
        assert list(gdf["name"]) == ["甲公司", "乙公司", "丙公司"]


def test_district_edge_tolerance_is_one_metre():
    """Shapes traced along the outline may stray by digitising noise, not by metres."""
    # 0.5 m and 3 m east of the district's east edge at 113.45 E (1 m ≈ 9.8e-6° of lon here)
    near = shapely.box(113.44, 22.95, 113.45 + 0.5 * 9.8e-6, 22.96)
    far = shapely.box(113.44, 22.95, 113.45 + 3 * 9.8e-6, 22.96)
    ok = validate_layer(park_frame([near]), "parks", source="p.gpkg", district=DISTRICT)
    assert len(ok) == 1
    with pytest.raises(ValidationError, match="outside the workspace's region"):
        validate_layer(park_frame([far]), "parks", source="p.gpkg", district=DISTRICT)


def test_damaged_workbook_is_a_contract_error(tmp_path):
    broken = tmp_path / "坏表.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(ValidationError, match=r"坏表\.xlsx: file — 无法读取 Excel"):
        read_layer_file(broken, layer="enterprises")
