"""Per-park indicators on a small hand-built district (shapes built in EPSG:4547, stored 4326)."""

from __future__ import annotations

import math

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import rasterio
import shapely
from affine import Affine

from config import load_settings
from geo.zonal import zonal_mean
from scoring.parks.indicators import GJ_PER_TCE, ParkLayers, park_indicators

CRS = "EPSG:4547"
P1 = shapely.box(436000, 2538000, 436500, 2538500)  # 25 ha
P2 = shapely.box(440000, 2538000, 440300, 2538300)  # 9 ha


def _gdf(data, geoms):
    return gpd.GeoDataFrame(data, geometry=list(geoms), crs=CRS).to_crs("EPSG:4326")


def _firm(code, x, y, year=2015, stored="P1", **values):
    row = {
        "industry_code": code,
        "survey_year": year,
        "park_id": stored,
        "electricity_kwh": 0.0,
        "natural_gas_m3": 0.0,
        "coal_t": 0.0,
        "heat_gj": 0.0,
        "water_m3": 0.0,
        "wastewater_t": 0.0,
        "cod_t": 0.0,
        "solid_waste_t": 0.0,
    }
    row.update(values)
    return row, shapely.Point(x, y)


def _layers(irradiance=None):
    firms = [
        _firm(
            "3360",
            436100,
            2538100,
            natural_gas_m3=1000.0,
            electricity_kwh=1_500_000,
            wastewater_t=500.0,
            cod_t=2.0,
            water_m3=800.0,
            solid_waste_t=10.0,
        ),
        # stored park id is wrong: the spatial join puts it in P1
        _firm("2438", 436200, 2538200, stored="P2", heat_gj=100.0, electricity_kwh=500_000),
        _firm("3872", 436300, 2538300, coal_t=1.0),
        _firm("4210", 436400, 2538400),
        _firm("2438", 436100, 2538400, year=2014, electricity_kwh=1.0),  # another year
        _firm("3872", 440100, 2538100, stored=None, electricity_kwh=10_000),
        _firm("3872", 445000, 2545000, stored=None),  # outside every park
    ]
    parks = _gdf(
        {
            "park_id": ["P1", "P2"],
            "name": ["一园", "二园"],
            "town": ["市桥", "沙湾"],
            "in_industrial_block": [True, False],
            "roof_area_m2": [10_000.0, np.nan],
            "building_coverage": [0.3, 0.5],
        },
        [P1, P2],
    )
    parcels = _gdf(
        {"parcel_id": ["a", "b", "c"], "redevelopment_mode": ["全面改造", "全面改造", "微改造"]},
        [
            shapely.box(436000, 2538000, 436250, 2538500),
            shapely.box(436000, 2538100, 436250, 2538400),  # inside a: counted once
            P2,
        ],
    )
    heat = _gdf({"source_id": ["H"]}, [shapely.Point(438500, 2538250)])  # 2 km east of P1
    sewage = _gdf({"plant_id": ["S"]}, [shapely.Point(440150, 2538150)])  # inside P2
    ents = _gdf([r for r, _ in firms], [g for _, g in firms])
    return ParkLayers(parks, ents, parcels, heat, sewage, irradiance)


def _settings():
    cfg = load_settings()
    s = cfg.park_score.with_overrides(
        **{
            "indicators.irradiance_kwh_m2": 1000.0,
            "indicators.pollution_intensive": ["3360"],
            "chains": {"gold": ["2438", "3360", "9999", "2431"], "light": ["3872"]},
            "recycling_pairs": [
                {"name": "x", "from": ["2438"], "to": ["4210"]},
                {"name": "y", "from": ["17"], "to": ["4210"]},
                # 4210 is both: needs another firm
                {"name": "z", "from": ["38", "42"], "to": ["42"]},
            ],
        }
    )
    return s, cfg.energy.model_dump()


@pytest.fixture(scope="module")
def result():
    settings, energy = _settings()
    return park_indicators(_layers(), settings=settings, energy_factors=energy)


def test_firms_are_joined_by_location_in_the_chosen_year(result):
    t = result.table.set_index("park_id")
    assert result.year == 2015
    assert result.latest_year == 2015
    assert t.loc["P1", "firms"] == 4
    assert t.loc["P2", "firms"] == 1
    assert t.loc["P1", "area_ha"] == pytest.approx(25.0, rel=1e-3)


def test_heat_indicators(result):
    t = result.table.set_index("park_id")
    # gas 1000 m³ × 1.2143 kgce + heat 100 GJ × 34.12 kgce + coal 1 t × 714.3 kgce, in GJ
    tce = (1000 * 1.2143 + 100 * 34.12 + 1000 * 0.7143) / 1000
    assert t.loc["P1", "thermal_gj_per_km2"] == pytest.approx(tce * GJ_PER_TCE / 0.25, rel=2e-3)
    assert t.loc["P1", "fuel_firms"] == 2  # gas and coal on site; purchased heat is not
    assert t.loc["P1", "heat_km"] == pytest.approx(2.0, abs=0.01)
    assert t.loc["P1", "heat_proximity"] == pytest.approx(0.8, abs=0.001)
    assert t.loc["P2", "heat_proximity"] == pytest.approx(1 - 1.5 / 10, abs=0.001)


