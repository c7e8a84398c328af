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
