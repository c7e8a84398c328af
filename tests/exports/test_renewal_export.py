"""``cli.py export --renewal-areas``: chosen renewal areas written as polygons in every format
and read back — areas against geodesic areas, one header row, BOM, codes on the About sheet,
neutralised text, the gap from ``--config``, and the briefing refused."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest
import shapely
from pyproj import Geod

import cli
from exports.pack import RENEWAL_FILES, verify_manifest
from exports.tables import ABOUT_SHEET
from scoring.screen.run import screen
from store.workspace import Workspace
from tests.conftest import workspace_location
from tests.exports.conftest import ZONE_SHIFT, sq

GEOD = Geod(ellps="GRS80")  # CGCS2000's ellipsoid
# A and B 40 m apart, the parcel P1 touching B: one area at the default 50 m, two at 30 m
PARKS = [
    ("PY-A", '=HYPERLINK("http://x")', "丹山村", sq(0, 0, 200, 300)),
    ("PY-B", "沙圩村工业园", "沙圩村", sq(240, 0, 460, 300)),
    ("PY-C", "化龙工业园", "化龙村", sq(5_000, 0, 5_400, 400)),
]
PARCELS = [("440113-R-0001", sq(460, 0, 560, 100)), ("440113-R-0002", sq(9_000, 0, 9_100, 100))]
# expected at 50 m: area id → (parks, parcels, planar m² in EPSG:4547)
EXPECTED = {
    "RA-001": ("PY-C", "", 160_000.0),
    "RA-002": ("PY-A;PY-B", "440113-R-0001", 136_000.0),
}


@pytest.fixture(scope="module")
def areas_ws(tmp_path_factory):
    ws = Workspace.open(workspace_location(tmp_path_factory.mktemp("renewal"), "renewal"))
    parks = gpd.GeoDataFrame(
        {
            "park_id": [p[0] for p in PARKS],
            "name": [p[1] for p in PARKS],
            "town": "市桥",
            "village": [p[2] for p in PARKS],
        },
        geometry=[p[3] for p in PARKS],
        crs="EPSG:4547",
    ).to_crs("EPSG:4326")
    parcels = gpd.GeoDataFrame(
        {
            "parcel_id": [p[0] for p in PARCELS],
            "name": "地块",
            "town": "市桥",
            "sanjiu_type": "旧厂房",
            "ownership": "集体",
            "current_use": "工业",
            "land_class_code": "0601",
            "redevelopment_mode": "微改造",
        },
        geometry=[p[1] for p in PARCELS],
        crs="EPSG:4547",
    ).to_crs("EPSG:4326")
    ws.write("parks", parks)
    ws.write("parcels", parcels)
    return ws


def _geodesic(area_id: str) -> float:
    """Geodesic area (m²) of the area's members, unioned, recomputed from the shapes above."""
    parks, parcels, _ = EXPECTED[area_id]
    shapes = [g for pid, *_, g in PARKS if pid in parks.split(";")]
    shapes += [g for pid, g in PARCELS if pid in parcels.split(";")]
    union = gpd.GeoSeries([shapely.union_all(shapes)], crs="EPSG:4547").to_crs("EPSG:4326")
    return abs(GEOD.geometry_area_perimeter(union.iloc[0])[0])


def _export(ws, out: Path, fmt: str, ids: str = "RA-001,RA-002", *extra: str) -> int:
    args = ["export", "--renewal-areas", ids, "--format", fmt, "--out", str(out), *extra]
    return cli.main([*args, "--workspace", ws.location])


def _check_geometry(frame: gpd.GeoDataFrame) -> None:
    assert frame["DKBH"].tolist() == list(EXPECTED)
    assert frame.crs.to_epsg() == 4526
    geodesic = frame.to_crs("EPSG:4326").geometry.map(
        lambda g: abs(GEOD.geometry_area_perimeter(g)[0])
    )
    for area_id, measured, mj in zip(frame["DKBH"], geodesic, frame["MJ"], strict=True):
        assert measured == pytest.approx(_geodesic(area_id), rel=1e-3)
        assert mj == pytest.approx(_geodesic(area_id), rel=1e-3)
        assert mj == pytest.approx(EXPECTED[area_id][2], rel=1e-3)
    assert frame["YQBH"].tolist() == [EXPECTED[a][0] for a in EXPECTED]


