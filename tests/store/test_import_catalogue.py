"""A catalogue of the files towns and bureaus send, good and bad, through the whole import.

Every refused file leaves the workspace byte-for-byte as it was; every accepted one is stored
with the warnings the user must read (an encoding guessed, a polygon repaired).
"""

from __future__ import annotations

import hashlib
import json
import zipfile
from collections.abc import Callable
from pathlib import Path

import geopandas as gpd
import numpy as np
import pyogrio
import pytest
import shapely

from errors import ValidationError
from geo.chinese_offsets import wgs84_to_bd09, wgs84_to_gcj02
from store.imports import import_file
from tests.conftest import workspace_digest
from tests.geo.zipcraft import bomb
from tests.store.test_imports import survey_table

PARK_HEADERS = {"park_id": "园区编号", "name": "园区名称", "town": "所在镇街"}


def sample_parks(ws, n: int = 3) -> gpd.GeoDataFrame:
    parks = ws.read("parks").sort_values("park_id").head(n).reset_index(drop=True)
    return parks[["park_id", "name", "town", "geometry"]].rename(columns=PARK_HEADERS)


def write_shapefile_zip(gdf: gpd.GeoDataFrame, path: Path, *, cpg: bool, prj: bool = True) -> Path:
    """A zipped Shapefile in GBK, as Chinese GIS desktops write it (optionally without .cpg)."""
    folder = path.parent / (path.stem + "_parts")
    folder.mkdir()
    pyogrio.write_dataframe(gdf, folder / "园区.shp", encoding="GBK")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for part in sorted(folder.iterdir()):
            if (part.suffix == ".cpg" and not cpg) or (part.suffix == ".prj" and not prj):
                continue
            zf.write(part, f"园区/{part.name}")
    return path


# -- refused --------------------------------------------------------------------------------


def bad_bomb(ws, tmp: Path) -> tuple[Path, str, str]:
    return bomb(tmp / "bomb.zip", inflated_mib=1536), "parks", "zip bomb"


def bad_lying_headers(ws, tmp: Path) -> tuple[Path, str, str]:
    return bomb(tmp / "liar.zip", inflated_mib=40, declared_mib=4), "parks", "cannot be extracted"


def bad_zip_slip(ws, tmp: Path) -> tuple[Path, str, str]:
    path = tmp / "slip.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("../../parkplan.gpkg", b"overwritten")
    return path, "parks", "may not contain .. or be absolute"


def bad_many_members(ws, tmp: Path) -> tuple[Path, str, str]:
    path = tmp / "many.zip"
    with zipfile.ZipFile(path, "w") as zf:
        for i in range(500):
            zf.writestr(f"{i}.dbf", b"")
    return path, "parks", "at most 200 members"


def bad_two_datasets(ws, tmp: Path) -> tuple[Path, str, str]:
    path = write_shapefile_zip(sample_parks(ws), tmp / "two.zip", cpg=True)
    with zipfile.ZipFile(path, "a") as zf:
        zf.writestr("other.geojson", "{}")
        zf.writestr("x/园区.shp", b"")
    return path, "parks", "several members have this name"


def bad_missing_dbf(ws, tmp: Path) -> tuple[Path, str, str]:
    full = write_shapefile_zip(sample_parks(ws), tmp / "full.zip", cpg=True)
    path = tmp / "nodbf.zip"
    with zipfile.ZipFile(full) as src, zipfile.ZipFile(path, "w") as dst:
        for info in src.infolist():
            if not info.filename.endswith(".dbf"):
                dst.writestr(info, src.read(info))
    return path, "parks", "missing these parts"


def bad_no_prj(ws, tmp: Path) -> tuple[Path, str, str]:
    return (
        write_shapefile_zip(sample_parks(ws), tmp / "noprj.zip", cpg=True, prj=False),
        "parks",
        "must declare its CRS",
    )


def bad_bowtie(ws, tmp: Path) -> tuple[Path, str, str]:
    parks = sample_parks(ws)
    x0, y0, x1, y1 = parks.geometry.iloc[1].bounds
    parks.loc[1, "geometry"] = shapely.Polygon([(x0, y0), (x1, y1), (x1, y0), (x0, y1)])
    path = tmp / "bowtie.geojson"
    parks.to_file(path, driver="GeoJSON")
    pid = parks.loc[1, "园区编号"]
    return path, "parks", f"row 2: geometry = '{pid}: Self-intersection"


