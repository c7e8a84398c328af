"""GCJ-02 / BD-09 conversion checked against two independent implementations on 10 000+ points."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pytest
import shapely
from coord_convert.transform import bd2wgs, gcj2wgs, wgs2bd, wgs2gcj
from pyproj import Geod

from errors import UnknownKeyError
from geo.chinese_offsets import (
    bd09_to_wgs84,
    from_wgs84,
    gcj02_to_wgs84,
    geometry_from_wgs84,
    geometry_to_wgs84,
    to_wgs84,
    wgs84_to_bd09,
    wgs84_to_gcj02,
)

GEOD = Geod(ellps="WGS84")
N = 10_000


@pytest.fixture(scope="module")
def china_points() -> tuple[np.ndarray, np.ndarray]:
    """10 000 points over mainland China's lon/lat box plus 2 000 dense ones over Panyu."""
    rng = np.random.default_rng(7)
    lon = np.concatenate([rng.uniform(73.7, 135.0, N), rng.uniform(113.24, 113.57, 2_000)])
    lat = np.concatenate([rng.uniform(18.2, 53.5, N), rng.uniform(22.86, 23.08, 2_000)])
    return lon, lat


def metres(lon1, lat1, lon2, lat2) -> np.ndarray:
    return GEOD.inv(lon1, lat1, lon2, lat2)[2]


def oracle(fn, lon, lat) -> tuple[np.ndarray, np.ndarray]:
    out = np.array([fn(x, y) for x, y in zip(lon, lat, strict=True)])
    return out[:, 0], out[:, 1]


def test_forward_gcj02_matches_coord_convert(china_points):
    lon, lat = china_points
    ours = wgs84_to_gcj02(lon, lat)
    ref = oracle(wgs2gcj, lon, lat)
    assert metres(*ours, *ref).max() < 0.001


def test_inverse_gcj02_within_half_a_metre_of_the_oracle_and_the_truth(china_points):
    lon, lat = china_points
    glon, glat = oracle(wgs2gcj, lon, lat)
    ours = gcj02_to_wgs84(glon, glat)
    # coord-convert's gcj2wgs is iterated to exactness (eviltransform's gcj2wgs_exact stops
    # at ~0.1-0.8 m here, so it cannot judge a 0.5 m bound)
    assert metres(*ours, *oracle(gcj2wgs, glon, glat)).max() < 0.5
    # and the true origin is recovered to well under half a metre
    assert metres(*ours, lon, lat).max() < 0.5


def test_one_step_inverse_would_not_be_good_enough(china_points):
    """Guard for the iteration: the naive inverse g - (f(g) - g) is ~1 m off somewhere."""
    lon, lat = china_points
    glon, glat = wgs84_to_gcj02(lon, lat)
    flon, flat = wgs84_to_gcj02(glon, glat)
    naive = (2 * glon - flon, 2 * glat - flat)
    assert metres(*naive, lon, lat).max() > 0.5


def test_bd09_both_ways_match_coord_convert(china_points):
    lon, lat = china_points
    ours_fwd = wgs84_to_bd09(lon, lat)
    assert metres(*ours_fwd, *oracle(wgs2bd, lon, lat)).max() < 0.001
    ours_inv = bd09_to_wgs84(*ours_fwd)
    assert metres(*ours_inv, *oracle(bd2wgs, *ours_fwd)).max() < 0.5
    assert metres(*ours_inv, lon, lat).max() < 0.01


def test_panyu_offset_is_about_560_m_east_and_290_m_south():
    """DOMAIN.md §4: in Panyu GCJ-02 lies ~560 m east and ~290 m south of WGS84."""
    lon, lat = 113.361, 22.951  # 市桥
    glon, glat = wgs84_to_gcj02(lon, lat)
    east = metres(lon, lat, glon, lat)
    south = metres(lon, lat, lon, glat)
    assert 540 < east < 580
    assert 270 < south < 310
    assert glat < lat
    assert glon > lon


def test_outside_china_is_unchanged():
    lon, lat = np.array([2.35, -74.0]), np.array([48.85, 40.7])
    for fn in (wgs84_to_gcj02, gcj02_to_wgs84):
        x, y = fn(lon, lat)
        np.testing.assert_array_equal(x, lon)
        np.testing.assert_array_equal(y, lat)


def test_registry_names_and_unknown_system():
    x, y = to_wgs84(113.36, 22.95, source="GCJ-02")
    assert metres(x, y, *gcj2wgs(113.36, 22.95)) < 0.01
    assert to_wgs84(113.36, 22.95, source="cgcs2000") == (113.36, 22.95)
    with pytest.raises(UnknownKeyError, match=r"unknown coordinate system 'utm'.*gcj02.*bd09"):
        to_wgs84(1, 2, source="utm")
    with pytest.raises(UnknownKeyError, match="known: wgs84"):
        from_wgs84(1, 2, target="mercator")


def test_geometry_conversion_moves_every_vertex_and_keeps_index():
    square = shapely.box(113.36, 22.95, 113.37, 22.96)
    gs = gpd.GeoSeries([square, shapely.Point(113.4, 23.0)], index=[10, 20], crs="EPSG:4326")
    shown = geometry_from_wgs84(gs, target="gcj02")
    back = geometry_to_wgs84(shown, source="gcj02")
    assert list(back.index) == [10, 20]
    assert back.crs == "EPSG:4326"
    moved = shapely.get_coordinates(shown.values)
    orig = shapely.get_coordinates(gs.values)
    assert metres(orig[:, 0], orig[:, 1], moved[:, 0], moved[:, 1]).min() > 500
    round_trip = shapely.get_coordinates(back.values)
    assert metres(orig[:, 0], orig[:, 1], round_trip[:, 0], round_trip[:, 1]).max() < 0.01
