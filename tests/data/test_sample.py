"""The bundled Panyu sample (data/parks): contract, place, and believability.

Reads the files as shipped (never regenerates them). Expectations are set by hand from
DOMAIN.md; the outline comes from ../shared/realdata and is converted with the independent
``coord_convert`` package (conftest ``panyu_outline_wgs84``), and the five-flag screen below is a
short independent implementation of DOMAIN.md §2, not the app's.
"""

from __future__ import annotations

import csv
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import pytest
import rasterio
import shapely
from pyproj import Transformer
from stdnum.cn import uscc

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "data" / "parks"
GPKG = SAMPLE / "panyu_sample.gpkg"
LAYER_NAMES = ("towns", "parks", "parcels", "enterprises", "heat_sources", "sewage_plants")
AREA_CRS = "EPSG:4547"
MU_M2 = 10_000 / 15
TOWN_NAMES = {
    "市桥",
    "沙头",
    "东环",
    "桥南",
    "小谷围",
    "大石",
    "洛浦",
    "石壁",
    "钟村",
    "大龙",
    "南村",
    "新造",
    "化龙",
    "石楼",
    "沙湾",
    "石碁",
}


@pytest.fixture(scope="module")
def layers() -> dict[str, gpd.GeoDataFrame]:
    return {name: gpd.read_file(GPKG, layer=name, engine="pyogrio") for name in LAYER_NAMES}


@pytest.fixture(scope="module")
def firms(layers) -> pd.DataFrame:
    return pd.DataFrame(layers["enterprises"].drop(columns="geometry"))


@pytest.fixture(scope="module")
def district_m(panyu_outline_wgs84) -> shapely.Geometry:
    """The real outline in EPSG:4547."""
    outline = gpd.GeoSeries([panyu_outline_wgs84], crs="EPSG:4326").to_crs(AREA_CRS)
    return outline.iloc[0]


# ------------------------------------------------------------------------------------ contract


def test_six_layers_in_wgs84_with_valid_geometry(layers):
    listed = {name for name, kind in pyogrio.list_layers(GPKG) if kind is not None}
    assert listed == set(LAYER_NAMES)
    tables = {name for name, kind in pyogrio.list_layers(GPKG) if kind is None}
    assert tables == {"projects"}  # tests/data/test_sample_projects.py
    for name, gdf in layers.items():
        assert gdf.crs is not None, name
        assert gdf.crs.to_epsg() == 4326, name
        assert gdf.geometry.is_valid.all(), name
        assert not gdf.geometry.is_empty.any(), name
    for name in ("enterprises", "heat_sources", "sewage_plants"):
        assert set(layers[name].geom_type) == {"Point"}, name
    for name in ("towns", "parks", "parcels"):
        assert set(layers[name].geom_type) <= {"Polygon", "MultiPolygon"}, name


def test_counts(layers, firms):
    assert len(layers["towns"]) == 16
    assert len(layers["parks"]) >= 200
    assert len(layers["parcels"]) >= 1000
    assert firms["uscc"].nunique() >= 5000
    assert set(firms["survey_year"]) == {2014, 2015, 2016, 2017}  # issue 23
    assert len(firms) >= 10_000
    assert firms["record_id"].is_unique
    assert (firms["record_id"] == firms["uscc"] + "-" + firms["survey_year"].astype(str)).all()
    for name, id_field in (
        ("parks", "park_id"),
        ("parcels", "parcel_id"),
        ("heat_sources", "source_id"),
        ("sewage_plants", "plant_id"),
    ):
        assert layers[name][id_field].is_unique, name


def test_every_geometry_inside_the_real_outline(layers, district_m):
    grown = district_m.buffer(1.0)
    shapely.prepare(grown)
    for name, gdf in layers.items():
        inside = shapely.within(gdf.to_crs(AREA_CRS).geometry.values, grown)
        assert inside.all(), f"{name}: {int((~inside).sum())} features leave the district"


