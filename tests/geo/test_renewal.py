"""Contiguous renewal areas: which parks and parcels join, at which gap, and the areas' figures,
on shapes laid out by hand in EPSG:4547 metres near Panyu."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import pytest
from pyproj import Geod
from shapely.geometry import Point, box

from config import load_settings
from errors import ValidationError
from geo.renewal import TABLE_COLUMNS, renewal_areas

X0, Y0 = 436_000.0, 2_538_000.0  # EPSG:4547, about 113.38 E 22.94 N
GEOD = Geod(ellps="GRS80")  # CGCS2000's ellipsoid


def sq(x1: float, y1: float, x2: float, y2: float):
    return box(X0 + x1, Y0 + y1, X0 + x2, Y0 + y2)


def parks_of(*rows: tuple) -> gpd.GeoDataFrame:
    """Parks from (id, geometry[, village]) in EPSG:4547, stored as EPSG:4326."""
    return gpd.GeoDataFrame(
        {
            "park_id": [r[0] for r in rows],
            "name": [f"{r[0]}工业园" for r in rows],
            "town": "市桥",
            "village": [r[2] if len(r) > 2 else f"{r[0]}村" for r in rows],
        },
        geometry=[r[1] for r in rows],
        crs="EPSG:4547",
    ).to_crs("EPSG:4326")


def parcels_of(*rows: tuple, owner: bool = False) -> gpd.GeoDataFrame:
    data = {
        "parcel_id": [r[0] for r in rows],
        "name": [f"{r[0]}地块" for r in rows],
        "town": "化龙",
        "sanjiu_type": "旧厂房",
        "ownership": "集体",
        "redevelopment_mode": "微改造",
    }
    if owner:
        data["owner"] = [r[2] for r in rows]
    return gpd.GeoDataFrame(data, geometry=[r[1] for r in rows], crs="EPSG:4547").to_crs(
        "EPSG:4326"
    )


NO_PARCELS = parcels_of()
# two parks 40 m apart: A 0–200, B 240–440 (each 200 × 300 m)
TWO = parks_of(("A", sq(0, 0, 200, 300)), ("B", sq(240, 0, 440, 300)))


def test_two_parks_40_m_apart_join_at_gap_50_and_stay_apart_at_gap_30():
    joined = renewal_areas(TWO, NO_PARCELS, gap_m=50)
    assert joined.table["park_ids"].tolist() == ["A;B"]
    assert joined.table["area_m2"].iloc[0] == pytest.approx(120_000, rel=1e-9)
    apart = renewal_areas(TWO, NO_PARCELS, gap_m=30)
    assert sorted(apart.table["park_ids"]) == ["A", "B"]
    assert apart.table["area_m2"].tolist() == pytest.approx([60_000, 60_000], rel=1e-9)
    # equal areas: ranked by the smallest member id
    assert apart.area_of("park").to_dict() == {"A": "RA-001", "B": "RA-002"}


def test_a_chain_joins_transitively():
    # A–B 40 m, B–C 40 m, A–C 280 m: one area at gap 50
    chain = parks_of(
        ("A", sq(0, 0, 200, 300)), ("B", sq(240, 0, 440, 300)), ("C", sq(480, 0, 680, 300))
    )
    areas = renewal_areas(chain, NO_PARCELS, gap_m=50)
    assert areas.table["park_ids"].tolist() == ["A;B;C"]
    assert areas.table["n_parks"].tolist() == [3]
    # a parcel bridging two parks 100 m apart joins them (A 0–200, parcel 200–260, D 300–500)
    bridge = parks_of(("A", sq(0, 0, 200, 300)), ("D", sq(300, 0, 500, 300)))
    linked = renewal_areas(bridge, parcels_of(("P1", sq(200, 0, 260, 50))), gap_m=50)
    assert linked.table["park_ids"].tolist() == ["A;D"]
    assert linked.table["parcel_ids"].tolist() == ["P1"]


def test_a_parcel_touching_a_park_joins_it_and_a_lone_parcel_makes_no_area():
    parks = parks_of(("A", sq(0, 0, 200, 300)))
    parcels = parcels_of(
        ("P-touch", sq(200, 0, 300, 100)),  # shares the park's east edge
        ("P-inside", sq(50, 50, 150, 150)),  # a factory lot inside the park
        ("P-far", sq(5_000, 0, 5_100, 100)),  # no park near it
    )
    areas = renewal_areas(parks, parcels, gap_m=0)
    row = areas.table.iloc[0]
    assert len(areas.table) == 1
    assert row["parcel_ids"] == "P-inside;P-touch"
    assert row["n_parcels"] == 2
    # union: park 60 000 + the touching lot 10 000; the inner lot adds nothing
    assert row["area_m2"] == pytest.approx(70_000, rel=1e-9)
    assert row["area_mu"] == pytest.approx(70_000 / 666.667, rel=1e-6)
    assert row["area_ha"] == pytest.approx(7.0, rel=1e-9)
    assert row["park_area_m2"] == pytest.approx(60_000, rel=1e-9)
    assert "P-far" not in set(areas.members["member_id"])


def test_areas_agree_with_geodesic_areas_within_a_tenth_of_a_percent():
    parks = parks_of(
        ("A", sq(0, 0, 400, 300)),
        ("B", sq(430, 0, 830, 500)),
        ("C", sq(-20_000, 8_000, -19_300, 8_600)),
    )
    parcels = parcels_of(("P1", sq(300, 250, 600, 700)))
    areas = renewal_areas(parks, parcels, gap_m=50)
    assert len(areas.table) == 2
    for row, geom in zip(areas.table.itertuples(), areas.outlines.geometry, strict=True):
        geodesic = abs(GEOD.geometry_area_perimeter(geom)[0])
        assert row.area_m2 == pytest.approx(geodesic, rel=1e-3)
        assert row.area_ha == pytest.approx(geodesic / 10_000, rel=1e-3)
    assert areas.outlines.crs.to_epsg() == 4326


def test_ranked_by_area_largest_first_with_its_largest_park_in_the_name():
    parks = parks_of(
        ("S", sq(0, 0, 100, 100)),
        ("L1", sq(1_000, 0, 1_500, 500)),
        ("L2", sq(1_520, 0, 1_620, 100)),
        ("M", sq(3_000, 0, 3_300, 300)),
    )
    areas = renewal_areas(parks, NO_PARCELS, gap_m=50)
    assert areas.table["area_id"].tolist() == ["RA-001", "RA-002", "RA-003"]
    assert areas.table["park_ids"].tolist() == ["L1;L2", "M", "S"]
    assert areas.table["name"].iloc[0] == "L1工业园连片改造区"
    assert areas.outlines["area_id"].tolist() == ["RA-001", "RA-002", "RA-003"]
    assert list(areas.table.columns) == list(TABLE_COLUMNS)


def test_owners_are_the_villages_and_the_parcels_owners():
    parks = parks_of(("A", sq(0, 0, 200, 300), "丹山村"), ("B", sq(240, 0, 440, 300), "丹山村"))
    parcels = parcels_of(("P1", sq(440, 0, 500, 50), "沙圩村集体"), owner=True)
    row = renewal_areas(parks, parcels, gap_m=50).table.iloc[0]
    assert row["owners"] == "丹山村;沙圩村集体"
    assert row["towns"] == "化龙;市桥"


def _firms() -> gpd.GeoDataFrame:
    # (uscc, year, land m², x, y): two in park A, one in park B, one in the 40 m gap, one of 2014
    rows = [
        ("F1", 2015, 1_000.0, 50, 50),
        ("F2", 2015, 2_000.0, 150, 50),
        ("F3", 2015, 4_000.0, 300, 50),
        ("F4", 2015, 8_000.0, 220, 50),
        ("F5", 2014, 16_000.0, 60, 60),
    ]
    return gpd.GeoDataFrame(
        {
            "uscc": [r[0] for r in rows],
            "survey_year": [r[1] for r in rows],
            "land_area_m2": [r[2] for r in rows],
        },
        geometry=[Point(X0 + r[3], Y0 + r[4]) for r in rows],
        crs="EPSG:4547",
    ).to_crs("EPSG:4326")


def test_firms_inside_and_the_land_of_the_phase_out_candidates():
    firms = _firms()
    flags = pd.Series([True, False, True, True, True], index=firms.index)
    areas = renewal_areas(TWO, NO_PARCELS, firms, gap_m=50, phase_out=flags)
    row = areas.table.iloc[0]
    assert areas.year == 2015
    assert row["firms"] == 3  # F4 lies between the parks, F5 is of another year
    assert row["phase_out_firms"] == 2  # F1 and F3
    assert row["phase_out_land_m2"] == pytest.approx(5_000.0)
    assert row["phase_out_land_mu"] == pytest.approx(7.5)
    assert areas.firm_areas.tolist() == ["RA-001", "RA-001", "RA-001", None]
    by_uscc = renewal_areas(TWO, NO_PARCELS, firms, gap_m=50, phase_out={"F2"}).table.iloc[0]
    assert by_uscc["phase_out_land_m2"] == pytest.approx(2_000.0)
    of_2014 = renewal_areas(TWO, NO_PARCELS, firms, gap_m=50, year=2014).table.iloc[0]
    assert of_2014["firms"] == 1
    # without candidates the land is unknown, not zero
    assert pd.isna(of_2014["phase_out_land_m2"])
    assert pd.isna(of_2014["phase_out_firms"])


def test_the_gap_comes_from_the_settings_when_not_given(monkeypatch):
    default = renewal_areas(TWO, NO_PARCELS)
    assert load_settings().land.renewal_gap_m == 50.0
    assert default.gap_m == 50.0
    assert default.table["park_ids"].tolist() == ["A;B"]
    narrow = load_settings().model_copy(
        update={"land": load_settings().land.model_copy(update={"renewal_gap_m": 30.0})}
    )
    monkeypatch.setattr("config.load_settings", lambda *a, **k: narrow)
    apart = renewal_areas(TWO, NO_PARCELS)
    assert apart.gap_m == 30.0
    assert len(apart.table) == 2


def test_a_negative_gap_is_refused_with_the_rule():
    with pytest.raises(ValidationError, match=r"renewal_gap_m.*must be a finite number ≥ 0"):
        renewal_areas(TWO, NO_PARCELS, gap_m=-1)


def test_no_crs_is_refused():
    bare = TWO.set_crs(None, allow_override=True)
    with pytest.raises(ValidationError, match="coordinate reference system is required"):
        renewal_areas(bare, NO_PARCELS, gap_m=50)


def test_on_the_sample_every_park_lies_in_exactly_one_area():
    from store.workspace import sample_workspace

    ws = sample_workspace()
    parks = ws.read("parks")
    areas = renewal_areas(parks, ws.read("parcels"), ws.read("enterprises"))
    in_areas = areas.members.loc[areas.members["kind"] == "park", "member_id"]
    assert in_areas.is_unique
    assert set(in_areas) == set(parks["park_id"])
    listed = [p for ids in areas.table["park_ids"] for p in ids.split(";")]
    assert sorted(listed) == sorted(parks["park_id"])
    assert areas.table["n_parks"].sum() == len(parks)
    assert (areas.table["area_m2"].diff().dropna() <= 0).all()
    assert areas.table["area_id"].is_unique
