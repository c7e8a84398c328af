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
    import sys

    import folium
    import pandas as pd

    from benchmarks.map_payload import sent
    from layers.elements import SymbolLayer

    main = sys.modules["__main__"]
    empty = folium.Map(tiles=None)
    base, seconds = sent(empty)
    # AppTest's script is not left as __main__ (a spawned stage would run it)
    assert sys.modules["__main__"] is main
    assert seconds > 0
    assert base > len(empty.get_root().render().encode("utf-8")) / 4  # a real payload, not 0
    named = folium.Map(tiles=None)
    SymbolLayer(
        pd.DataFrame({"x": [113.3], "y": [23.0]}), {"n": ["园" * 5000]}, name="x", css_class="c"
    ).add_to(named)
    more, _ = sent(named)
    # 5 000 Chinese characters are 15 000 bytes in UTF-8, 30 000 as \\uXXXX escapes in JSON
    assert more - base >= 15_000


def test_synthetic_city_workspace_has_the_issue_sizes(tmp_path, monkeypatch):
    from benchmarks import workspaces

    monkeypatch.setitem(workspaces.SIZES, "city", (40, 300, 25))  # the same code, small
    ws = workspaces.synthetic_workspace("city", tmp_path / "city.gpkg")
    counts = {k: len(ws.read(k, columns=[])) for k in ("parks", "enterprises", "parcels")}
    assert counts == {"parks": 40, "enterprises": 300, "parcels": 25}
    firms = ws.read("enterprises", columns=["record_id"])
    assert firms["record_id"].is_unique
    parks = ws.read("parks", columns=["town"])
    towns = ws.read("towns", columns=["name"])
    assert set(parks["town"]) == set(towns["name"])


def test_map_time_reports_nothing_at_province_scale_and_refuses_unknown_scales():
    from benchmarks.map_time import run_stage

    assert run_stage("province") == []
    with pytest.raises(UnknownKeyError):
        run_stage("planet")