def test_towns_tile_the_district(layers, district_m):
    towns = layers["towns"].to_crs(AREA_CRS)
    assert set(towns["name"]) == TOWN_NAMES
    assert set(towns["kind"]) == {"街道", "镇"}
    assert (towns["kind"] == "镇").sum() == 6
    assert towns["approximate"].all()
    total = towns.area.sum()
    assert 518e6 * 0.97 <= total <= 518e6 * 1.03
    assert abs(towns.union_all().area - total) < 1e4  # no overlaps (< 1 ha in all)
    assert abs(total - district_m.area) < 1e5  # no gaps


def test_town_codes_are_the_2016_statistical_codes(layers, realdata):
    codes = {}
    with (realdata / "panyu_admin_codes_2016.csv").open(encoding="utf-8") as fh:
        for row in csv.reader(fh):
            if row[3] == "town":
                short = row[2].removesuffix("街道").removesuffix("镇").replace("石基", "石碁")
                codes[short] = row[0]
    towns = layers["towns"]
    assert dict(zip(towns["name"], towns["town_code"], strict=True)) == codes


# ------------------------------------------------------------------------------------ codes


def _gb11714_ok(org: str) -> bool:
    values = [int(c) if c.isdigit() else ord(c) - 55 for c in org[:8]]
    c = 11 - sum(v * w for v, w in zip(values, (3, 7, 9, 10, 5, 8, 4, 2), strict=True)) % 11
    return org[8] == {10: "X", 11: "0"}.get(c, str(c))


def test_uscc_are_valid(firms):
    codes = firms["uscc"].drop_duplicates()
    assert codes.map(uscc.is_valid).all()
    assert codes.str[:8].isin(["91440113", "91440101"]).all()
    assert (codes.str[:8] == "91440113").mean() > 0.9
    assert codes.str[8:17].map(_gb11714_ok).all()
    assert firms.drop_duplicates("uscc")["name"].is_unique


def test_industry_codes_are_four_digit_classes(firms):
    codes = firms["industry_code"].astype(str)
    assert codes.str.fullmatch(r"\d{4}").all()
    for code in ("3872", "3952", "2438", "3670", "3435", "1713", "3360"):
        assert (codes == code).any(), code


# ------------------------------------------------------------------------------------ believability


def test_park_sizes(layers):
    ha = layers["parks"].to_crs(AREA_CRS).area / 1e4
    assert 5 <= ha.median() <= 30
    assert ha.between(3, 80).mean() >= 0.9
    parks = layers["parks"]
    assert "沙湾珠宝产业园" in set(parks["name"])
    assert "旧水坑村工业园" in set(parks["name"])
    assert parks["in_industrial_block"].mean() == pytest.approx(0.6, abs=0.12)
    assert parks["building_coverage"].between(0.35, 0.65).all()
    assert parks["built_year"].between(1985, 2010).all()
    assert parks["roof_area_m2"].isna().any()
    assert parks["roof_area_m2"].notna().mean() > 0.5
    assert (parks.groupby("town").size().get("小谷围", 0)) <= 1


def test_most_firms_sit_in_parks_and_jewellery_in_shawan(layers, firms):
    assert firms["park_id"].notna().mean() >= 0.75
    park_ids = set(layers["parks"]["park_id"])
    assert set(firms["park_id"].dropna()) <= park_ids
    assert set(firms["town"]) == TOWN_NAMES
    shawan = layers["parks"].loc[layers["parks"]["name"] == "沙湾珠宝产业园", "park_id"].iloc[0]
    in_shawan = firms[(firms["park_id"] == shawan) & (firms["survey_year"] == 2015)]
    assert len(in_shawan) >= 50
    assert in_shawan["employees"].sum() >= 5000
    assert (in_shawan["industry_code"] == "2438").mean() > 0.7


