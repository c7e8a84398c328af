"""Park figures on shapes built in code, checked against hand computations.

The shapes are drawn in EPSG:4547 metres (where areas are measured) and stored in EPSG:4326,
like real layers.
"""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import Point, box

from errors import UnknownKeyError
from geo.summary import (
    by_town,
    district_figures,
    latest_year,
    parcel_overlaps,
    park_card,
    park_measures,
)

X0, Y0 = 436_000.0, 2_538_000.0  # a spot in Panyu, EPSG:4547

# the energy factors of config/defaults.toml, written out (energy itself: tests/scoring)
FACTORS = {
    "electricity_kgce_per_kwh": 0.1229,
    "natural_gas_kgce_per_m3": 1.2143,
    "coal_kgce_per_kg": 0.7143,
    "diesel_kgce_per_kg": 1.4571,
    "fuel_oil_kgce_per_kg": 1.4286,
    "lpg_kgce_per_kg": 1.7143,
    "heat_kgce_per_gj": 34.12,
}


def _stored(geoms: list, **columns) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(columns, geometry=geoms, crs="EPSG:4547").to_crs("EPSG:4326")


@pytest.fixture
def parks() -> gpd.GeoDataFrame:
    # P1: 200 m × 300 m = 60 000 m² = 6 ha = 90 亩; P2: 100 m × 100 m = 1 ha = 15 亩
    return _stored(
        [box(X0, Y0, X0 + 200, Y0 + 300), box(X0 + 1000, Y0, X0 + 1100, Y0 + 100)],
        park_id=["P1", "P2"],
        name=["东村工业园", "西村工业园"],
        town=["石碁", "石碁"],
        village=["东村", None],
    )


@pytest.fixture
def parcels() -> gpd.GeoDataFrame:
    # A covers P1's south half (200 × 150 = 30 000 m²); B sticks out of P1's north-east corner
    # (50 × 50 = 2 500 m² inside); C overlaps A inside P1 (counted once in the share); D is far.
    return _stored(
        [
            box(X0, Y0, X0 + 200, Y0 + 150),
            box(X0 + 150, Y0 + 250, X0 + 250, Y0 + 350),
            box(X0, Y0, X0 + 100, Y0 + 100),
            box(X0 + 5000, Y0, X0 + 5100, Y0 + 100),
        ],
        parcel_id=["A", "B", "C", "D"],
        name=["甲地块", "乙地块", "丙地块", "丁地块"],
        sanjiu_type=["旧厂房", "旧村庄", "旧厂房", "旧城镇"],
        redevelopment_mode=["全面改造", "微改造", "全面改造", "混合改造"],
        status=["已入库", None, "实施中", "已完成"],
    )


@pytest.fixture
def firms() -> gpd.GeoDataFrame:
    inside = Point(X0 + 100, Y0 + 100)
    return _stored(
        [inside, inside, inside, Point(X0 + 1050, Y0 + 50)],
        uscc=["U1", "U2", "U1", "U3"],
        name=["甲厂", "乙厂", "甲厂", "丙厂"],
        industry_code=["3360", "3311", "3360", "1713"],
        above_scale=[True, False, True, False],
        survey_year=[2015, 2015, 2014, 2015],
        employees=[100, 50, 90, 20],
        gross_output=[5000.0, 800.0, 4000.0, 300.0],
        electricity_kwh=[1_000_000.0, 200_000.0, 1.0, 0.0],
        natural_gas_m3=[10_000.0, 0.0, 0.0, 0.0],
        coal_t=[0.0, 2.0, 0.0, 0.0],
        water_m3=[3000.0, 500.0, 1.0, 100.0],
        park_id=["P1", "P1", "P1", "P2"],
    )


def test_card_of_a_200_by_300_m_park(parks, firms, parcels):
    card = park_card("P1", parks, firms, parcels, year=2015, factors=FACTORS)
    assert card.area_m2 == pytest.approx(60_000, rel=1e-6)
    assert card.area_ha == pytest.approx(6.0, rel=1e-6)
    assert card.area_mu == pytest.approx(90.0, rel=1e-6)
    assert (card.firms, card.above_scale, card.employees) == (2, 1, 150)
    assert card.gross_output == pytest.approx(5800.0)
    assert card.energy_tce == pytest.approx(135.043 + 26.0086)
    assert card.water_m3 == pytest.approx(3500.0)
    assert (card.name, card.town, card.village) == ("东村工业园", "石碁", "东村")


def test_card_top_industries_by_division(parks, firms, parcels):
    card = park_card("P1", parks, firms, parcels, year=2015, factors=FACTORS)
    # 3360 and 3311 are both division 33 (金属制品业)
    assert [(i.division, i.name, i.firms, i.share) for i in card.industries] == [
        ("33", "金属制品业", 2, 1.0)
    ]


