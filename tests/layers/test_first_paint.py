"""The first paint: parks drawn at once; the 三旧 parcels and the firms in later tasks, and
no tooltip made per feature before its first hover."""

from __future__ import annotations

import re

from layers import parcels, parks
from layers.compose import MapData, MapOptions, build_map


def test_parks_at_once_parcels_and_firms_after_the_first_paint(sample_data):
    park_layer, _ = parks.build(sample_data.parks)
    parcel_layer, _ = parcels.build(sample_data.parcels)
    assert park_layer.defer_json == "false"
    assert parcel_layer.defer_json == "true"
    data = MapData(
        parks=sample_data.parks, parcels=sample_data.parcels, enterprises=sample_data.enterprises
    )
    html = (
        build_map(data, MapOptions(layers=("parks", "parcels", "enterprises"))).get_root().render()
    )
    # one hover handler per layer, tooltips bound on a feature's first hover
    assert "onEachFeature" not in html
    assert html.count("layer.on('mouseover'") == 2
    assert html.count("group.on('mouseover'") == 1
    assert re.search(r"setTimeout\(function\(\)\{\s*var markers", html)
