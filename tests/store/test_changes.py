"""The preview of an import: new, changed (which fields) and removed, by key."""

from __future__ import annotations

import geopandas as gpd
import shapely

from store.changes import compare


def parks(rows) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {
            "park_id": [r[0] for r in rows],
            "name": [r[1] for r in rows],
            "town": ["石碁"] * len(rows),
            "roof_area_m2": [r[2] for r in rows],
        },
        geometry=[r[3] for r in rows],
        crs="EPSG:4326",
    )


BOX = shapely.box(113.40, 22.95, 113.41, 22.96)


def test_new_changed_removed_with_fields_and_moves():
    stored = parks(
        [
            ("A", "甲园", 100.0, BOX),
            ("B", "乙园", None, BOX),
            ("C", "丙园", 5.0, BOX),
            ("E", "戊园", 7.0, BOX),
        ]
    )
    incoming = parks(
        [
            ("A", "甲园", 100.0 * (1 + 1e-12), BOX),  # same within rounding
            ("B", "乙园（新）", None, shapely.affinity.translate(BOX, 0.001)),  # renamed, moved
            ("D", "丁园", 1.0, BOX),  # new
            ("E", "戊园", 8.0, shapely.affinity.translate(BOX, 1e-8)),  # 1 mm: not moved
        ]
    )
    changes = compare(stored, incoming, layer="parks")
    assert changes.counts == {"new": 1, "changed": 2, "removed": 1, "unchanged": 1}
    table = changes.table.set_index("key")
    assert table.loc["D", "change"] == "new"
    assert table.loc["B", "change"] == "changed"
    assert table.loc["B", "fields"] == "name, geometry"
    assert table.loc["E", "fields"] == "roof_area_m2"
    assert table.loc["C", "change"] == "removed"
    assert "A" not in table.index
    shown = changes.features.set_index("key")["change"].to_dict()
    assert shown == {"D": "new", "B": "moved", "C": "removed"}
    assert changes.features.crs == "EPSG:4326"
    assert changes.summary() == "new 1 · changed 2 · removed 1 · unchanged 1"


def test_enterprises_are_keyed_by_uscc_and_year():
    point = shapely.Point(113.4, 22.95)
    base = {"name": ["甲"], "tax": [1.0], "above_scale": [True]}
    stored = gpd.GeoDataFrame(
        {"uscc": ["X"], "survey_year": [2015], **base}, geometry=[point], crs="EPSG:4326"
    )
    incoming = gpd.GeoDataFrame(
        {"uscc": ["X"], "survey_year": [2016], **base}, geometry=[point], crs="EPSG:4326"
    )
    changes = compare(stored, incoming, layer="enterprises")
    assert changes.counts == {"new": 1, "changed": 0, "removed": 1, "unchanged": 0}
    assert set(changes.table["key"]) == {"X-2015", "X-2016"}
