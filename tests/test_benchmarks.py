"""The benchmark runs and reports one figure per hot path (it measures; it never judges)."""

from __future__ import annotations

import pytest

import benchmarks
from errors import UnknownKeyError


def test_district_benchmark_reports_every_figure():
    seen = []
    results = benchmarks.run("district", on_progress=lambda f, m: seen.append(f))
    names = [r.name for r in results]
    assert names == [
        "read enterprises (GeoPackage)",
        "GCJ-02 → WGS84 (iterated)",
        "validate survey rows",
        "park areas in EPSG:4547",
        "atomic write of enterprises",
    ]
    assert all(r.items > 0 and r.seconds > 0 for r in results)
    assert seen[-1] == 1.0
    assert seen == sorted(seen)


def test_unknown_scale_lists_the_known_ones():
    with pytest.raises(UnknownKeyError, match="known: district, city, province"):
        benchmarks.run("planet")


def test_map_payload_is_measured_as_streamlit_sends_it():
    import folium
    import pandas as pd

    from benchmarks.map_payload import sent
    from layers.elements import SymbolLayer

    empty = folium.Map(tiles=None)
    base, seconds = sent(empty)
    assert seconds > 0
    assert base > len(empty.get_root().render().encode("utf-8")) / 4  # a real payload, not 0
    named = folium.Map(tiles=None)
    SymbolLayer(
        pd.DataFrame({"x": [113.3], "y": [23.0]}), {"n": ["园" * 5000]}, name="x", css_class="c"
    ).add_to(named)
    more, _ = sent(named)
    # 5 000 Chinese characters are 15 000 bytes in UTF-8, 30 000 as \\uXXXX escapes in JSON
    assert more - base >= 15_000


def test_the_map_benchmark_leaves_main_alone_for_later_spawned_stages():
    """AppTest swaps sys.modules["__main__"] for its temporary script; left so, every stage that
    spawns a process afterwards (parks, screen) re-runs that script in the child and fails."""
    import sys

    import folium

    from benchmarks.map_payload import sent

    main = sys.modules["__main__"]
    size, _ = sent(folium.Map(tiles=None))
    assert size > 0
    assert sys.modules["__main__"] is main