def bad_truncated_geojson(ws, tmp: Path) -> tuple[Path, str, str]:
    full = tmp / "full.geojson"
    sample_parks(ws).to_file(full, driver="GeoJSON")
    path = tmp / "cut.geojson"
    path.write_bytes(full.read_bytes()[: len(full.read_bytes()) // 2])
    return path, "parks", "not readable"


def bad_survey(ws, tmp: Path) -> tuple[Path, str, str]:
    table, _ = survey_table(ws, 2018, n=3)
    table.loc[1, "税收"] = "—"
    path = tmp / "bad.csv"
    table.to_csv(path, index=False, encoding="gbk")
    return path, "enterprises", "row 3: tax（税收） = '—' — 须为数字"


def bad_excel_type(ws, tmp: Path) -> tuple[Path, str, str]:
    path = tmp / "old.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512))
    return path, "enterprises", "file type = '.xls'"


def bad_empty_csv(ws, tmp: Path) -> tuple[Path, str, str]:
    path = tmp / "empty.csv"
    path.write_bytes(b"")
    return path, "enterprises", "not a readable CSV"


def bad_fake_gpkg(ws, tmp: Path) -> tuple[Path, str, str]:
    path = tmp / "fake.gpkg"
    path.write_bytes(b"SQLite format 3\x00" + bytes(100))
    return path, "parks", "not readable"


REFUSED: list[Callable[..., tuple[Path, str, str]]] = [
    bad_bomb,
    bad_lying_headers,
    bad_zip_slip,
    bad_many_members,
    bad_two_datasets,
    bad_missing_dbf,
    bad_no_prj,
    bad_bowtie,
    bad_truncated_geojson,
    bad_survey,
    bad_excel_type,
    bad_empty_csv,
    bad_fake_gpkg,
]


@pytest.mark.parametrize("make", REFUSED, ids=[f.__name__ for f in REFUSED])
def test_refused_files_leave_the_workspace_byte_for_byte(fresh_workspace, tmp_path, make):
    ws = fresh_workspace
    path, layer, expected = make(ws, tmp_path)
    before = workspace_digest(ws)
    with pytest.raises(ValidationError) as info:
        import_file(ws, path, layer=layer, year=2018 if layer == "enterprises" else None)
    assert expected in str(info.value)
    assert str(info.value).startswith(f"{path.name}: ")
    assert workspace_digest(ws) == before
    assert "import_history" not in ws.tables()
    assert not (tmp_path.parent / "parkplan.gpkg").exists()


# -- accepted -------------------------------------------------------------------------------


def test_gbk_survey_with_chinese_headers_is_stored_and_says_gbk(fresh_workspace, tmp_path):
    ws = fresh_workspace
    table, firms = survey_table(ws, 2018)
    path = tmp_path / "石碁2018.csv"
    table.to_csv(path, index=False, encoding="gbk")
    report = import_file(ws, path, layer="enterprises", year=2018)
    assert report.counts["new"] == 5
    assert [w.value for w in report.warnings] == ["GBK"]
    stored = ws.read("enterprises").query("survey_year == 2018")
    assert sorted(stored["name"]) == sorted(firms["name"])


@pytest.mark.parametrize(
    ("coords", "forward"), [("gcj02", wgs84_to_gcj02), ("bd09", wgs84_to_bd09)]
)
def test_gcj02_and_bd09_surveys_are_converted(fresh_workspace, tmp_path, coords, forward):
    ws = fresh_workspace
    table, firms = survey_table(ws, 2018, n=4)
    lon, lat = forward(firms.geometry.x.to_numpy(), firms.geometry.y.to_numpy())
    assert np.abs(lon - firms.geometry.x.to_numpy()).min() > 0.003  # ~300 m+ offsets
    table["经度"], table["纬度"] = lon, lat
    path = tmp_path / f"{coords}.xlsx"
    table.to_excel(path, index=False)
    import_file(ws, path, layer="enterprises", year=2018, coords=coords)
    new = ws.read("enterprises").query("survey_year == 2018").reset_index(drop=True)
    assert np.abs(new.geometry.x - firms.geometry.x).max() < 1e-7
    assert np.abs(new.geometry.y - firms.geometry.y).max() < 1e-7


def test_shapefile_without_cpg_is_read_as_gbk_and_says_so(fresh_workspace, tmp_path):
    ws = fresh_workspace
    parks = sample_parks(ws)
    path = write_shapefile_zip(parks, tmp_path / "parks_nocpg.zip", cpg=False)
    report = import_file(ws, path, layer="parks")
    assert len(report.warnings) == 1
    warning = report.warnings[0]
    assert (warning.file, warning.value) == ("parks_nocpg.zip", "GBK")
    assert "园区.shp: 无 .cpg 文件，文字按 GBK 读取（推测）" in warning.allowed
    stored = ws.read("parks").sort_values("park_id")
    assert list(stored["name"]) == list(parks["园区名称"])
    assert list(stored["town"]) == list(parks["所在镇街"])


def test_shapefile_with_cpg_has_no_warning_and_the_preview_names_lost_fields(
    fresh_workspace, tmp_path
):
    ws = fresh_workspace
    parks = sample_parks(ws)
    stored_before = len(ws.read("parks"))
    path = write_shapefile_zip(parks, tmp_path / "p.zip", cpg=True)
    report = import_file(ws, path, layer="parks", dry_run=True)
    assert report.warnings == ()
    # the file has id, name and town only: the other attributes of the 3 parks would be lost
    assert report.counts == {"new": 0, "changed": 3, "removed": stored_before - 3, "unchanged": 0}
    from store.imports import plan_import

    table = plan_import(ws, path, layer="parks").changes.table
    fields = table.loc[table["change"] == "changed", "fields"]
    assert fields.str.contains("village").all()
    assert not fields.str.contains("name|town|geometry").any()
    import_file(ws, path, layer="parks")
    assert list(ws.read("parks").sort_values("park_id")["name"]) == list(parks["园区名称"])


def test_gcj02_geojson_boundaries_are_converted(fresh_workspace, tmp_path):
    from geo.chinese_offsets import geometry_from_wgs84

    ws = fresh_workspace
    parks = sample_parks(ws)
    shifted = parks.set_geometry(geometry_from_wgs84(parks.geometry, target="gcj02"))
    path = tmp_path / "amap.geojson"
    shifted.to_file(path, driver="GeoJSON")
    import_file(ws, path, layer="parks", coords="gcj02")
    stored = ws.read("parks").sort_values("park_id").reset_index(drop=True)
    distance = shapely.hausdorff_distance(
        np.asarray(stored.geometry.values), np.asarray(parks.geometry.values)
    )
    assert distance.max() < 1e-7


def test_parcels_geopackage_in_another_crs_with_land_bureau_codes(fresh_workspace, tmp_path):
    ws = fresh_workspace
    parcels = ws.read("parcels").sort_values("parcel_id").head(4).reset_index(drop=True)
    coded = parcels[["parcel_id", "name", "sanjiu_type", "redevelopment_mode", "geometry"]]
    coded = coded.rename(
        columns={
            "parcel_id": "DKBH",
            "name": "DKMC",
            "sanjiu_type": "SJLX",
            "redevelopment_mode": "GZFS",
        }
    ).to_crs("EPSG:4547")
    path = tmp_path / "国土.gpkg"
    coded.to_file(path, layer="地块", driver="GPKG")
    report = import_file(ws, path, layer="parcels")
    assert report.rows == 4
    stored = ws.read("parcels").sort_values("parcel_id").reset_index(drop=True)
    assert list(stored["parcel_id"]) == list(parcels["parcel_id"])
    area = stored.to_crs("EPSG:4547").area / parcels.to_crs("EPSG:4547").area
    assert np.allclose(area, 1.0, atol=1e-6)


def test_a_small_self_intersection_is_repaired_with_a_warning(fresh_workspace, tmp_path):
    """A digitising slip: one edge crosses back over itself near a corner. make_valid changes the
    area by far less than 1 %: stored, and the warning names the park."""
    ws = fresh_workspace
    parks = sample_parks(ws)
    x0, y0, x1, y1 = parks.geometry.iloc[0].bounds
    w, h = x1 - x0, y1 - y0
    loop = shapely.Polygon(
        [
            (x0, y0),
            (x1, y0),
            (x1, y1),
            (x0 + 0.5 * w, y1),
            (x0 + 0.51 * w, y1 + 0.01 * h),
            (x0 + 0.52 * w, y1 - 0.01 * h),
            (x0, y1),
        ]
    )
    assert not loop.is_valid
    parks.loc[0, "geometry"] = loop
    path = tmp_path / "loop.geojson"
    parks.to_file(path, driver="GeoJSON")
    report = import_file(ws, path, layer="parks")
    (warning,) = report.warnings
    assert warning.row == 1
    assert warning.value.startswith(f"{parks.loc[0, '园区编号']}: Self-intersection")
    assert "repaired with make_valid" in warning.allowed
    stored = ws.read("parks").set_index("park_id").loc[parks.loc[0, "园区编号"], "geometry"]
    assert stored.is_valid
    assert abs(stored.area - loop.area) / loop.area < 0.01


def test_history_json_of_an_import(fresh_workspace, tmp_path):
    """The history row carries who, when, the file, its SHA-256, the layer and the counts."""
    ws = fresh_workspace
    table, _ = survey_table(ws, 2018, n=2)
    path = tmp_path / "h.csv"
    table.to_csv(path, index=False, encoding="utf-8-sig")
    import_file(ws, path, layer="enterprises", year=2018, user="李四")
    from store.history import read_history

    row = read_history(ws).iloc[-1]
    got = {k: row[k] for k in ("user", "action", "file", "layer", "years", "rows", "new")}
    assert json.loads(json.dumps(got, default=int)) == {
        "user": "李四",
        "action": "import",
        "file": "h.csv",
        "layer": "enterprises",
        "years": "2018",
        "rows": 2,
        "new": 2,
    }
    assert row["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
    assert row["version_after"] == ws.data_version() != row["version_before"]
