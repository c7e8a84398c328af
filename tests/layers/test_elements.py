"""The Leaflet elements refuse data that do not fit together."""

from __future__ import annotations

import pytest

from errors import LayerDataError, ParkPlanError
from layers.elements import FeatureLayer


def test_feature_layer_checks_column_lengths():
    with pytest.raises(LayerDataError, match="layer 'x': property 'n' has 1 values for 2"):
        FeatureLayer([[], []], {"n": ["a"]}, name="x", style={})
    assert issubclass(LayerDataError, ParkPlanError)  # shown as a message, not a traceback
