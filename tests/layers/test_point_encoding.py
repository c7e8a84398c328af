"""Issue 22: the map's points and text columns travel small — firm names with their common
beginnings and endings as codes, large point layers as sorted integer steps — and the
browser's reading (:func:`layers.encoding.decode_points`, the script's twin) gives back
exactly what was sent."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from layers.encoding import QUANTISE_FROM, affix_coded, decode_points, points_json

NAMES = ["广州市番禺区", "广州", "有限公司", "公司", "五金", "首饰", "", "x"]


def _decoded(column):
    data = {"x": [0.0] * len(column), "y": [0.0] * len(column), "p": {"n": column}}
    return decode_points(data)[2]["n"]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.one_of(st.none(), st.lists(st.sampled_from(NAMES), max_size=4).map("".join)),
        max_size=400,
    )
)
def test_any_text_column_reads_back_as_it_was(values):
    assert _decoded(affix_coded(values)) == values


def test_firm_names_lose_their_common_ends_on_the_wire():
    names = [f"广州市番禺区{k}号五金有限公司" for k in range(300)] + [None, "甲"]
    coded = affix_coded(names)
    assert isinstance(coded, dict)
    assert any(p.startswith("广州市番禺区") for p in coded["P"])
    assert any(e.endswith("五金有限公司") for e in coded["S"])
    assert all(len(m) <= 3 for m in coded["m"][:300])  # what is left: the number, about
    assert coded["m"][300] is None
    assert _decoded(coded) == names
    sent_plain = len(json.dumps(names))  # as Streamlit sends it: \\uXXXX for each character
    assert len(json.dumps(coded)) < sent_plain / 5


def test_a_column_that_saves_little_or_is_not_text_stays_a_list():
    assert affix_coded(["甲", "乙"]) == ["甲", "乙"]
    assert affix_coded([1, 2, 3] * 100) == [1, 2, 3] * 100
    assert affix_coded([np.int64(4), None]) == [4, None]


def test_a_large_point_layer_travels_sorted_as_integer_steps():
    rng = np.random.default_rng(3)
    n = QUANTISE_FROM + 50
    xy = pd.DataFrame(
        {
            "x": np.round(rng.uniform(113.2, 113.6, n), 6),
            "y": np.round(rng.uniform(22.8, 23.1, n), 6),
        }
    )
    names = [f"广州市番禺区企业{k}有限公司" for k in range(n)]
    text = points_json(xy, {"n": names, "e": list(range(n))})
    data = json.loads(text)
    assert data["q"] == 1_000_000
    assert all(isinstance(v, int) for v in data["x"] + data["y"])
    assert min(data["y"]) == 0
    x, y, props = decode_points(data)
    # every point comes back exactly (the 6-decimal grid) and keeps its own properties
    sent = {(round(a, 6), round(b, 6), nm) for a, b, nm in zip(x, y, props["n"], strict=True)}
    assert sent == set(zip(xy["x"], xy["y"], names, strict=True))
    assert x == sorted(x)
    assert [names.index(nm) for nm in props["n"]] == props["e"]
    assert len(text) < len(json.dumps({"x": xy["x"].tolist(), "y": xy["y"].tolist()})) / 2 + len(
        json.dumps(data["p"])
    )


def test_a_small_layer_keeps_its_order_and_plain_degrees():
    xy = pd.DataFrame({"x": [113.4, 113.3], "y": [22.95, 22.9]})
    data = json.loads(points_json(xy, {"n": ["乙", "甲"]}))
    assert (data["x"], data["y"], data["p"]["n"]) == ([113.4, 113.3], [22.95, 22.9], ["乙", "甲"])
    assert "q" not in data
