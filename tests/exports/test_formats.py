"""Every parcel-list format read back with an independent reader: same parcels, fields, CRS,
areas within 0.1 % of the geodesic area, Chinese text intact, formula-like text neutralised."""

from __future__ import annotations

import csv
import io
import zipfile

import fiona
import numpy as np
import openpyxl
import pandas as pd
import pytest
import shapely
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pyproj import Geod, Transformer
from shapely.geometry import shape

from errors import ValidationError
from exports.coords import export_crs
from exports.encodings import text_encoding
from exports.formats import FORMATS, ExportContext
from exports.parcel_list import FIELDS, parcel_list
from exports.tables import Provenance
from tests.exports.conftest import CHOSEN, EXPECTED, make_parcels, make_parks, sq

CODES = [f.code for f in FIELDS]
GEOD = Geod(ellps="GRS80")
DANGEROUS = '=HYPERLINK("http://x")'


@pytest.fixture(scope="module")
def listed():
    return parcel_list(make_parks(), make_parcels(), CHOSEN)


def context(crs="4526", encoding="utf-8") -> ExportContext:
    prov = Provenance(
        what="三旧地块清单",
        data_version="abc123",
        scenario="三园方案A",
        parameters={"parks": CHOSEN},
        created="2026-01-31T10:00:00+08:00",
    )
    return ExportContext(prov, export_crs(crs), text_encoding(encoding), producer="番禺区工信局")


def geodesic_m2(geom_4326) -> float:
    return GEOD.geometry_area_perimeter(shapely.orient_polygons(geom_4326))[0]


def to_4326(geom, epsg: int):
    tr = Transformer.from_crs(epsg, 4326, always_xy=True)
    return shapely.transform(geom, lambda xy: np.column_stack(tr.transform(xy[:, 0], xy[:, 1])))


def check_records(records: list[dict], epsg: int) -> None:
    """Same parcels and fields; areas within 0.1 % of the geodesic area of the read geometry."""
    assert sorted(r["DKBH"] for r in records) == sorted(EXPECTED)
    for rec in records:
        assert list(rec)[: len(CODES)] == CODES
        area, overlap, parks = EXPECTED[rec["DKBH"]]
        assert rec["MJ"] == pytest.approx(area, abs=0.01)
        assert rec["CDMJ"] == pytest.approx(overlap, abs=0.01)
        assert rec["YQBH"] == parks
        assert rec["MJ"] == pytest.approx(geodesic_m2(to_4326(rec["geometry"], epsg)), rel=1e-3)
    names = {r["DKBH"]: r["DKMC"] for r in records}
    assert names["440113-T-0001"] == "沙圩一村工业园A地块"
    assert names["440113-T-0004"] == "'" + DANGEROUS  # neutralised


def read_fiona(path, **kwargs) -> tuple[list[dict], int]:
    with fiona.open(path, **kwargs) as src:
        epsg = src.crs.to_epsg()
        rows = [{**dict(f["properties"]), "geometry": shape(f["geometry"])} for f in src]
    return rows, epsg


@pytest.mark.parametrize("crs", ["4526", "4547", "4490"])
def test_geopackage_round_trip(tmp_path, listed, crs):
    out = FORMATS["gpkg"].write(listed, tmp_path / "p.gpkg", context(crs))
    records, epsg = read_fiona(out[0], layer="sanjiu_parcels")
    assert epsg == int(crs)
    check_records(records, epsg)
    if crs == "4526":  # zone prefix on the eastings, and the centre columns agree
        first = next(r for r in records if r["DKBH"] == "440113-T-0001")
        x, y = first["geometry"].centroid.x, first["geometry"].centroid.y
        assert str(int(x)).startswith("38")
        assert (first["ZXY"], first["ZXX"]) == pytest.approx((x, y), abs=0.002)


@pytest.mark.parametrize(("encoding", "cpg", "ldid"), [("utf-8", "UTF-8", 0), ("gbk", "936", 0x4D)])
def test_shapefile_zip_round_trip_keeps_chinese_in_both_encodings(
    tmp_path, listed, encoding, cpg, ldid
):
    path = FORMATS["shp"].write(listed, tmp_path / "地块.zip", context(encoding=encoding))[0]
    with zipfile.ZipFile(path) as zf:
        names = set(zf.namelist())
        assert {f"地块{s}" for s in (".shp", ".shx", ".dbf", ".prj", ".cpg")} <= names
        assert zf.read("地块.cpg").decode("ascii") == cpg
        assert "CGCS2000_3_Degree_GK_Zone_38" in zf.read("地块.prj").decode("ascii")
        dbf = zf.read("地块.dbf")
        zf.extractall(tmp_path / "x")
    assert dbf[29] == ldid
    # the raw bytes hold the name in the promised encoding (not re-encoded UTF-8 in GBK)
    assert "沙圩一村工业园A地块".encode(encoding) in dbf
    records, epsg = read_fiona(tmp_path / "x" / "地块.shp")
    assert epsg == 4526
    check_records(records, epsg)
    assert {r["SJLX"] for r in records} == {"旧厂房", "旧村庄", "旧城镇"}


