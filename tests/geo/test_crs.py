"""Areas in EPSG:4547 and the units planners read (亩, 公顷), checked by hand and by pyproj.Geod."""

from __future__ import annotations

import geopandas as gpd
import pytest
import shapely
from pyproj import Geod

from errors import ValidationError
from geo.crs import M2_PER_MU, area_m2, m2_to_ha, m2_to_mu, mu_to_m2, require_crs, to_store_crs


def test_units_by_hand():
    assert pytest.approx(666.6667, abs=1e-4) == M2_PER_MU
    assert m2_to_mu(10_000) == pytest.approx(15.0)
    assert m2_to_ha(45.63 * 10_000) == pytest.approx(45.63)
    assert mu_to_m2(15) == pytest.approx(10_000.0)


def test_square_kilometre_built_in_gauss_krueger_measures_one_million():
    square = gpd.GeoSeries([shapely.box(436_000, 2_538_000, 437_000, 2_539_000)], crs="EPSG:4547")
    wgs = square.to_crs("EPSG:4326")
    assert area_m2(wgs).iloc[0] == pytest.approx(1_000_000, rel=1e-9)


def test_area_agrees_with_geodesic_area_in_panyu():
    # a 2 km x 1.5 km block near 市桥; Gauss-Krueger scale error 60 km from CM 114E is ~5e-5
    block = shapely.box(113.35, 22.94, 113.3695, 22.9535)
    gs = gpd.GeoSeries([block], index=["p"], crs="EPSG:4326")
    geodesic, _ = Geod(ellps="GRS80").geometry_area_perimeter(shapely.segmentize(block, 1e-4))
    ours = area_m2(gs)
    assert ours.name == "area_m2"
    assert list(ours.index) == ["p"]
    assert ours.iloc[0] == pytest.approx(abs(geodesic), rel=2e-4)


def test_missing_crs_is_an_error_not_a_guess():
    gdf = gpd.GeoDataFrame(geometry=[shapely.Point(113.3, 22.9)])
    with pytest.raises(ValidationError, match="coordinate reference system is required"):
        require_crs(gdf, source="parks.geojson")
    with pytest.raises(ValidationError, match="crs"):
        area_m2(gdf.geometry)


def test_to_store_crs_reprojects_only_when_needed():
    gk = gpd.GeoDataFrame(geometry=[shapely.Point(436_407, 2_538_027)], crs="EPSG:4547")
    out = to_store_crs(gk)
    assert out.crs == "EPSG:4326"
    assert out.geometry.x.iloc[0] == pytest.approx(113.38, abs=1e-3)
    assert out.geometry.y.iloc[0] == pytest.approx(22.94, abs=1e-3)
    same = gk.to_crs("EPSG:4326")
    assert to_store_crs(same) is same