def test_gpkg_reads_back_as_the_areas(areas_ws, tmp_path):
    out = tmp_path / "areas.gpkg"
    assert _export(areas_ws, out, "gpkg") == 0
    frame = gpd.read_file(out, layer="renewal_areas")
    _check_geometry(frame)
    assert frame["DKYT"].tolist() == ["连片改造区"] * 2
    assert frame["DKMC"].iloc[1] == "沙圩村工业园连片改造区"  # its largest park is PY-B


def test_shapefile_reads_back_as_the_areas(areas_ws, tmp_path):
    out = tmp_path / "areas.zip"
    assert _export(areas_ws, out, "shp") == 0
    frame = gpd.read_file(f"zip://{out}!areas.shp")
    _check_geometry(frame)


def test_excel_has_one_header_row_and_exactly_the_areas(areas_ws, tmp_path):
    out = tmp_path / "areas.xlsx"
    assert _export(areas_ws, out, "xlsx") == 0
    sheet = pd.read_excel(out)
    assert sheet["地块编号"].tolist() == list(EXPECTED)
    assert sheet["所属园区"].tolist() == [EXPECTED[a][0] for a in EXPECTED]
    assert sheet["面积(平方米)"].tolist() == pytest.approx([_geodesic(a) for a in EXPECTED], 1e-3)
    assert sheet["面积(亩)"].tolist() == pytest.approx(
        [_geodesic(a) / 666.667 for a in EXPECTED], rel=1e-3
    )
    about = pd.read_excel(out, sheet_name=ABOUT_SHEET, header=None)
    assert "DKBH" in set(about[2].astype(str))  # the short codes live on the About sheet
    params = about.loc[about[0] == "参数 Parameters", 1].iloc[0]
    assert json.loads(params)["renewal_gap_m"] == 50.0


def test_csv_has_a_bom_and_neutralised_names(areas_ws, tmp_path):
    # RA-003 at 30 m is park PY-A alone, named after its formula-like name
    out = tmp_path / "areas.csv"
    config = tmp_path / "gap30.toml"
    config.write_text("[land]\nrenewal_gap_m = 30.0\n", encoding="utf-8")
    assert _export(areas_ws, out, "csv", "RA-003", "--config", str(config)) == 0
    assert out.read_bytes().startswith("\ufeff".encode())
    table = pd.read_csv(out, encoding="utf-8-sig")
    assert table["地块编号"].tolist() == ["RA-003"]
    assert table["所属园区"].tolist() == ["PY-A"]
    assert table["地块名称"].iloc[0] == '\'=HYPERLINK("http://x")连片改造区'


def test_the_gap_setting_decides_the_areas(areas_ws, tmp_path):
    config = tmp_path / "gap30.toml"
    config.write_text("[land]\nrenewal_gap_m = 30.0\n", encoding="utf-8")
    default, narrow = tmp_path / "default.csv", tmp_path / "narrow.csv"
    assert _export(areas_ws, default, "csv", "RA-002") == 0
    assert _export(areas_ws, narrow, "csv", "RA-002", "--config", str(config)) == 0
    assert pd.read_csv(default, encoding="utf-8-sig")["所属园区"].tolist() == ["PY-A;PY-B"]
    assert pd.read_csv(narrow, encoding="utf-8-sig")["所属园区"].tolist() == ["PY-B"]


def _txt_parcels(path: Path, encoding: str) -> dict[str, tuple[float, int, list[list[tuple]]]]:
    """Area id → (公顷, points stated, rings of (point, northing, easting)) of a 界址点 TXT."""
    lines = path.read_bytes().decode(encoding).split("\r\n")
    body = lines[lines.index("[地块坐标]") + 1 :]
    out: dict[str, tuple[float, int, list[list[tuple]]]] = {}
    current = ""
    for line in filter(None, body):
        parts = line.split(",")
        if parts[-1] == "@":
            current = parts[2]
            out[current] = (float(parts[1]), int(parts[0]), [])
            continue
        rings = out[current][2]
        while len(rings) < int(parts[1]):
            rings.append([])
        rings[int(parts[1]) - 1].append((parts[0], float(parts[2]), float(parts[3])))
    return out