def test_gbk_refuses_text_it_cannot_hold_and_utf8_keeps_it(tmp_path):
    rare = ("440113-T-0009", "𠀀村地块", "旧厂房", "微改造", sq(200, 200, 260, 260))
    listed = parcel_list(make_parks(), make_parcels([rare]), CHOSEN)
    for fmt in ("shp", "txt"):
        with pytest.raises(ValidationError, match=r"'𠀀' cannot be written in GBK; choose UTF-8"):
            FORMATS[fmt].write(listed, tmp_path / f"x.{fmt}", context(encoding="gbk"))
        assert not (tmp_path / f"x.{fmt}").exists()
    path = FORMATS["shp"].write(listed, tmp_path / "u.zip", context(encoding="utf-8"))[0]
    with zipfile.ZipFile(path) as zf:
        zf.extractall(tmp_path / "u")
    records, _ = read_fiona(tmp_path / "u" / "u.shp")
    assert "𠀀村地块" in {r["DKMC"] for r in records}


def _about(book) -> tuple[dict, list[tuple]]:
    """The About sheet: (provenance label → value, rows of the column-code table)."""
    rows = list(book["说明 About"].iter_rows(values_only=True))
    blank = next(i for i, r in enumerate(rows) if all(v is None for v in r))
    return {r[0]: r[1] for r in rows[:blank]}, [tuple(r) for r in rows[blank + 2 :]]


def test_excel_has_one_chinese_header_row_and_the_codes_on_the_about_sheet(tmp_path, listed):
    path = FORMATS["xlsx"].write(listed, tmp_path / "p.xlsx", context())[0]
    book = openpyxl.load_workbook(path, read_only=True)
    assert book.sheetnames == ["地块清单", "说明 About"]
    rows = list(book["地块清单"].iter_rows(values_only=True))
    assert list(rows[0]) == [f.label_zh for f in FIELDS]
    assert len(rows) == 1 + len(EXPECTED)  # one header row, then exactly the parcels
    data = {r[0]: dict(zip(CODES, r, strict=True)) for r in rows[1:]}
    assert sorted(data) == sorted(EXPECTED)
    assert data["440113-T-0001"]["MJ_MU"] == pytest.approx(15.0, abs=1e-4)
    assert data["440113-T-0004"]["DKMC"] == "'" + DANGEROUS
    about, code_rows = _about(book)
    assert about["方案 Scenario"] == "三园方案A"
    assert about["数据版本 Data version"] == "abc123"
    assert code_rows == [("地块清单", f.label_zh, f.code) for f in FIELDS]


def test_pandas_reads_exactly_the_parcels_from_the_excel_and_the_csv(tmp_path, listed):
    """The first row is the only header: pandas' default read gives the parcels, no code row."""
    xlsx = FORMATS["xlsx"].write(listed, tmp_path / "p.xlsx", context())[0]
    csv_path = FORMATS["csv"].write(listed, tmp_path / "p.csv", context())[0]
    sheet = pd.read_excel(xlsx)
    table = pd.read_csv(csv_path, encoding="utf-8-sig")
    for frame in (sheet, table):
        assert list(frame.columns) == [f.label_zh for f in FIELDS]
        assert len(frame) == len(EXPECTED)
        assert sorted(frame["地块编号"]) == sorted(EXPECTED)
        area = dict(zip(frame["地块编号"], frame["面积(平方米)"], strict=True))
        for pid, (m2, _overlap, _parks) in EXPECTED.items():
            assert area[pid] == pytest.approx(m2, rel=1e-3)


def test_csv_is_utf8_with_bom_and_chinese_headers(tmp_path, listed):
    path, sidecar = FORMATS["csv"].write(listed, tmp_path / "p.csv", context())
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0] == [f.label_zh for f in FIELDS]
    body = {r[0]: dict(zip(CODES, r, strict=True)) for r in rows[1:]}
    assert sorted(body) == sorted(EXPECTED)
    assert float(body["440113-T-0003"]["MJ"]) == pytest.approx(30_000, abs=0.01)
    assert body["440113-T-0004"]["DKMC"] == "'" + DANGEROUS
    assert body["440113-T-0003"]["DKMC"] == "旧村,南区"  # quoted, not split
    assert sidecar.name == "p.csv.provenance.json"


# --- the 界址点坐标 TXT, read back by a small parser written here -------------------------


def parse_txt(text: str) -> tuple[dict[str, str], list[dict]]:
    assert text.endswith("\r\n")
    assert "\n" not in text.replace("\r\n", "")  # CRLF only
    lines = text.splitlines()  # any line break a reader might honour
    assert lines[0] == "[属性描述]"
    split = lines.index("[地块坐标]")
    header = dict(line.split("=", 1) for line in lines[1:split])
    parcels: list[dict] = []
    for line in lines[split + 1 :]:
        cells = line.split(",")
        if cells[-1] == "@":
            assert len(cells) == 9
            parcels.append(
                {"count": int(cells[0]), "ha": float(cells[1]), "id": cells[2], "name": cells[3],
                 "kind": cells[4], "use": cells[6], "class": cells[7], "points": []}
            )  # fmt: skip
        else:
            name, ring, x, y = cells
            assert len(x.split(".")[1]) == 3
            assert len(y.split(".")[1]) == 3
            parcels[-1]["points"].append((name, int(ring), float(x), float(y)))
    return header, parcels


