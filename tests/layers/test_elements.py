"""The Leaflet elements refuse data that do not fit together."""

from __future__ import annotations

import pytest

from errors import LayerDataError, ParkPlanError
from layers.elements import FeatureLayer


def test_feature_layer_checks_column_lengths():
    with pytest.raises(LayerDataError, match="layer 'x': property 'n' has 1 values for 2"):
        FeatureLayer([[], []], {"n": ["a"]}, name="x", style={})
    assert issubclass(LayerDataError, ParkPlanError)  # shown as a message, not a traceback


def test_a_firms_popup_links_to_its_profile_page(small_firms):
    import json

    from layers import enterprises

    layer, _legend = enterprises.build(enterprises.prepare(small_firms))
    assert json.loads(layer.link_json) == {"h": "/firm?uscc=", "t": "企业档案", "k": "u"}
    data = json.loads(layer.data_json)
    assert data["p"]["u"] == ["91440113MA59AAAA1X", "91440113MA59BBBB2Y"]
    script = layer._template.module.script(layer)
    # the link is made as an element with its text set as text, its USCC encoded for a URL
    assert "a.textContent = link.t" in script
    assert "encodeURIComponent(v)" in script
    assert "a.target = '_blank'" in script
    english, _ = enterprises.build(enterprises.prepare(small_firms), lang="en")
    assert json.loads(english.link_json)["t"] == "Firm profile"
