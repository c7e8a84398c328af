"""Safe compact JSON and coordinate arrays for the browser."""

from __future__ import annotations

import json

import geopandas as gpd
import pytest
import shapely

from layers.encoding import polygon_coords, safe_json
from tests.layers.conftest import EVIL


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


def test_polygon_coords_are_multipolygons():
    coords = polygon_coords(gpd.GeoSeries([shapely.box(0, 0, 1, 1)]))
    assert coords == [[[[[1.0, 0.0], [1.0, 1.0], [0.0, 1.0], [0.0, 0.0], [1.0, 0.0]]]]]
