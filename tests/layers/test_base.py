"""Safe JSON, display geometry, the colouring registry and the legend."""

from __future__ import annotations

import json

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
from shapely.geometry import Polygon

from errors import UnknownKeyError
from layers.base import (
    Colouring,
    FeatureLayer,
    LegendEntry,
    LegendSection,
    colouring,
    colourings,
    display_polygons,
    polygon_coords,
    register_colouring,
    safe_json,
)
from layers.legend import legend_html, safe_colour
from tests.layers.conftest import EVIL, X0, Y0


def test_safe_json_cannot_close_a_script_and_keeps_utf8():
    text = safe_json({"n": ["</script><script>alert(1)</script>", EVIL, "A&B", "园区"]})
    assert "<" not in text
    assert ">" not in text
    assert "&" not in text
    assert "园区" in text  # UTF-8, not \\u escapes: half the bytes of Chinese text
    assert json.loads(text)["n"][1] == EVIL  # still the same data


def test_safe_json_refuses_nan():
    with pytest.raises(ValueError, match="Out of range float"):
        safe_json([float("nan")])


def _wiggly(n: int = 400) -> Polygon:
    """A 300 m × 200 m rectangle whose edges carry 5 cm of noise (many needless vertices)."""
    rng = np.random.default_rng(0)
    t = np.linspace(0, 1, n)
    south = np.column_stack([X0 + 300 * t, Y0 + rng.normal(0, 0.05, n)])
    east = np.column_stack([X0 + 300 + rng.normal(0, 0.05, n), Y0 + 200 * t])
    north = np.column_stack([X0 + 300 * t[::-1], Y0 + 200 + rng.normal(0, 0.05, n)])
    west = np.column_stack([X0 + rng.normal(0, 0.05, n), Y0 + 200 * t[::-1]])
    return Polygon(np.vstack([south, east, north, west]))


def test_simplification_keeps_polygons_valid_and_their_area():
    shapes = [_wiggly(), shapely.Point(X0 + 1000, Y0).buffer(150, 64)]
    gdf = gpd.GeoDataFrame({"i": [1, 2]}, geometry=shapes, crs="EPSG:4547").to_crs("EPSG:4326")
    out = display_polygons(gdf, tolerance_m=2.0)
    assert out.geometry.is_valid.all()
    assert not out.geometry.is_empty.any()
    before = gdf.to_crs("EPSG:4547").area.to_numpy()
    after = out.to_crs("EPSG:4547").area.to_numpy()
    assert np.allclose(after, before, rtol=0.01)
    assert shapely.get_num_coordinates(out.geometry.values).sum() < (
        shapely.get_num_coordinates(gdf.geometry.values).sum() / 10
    )
    coords = shapely.get_coordinates(out.geometry.values)
    assert np.allclose(coords, np.round(coords, 6), atol=1e-9)  # 6 decimals at most
    assert gdf.geometry.iloc[0].equals(shapes[0]) is False  # input untouched (was reprojected)
    assert out.crs == gdf.crs
    assert list(out.index) == list(gdf.index)


def test_simplification_never_drops_a_tiny_polygon():
    tiny = shapely.box(X0, Y0, X0 + 0.3, Y0 + 0.3)  # 0.09 m²: simplifies to nothing at 2 m
    gdf = gpd.GeoDataFrame(geometry=[tiny], crs="EPSG:4547").to_crs("EPSG:4326")
    out = display_polygons(gdf, tolerance_m=2.0)
    assert not out.geometry.is_empty.any()
    assert out.geometry.is_valid.all()


def test_polygon_coords_are_multipolygons():
    coords = polygon_coords(gpd.GeoSeries([shapely.box(0, 0, 1, 1)]))
    assert coords == [[[[[1.0, 0.0], [1.0, 1.0], [0.0, 1.0], [0.0, 0.0], [1.0, 0.0]]]]]


def test_unknown_colouring_lists_the_known_keys():
    with pytest.raises(
        UnknownKeyError,
        match=r"unknown colouring of parks 'score'; known: area, town, firms, sanjiu_share",
    ):
        colouring("parks", "score")
    with pytest.raises(UnknownKeyError, match=r"unknown layer with colourings 'roads'; known: "):
        colouring("roads", "x")


def test_a_later_issue_plugs_in_a_colouring(small_parks):
    score = Colouring(
        key="test_score",
        label=("园区评分", "Park score"),
        column="score",
        kind="quantity",
        palette=("#eeeeee", "#888888", "#111111"),
        fmt="{:.2f}",
        compute=lambda frame: pd.Series([0.2, 0.9], index=frame.index),
    )
    register_colouring("parks", score)
    try:
        assert "test_score" in [c.key for c in colourings("parks", small_parks)]
        styled = colouring("parks", "test_score").apply(small_parks)
        assert styled.codes.tolist() == [0, 2]
        assert styled.entries[0].label == "0.20 – 0.43"
        with pytest.raises(ValueError, match="exists; pass replace=True"):
            register_colouring("parks", score)
    finally:
        from layers.base import COLOURINGS

        COLOURINGS["parks"].pop("test_score")


def test_colouring_needing_a_missing_column_is_not_offered(small_parks):
    grade = Colouring("g", ("分级", "Grade"), "grade", "category", ("#000",))
    assert not grade.available(small_parks)
    with pytest.raises(UnknownKeyError, match=r"unknown column for colouring 'g' 'grade'"):
        grade.values(small_parks)


def test_categories_beyond_the_palette_become_other():
    c = Colouring("c", ("类", "Class"), "v", "category", ("#111", "#222", "#333"))
    frame = pd.DataFrame({"v": ["a", "a", "a", "b", "b", "c", None, "d"]})
    styled = c.apply(frame, lang="en")
    assert [e.label for e in styled.entries] == ["a", "b", "Other", "No data"]
    assert styled.codes.tolist() == [0, 0, 0, 1, 1, 2, 3, 2]
    assert styled.palette[2] == "#333"


def test_fixed_classes_with_labels(small_parks):
    styled = colouring("parks", "sanjiu_share").apply(small_parks, lang="zh")
    assert styled.codes.tolist() == [4, 0]  # 60 % → "≥ 50%", 0 → "无"
    assert [e.label for e in styled.entries] == ["无", "< 10%", "10% – 30%", "30% – 50%", "≥ 50%"]


def test_legend_html_is_local_and_escaped():
    html = legend_html(
        [
            LegendSection(
                "园区 <b>",
                (LegendEntry(EVIL, "#123456"), LegendEntry("x", "red;background:url(http://e)")),
                note="a & b",
            )
        ],
        title="图例",
    )
    assert "http" not in html
    assert "<img" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "&lt;b&gt;" in html
    assert "a &amp; b" in html
    assert safe_colour("red;background:url(http://e)") == "#9aa3ad"


def test_feature_layer_checks_column_lengths():
    with pytest.raises(ValueError, match="property 'n' has 1 values for 2"):
        FeatureLayer([[], []], {"n": ["a"]}, name="x", style={})
