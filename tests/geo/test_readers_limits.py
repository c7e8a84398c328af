"""Limits checked before parsing: workbook parts, cells, text length, GeoPackage schema, vertices.

Each hostile file is read in a fresh process (its time and extra resident memory measured), and
must be refused with one message naming the part and the ``[import]`` setting.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import geopandas as gpd
import numpy as np
import pytest
import shapely

from errors import ValidationError
from geo.readers import read_file
from geo.readers_guard import MIB, ReadLimits
from tests.geo.xlsxcraft import sheet_xml, workbook

ROOT = Path(__file__).resolve().parents[2]
LIMITS = ReadLimits.default()


def read_in_fresh_process(path: Path, layer: str = "enterprises") -> dict:
    script = f"""
import json, resource, sys, time
sys.path.insert(0, {str(ROOT)!r})
from errors import ValidationError
from errors import ValidationError
from geo.readers import read_file
import openpyxl, geopandas  # start-up, not the read
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
start = time.perf_counter()
try:
    raw = read_file({str(path)!r}, layer={layer!r})
    out = {{"refused": False, "rows": len(raw.frame)}}
except ValidationError as exc:
    out = {{"refused": True, "message": str(exc), "problems": len(exc.problems)}}
out["elapsed"] = time.perf_counter() - start
out["extra_mib"] = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
print(json.dumps(out))
"""
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, cwd=ROOT
    )
    assert "Traceback" not in done.stderr, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_limits_come_from_the_config():
    assert LIMITS.max_other_part == 10 * MIB
    assert LIMITS.max_shared_strings == 40 * MIB
    assert LIMITS.max_cells == 3_000_000
    assert LIMITS.max_text_chars == 2000


def test_one_cell_at_xfd1048576_is_refused_fast_by_the_cell_cap(tmp_path):
    sheet = sheet_xml(
        "A1:XFD1048576", [(1, [(1, "name"), (2, "town")]), (1_048_576, [(16384, "x")])]
    )
    path = workbook(tmp_path / "dim.xlsx", sheet)
    assert path.stat().st_size < 5000
    result = read_in_fresh_process(path)
    assert result["refused"]
    assert result["problems"] == 1
    assert "[import] max_cells" in result["message"]
    assert "dim.xlsx" in result["message"]
    assert result["elapsed"] < 5.0
    assert result["extra_mib"] < 300


def test_an_under_declared_dimension_reads_every_row(tmp_path):
    rows = [(1, [(1, "name"), (2, "n")])] + [
        (r, [(1, f"firm {r}"), (2, str(r))]) for r in range(2, 6114)
    ]
    path = workbook(tmp_path / "under.xlsx", sheet_xml("A1:AQ101", rows))
    frame = read_file(path, layer="enterprises").frame
    assert len(frame) == 6112
    assert frame["name"].iloc[-1] == "firm 6113"
    assert frame["n"].iloc[6111] == "6113"


@pytest.mark.parametrize(
    ("part", "inflated_mib", "unit", "setting"),
    [
        ("xl/styles.xml", 477, 480, "max_other_part_mb"),  # the 3 MB styles bomb
        ("xl/sharedStrings.xml", 855, 480, "max_shared_strings_mb"),  # ~5.7 MB at ratio ~150
        ("xl/sharedStrings.xml", 1000, 210, "max_shared_strings_mb"),  # ~15 MB at ratio ~68
    ],
)
def test_workbook_part_bombs_under_the_archive_ratio_are_refused_by_part(
    tmp_path, part, inflated_mib, unit, setting
):
    sheet = sheet_xml("A1:B2", [(1, [(1, "name")]), (2, [(1, "甲")])])
    path = workbook(tmp_path / "bomb.xlsx", sheet, bomb=(part, inflated_mib, unit))
    ratio = inflated_mib * MIB / path.stat().st_size
    assert 40 < ratio < LIMITS.max_ratio  # the archive checks alone would let it through
    result = read_in_fresh_process(path)
    assert result["refused"]
    assert result["problems"] == 2  # the part, and the workbook's total
    assert part in result["message"]
    assert f"[import] {setting}" in result["message"]
    assert "[import] max_workbook_mb" in result["message"]
    assert result["elapsed"] < 5.0
    assert result["extra_mib"] < 300


def test_a_17_million_character_cell_is_refused_with_a_short_message(tmp_path):
    path = tmp_path / "long.csv"
    path.write_text("name,town\n" + "甲" * 17_000_000 + ",市桥\n", encoding="utf-8")
    with pytest.raises(ValidationError) as info:
        read_file(path, layer="enterprises")
    text = str(info.value)
    assert "[import] max_text_chars" in text
    assert "17,000,000 characters" in text
    assert "long.csv row 2: name" in text
    assert len(text) < 400


def test_a_2000_character_cell_is_read(tmp_path):
    path = tmp_path / "ok.csv"
    path.write_text("name\n" + "甲" * 2000 + "\n", encoding="utf-8")
    assert read_file(path, layer="enterprises").frame["name"].str.len().tolist() == [2000]


def _gpkg(path: Path) -> Path:
    frame = gpd.GeoDataFrame({"name": ["甲"]}, geometry=[shapely.box(113.3, 22.9, 113.31, 22.91)])
    frame.set_crs(4326).to_file(path, layer="parks")
    return path


def test_a_geopackage_whose_layer_is_a_recursive_view_is_refused_in_under_10_s(tmp_path):
    path = _gpkg(tmp_path / "view.gpkg")
    with sqlite3.connect(path) as conn:
        conn.executescript(
            "CREATE VIEW forever AS WITH RECURSIVE c(fid, x) AS (SELECT 1, 1 UNION ALL "
            "SELECT fid + 1, x + 1 FROM c) SELECT fid, x FROM c;"
            "INSERT INTO gpkg_contents (table_name, data_type, identifier) "
            "VALUES ('forever', 'attributes', 'forever');"
        )
    result = read_in_fresh_process(path, layer="parks")
    assert result["refused"]
    assert "may not contain views" in result["message"]
    assert result["elapsed"] < 10.0


def test_a_geopackage_with_20000_tables_is_refused_before_gdal_lists_them(tmp_path):
    path = _gpkg(tmp_path / "many.gpkg")
    with sqlite3.connect(path) as conn:
        conn.executescript(
            "PRAGMA synchronous=OFF; BEGIN;"
            + "".join(f"CREATE TABLE t{i} (a);" for i in range(20_000))
            + "COMMIT;"
        )
    result = read_in_fresh_process(path, layer="parks")
    assert result["refused"]
    assert "[import] max_gpkg_tables" in result["message"]
    assert "20,0" in result["message"]  # 20 000 and GDAL's own tables
    assert result["elapsed"] < 5.0


def test_a_real_geopackage_is_still_read(tmp_path):
    assert read_file(_gpkg(tmp_path / "ok.gpkg"), layer="parks").frame["name"].tolist() == ["甲"]


def test_a_geometry_with_too_many_vertices_is_refused(tmp_path):
    angle = np.linspace(0, 2 * np.pi, 250_000, endpoint=False)
    ring = shapely.Polygon(np.c_[113.35 + 0.01 * np.cos(angle), 22.95 + 0.01 * np.sin(angle)])
    assert shapely.get_num_coordinates(ring) == 250_001  # closed
    small = shapely.box(113.3, 22.9, 113.31, 22.91)
    path = tmp_path / "parks.geojson"
    gpd.GeoDataFrame({"name": ["甲", "乙"]}, geometry=[small, ring], crs=4326).to_file(path)
    with pytest.raises(ValidationError) as info:
        read_file(path, layer="parks")
    text = str(info.value)
    assert "parks.geojson row 2: geometry" in text
    assert "250,001 vertices" in text
    assert "[import] max_vertices" in text
