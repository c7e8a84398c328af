"""At city scale the map draws one symbol per town instead of every firm, and coarser parcels."""

from __future__ import annotations

import json

import geopandas as gpd
import pandas as pd
from shapely.geometry import box

from layers import enterprises, parcels
from layers.elements import PointCluster, SymbolLayer


def _firms(n_a: int, n_b: int) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "name": [f"厂{i}" for i in range(n_a + n_b)],
            "town": ["石碁"] * n_a + ["南村"] * n_b,
            "x": [113.40] * n_a + [113.30 + 0.01 * (i % 2) for i in range(n_b)],
            "y": [23.00] * n_a + [22.90] * n_b,
            "division": ["33"] * (n_a + n_b),
            "industry_code": ["3360"] * (n_a + n_b),
            "employees": [10] * (n_a + n_b),
            "above_scale": [True] * (n_a + n_b),
        }
    )


def test_town_aggregates_count_and_place_each_towns_firms():
    towns = enterprises.town_aggregates(_firms(3, 4))
    assert towns["town"].tolist() == ["南村", "石碁"]
    assert towns["firms"].tolist() == [4, 3]
    assert towns["x"].round(6).tolist() == [113.305, 113.40]  # the mean of 113.30/113.31
    assert towns["y"].tolist() == [22.90, 23.00]


def test_more_firms_than_the_limit_are_drawn_per_town(monkeypatch):
    monkeypatch.setattr(enterprises, "MAX_POINTS", 5)
    layer, legend = enterprises.build(_firms(3, 4))
    assert isinstance(layer, SymbolLayer)
    data = json.loads(layer.data_json)
    assert data["p"]["t"] == ["南村", "石碁"]
    assert data["p"]["c"] == ["4", "3"]
    assert "按镇街汇总" in legend.title
    assert "7 家" in legend.entries[0].label
    # a town filter that leaves fewer firms than the limit shows each firm again
    few, _ = enterprises.build(_firms(3, 0))
    assert isinstance(few, PointCluster)


def test_many_parcels_are_simplified_more():
    x0, y0 = 436_000.0, 2_538_000.0
    # a square with a 3 m notch: kept at 1.5 m, smoothed away at the city tolerance
    notched = box(x0, y0, x0 + 200, y0 + 200).difference(
        box(x0 + 100, y0 + 197, x0 + 103, y0 + 200)
    )
    one = gpd.GeoDataFrame({"parcel_id": ["D1"]}, geometry=[notched], crs="EPSG:4547")
    district = parcels.prepare(one.to_crs("EPSG:4326"))
    many = pd.concat([one] * (parcels.MANY_PARCELS + 1), ignore_index=True)
    city = parcels.prepare(gpd.GeoDataFrame(many, crs="EPSG:4547").to_crs("EPSG:4326"))
    assert len(district.geometry.iloc[0].exterior.coords) == 9
    assert len(city.geometry.iloc[0].exterior.coords) < 9


def test_a_districts_factory_lots_wait_for_a_town_filter(sample_data):
    frame = sample_data.parcels
    assert len(frame) > parcels.MAX_DRAWN  # the sample's 5 449 lots and patches
    town = frame[frame["town"] == frame["town"].iloc[0]]
    drawn, legend = parcels.build(town)
    assert len(json.loads(drawn.data_json)["c"]) == len(town)
    assert legend.note == ""
    empty, city_legend = parcels.build(frame)
    assert json.loads(empty.data_json)["c"] == []
    assert city_legend.entries == legend.entries  # the legend still explains the colours
    assert city_legend.note == f"共 {len(frame):,} 块：筛选镇街后显示"
