"""Safe compact JSON and coordinate arrays for the browser."""

from __future__ import annotations

import json

import geopandas as gpd
import pytest
import shapely
from hypothesis import given
from hypothesis import strategies as st

from layers.encoding import COORD_SCALE, dequantise, polygon_coords, quantise, safe_json
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


@given(
    st.lists(
        st.lists(
            st.tuples(
                st.integers(min_value=73_000_000, max_value=135_000_000),
                st.integers(min_value=3_000_000, max_value=54_000_000),
            ),
            min_size=4,
            max_size=40,
        ),
        min_size=1,
        max_size=3,
    )
)
def test_quantised_coordinates_come_back_exactly_on_the_display_grid(rings):
    """Any ring of China on the 1e-6° grid survives the delta encoding exactly."""
    # one feature of one part whose rings are ``rings``
    coords = [[[[[x / 1e6, y / 1e6] for x, y in ring] for ring in rings]]]
    encoded = quantise(coords)
    part = encoded[0][0]
    assert all(isinstance(v, int) for ring in part for v in ring)
    assert [ring[:2] for ring in part] == [list(ring[0]) for ring in rings]  # first vertex whole
    back = dequantise(encoded)
    assert back == [[[[[x / COORD_SCALE, y / COORD_SCALE] for x, y in ring] for ring in rings]]]


def test_a_ring_is_its_first_vertex_then_the_steps_between_vertices():
    ring = [[113.0, 22.5], [113.000512, 22.500377], [113.0, 22.500377], [113.0, 22.5]]
    # one feature, one part, one ring
    assert quantise([[[ring]]]) == [[[[113_000_000, 22_500_000, 512, 377, -512, 0, 0, -377]]]]