def test_map_time_reads_the_cpu_time_of_a_process():
    import os
    import subprocess
    import sys
    import time

    from benchmarks.map_time import _cpu_seconds

    # a child that burns 0.5 s of CPU then exits; its CPU time is read while it waits
    burn = "import time\nt=time.process_time()\nwhile time.process_time()-t<0.5: pass\nprint(1)\n"
    child = subprocess.Popen(
        [sys.executable, "-c", burn + "import sys; sys.stdin.read()"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "1"
        used = _cpu_seconds(child.pid)
        assert used is not None
        assert 0.45 <= used < 5.0
        time.sleep(0.2)  # waiting on stdin costs no CPU
        again = _cpu_seconds(child.pid)
        assert again is not None
        assert again - used < 0.1
    finally:
        child.communicate("")
    assert _cpu_seconds(2**22 + os.getpid()) is None  # no such process


def test_bench_json_holds_every_figure(tmp_path):
    import json

    from benchmarks import Result
    from benchmarks.map_payload import PayloadResult
    from commands.bench import write_json

    out = tmp_path / "bench.json"
    results = [Result("a", 10, 2.0), PayloadResult("b", 4, 0.5, payload_bytes=123)]
    write_json(results, out, scale="city")
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["scale"] == "city"
    assert len(doc["load_average"]) == 3
    assert doc["results"][0] == {"name": "a", "items": 10, "seconds": 2.0, "per_second": 5.0}
    assert doc["results"][1]["payload_bytes"] == 123
    assert doc["results"][1]["per_second"] == 8.0


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


def test_the_back_end_stage_measures_both_and_the_joins_agree(caplog):
    from benchmarks.backends import run_stage
    from store.workspace import sample_workspace
    from tests.conftest import pg_test_address

    rows = len(sample_workspace().read("enterprises", columns=[]))  # every survey year's rows
    results = {r.name: r for r in run_stage("district", workspace=pg_test_address())}
    for label in ("GeoPackage", "PostGIS"):
        assert results[f"{label}: write every layer"].items == rows
        assert results[f"{label}: parks pipeline from the workspace"].items == 242
    pairs = {r.items for name, r in results.items() if "join" in name}
    assert len(pairs) == 1  # in memory on both back ends and in SQL: the same firm–park pairs
    assert pairs.pop() > 5_000
    assert "SQL join found" not in caplog.text


def test_the_refusal_stage_reports_time_and_peak_of_each_refusal(monkeypatch):
    from benchmarks import refusals

    cases = [c for c in refusals.CASES if "dimension" in c[0] or "styles" in c[0]]
    monkeypatch.setattr(refusals, "CASES", cases)
    results = refusals.run_stage("district")
    assert [r.name for r in results] == [
        "refuse xlsx <dimension> A1:XFD1048576",
        "refuse xlsx styles bomb (477 MiB)",
        "  same, in the read worker (styles_477.xlsx)",
    ]
    peaks = [r for r in results if isinstance(r, refusals.PeakResult)]
    assert [r.refused for r in peaks] == [True, True]
    assert all(0 < r.seconds < 5 and 0 <= r.peak_bytes < 300 * 2**20 for r in peaks)
    assert 0 < results[2].seconds < 10


def test_renewal_stage_times_the_sample_and_a_seeded_grid(monkeypatch):
    from benchmarks import renewal, workspaces
    from store.workspace import sample_workspace

    sample = sample_workspace()
    [district] = renewal.run_stage("district")
    assert district.items == len(sample.read("parks")) + len(sample.read("parcels"))
    assert district.seconds > 0
    monkeypatch.setitem(workspaces.SIZES, "province", (400, 2_000, 1_200))  # the same code, small
    [province] = renewal.run_stage("province")
    assert province.items == 1_600
    assert "400 parks + 1,200 parcels" in province.name
    parks, parcels, firms = renewal.synthetic_layers(400, 1_200, 2_000)
    assert parks.crs.to_epsg() == parcels.crs.to_epsg() == firms.crs.to_epsg() == 4326
    with pytest.raises(UnknownKeyError, match="known: district, city, province"):
        renewal.run_stage("planet")


def test_the_screen_file_stage_writes_a_survey_that_passes_in_its_region(tmp_path):
    """The bench's file is a valid survey (USCC check digits, GB/T 4754 classes) inside the
    region it is made for: the import's own validation passes it, and refuses it elsewhere."""
    import geopandas as gpd
    import shapely

    from benchmarks.screen_file import FIRMS, _grid, firm_file
    from errors import ValidationError
    from geo.validate import validate_layer

    region = shapely.union_all(_grid((109.7, 20.3, 117.2, 25.5)).geometry.to_numpy())
    path = firm_file("district", tmp_path / "firms.gpkg", region)
    raw = gpd.read_file(path, engine="pyogrio")
    assert len(raw) == FIRMS["district"]
    assert raw["uscc"].is_unique
    clean = validate_layer(raw, "enterprises", source="firms.gpkg", district=region, row_offset=1)
    assert len(clean) == len(raw)
    panyu = shapely.box(113.2, 22.8, 113.6, 23.1)
    with pytest.raises(ValidationError) as refused:
        validate_layer(raw, "enterprises", source="firms.gpkg", district=panyu, row_offset=1)
    outside = refused.value.frame()
    assert (outside["field"] == "geometry").all()
    inside = shapely.contains_xy(panyu, raw.geometry.x, raw.geometry.y)
    assert refused.value.total == int((~inside).sum())


def test_the_load_stage_takes_the_95th_percentile_and_reads_memory():
    import os

    from benchmarks.map_load import _p95, _rss_bytes

    assert _p95([float(v) for v in range(1, 21)]) == pytest.approx(19.05)  # 1 + 0.95 × 19
    assert _p95([3.0]) == 3.0
    assert _rss_bytes(os.getpid()) > 10 * 2**20
