"""Which town and which park a point lies in; layers in different CRS are refused."""

from __future__ import annotations

import geopandas as gpd
import pytest
from shapely.geometry import Point, box

from errors import CRSMismatchError, ParkPlanError


def _layers(crs: str | None = "EPSG:4326"):
    points = gpd.GeoDataFrame(geometry=[Point(0.5, 0.5), Point(1.5, 0.5), Point(5, 5)], crs=crs)
    towns = gpd.GeoDataFrame({"name": ["甲", "乙"]}, geometry=[box(0, 0, 1, 1), box(1, 0, 2, 1)])
    parks = gpd.GeoDataFrame({"park_id": ["P1"]}, geometry=[box(0, 0, 1, 1)])
    return points, towns.set_crs("EPSG:4326"), parks.set_crs("EPSG:4326")


def test_locate_names_town_and_park_on_the_points_index():
    from geo.joins import locate

    points, towns, parks = _layers()
    out = locate(points, towns, parks)
    assert out["town"].tolist() == ["甲", "乙", None]
    assert out["park_id"].tolist() == ["P1", None, None]
    assert out.index.equals(points.index)


def test_locate_refuses_layers_in_another_crs_as_a_parkplan_error():
    from geo.joins import locate

    points, towns, parks = _layers()
    with pytest.raises(CRSMismatchError, match=r"parks have CRS EPSG:4547; towns and parks"):
        locate(points, towns, parks.to_crs("EPSG:4547"))
    with pytest.raises(ParkPlanError, match="towns have CRS None"):
        locate(points, towns.set_crs(None, allow_override=True), parks)