def test_boundary_txt_parses_back_to_the_areas(areas_ws, tmp_path):
    out = tmp_path / "areas.txt"
    assert _export(areas_ws, out, "txt") == 0
    parsed = _txt_parcels(out, "gbk")
    assert list(parsed) == list(EXPECTED)
    for area_id, (ha, count, rings) in parsed.items():
        assert ha == pytest.approx(_geodesic(area_id) / 10_000, rel=1e-3)
        assert count == sum(len(r) for r in rings)
        planar = 0.0
        for ring in rings:
            assert ring[0] == ring[-1]  # every ring closed on its first point
            xy = [(e - ZONE_SHIFT, n) for _, n, e in ring]
            assert all(38e6 < e < 39e6 for _, _, e in ring)  # zone prefix on the easting
            planar += abs(shapely.Polygon(xy).area)  # members apart: parts add up
        assert planar == pytest.approx(EXPECTED[area_id][2], rel=1e-3)
    # RA-002 is two parts (A, and B with P1) 40 m apart: two outer rings
    assert len(parsed["RA-002"][2]) == 2


def test_zip_holds_every_format_the_table_and_a_manifest_that_verifies(areas_ws, tmp_path):
    out = tmp_path / "areas.zip"
    assert _export(areas_ws, out, "zip") == 0
    with zipfile.ZipFile(out) as zf:
        assert sorted(zf.namelist()) == sorted(
            [*RENEWAL_FILES.values(), "renewal_areas.csv.provenance.json", "manifest.json"]
        )
        zf.extractall(tmp_path / "x")
    manifest = tmp_path / "x" / "manifest.json"
    assert verify_manifest(manifest) == []
    record = json.loads(manifest.read_text("utf-8"))
    assert record["parameters"]["renewal_areas"] == list(EXPECTED)
    assert record["renewal_gap_m"] == 50.0
    detail = pd.read_excel(tmp_path / "x" / RENEWAL_FILES["table"])
    assert detail["片区编号"].tolist() == list(EXPECTED)
    assert detail["所含三旧地块"].fillna("").tolist() == ["", "440113-R-0001"]
    assert detail["权属村集体"].tolist() == ["化龙村", "丹山村;沙圩村"]
    csv = pd.read_csv(tmp_path / "x" / RENEWAL_FILES["csv"], encoding="utf-8-sig")
    assert csv["地块编号"].tolist() == list(EXPECTED)
    # phase-out land: the screen's candidates of the latest year whose point lies in a member
    screened = screen(areas_ws.read("enterprises")).table
    firms = areas_ws.read("enterprises")
    firms = firms[firms["survey_year"] == firms["survey_year"].max()].to_crs("EPSG:4547")
    flagged = firms[firms["uscc"].isin(screened.loc[screened["phase_out"], "uscc"])]
    for area_id, land in zip(detail["片区编号"], detail["淘汰类企业用地(平方米)"], strict=True):
        parks, parcels, _ = EXPECTED[area_id]
        shapes = [g for pid, *_, g in PARKS if pid in parks.split(";")]
        shapes += [g for pid, g in PARCELS if pid in parcels.split(";")]
        inside = flagged.geometry.intersects(shapely.union_all(shapes))
        assert land == pytest.approx(flagged.loc[inside, "land_area_m2"].sum())


def test_a_briefing_of_areas_is_refused_in_one_line(areas_ws, tmp_path, capsys):
    out = tmp_path / "areas.pdf"
    assert _export(areas_ws, out, "pdf") == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0
    assert "cannot carry renewal areas" in err
    assert not out.exists()


def test_an_unknown_area_lists_the_known_ones(areas_ws, tmp_path, capsys):
    out = tmp_path / "areas.csv"
    assert _export(areas_ws, out, "csv", "RA-002,RA-009") == 1
    err = capsys.readouterr().err
    assert "unknown renewal area 'RA-009'; known: RA-001, RA-002" in err
    assert "RA-003" not in err  # two areas at the default 50 m
    assert not out.exists()