def test_card_overlapping_parcels_in_mu(parks, firms, parcels):
    card = park_card("P1", parks, firms, parcels, year=2015, factors=FACTORS)
    got = {p.parcel_id: p for p in card.parcels}
    assert set(got) == {"A", "B", "C"}
    assert got["A"].overlap_m2 == pytest.approx(30_000, rel=1e-5)
    assert got["A"].overlap_mu == pytest.approx(45.0, rel=1e-5)
    assert got["B"].overlap_m2 == pytest.approx(2_500, rel=1e-4)
    assert got["C"].overlap_m2 == pytest.approx(10_000, rel=1e-5)
    assert [p.parcel_id for p in card.parcels] == ["A", "C", "B"]  # largest first
    assert got["B"].status == ""
    # union: A (30 000) + B (2 500); C lies inside A → 32 500 / 60 000
    assert card.sanjiu_m2 == pytest.approx(32_500, rel=1e-4)
    assert card.sanjiu_share == pytest.approx(32_500 / 60_000, rel=1e-4)


def test_card_of_another_year(parks, firms, parcels):
    card = park_card("P1", parks, firms, parcels, year=2014, factors=FACTORS)
    assert (card.year, card.firms, card.employees) == (2014, 1, 90)


def test_card_of_unknown_park(parks, firms, parcels):
    with pytest.raises(UnknownKeyError, match=r"unknown park 'P9'; known: P1, P2"):
        park_card("P9", parks, firms, parcels)


def test_measures_per_park(parks, firms, parcels):
    m = park_measures(parks, firms, parcels, year=2015, factors=FACTORS)
    assert list(m.index) == list(parks.index)
    p1, p2 = m.iloc[0], m.iloc[1]
    assert p1["area_ha"] == pytest.approx(6.0, rel=1e-6)
    assert p1["area_mu"] == pytest.approx(90.0, rel=1e-6)
    assert p2["area_mu"] == pytest.approx(15.0, rel=1e-6)
    assert (p1["firms"], p1["above_scale"], p1["employees"], p1["parcels"]) == (2, 1, 150, 3)
    assert (p2["firms"], p2["parcels"]) == (1, 0)
    assert p1["energy_tce"] == pytest.approx(161.0516)
    assert p1["sanjiu_share"] == pytest.approx(32_500 / 60_000, rel=1e-4)
    assert p2["sanjiu_share"] == 0.0


def test_measures_default_to_the_latest_year(parks, firms, parcels):
    m = park_measures(parks, firms, parcels, factors=FACTORS)
    assert m.iloc[0]["firms"] == 2


def test_overlaps_leave_out_parcels_that_only_touch(parks):
    touching = _stored(
        [box(X0 + 200, Y0, X0 + 300, Y0 + 100)],
        parcel_id=["T"],
        name=["邻接"],
        sanjiu_type=["旧厂房"],
        redevelopment_mode=["微改造"],
    )
    assert parcel_overlaps(parks, touching).empty


def test_overlaps_of_empty_layers(parks):
    empty = parks.iloc[0:0].rename(columns={"park_id": "parcel_id"})
    out = parcel_overlaps(parks, empty)
    assert list(out.columns) == ["park_id", "parcel_id", "overlap_m2"]
    assert out.empty


def test_measures_without_firms_or_parcels(parks, firms, parcels):
    m = park_measures(parks, firms.iloc[0:0], parcels.iloc[0:0], year=2015, factors=FACTORS)
    assert m["firms"].tolist() == [0, 0]
    assert m["sanjiu_share"].tolist() == [0.0, 0.0]
    assert isinstance(m, pd.DataFrame)


@pytest.fixture
def towns() -> gpd.GeoDataFrame:
    # two 2 km × 1 km towns side by side: 4 km² together
    return _stored(
        [
            box(X0 - 500, Y0 - 500, X0 + 1500, Y0 + 500),
            box(X0 + 1500, Y0 - 500, X0 + 3500, Y0 + 500),
        ],
        name=["石碁", "南村"],
    )


def test_district_figures_of_the_latest_year(towns, parks, parcels, firms):
    fig = district_figures(towns, parks, parcels, firms)
    assert fig["year"] == 2015
    assert fig["towns"] == 2
    assert fig["district_km2"] == pytest.approx(4.0, rel=1e-6)
    # parks: 60 000 + 10 000 m² = 7 ha = 105 亩
    assert (fig["parks"], fig["parks_ha"], fig["parks_mu"]) == (
        2,
        pytest.approx(7.0),
        pytest.approx(105.0),
    )
    # parcels: 30 000 + 10 000 + 10 000 + 10 000 m² = 6 ha
    assert (fig["parcels"], fig["parcels_ha"]) == (4, pytest.approx(6.0))
    assert (fig["enterprises"], fig["employees"]) == (3, 170)
    assert fig["gross_output_yi"] == pytest.approx(0.61)  # 6 100 万元
    assert fig["in_parks_share"] == 1.0


def test_district_figures_of_another_year(towns, parks, parcels, firms):
    fig = district_figures(towns, parks, parcels, firms, year=2014)
    assert (fig["year"], fig["enterprises"], fig["employees"]) == (2014, 1, 90)


def test_parks_and_firms_by_town(parks, firms):
    table = by_town(parks, firms.assign(town=["石碁", "石碁", "石碁", "南村"]), year=2015)
    assert table.to_dict("index") == {
        "石碁": {"parks": 2, "firms": 2},
        "南村": {"parks": 0, "firms": 1},
    }


def test_latest_year(firms):
    assert latest_year(firms) == 2015
    assert latest_year(firms.iloc[0:0]) == 0
