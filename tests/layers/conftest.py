"""Fixtures for the layer tests: small shapes built in code, and the bundled sample (read only)."""

from __future__ import annotations

import geopandas as gpd
import pytest
from shapely.geometry import Point, box

from store.workspace import SAMPLE_DIR, sample_workspace

X0, Y0 = 436_000.0, 2_538_000.0  # EPSG:4547, in Panyu
EVIL = "<img src=x onerror=alert(1)>"


@pytest.fixture
def small_parks() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {
            "park_id": ["P1", "P2"],
            "name": [EVIL, "西村工业园"],
            "town": ["石碁", "南村"],
            "area_ha": [6.0, 25.0],
            "firms": [12, 0],
            "sanjiu_share": [0.6, 0.0],
        },
        geometry=[box(X0, Y0, X0 + 200, Y0 + 300), box(X0 + 1000, Y0, X0 + 1500, Y0 + 500)],
        crs="EPSG:4547",
    ).to_crs("EPSG:4326")


@pytest.fixture
def small_firms() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {
            "record_id": ["a-2015", "b-2015"],
            "uscc": ["91440113MA59AAAA1X", "91440113MA59BBBB2Y"],
            "name": [EVIL, "乙厂</script><script>alert(2)</script>"],
            "industry_code": ["3360", "1713"],
            "above_scale": [True, False],
            "survey_year": [2015, 2015],
            "employees": [120, 15],
            "town": ["石碁", "南村"],
            "park_id": ["P1", None],
        },
        geometry=[Point(X0 + 100, Y0 + 100), Point(X0 + 1200, Y0 + 200)],
        crs="EPSG:4547",
    ).to_crs("EPSG:4326")


@pytest.fixture(scope="session")
def sample() -> dict[str, gpd.GeoDataFrame]:
    ws = sample_workspace()  # the bundled sample, read only
    return {name: ws.read(name) for name in ws.layers()}


@pytest.fixture(scope="session")
def sample_data(sample):
    """The map's display data for the sample's latest survey year, as the page builds it."""
    from geo.renewal import renewal_areas
    from geo.summary import park_measures
    from layers import enterprises, heat_sources, parcels, parks, rasters, sewage_plants, towns
    from layers import renewal as renewal_layer
    from layers.compose import MapData

    firms = sample["enterprises"]
    year = int(firms["survey_year"].max())
    measures = park_measures(sample["parks"], firms, sample["parcels"], year=year)
    w, s, e, n = sample["towns"].total_bounds
    return MapData(
        towns=towns.prepare(sample["towns"]),
        parks=parks.prepare(sample["parks"], measures),
        parcels=parcels.prepare(sample["parcels"]),
        renewal=renewal_layer.prepare(renewal_areas(sample["parks"], sample["parcels"], firms)),
        enterprises=enterprises.prepare(firms[firms["survey_year"] == year]),
        heat_sources=heat_sources.prepare(sample["heat_sources"]),
        sewage_plants=sewage_plants.prepare(sample["sewage_plants"]),
        rasters={
            "irradiance": rasters.render_irradiance(SAMPLE_DIR / "panyu_irradiance.tif"),
            "landuse": rasters.render_landuse(
                SAMPLE_DIR / "panyu_landuse.tif", SAMPLE_DIR / "panyu_landuse_classes.csv"
            ),
        },
        bounds=((s, w), (n, e)),
    )