def test_value_added_rates(firms):
    rate = firms["value_added"] / firms["gross_output"]
    jewellery = rate[firms["industry_code"] == "2438"]
    assert 0.05 <= jewellery.median() <= 0.12
    others = rate[~firms["industry_code"].isin(["2438", "3831"])]
    assert 0.20 <= others.median() <= 0.27


def test_totals_are_of_panyu_size(firms):
    y15 = firms[firms["survey_year"] == 2015]
    gross_yi = y15["gross_output"].sum() / 1e4
    assert 1000 <= gross_yi <= 2500  # Panyu above-scale output ≈ 1 742 亿元 in 2015
    assert 0.15 <= y15["above_scale"].mean() <= 0.27
    assert (y15["above_scale"] == (y15["gross_output"] >= 2000)).all()
    assert (y15["employees"] >= 1000).any()
    assert y15["employees"].between(10, 300).mean() > 0.6  # village-park workshops are small


def test_redevelopment_mode_mix(layers):
    # Parcels outside parks: 150 old factories (45/35/20 % 全面/微/混合), ~335 old villages
    # (18/72/10) and ~350 old-town blocks (45/38/17) → ~34/51/15 %. Factory lots in parks
    # (~4 750, most of the parcels): a fifth of the parks 65–95 % demolition, two fifths
    # 5–40 %, the rest none, the other lots 75/25 微/混合 → ~24/57/19 %. Together ~26/56/18 %.
    parcels = layers["parcels"]
    share = parcels["redevelopment_mode"].value_counts(normalize=True)
    assert share["全面改造"] == pytest.approx(0.26, abs=0.05)
    assert share["微改造"] == pytest.approx(0.56, abs=0.05)
    assert share["混合改造"] == pytest.approx(0.18, abs=0.05)
    in_park = parcels.intersects(layers["parks"].union_all())
    outside = parcels.loc[~in_park, "redevelopment_mode"].value_counts(normalize=True)
    assert outside["全面改造"] == pytest.approx(0.34, abs=0.06)
    assert outside["微改造"] == pytest.approx(0.51, abs=0.06)
    ha = parcels.to_crs(AREA_CRS).area / 1e4
    assert ha[~in_park].between(0.29, 31).all()  # 旧村庄, 旧城镇 and factories outside parks
    assert ha[in_park].between(0.1, 3.0).all()  # factory lots (tests/data/test_sample_lots.py)


def test_old_factories_overlap_parks_and_the_demolition_gate_bites(layers):
    parcels = layers["parcels"].to_crs(AREA_CRS)
    parks = layers["parks"].to_crs(AREA_CRS)
    factories = parcels[parcels["sanjiu_type"] == "旧厂房"]
    park_union = parks.union_all()
    overlap = shapely.area(shapely.intersection(factories.geometry.values, park_union))
    assert (overlap > 1.0).mean() >= 0.2
    demolition = parcels.loc[parcels["redevelopment_mode"] == "全面改造"].union_all()
    share = shapely.area(shapely.intersection(parks.geometry.values, demolition)) / parks.area
    assert (share > 0.5).sum() >= 10  # the ≤ 50 % gate removes some parks …
    assert (share < 0.2).mean() >= 0.4  # … and many parks have little demolition


def test_point_layers(layers):
    heat = layers["heat_sources"]
    assert heat["assumed"].all()
    assert set(heat["kind"]) == {"热电联产", "集中锅炉"}
    sewage = layers["sewage_plants"]
    assert sewage["capacity_m3_d"].sum() == pytest.approx(610_000, rel=0.05)
    assert sewage["approximate"].all()
    assert sewage["reclaimed_water"].any()


# ------------------------------------------------------------------------------------ rasters


