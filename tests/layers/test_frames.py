"""The map page's data without Streamlit: display frames of a year and the filter bar."""

from __future__ import annotations

import geopandas as gpd
import pytest
from shapely.geometry import Point, box

from layers.frames import (
    Filters,
    filtered,
    map_data,
    needs_rasters,
    prepare_frames,
    survey_years,
)
from layers.rasters import RasterImage
from tests.layers.conftest import X0, Y0


def _stored(geoms: list, **columns) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(columns, geometry=geoms, crs="EPSG:4547").to_crs("EPSG:4326")


@pytest.fixture
def frames():
    # two towns side by side (2 km × 1 km each), a park in each, a parcel in the first,
    # three firms in 2015 (two in 石碁, industries 33 and 17) and one in 2014
    towns = _stored(
        [box(X0, Y0, X0 + 2000, Y0 + 1000), box(X0 + 2000, Y0, X0 + 4000, Y0 + 1000)],
        town_code=["T1", "T2"],
        name=["石碁", "南村"],
    )
    parks = _stored(
        [
            box(X0 + 100, Y0 + 100, X0 + 300, Y0 + 400),
            box(X0 + 2100, Y0 + 100, X0 + 2200, Y0 + 200),
        ],
        park_id=["P1", "P2"],
        name=["东村工业园", "西村工业园"],
        town=["石碁", "南村"],
    )
    parcels = _stored(
        [box(X0 + 100, Y0 + 100, X0 + 300, Y0 + 250)],
        parcel_id=["A"],
        name=["甲地块"],
        town=["石碁"],
        sanjiu_type=["旧厂房"],
        redevelopment_mode=["微改造"],
    )
    at = [Point(X0 + 200, Y0 + 200), Point(X0 + 250, Y0 + 200), Point(X0 + 2150, Y0 + 150)]
    firms = _stored(
        [*at, at[0]],
        name=["甲厂", "乙厂", "丙厂", "甲厂"],
        industry_code=["3360", "1713", "3311", "3360"],
        survey_year=[2015, 2015, 2015, 2014],
        above_scale=[True, False, False, True],
        employees=[100, 50, 20, 90],
        gross_output=[1.0, 1.0, 1.0, 1.0],
        water_m3=[1.0, 1.0, 1.0, 1.0],
        town=["石碁", "石碁", "南村", "石碁"],
        park_id=["P1", "P1", "P2", "P1"],
    )
    return prepare_frames(towns=towns, parks=parks, parcels=parcels, enterprises=firms, year=2015)


def test_frames_of_a_year(frames):
    assert frames.year == 2015
    assert frames.enterprises["name"].tolist() == ["甲厂", "乙厂", "丙厂"]
    assert frames.enterprises["division"].tolist() == ["33", "17", "33"]
    assert list(frames.measures.index) == ["P1", "P2"]
    assert frames.measures["firms"].tolist() == [2, 1]
    assert frames.parks["area_ha"].round(6).tolist() == [6.0, 1.0]  # 200 × 300 m, 100 × 100 m
    assert frames.heat_sources is None
    assert frames.sewage_plants is None


def test_no_filter_shows_everything_and_fits_every_town(frames):
    data = filtered(frames)
    assert (len(data.parks), len(data.parcels), len(data.enterprises)) == (2, 1, 3)
    w, s, e, n = frames.towns.total_bounds
    assert data.bounds == ((s, w), (n, e))
    assert data.rasters == {}


def test_town_filter_keeps_that_towns_features_and_fits_it(frames):
    data = map_data(frames, Filters(towns=("南村",)))
    assert data.parks["park_id"].tolist() == ["P2"]
    assert data.parcels.empty
    assert data.enterprises["name"].tolist() == ["丙厂"]
    assert len(data.towns) == 2  # the outlines stay whole
    w, s, e, n = frames.towns[frames.towns["name"] == "南村"].total_bounds
    assert data.bounds == ((s, w), (n, e))


def test_industry_filter_filters_firms_only(frames):
    data = map_data(frames, Filters(divisions=("33",)))
    assert data.enterprises["name"].tolist() == ["甲厂", "丙厂"]
    assert len(data.parks) == 2


def test_filters_never_mutate_the_frames(frames):
    before = frames.enterprises.copy()
    map_data(frames, Filters(towns=("石碁",), divisions=("17",)))
    assert frames.enterprises.equals(before)


def test_unknown_town_fits_the_district(frames):
    data = map_data(frames, Filters(towns=("不存在",)))
    assert data.parks.empty
    w, s, e, n = frames.towns.total_bounds
    assert data.bounds == ((s, w), (n, e))


def test_rasters_only_when_a_raster_layer_is_on(frames):
    assert needs_rasters(["parks", "landuse"])
    assert not needs_rasters(["parks", "towns"])
    image = RasterImage(kind="landuse", png=b"", bounds=((0.0, 0.0), (1.0, 1.0)))
    assert map_data(frames, Filters(), rasters={"landuse": image}).rasters == {"landuse": image}


def test_survey_years_oldest_first(frames):
    import pandas as pd

    assert survey_years(pd.DataFrame({"survey_year": [2015, 2014, 2015, None]})) == [2014, 2015]
