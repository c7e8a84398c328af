"""The renewal areas on the map: one outline per area beneath the parks, its figures in the
tooltip, coloured by area or by the phase-out candidates' land, filtered by town."""

from __future__ import annotations

import json

import geopandas as gpd
import pytest
from shapely.geometry import Point, box

from geo.renewal import renewal_areas
from layers import renewal as renewal_layer
from layers.compose import DRAW_STEPS, MapData, MapOptions, build_map

X0, Y0 = 436_000.0, 2_538_000.0  # EPSG:4547 near 市桥


def _parks() -> gpd.GeoDataFrame:
    # A and B 40 m apart (one area at 50 m), C 2 km away (its own area)
    return gpd.GeoDataFrame(
        {
            "park_id": ["A", "B", "C"],
            "name": ["甲工业园", "乙工业园", "丙工业园"],
            "town": ["市桥", "沙头", "化龙"],
            "village": ["甲村", "乙村", "丙村"],
        },
        geometry=[
            box(X0, Y0, X0 + 200, Y0 + 300),
            box(X0 + 240, Y0, X0 + 440, Y0 + 300),
            box(X0 + 2_500, Y0, X0 + 2_600, Y0 + 100),
        ],
        crs="EPSG:4547",
    ).to_crs("EPSG:4326")


def _parcels() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {"parcel_id": ["P1"], "name": ["地块"], "town": ["市桥"], "sanjiu_type": ["旧厂房"]},
        geometry=[box(X0 + 10, Y0 + 10, X0 + 60, Y0 + 60)],
        crs="EPSG:4547",
    ).to_crs("EPSG:4326")


def _firms() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {
            "uscc": ["U1", "U2"],
            "survey_year": [2015, 2015],
            "land_area_m2": [6_670.0, 1_000.0],  # U1 holds 10 亩
        },
        geometry=[Point(X0 + 100, Y0 + 100), Point(X0 + 2_550, Y0 + 50)],
        crs="EPSG:4547",
    ).to_crs("EPSG:4326")


@pytest.fixture
def frame() -> gpd.GeoDataFrame:
    areas = renewal_areas(_parks(), _parcels(), _firms(), gap_m=50, phase_out={"U1"})
    return renewal_layer.prepare(areas)


def _data(layer) -> dict:
    return json.loads(layer.data_json)


def test_each_area_is_one_feature_with_its_area_members_and_towns(frame):
    assert frame["area_id"].tolist() == ["RA-001", "RA-002"]  # largest first
    layer, legend = renewal_layer.build(frame, lang="zh")
    props = _data(layer)["p"]
    assert len(_data(layer)["c"]) == 2
    first = frame.index[0]
    # the joined area: A (6 ha) + B (6 ha), the parcel inside A adds nothing
    assert frame.loc[first, "area_ha"] == pytest.approx(12.0, rel=1e-6)
    assert props["a"][0] == "12.0 公顷 · 180 亩"
    assert props["m"][0] == "2 个园区 · 1 块三旧地块"
    assert props["t"][0] == "市桥、沙头"
    assert props["p"] == ["10.0 亩", "0.0 亩"]  # U1, a candidate, sits in the first area
    assert legend.title == "连片改造区 · 面积"
    assert [e.label for e in legend.entries][:2] == ["< 10 公顷", "10 – 20 公顷"]


def test_colouring_by_phase_out_land_puts_each_area_in_its_class(frame):
    layer, legend = renewal_layer.build(frame, colour_by="phase_out_land", lang="en")
    codes = _data(layer)["p"]["k"]
    labels = [e.label for e in legend.entries]
    # 10 亩 falls in "10 – 50 mu"; the other area holds no candidate's land
    assert labels[codes[0]] == "10 – 50 mu"
    assert labels[codes[1]] == "None"
    assert legend.title == "Renewal areas · Land of phase-out candidates"


def test_without_a_screen_the_tooltip_has_no_phase_out_row():
    areas = renewal_areas(_parks(), _parcels(), _firms(), gap_m=50)
    layer, _ = renewal_layer.build(renewal_layer.prepare(areas))
    assert "p" not in _data(layer)["p"]


def test_a_town_filter_keeps_the_areas_reaching_into_it(frame):
    assert len(renewal_layer.in_towns(frame, ("沙头",))) == 1
    assert len(renewal_layer.in_towns(frame, ("化龙",))) == 1
    assert len(renewal_layer.in_towns(frame, ("南村",))) == 0
    assert len(renewal_layer.in_towns(frame, ())) == 2


def test_the_areas_are_drawn_beneath_the_parks(frame):
    order = [s.layer for s in DRAW_STEPS]
    assert order.index("renewal") < order.index("parks")
    m = build_map(
        MapData(renewal=frame, parks=None), MapOptions(layers=("renewal", "parks"), lang="zh")
    )
    html = m.get_root().render()
    assert "RA-001 " + frame["name"].iloc[0] in html
    assert '"dashArray":"6 4"' in html.replace('": "', '":"')
