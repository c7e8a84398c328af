"""The map's payload and build time beside geopandas ``explore()`` of the same three layers.

Both maps show the bundled sample's parks, 三旧 parcels and the enterprises of its latest survey
year. Payload = bytes of the map as one HTML page (``Map.get_root().render()``, what ``Map.save``
writes), and the bytes Streamlit sends for the map: the map drawn with ``st_folium`` in a real
script run (Streamlit's public ``AppTest``), measured on the component's arguments as they leave
the server (public APIs only: no private function of streamlit_folium).
Times are the best of ``repeat`` runs on this machine; they measure, they never pass or fail.
"""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass

from benchmarks import Result, best_of
from errors import BenchmarkError

__all__ = ["PayloadResult", "run_map_benchmark", "sent"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PayloadResult(Result):
    """A :class:`benchmarks.Result` that also carries the map's payload in bytes."""

    payload_bytes: int = 0


def _draw(m: object) -> None:
    """The script run by :func:`sent`: the map as the page draws it."""
    from streamlit_folium import st_folium

    st_folium(m, key="bench", returned_objects=[])


def sent(m: object, *, timeout: float = 300.0) -> tuple[int, float]:
    """Bytes Streamlit sends for ``m`` drawn with ``st_folium`` (the component's JSON
    arguments: script, header, HTML, asset links …) and the seconds of that script run."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_function(_draw, args=(m,), default_timeout=timeout)
    # AppTest leaves sys.modules["__main__"] on its temporary script; a later stage that spawns
    # a process (parks, screen) would then re-run that script in the child and fail
    main = sys.modules["__main__"]
    start = time.perf_counter()
    try:
        at.run()
    finally:
        sys.modules["__main__"] = main
    seconds = time.perf_counter() - start
    if at.exception:
        msg = f"map benchmark: drawing the map with st_folium failed: {at.exception[0].message}"
        raise BenchmarkError(msg)
    args = [
        e.proto.json_args for e in at.get("component_instance") if "js_links" in e.proto.json_args
    ]
    if len(args) != 1:
        raise BenchmarkError(f"map benchmark: expected one map component, found {len(args)}")
    return len(args[0].encode("utf-8")), seconds


def run_map_benchmark(
    *, repeat: int = 3, on_progress: Callable[[float, str], None] | None = None
) -> list[Result]:
    """Measure our map against ``explore()`` on the sample's parks, parcels and firms."""
    from geo.summary import park_measures
    from layers import enterprises, parcels, parks
    from layers.compose import MapData, MapOptions, build_map, payload_bytes
    from store.workspace import sample_workspace

    progress = on_progress or (lambda _f, _m: None)
    sample = sample_workspace()  # read only
    progress(0.05, "reading the sample")
    park_gdf, parcel_gdf = sample.read("parks"), sample.read("parcels")
    firms_all = sample.read("enterprises")
    year = int(firms_all["survey_year"].max())
    firm_gdf = firms_all[firms_all["survey_year"] == year]
    n = len(park_gdf) + len(parcel_gdf) + len(firm_gdf)
    results: list[Result] = []

    progress(0.15, "preparing display layers")
    measures = park_measures(park_gdf, firms_all, parcel_gdf, year=year)

    def prepare() -> MapData:
        w, s, e, nn = park_gdf.total_bounds
        return MapData(
            parks=parks.prepare(park_gdf, measures),
            parcels=parcels.prepare(parcel_gdf),
            enterprises=enterprises.prepare(firm_gdf),
            bounds=((s, w), (nn, e)),
        )

    data = prepare()
    results.append(Result("map: prepare display layers (once)", n, best_of(prepare, repeat)))
    options = MapOptions(layers=("parks", "parcels", "enterprises"))

    progress(0.35, "building our map")
    ours = build_map(data, options)
    ours_bytes = payload_bytes(ours)
    seconds = best_of(lambda: build_map(data, options).get_root().render(), repeat)
    results.append(PayloadResult("map: ParkPlan build + render", n, seconds, ours_bytes))
    wire, wire_seconds = sent(build_map(data, options))
    results.append(PayloadResult("map: ParkPlan as sent (st_folium)", n, wire_seconds, wire))

    progress(0.5, "a filter change")
    town = str(park_gdf["town"].mode().iloc[0])

    def redraw() -> str:
        assert data.parks is not None
        assert data.parcels is not None
        assert data.enterprises is not None
        filtered = MapData(
            parks=data.parks[data.parks["town"] == town],
            parcels=data.parcels[data.parcels["town"] == town],
            enterprises=data.enterprises[data.enterprises["town"] == town],
            bounds=data.bounds,
        )
        return str(build_map(filtered, options).get_root().render())

    results.append(Result(f"map: filter change ({town}) redraw", n, best_of(redraw, repeat)))
    results.append(
        Result(
            "map: unfiltered redraw",
            n,
            best_of(lambda: build_map(data, options).get_root().render(), repeat),
        )
    )

    progress(0.65, "geopandas explore()")

    def explore() -> str:
        m = park_gdf.explore(name="parks")
        parcel_gdf.explore(m=m, name="parcels")
        firm_gdf.explore(m=m, name="enterprises")
        return str(m.get_root().render())

    try:
        baseline = explore()
    except ImportError as exc:  # explore() needs mapclassify (requirements-dev.txt)
        log.warning("explore() baseline skipped: %s", exc)
        progress(1.0, "done")
        return results
    results.append(
        PayloadResult(
            "map: geopandas explore() build + render",
            n,
            best_of(explore, 1 if repeat > 1 else repeat),
            len(baseline.encode("utf-8")),
        )
    )

    m = park_gdf.explore(name="parks")
    parcel_gdf.explore(m=m, name="parcels")
    firm_gdf.explore(m=m, name="enterprises")
    explore_wire, explore_seconds = sent(m)
    results.append(
        PayloadResult("map: explore() as sent (st_folium)", n, explore_seconds, explore_wire)
    )
    progress(1.0, "done")
    for r in results:
        extra = f", {r.payload_bytes:,} bytes" if isinstance(r, PayloadResult) else ""
        log.info("%s: %s features in %.3f s%s", r.name, f"{r.items:,}", r.seconds, extra)
    return results
