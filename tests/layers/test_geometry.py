"""Display geometry: simplified, valid, never dropped."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import shapely
from shapely.geometry import Polygon

from layers.geometry import display_polygons
from tests.layers.conftest import X0, Y0


def _wiggly(n: int = 400) -> Polygon:
    """A 300 m × 200 m rectangle whose edges carry 5 cm of noise (many needless vertices)."""
    rng = np.random.default_rng(0)
    t = np.linspace(0, 1, n)
    south = np.column_stack([X0 + 300 * t, Y0 + rng.normal(0, 0.05, n)])
    east = np.column_stack([X0 + 300 + rng.normal(0, 0.05, n), Y0 + 200 * t])
    north = np.column_stack([X0 + 300 * t[::-1], Y0 + 200 + rng.normal(0, 0.05, n)])
    west = np.column_stack([X0 + rng.normal(0, 0.05, n), Y0 + 200 * t[::-1]])
    return Polygon(np.vstack([south, east, north, west]))


def test_simplification_keeps_polygons_valid_and_their_area():
    shapes = [_wiggly(), shapely.Point(X0 + 1000, Y0).buffer(150, 64)]
    gdf = gpd.GeoDataFrame({"i": [1, 2]}, geometry=shapes, crs="EPSG:4547").to_crs("EPSG:4326")
    out = display_polygons(gdf, tolerance_m=2.0)
    assert out.geometry.is_valid.all()
    assert not out.geometry.is_empty.any()
    before = gdf.to_crs("EPSG:4547").area.to_numpy()
    after = out.to_crs("EPSG:4547").area.to_numpy()
    assert np.allclose(after, before, rtol=0.01)
    assert shapely.get_num_coordinates(out.geometry.values).sum() < (
        shapely.get_num_coordinates(gdf.geometry.values).sum() / 10
    )
    coords = shapely.get_coordinates(out.geometry.values)
    assert np.allclose(coords, np.round(coords, 6), atol=1e-9)  # 6 decimals at most
    assert gdf.geometry.iloc[0].equals(shapes[0]) is False  # input untouched (was reprojected)
    assert out.crs == gdf.crs
    assert list(out.index) == list(gdf.index)


def test_simplification_never_drops_a_tiny_polygon():
    tiny = shapely.box(X0, Y0, X0 + 0.3, Y0 + 0.3)  # 0.09 m²: simplifies to nothing at 2 m
    gdf = gpd.GeoDataFrame(geometry=[tiny], crs="EPSG:4547").to_crs("EPSG:4326")
    out = display_polygons(gdf, tolerance_m=2.0)
    assert not out.geometry.is_empty.any()
    assert out.geometry.is_valid.all()