def test_irradiance_raster(district_m):
    with rasterio.open(SAMPLE / "panyu_irradiance.tif") as src:
        band = src.read(1, masked=True)
        assert src.dtypes[0] == "float32"
        bounds, crs = src.bounds, src.crs
    values = band.compressed()
    assert values.size > 0
    assert values.min() >= 1150
    assert values.max() <= 1350
    to_raster = Transformer.from_crs(AREA_CRS, crs, always_xy=True)
    minx, miny, maxx, maxy = to_raster.transform_bounds(*district_m.bounds)
    assert bounds.left <= minx
    assert bounds.bottom <= miny
    assert bounds.right >= maxx
    assert bounds.top >= maxy


def test_landuse_raster_classes():
    with (SAMPLE / "panyu_landuse_classes.csv").open(encoding="utf-8") as fh:
        classes = list(csv.DictReader(fh))
    assert list(classes[0]) == ["value", "code", "name_zh", "name_en", "color"]
    values = {int(c["value"]) for c in classes}
    assert all(c["color"].startswith("#") and len(c["color"]) == 7 for c in classes)
    with rasterio.open(SAMPLE / "panyu_landuse.tif") as src:
        assert src.dtypes[0] == "uint8"
        assert src.nodata == 0
        data = src.read(1)
    present = set(np.unique(data).tolist()) - {0}
    assert present <= values
    assert len(present) >= 8


def test_sample_stays_small():
    total = sum(p.stat().st_size for p in SAMPLE.iterdir() if p.is_file())
    assert total < 15 * 1024 * 1024


# ------------------------------------------------------------------------------------ five flags

KGCE = {
    "electricity_kwh": 0.1229,
    "natural_gas_m3": 1.2143,
    "coal_t": 714.3,
    "diesel_t": 1457.1,
    "fuel_oil_t": 1428.6,
    "lpg_t": 1714.3,
    "heat_gj": 34.12,
}
PLOT_MIN = {
    "17": 0.8,
    "18": 0.8,
    "21": 0.8,
    "26": 0.6,
    "27": 0.7,
    "29": 1.0,
    "30": 0.7,
    "31": 0.6,
    "32": 0.6,
}


def _phase_out(year: pd.DataFrame) -> pd.Series:
    """Independent DOMAIN.md §2 screen: relative thresholds, ≥ 3 flags."""
    div = year["industry_code"].astype(str).str[:2]
    energy = sum(year[col].fillna(0) * k for col, k in KGCE.items()) / 1000
    emission = year[["cod_t", "nh3n_t", "so2_t", "nox_t"]].fillna(0).sum(axis=1)
    ind = pd.DataFrame(
        {
            "labour": year["value_added"] / year["employees"],
            "tax_mu": year["tax"] / (year["land_area_m2"] / MU_M2),
            "va_rate": year["value_added"] / year["gross_output"],
            "energy": energy / year["value_added"],
            "emission": emission / year["value_added"],
        }
    )
    small = div.map(div.value_counts()) < 10

    def median(col: str) -> pd.Series:
        by_div = ind[col].groupby(div).transform("median")
        return by_div.where(~small, ind[col].median())

    plot = year["floor_area_m2"] / year["land_area_m2"]
    low_plot = (plot < div.map(lambda d: PLOT_MIN.get(d, 1.0))) | plot.isna()
    flags = pd.DataFrame(
        {
            "labour": ind["labour"] < 0.5 * median("labour"),
            "land": (ind["tax_mu"] < 0.5 * median("tax_mu")) & low_plot,
            "va": ind["va_rate"] < 0.5 * median("va_rate"),
            "energy": ind["energy"] > 2 * median("energy"),
            "pollution": (ind["emission"] > 2 * median("emission"))
            | (emission > year["permitted_emissions_t"]),
        }
    )
    return flags.sum(axis=1) >= 3


@pytest.mark.parametrize("survey_year", [2014, 2015, 2016, 2017])
def test_five_flag_screen_phases_out_a_plausible_share(firms, survey_year):
    year = firms[firms["survey_year"] == survey_year].reset_index(drop=True)
    share = _phase_out(year).mean()
    assert 0.05 <= share <= 0.15, f"{survey_year}: {share:.1%} phase-out candidates"