@pytest.mark.parametrize("encoding", ["gbk", "utf-8"])
def test_boundary_txt_matches_domain_section_5(tmp_path, listed, encoding):
    path = FORMATS["txt"].write(listed, tmp_path / "p.txt", context(encoding=encoding))[0]
    header, parcels = parse_txt(path.read_bytes().decode(encoding))
    assert header == {
        "格式版本号": "", "数据产生单位": "番禺区工信局", "数据产生日期": "2026-01-31",
        "坐标系": "2000国家大地坐标系", "几度分带": "3", "投影类型": "高斯克吕格",
        "计量单位": "米", "带号": "38", "精度": "0.001", "转换参数": ",,,,,,",
    }  # fmt: skip
    assert [p["id"] for p in parcels] == sorted(EXPECTED)
    by_id = {p["id"]: p for p in parcels}
    assert by_id["440113-T-0003"]["name"] == "旧村，南区"  # the comma cannot split the line
    assert by_id["440113-T-0004"]["name"] == "'" + DANGEROUS
    assert by_id["440113-T-0001"]["ha"] == 1.0
    for p in parcels:
        assert p["kind"] == "面"
        assert p["class"] == "0601"
        assert p["count"] == len(p["points"])
        rings: dict[int, list] = {}
        for name, ring, x, y in p["points"]:
            rings.setdefault(ring, []).append((name, x, y))
        assert sorted(rings) == list(range(1, len(rings) + 1))
        for pts in rings.values():
            assert pts[0] == pts[-1]  # closed, same name
            assert len({n for n, *_ in pts}) == len(pts) - 1
    # the holed parcel: ring 2 is the hole; the two-part parcel: ring 2 is the second part
    assert {r for *_, r, _x, _y in [(0, *q[1:]) for q in by_id["440113-T-0003"]["points"]]} == {
        1,
        2,
    }
    assert max(q[1] for q in by_id["440113-T-0004"]["points"]) == 2
    assert max(q[1] for q in by_id["440113-T-0001"]["points"]) == 1


def test_boundary_txt_points_land_within_a_centimetre_of_the_stored_vertices(tmp_path, listed):
    path = FORMATS["txt"].write(listed, tmp_path / "p.txt", context(encoding="gbk"))[0]
    _, parcels = parse_txt(path.read_bytes().decode("gbk"))
    back = Transformer.from_crs("EPSG:4526", "EPSG:4326", always_xy=True)
    stored = listed.set_index("parcel_id").geometry
    for p in parcels:
        northing = np.array([q[2] for q in p["points"]])
        easting = np.array([q[3] for q in p["points"]])
        lon, lat = back.transform(easting, northing)  # X is the northing
        vertices = shapely.get_coordinates(stored[p["id"]])
        for x, y in zip(lon, lat, strict=True):
            _, _, dist = GEOD.inv(
                np.full(len(vertices), x), np.full(len(vertices), y), vertices[:, 0], vertices[:, 1]
            )
            assert dist.min() < 0.01
        assert len({(round(x, 9), round(y, 9)) for x, y in zip(lon, lat, strict=True)}) == len(
            {tuple(np.round(v, 9)) for v in vertices}
        )


def test_outer_rings_run_clockwise_from_the_north_west(tmp_path, listed):
    _, parcels = parse_txt(
        FORMATS["txt"].write(listed, tmp_path / "p.txt", context())[0].read_bytes().decode()
    )
    first = next(p for p in parcels if p["id"] == "440113-T-0001")["points"]
    # square 50..150 m: NW corner, then NE, SE, SW (clockwise seen on the map)
    assert [(q[2] % 1000, q[3] % 1000) for q in first] == [
        (150, 50), (150, 150), (50, 150), (50, 50), (150, 50)
    ]  # fmt: skip


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(name=st.text(min_size=0, max_size=30))
def test_any_parcel_name_keeps_the_txt_parsable(tmp_path, listed, name):
    renamed = listed.copy()
    renamed.loc[0, "name"] = name
    path = FORMATS["txt"].write(renamed, tmp_path / "h.txt", context(encoding="utf-8"))[0]
    _, parcels = parse_txt(path.read_bytes().decode("utf-8"))
    assert [p["id"] for p in parcels] == list(renamed["parcel_id"])
    assert all(p["count"] == len(p["points"]) for p in parcels)


def test_txt_header_date_defaults_to_the_provenance_date(tmp_path, listed):
    path = FORMATS["txt"].write(listed, tmp_path / "p.txt", context())[0]
    assert "数据产生日期=2026-01-31\r\n" in path.read_bytes().decode()
