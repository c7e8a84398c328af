"""Land freed against land demanded: each kind counted once, allocation order (above-scale
first, then tax per 亩, ties by USCC), partial allocation, a town without demand, and the scope
of chosen parks. A small world of squares in EPSG:4547, every figure worked out by hand.

Every firm is of division 33 (minimum 1.0, target 1.5 with the default uplift 0.5).

- T1: parks PA and PB; 全面改造 parcels R1 (inside PA, 10 000 m²) and R3 (10 000 m², half of
  it, 5 000 m², inside PB); R2 微改造 (never freed).
  f1 in R1 and phase-out → only through R1; f2 phase-out, land 3 000 → 3 000 freed, no 加层;
  f3 land 1 000 floor 500 → saves (1.5 − 0.5) × 1000 / 1.5 = 666.67; f4 no floor → missing;
  f5 land 1 000 floor 1 000 → saves 333.33. District: 20 000 + 3 000 + 1 000 = 24 000 freed.
  Demand (outside the parks, already at the target ratio, land 1 000 m² = 1.5 亩):
  d2 above-scale 8 000 · d3 tax 200/亩 12 000 · d0 100/亩 3 000 · d1 100/亩 10 000 ·
  d5 50/亩 2 000 = 35 000.
- T2: park PC; f6 saves 333.33; d4 demands 1 000.
- T3: f7 (no park, no building) saves 1 000 and nobody demands land.
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
from shapely.geometry import box

from config import load_settings
from errors import UnknownKeyError
from geo.crs import M2_PER_HA, M2_PER_MU
from geo.renewal import renewal_areas
from scoring.land.balance import DISTRICT, allocate, land_balance

X0, Y0 = 436_000.0, 2_538_000.0


def sq(x1: float, y1: float, x2: float, y2: float) -> shapely.Polygon:
    return box(X0 + x1, Y0 + y1, X0 + x2, Y0 + y2)


PARKS = gpd.GeoDataFrame(
    {"park_id": ["PA", "PB", "PC"], "name": ["甲园", "乙园", "丙园"], "town": ["T1", "T1", "T2"]},
    geometry=[sq(0, 0, 400, 400), sq(1000, 0, 1400, 400), sq(2000, 0, 2400, 400)],
    crs="EPSG:4547",
).to_crs("EPSG:4326")
PARCELS = gpd.GeoDataFrame(
    {
        "parcel_id": ["R1", "R2", "R3"],
        "name": ["一号", "二号", "三号"],
        "town": "T1",
        "redevelopment_mode": ["全面改造", "微改造", "全面改造"],
    },
    geometry=[sq(0, 0, 100, 100), sq(1000, 0, 1100, 100), sq(1350, 0, 1450, 100)],
    crs="EPSG:4547",
).to_crs("EPSG:4326")
# uscc, town, park, x, y, land, floor, above_scale, tax, demand, phase_out
ROWS = [
    ("f1", "T1", "PA", 50, 50, 2000.0, 1000.0, False, 1.0, np.nan, True),
    ("f2", "T1", "PA", 200, 200, 3000.0, 1000.0, False, 1.0, np.nan, True),
    ("f3", "T1", "PA", 300, 300, 1000.0, 500.0, False, 1.0, np.nan, False),
    ("f4", "T1", "PB", 1200, 200, 2000.0, np.nan, False, 1.0, np.nan, False),
    ("f5", "T1", "PB", 1300, 300, 1000.0, 1000.0, False, 1.0, np.nan, False),
    ("d0", "T1", None, 600, 600, 1000.0, 1500.0, False, 150.0, 3000.0, False),
    ("d1", "T1", None, 610, 600, 1000.0, 1500.0, False, 150.0, 10000.0, False),
    ("d2", "T1", None, 620, 600, 1000.0, 1500.0, True, 15.0, 8000.0, False),
    ("d3", "T1", None, 630, 600, 1000.0, 1500.0, False, 300.0, 12000.0, False),
    ("d5", "T1", None, 640, 600, 1000.0, 1500.0, False, 75.0, 2000.0, False),
    ("f6", "T2", "PC", 2200, 200, 1000.0, 1000.0, False, 1.0, np.nan, False),
    ("d4", "T2", None, 2600, 600, 1000.0, 1500.0, False, 1.0, 1000.0, False),
    ("f7", "T3", None, 5000, 5000, 1000.0, 0.0, False, 1.0, 0.0, False),
]


@pytest.fixture(scope="module")
def firms() -> gpd.GeoDataFrame:
    frame = pd.DataFrame(
        ROWS,
        columns=["uscc", "town", "park_id", "x", "y", "land_area_m2", "floor_area_m2",
                 "above_scale", "tax", "land_demand_m2", "phase_out"],
    )  # fmt: skip
    frame["industry_code"] = "3311"
    frame["survey_year"] = 2015
    frame["name"] = frame["uscc"].str.upper() + "厂"
    points = gpd.points_from_xy(X0 + frame["x"], Y0 + frame["y"], crs="EPSG:4547")
    return gpd.GeoDataFrame(frame, geometry=points).to_crs("EPSG:4326")


def _balance(firms, **options):
    phase_out = firms.set_index(firms.index)["phase_out"]
    return land_balance(
        firms, PARKS, PARCELS, settings=load_settings(), phase_out=phase_out, **options
    )


def _firm(balance, uscc: str) -> pd.Series:
    return balance.firms.set_index("uscc").loc[uscc]


def test_each_kind_is_counted_once(firms):
    got = _balance(firms)
    f1, f2, f3, f4 = (_firm(got, u) for u in ("f1", "f2", "f3", "f4"))
    assert f1["parcel_id"] == "R1"  # in a 全面改造 parcel: only the parcel counts
    assert (f1["freed_phase_out_m2"], f1["freed_plot_ratio_m2"], f1["freed_m2"]) == (0, 0, 0)
    assert f2["freed_phase_out_m2"] == 3000.0
    assert f2["land_saved_m2"] == pytest.approx((1.5 - 1 / 3) * 3000 / 1.5)  # its own potential
    assert f2["freed_plot_ratio_m2"] == 0.0  # … but a phase-out candidate gets no 加层 saving
    assert f3["freed_plot_ratio_m2"] == pytest.approx(1000 / 1.5)
    assert np.isnan(f4["freed_plot_ratio_m2"])
    assert f4["reason"] == "缺少建筑面积"
    assert set(got.parcels["parcel_id"]) == {"R1", "R3"}  # R2 is 微改造
    assert got.parcels.set_index("parcel_id")["area_m2"].tolist() == pytest.approx([1e4, 1e4])
    t1 = got.towns.set_index("town").loc["T1"]
    assert t1["freed_parcel_m2"] == pytest.approx(20_000.0)
    assert t1["freed_phase_out_m2"] == pytest.approx(3_000.0)
    assert t1["freed_plot_ratio_m2"] == pytest.approx(1_000.0)
    assert t1["freed_m2"] == pytest.approx(24_000.0)
    assert t1["freed_mu"] == pytest.approx(24_000.0 / M2_PER_MU)
    assert t1["freed_ha"] == pytest.approx(2.4)
    counts = ["phase_out_firms", "parcels", "firms_in_parcels", "plot_ratio_not_evaluated"]
    assert t1[counts].tolist() == [1, 2, 1, 1]


def test_allocation_order_and_a_partial_allocation(firms):
    got = _balance(firms)
    served = got.firms[got.firms["town"] == "T1"].dropna(subset=["demand_m2"])
    served = served.sort_values("rank").set_index("uscc")
    # above-scale first despite 10/亩; then 200/亩; 100/亩 tie by USCC (d0 < d1); then 50/亩
    assert served.index.tolist() == ["d2", "d3", "d0", "d1", "d5"]
    assert served["rank"].tolist() == [1, 2, 3, 4, 5]
    assert served.loc["d3", "tax_per_mu"] == pytest.approx(200.0)
    assert served["allocated_m2"].tolist() == pytest.approx([8000, 12000, 3000, 1000, 0])
    assert served["unmet_m2"].tolist() == pytest.approx([0, 0, 0, 9000, 2000])
    assert served["met"].tolist() == ["full", "full", "full", "partial", "none"]
    assert served.loc["d1", "unmet_mu"] == pytest.approx(9000 / M2_PER_MU)
    assert got.unmet["uscc"].tolist() == ["d1", "d5", "d4"]  # largest unmet first
    assert got.unmet["unmet_m2"].tolist() == pytest.approx([9000, 2000, 1000 - 1000 / 3])
    t1 = got.towns.set_index("town").loc["T1"]
    assert (t1["demand_m2"], t1["met_m2"], t1["unmet_m2"]) == pytest.approx((35e3, 24e3, 11e3))
    assert t1["freed_to_demand"] == pytest.approx(24 / 35)
    assert t1["left_m2"] == pytest.approx(0.0)
    assert t1[["demand_firms", "met_full", "met_partial", "met_none"]].tolist() == [5, 3, 1, 1]


def test_a_town_without_demand_has_no_ratio_and_keeps_its_land(firms):
    got = _balance(firms)
    towns = got.towns.set_index("town")
    assert towns.index.tolist() == ["T1", "T2", "T3"]
    t3 = towns.loc["T3"]
    assert t3["demand_m2"] == 0.0  # f7's 0 is no demand
    assert np.isnan(t3["freed_to_demand"])
    assert t3["freed_m2"] == pytest.approx(1000.0)
    assert t3["left_m2"] == pytest.approx(1000.0)
    t2 = towns.loc["T2"]  # freed land stays in its town: T3's surplus does not reach d4
    assert t2["met_m2"] == pytest.approx(1000 / 3)
    district = got.district.iloc[0]
    assert district["town"] == DISTRICT
    freed = 24_000 + 1000 / 3 + 1000
    assert district["freed_m2"] == pytest.approx(freed)
    assert district["demand_m2"] == pytest.approx(36_000.0)
    assert district["freed_to_demand"] == pytest.approx(freed / 36_000)
    assert district["freed_ha"] == pytest.approx(freed / M2_PER_HA)


def test_a_scope_of_parks_frees_only_their_land_against_the_towns_whole_demand(firms):
    got = _balance(firms, scope=["PB"])
    assert got.scope == ("PB",)
    assert got.parcels["parcel_id"].tolist() == ["R3"]  # overlaps PB; R1 lies in PA only
    towns = got.towns.set_index("town")
    assert towns.index.tolist() == ["T1"]
    t1 = towns.loc["T1"]
    assert t1["freed_parcel_m2"] == pytest.approx(10_000.0)  # the whole parcel
    assert t1["freed_phase_out_m2"] == 0.0  # f2 lies in PA
    assert t1["freed_plot_ratio_m2"] == pytest.approx(1000 / 3)  # f5 only
    assert t1["demand_m2"] == pytest.approx(35_000.0)  # demand stays the town's
    served = got.firms.dropna(subset=["demand_m2"]).set_index("uscc")
    assert served.loc["d2", "allocated_m2"] == pytest.approx(8000.0)
    assert served.loc["d3", "allocated_m2"] == pytest.approx(10_000 + 1000 / 3 - 8000)
    assert served.loc["d3", "met"] == "partial"
    assert served.loc["d1", "met"] == "none"
    parks = got.parks.set_index("park_id")
    assert parks.index.tolist() == ["PB"]
    assert parks.loc["PB", "freed_parcel_m2"] == pytest.approx(5_000.0)  # its overlap
    assert parks.loc["PB", "land_saved_m2"] == pytest.approx(1000 / 3)
    assert parks.loc["PB", "plot_ratio_not_evaluated"] == 1
    assert got.district.iloc[0]["freed_m2"] == pytest.approx(t1["freed_m2"])


def test_park_rows_and_renewal_area_ids(firms):
    areas = renewal_areas(PARKS, PARCELS, firms, gap_m=50.0)
    got = _balance(firms, areas=areas)
    parks = got.parks.set_index("park_id")
    assert parks.index.tolist() == ["PA", "PB", "PC"]
    pa = parks.loc["PA"]
    assert pa["freed_parcel_m2"] == pytest.approx(10_000.0)
    assert pa["freed_phase_out_m2"] == pytest.approx(3_000.0)
    assert pa["freed_plot_ratio_m2"] == pytest.approx(1000 / 1.5)
    assert pa["freed_m2"] == pytest.approx(13_000 + 1000 / 1.5)
    assert pa[["firms", "phase_out_firms", "firms_in_parcels"]].tolist() == [3, 1, 1]
    assert parks["area_id"].notna().all()
    assert parks.loc["PA", "area_id"] != parks.loc["PC", "area_id"]
    by_firm = got.firms.set_index("uscc")["area_id"]
    assert by_firm["f3"] == parks.loc["PA", "area_id"]
    assert by_firm["d0"] is None  # outside every park and parcel


def test_an_unknown_park_is_refused_listing_the_known_ones(firms):
    with pytest.raises(UnknownKeyError, match=r"unknown park 'PZ'; known: PA, PB, PC"):
        _balance(firms, scope=["PA", "PZ"])


def test_allocate_alone_with_no_supply_and_no_demand():
    demand = pd.DataFrame(
        {"town": ["A", "A"], "uscc": ["2", "1"], "above_scale": [False, False],
         "tax_per_mu": [np.nan, 5.0], "demand_m2": [100.0, 50.0]},
    )  # fmt: skip
    got = allocate(demand, {"A": 120.0})
    assert got["rank"].tolist() == [2, 1]  # a firm without land (no tax per 亩) comes last
    assert got["allocated_m2"].tolist() == pytest.approx([70.0, 50.0])
    assert allocate(demand, {})["met"].tolist() == ["none", "none"]
    assert allocate(demand.iloc[:0], {"A": 1.0}).empty
