"""The parcel list: which parcels, their areas, centres and the problems found before writing."""

from __future__ import annotations

import pytest
import shapely
from pyproj import Geod
from shapely.geometry import Polygon

from errors import UnknownKeyError, ValidationError
from exports.coords import export_crs
from exports.parcel_list import FIELDS, parcel_list
from tests.exports.conftest import (
    CHOSEN,
    EXPECTED,
    X0,
    Y0,
    ZONE_SHIFT,
    make_parcels,
    make_parks,
    sq,
)


def test_lists_parcels_overlapping_the_chosen_parks_by_more_than_one_square_metre(world):
    parks, parcels = world
    out = parcel_list(parks, parcels, CHOSEN)
    # 0005 only touches an edge, 0006 overlaps by 0.5 m², 0007 lies in an unchosen park
    assert list(out["parcel_id"]) == sorted(EXPECTED)
    for row in out.itertuples():
        area, overlap, park_ids = EXPECTED[row.parcel_id]
        assert row.area_m2 == pytest.approx(area, abs=0.01)
        assert row.overlap_m2 == pytest.approx(overlap, abs=0.01)
        assert row.park_ids == park_ids
    assert out.crs.equals("EPSG:4326")
    assert [c for c in out.columns if c != "geometry"] == [f.name for f in FIELDS]


def test_areas_in_mu_and_hectares_follow_the_definitions(world):
    out = parcel_list(*world, CHOSEN).set_index("parcel_id")
    first = out.loc["440113-T-0001"]  # 100 m × 100 m
    assert first["area_m2"] == pytest.approx(10_000, abs=0.01)
    assert first["area_mu"] == pytest.approx(15.0, abs=1e-4)  # 1 亩 = 10000/15 m²
    assert first["area_ha"] == pytest.approx(1.0, abs=1e-4)


def test_centres_are_zone_38_northing_and_prefixed_easting(world):
    out = parcel_list(*world, CHOSEN).set_index("parcel_id")
    first = out.loc["440113-T-0001"]  # square 50..150 m from the origin
    assert first["centre_x"] == pytest.approx(Y0 + 100, abs=0.002)
    assert first["centre_y"] == pytest.approx(ZONE_SHIFT + X0 + 100, abs=0.002)
    assert str(int(first["centre_y"])).startswith("38")


def test_areas_agree_with_the_geodesic_area_within_a_thousandth(world):
    out = parcel_list(*world, CHOSEN)
    geod = Geod(ellps="GRS80")  # the CGCS2000 ellipsoid differs from GRS80 by 0.1 mm
    for row in out.itertuples():
        # counter-clockwise shells, clockwise holes: Geod's signed area then subtracts holes
        geodesic = geod.geometry_area_perimeter(shapely.orient_polygons(row.geometry))[0]
        assert row.area_m2 == pytest.approx(geodesic, rel=1e-3)


def test_every_problem_is_listed_before_anything_is_written():
    bowtie = Polygon(
        [(X0 + 10, Y0 + 200), (X0 + 60, Y0 + 250), (X0 + 60, Y0 + 200), (X0 + 10, Y0 + 250)]
    )
    extra = [
        ("440113-X-0001", "自相交", "旧厂房", "微改造", bowtie),
        ("440113-X-0002", "重叠甲", "旧厂房", "微改造", sq(100, 100, 200, 200)),
        ("440113-X-0003", "远处自相交", "旧厂房", "微改造", sq(9000, 0, 9010, 10)),
    ]
    parcels = make_parcels(extra)
    with pytest.raises(ValidationError) as info:
        parcel_list(make_parks(), parcels, CHOSEN)
    text = str(info.value)
    assert "2 problem(s)" in text
    assert "440113-X-0001" in text
    assert "Self-intersection" in text
    # 0001 (50..150) and X-0002 (100..200) share a 50 m × 50 m square
    assert "overlaps parcel 440113-X-0002 by 2,500.0 m²" in text
    assert "440113-X-0003" not in text  # outside the chosen parks: not this list's problem


def test_unknown_parks_are_named_with_the_known_ones(world):
    with pytest.raises(UnknownKeyError, match=r"unknown park 'PY-Z'; known: PY-A, PY-B"):
        parcel_list(*world, ["PY-A", "PY-Z"])


def test_a_layer_without_crs_is_refused(world):
    parks, parcels = world
    with pytest.raises(ValidationError, match="coordinate reference system"):
        parcel_list(parks, parcels.set_crs(None, allow_override=True), CHOSEN)


@pytest.mark.parametrize(
    ("code", "epsg"), [("4526", "EPSG:4526"), ("EPSG:4547", "EPSG:4547"), (4490, "EPSG:4490")]
)
def test_export_crs_registry(code, epsg):
    assert export_crs(code).epsg == epsg


def test_unknown_export_crs_lists_the_known():
    with pytest.raises(UnknownKeyError, match="known: 4526, 4547, 4490"):
        export_crs("3857")
