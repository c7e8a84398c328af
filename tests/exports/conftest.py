"""A small world built in code for the export tests: four parks and their 三旧 parcels.

Shapes are squares laid out in EPSG:4547 metres near Panyu (so every area is known by hand),
then stored in EPSG:4326 like the workspace stores them. EPSG:4526 is the same projection
(zone 38, central meridian 114 E) with 38 000 000 m more false easting, so a centre's easting in
EPSG:4526 is its EPSG:4547 easting + 38 000 000.
"""

from __future__ import annotations

import geopandas as gpd
import pytest
from shapely.geometry import MultiPolygon, Polygon, box

from errors import ValidationError
from exports.parcel_list import parcel_list

X0, Y0 = 436_000.0, 2_538_000.0  # EPSG:4547 metres, about 113.38 E 22.94 N
ZONE_SHIFT = 38_000_000.0


def sq(x1: float, y1: float, x2: float, y2: float) -> Polygon:
    return box(X0 + x1, Y0 + y1, X0 + x2, Y0 + y2)


PARKS = [
    ("PY-A", "丹山村工业园", "市桥", sq(0, 0, 400, 400)),
    ("PY-B", "沙圩村工业园", "市桥", sq(1000, 0, 1400, 400)),
    ("PY-C", "化龙工业园", "化龙", sq(2000, 0, 2400, 400)),
    ("PY-D", "石楼工业园", "石楼", sq(3000, 0, 3400, 400)),
]

HOLED = Polygon(
    sq(1100, 100, 1300, 300).exterior.coords, [sq(1150, 150, 1250, 250).exterior.coords]
)
PARCELS = [
    # id, name, sanjiu type, mode, geometry (EPSG:4547)
    ("440113-T-0001", "沙圩一村工业园A地块", "旧厂房", "全面改造", sq(50, 50, 150, 150)),
    ("440113-T-0002", "跨园地块", "旧村庄", "微改造", sq(350, 300, 1050, 350)),
    ("440113-T-0003", "旧村,南区", "旧村庄", "混合改造", HOLED),
    (
        "440113-T-0004",
        '=HYPERLINK("http://x")',
        "旧城镇",
        "全面改造",
        MultiPolygon([sq(2050, 50, 2150, 150), sq(2200, 50, 2300, 150)]),
    ),
    ("440113-T-0005", "只接边", "旧厂房", "微改造", sq(400, 0, 500, 100)),
    ("440113-T-0006", "半平方米", "旧厂房", "微改造", sq(-99, 0, 0.5, 1)),
    ("440113-T-0007", "园外地块", "旧厂房", "微改造", sq(3100, 100, 3200, 200)),
    ("440113-T-0008", "两平方米", "旧厂房", "全面改造", sq(398, 200, 500, 201)),
]
# expected: listed parcels with (area m², overlap m², parks)
EXPECTED = {
    "440113-T-0001": (10_000.0, 10_000.0, "PY-A"),
    "440113-T-0002": (35_000.0, 5_000.0, "PY-A;PY-B"),
    "440113-T-0003": (30_000.0, 30_000.0, "PY-B"),
    "440113-T-0004": (20_000.0, 20_000.0, "PY-C"),
    "440113-T-0008": (102.0, 2.0, "PY-A"),
}
CHOSEN = ["PY-A", "PY-B", "PY-C"]


def _gdf(rows: list[dict], geoms: list) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(rows, geometry=geoms, crs="EPSG:4547").to_crs("EPSG:4326")


def make_parks() -> gpd.GeoDataFrame:
    return _gdf(
        [{"park_id": p, "name": n, "town": t} for p, n, t, _ in PARKS], [g for *_, g in PARKS]
    )


def make_parcels(extra: list[tuple] | None = None) -> gpd.GeoDataFrame:
    rows = PARCELS + (extra or [])
    return _gdf(
        [
            {
                "parcel_id": pid,
                "name": name,
                "town": "市桥",
                "sanjiu_type": kind,
                "ownership": "集体",
                "current_use": "工业",
                "land_class_code": "0601",
                "planned_use": "工业用地",
                "redevelopment_mode": mode,
                "status": "已入库",
                "inventory_year": 2015,
            }
            for pid, name, kind, mode, _ in rows
        ],
        [g for *_, g in rows],
    )


@pytest.fixture
def world() -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame]:
    """(parks, parcels) in EPSG:4326."""
    return make_parks(), make_parcels()


def clean_parks(parks, parcels, n=3) -> tuple[list[str], object]:
    """The first ``n`` parks (by id) that have 三旧 parcels and no overlapping ones."""
    chosen: list[str] = []
    for park_id in sorted(parks["park_id"]):
        try:
            own = parcel_list(parks, parcels, [park_id])
            listed = parcel_list(parks, parcels, [*chosen, park_id])
        except ValidationError:
            continue
        if len(own):
            chosen.append(park_id)
        if len(chosen) == n:
            return chosen, listed
    raise AssertionError("the sample has fewer than three parks with clean 三旧 parcels")