def test_treatment_water_and_recycling(result):
    t = result.table.set_index("park_id")
    assert t.loc["P1", "wastewater_t_per_km2"] == pytest.approx(500 / 0.25, rel=2e-3)
    assert t.loc["P1", "cod_t_per_km2"] == pytest.approx(2 / 0.25, rel=2e-3)
    assert t.loc["P1", "pollution_share"] == pytest.approx(1 / 4)
    assert t.loc["P1", "water_m3_per_km2"] == pytest.approx(800 / 0.25, rel=2e-3)
    assert t.loc["P2", "sewage_km"] == 0.0
    assert t.loc["P2", "sewage_proximity"] == 1.0
    assert t.loc["P1", "solid_waste_t_per_km2"] == pytest.approx(10 / 0.25, rel=2e-3)
    # pairs: x (2438 → 4210) and z (3872 → 4210); not y (no textiles)
    assert t.loc["P1", "recycling_pairs"] == 2
    assert t.loc["P2", "recycling_pairs"] == 0


def test_chain_diversity_and_demolition(result):
    t = result.table.set_index("park_id")
    assert t.loc["P1", "chain_share"] == pytest.approx(1.0)  # "light" complete beats gold 2/4
    assert t.loc["P1", "best_chain"] == "light"
    assert t.loc["P1", "diversity"] == pytest.approx(math.log(4))
    assert t.loc["P2", "diversity"] == 0.0
    assert t.loc["P1", "demolition_share"] == pytest.approx(0.5, abs=1e-3)
    assert t.loc["P2", "demolition_share"] == 0.0
    assert t.loc["P2", "sanjiu_share"] == pytest.approx(1.0, abs=1e-3)


def test_pv_generation_and_coverage_with_the_configured_constant(result):
    t = result.table.set_index("park_id")
    assert result.irradiance_source == "constant"
    assert "constant 1000 kWh/m²/yr" in result.notes[0]
    gen = 10_000 * 1000 * 0.6 * 0.20 * 0.8
    assert t.loc["P1", "pv_kwh"] == pytest.approx(gen)
    assert t.loc["P1", "pv_coverage"] == pytest.approx(gen / 2_000_000)
    # no roof area: building coverage × area; generation exceeds use → coverage 1
    assert t.loc["P2", "roof_m2"] == pytest.approx(0.5 * 90_000, rel=2e-3)
    assert t.loc["P2", "pv_coverage"] == 1.0


def test_an_earlier_year_is_scored_while_the_gate_counts_the_latest():
    settings, energy = _settings()
    res = park_indicators(_layers(), settings=settings, energy_factors=energy, year=2014)
    t = res.table.set_index("park_id")
    assert t.loc["P1", "firms"] == 1
    assert t.loc["P1", "firms_latest"] == 4


def _raster(path, values, x0, y0, size):
    with rasterio.open(
        path,
        "w",
        driver="GTiff",
        height=values.shape[0],
        width=values.shape[1],
        count=1,
        dtype="float32",
        crs=CRS,
        nodata=-9999.0,
        transform=Affine(size, 0.0, x0, 0.0, -size, y0),
    ) as dst:
        dst.write(values.astype("float32"), 1)


def test_irradiance_zonal_mean_from_the_raster(tmp_path):
    path = tmp_path / "irr.tif"
    values = np.full((10, 10), 1200.0)
    values[:, 5:] = 1400.0  # right half of P1
    _raster(path, values, 436000, 2538500, 50.0)  # exactly P1
    settings, energy = _settings()
    res = park_indicators(_layers(path), settings=settings, energy_factors=energy)
    t = res.table.set_index("park_id")
    assert res.irradiance_source == "raster"
    assert t.loc["P1", "irradiance_kwh_m2"] == pytest.approx(1300.0, rel=1e-3)
    assert t.loc["P2", "irradiance_kwh_m2"] == 1000.0  # outside the raster: constant
    assert "1 park(s) outside the irradiance raster" in res.notes[0]


def test_zonal_mean_weighs_partial_pixels(tmp_path):
    path = tmp_path / "r.tif"
    _raster(path, np.array([[0.0, 10.0]]), 0, 100, 100.0)  # two 100 m pixels
    polys = gpd.GeoSeries([shapely.box(50, 0, 150, 100), shapely.box(10, 10, 40, 40)], crs=CRS)
    out = zonal_mean(polys, path)
    assert out.iloc[0] == pytest.approx(5.0)
    assert out.iloc[1] == pytest.approx(0.0)  # holds no pixel centre, still a value
    far = gpd.GeoSeries([shapely.box(1000, 1000, 1100, 1100)], crs=CRS)
    assert np.isnan(zonal_mean(far, path).iloc[0])


def test_empty_inputs_give_zeros_not_errors():
    settings, energy = _settings()
    layers = _layers()
    none = layers.enterprises.iloc[0:0]
    empty = ParkLayers(
        layers.parks,
        none,
        layers.parcels.iloc[0:0],
        layers.heat_sources.iloc[0:0],
        layers.sewage_plants,
        None,
    )
    t = park_indicators(empty, settings=settings, energy_factors=energy).table
    assert (t["firms"] == 0).all()
    assert (t["heat_proximity"] == 0).all()
    assert (t["demolition_share"] == 0).all()
    assert pd.isna(t["heat_km"]).all()


def test_zonal_mean_ignores_nodata_pixels(tmp_path):
    path = tmp_path / "nodata.tif"
    _raster(path, np.array([[-9999.0, 10.0, 20.0]]), 0, 100, 100.0)
    polys = gpd.GeoSeries([shapely.box(0, 0, 300, 100), shapely.box(0, 0, 100, 100)], crs=CRS)
    out = zonal_mean(polys, path)
    assert out.iloc[0] == pytest.approx(15.0)
    assert np.isnan(out.iloc[1])
