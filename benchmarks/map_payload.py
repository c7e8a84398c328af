"""The map's payload and build time beside geopandas ``explore()`` of the same three layers.

Both maps show the bundled sample's parks, 三旧 parcels and the enterprises of its latest survey
year. Payload = bytes of the map as one HTML page (``Map.get_root().render()``, what ``Map.save``
writes), and the bytes streamlit-folium makes Streamlit send (script, header and HTML as JSON).
Times are the best of ``repeat`` runs on this machine; they measure, they never pass or fail.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import dataclass

from benchmarks import Result, best_of

__all__ = ["PayloadResult", "run_map_benchmark"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PayloadResult(Result):
    """A :class:`benchmarks.Result` that also carries the map's payload in bytes."""

    payload_bytes: int = 0


def _component_bytes(m: object) -> int:
    """Bytes streamlit-folium sends for ``m``: its script, header and HTML as the JSON that
    Streamlit writes (``json.dumps``, so each Chinese character takes 6 bytes); the full page
    when streamlit-folium's helpers are not there."""
    try:
        from streamlit_folium import _get_header, _get_html, _get_map_string
    except ImportError:  # pragma: no cover - another streamlit-folium
        return len(m.get_root().render().encode("utf-8"))  # type: ignore[attr-defined,unused-ignore]
    m.get_root().render()  # type: ignore[attr-defined]
    args = {
        "html": _get_html(m),
        "header": _get_header(m),
        "script": _get_map_string(m),
    }
    return len(json.dumps(args).encode("utf-8"))


def run_map_benchmark(
    *, repeat: int = 3, on_progress: Callable[[float, str], None] | None = None
) -> list[Result]:
    """Measure our map against ``explore()`` on the sample's parks, parcels and firms."""
    from geo.summary import park_measures
    from layers import enterprises, parcels, parks
    from layers.compose import MapData, MapOptions, build_map, payload_bytes
    from store.workspace import SAMPLE_GPKG, Workspace

    progress = on_progress or (lambda _f, _m: None)
    sample = Workspace(SAMPLE_GPKG)  # read only
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
    wire_seconds = best_of(lambda: _component_bytes(build_map(data, options)), repeat)
    wire = _component_bytes(build_map(data, options))
    results.append(PayloadResult("map: ParkPlan as sent (st_folium)", n, wire_seconds, wire))

    progress(0.5, "a filter change")
    town = str(park_gdf["town"].mode().iloc[0])

    def redraw() -> object:
        assert data.parks is not None
        assert data.parcels is not None
        assert data.enterprises is not None
        filtered = MapData(
            parks=data.parks[data.parks["town"] == town],
            parcels=data.parcels[data.parcels["town"] == town],
            enterprises=data.enterprises[data.enterprises["town"] == town],
            bounds=data.bounds,
        )
        return _component_bytes(build_map(filtered, options))

    results.append(Result(f"map: filter change ({town}) redraw", n, best_of(redraw, repeat)))
    results.append(
        Result(
            "map: unfiltered redraw",
            n,
            best_of(lambda: _component_bytes(build_map(data, options)), repeat),
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

    def explore_sent() -> int:
        m = park_gdf.explore(name="parks")
        parcel_gdf.explore(m=m, name="parcels")
        firm_gdf.explore(m=m, name="enterprises")
        return _component_bytes(m)

    results.append(
        PayloadResult(
            "map: explore() as sent (st_folium)", n, best_of(explore_sent, 1), explore_sent()
        )
    )
    progress(1.0, "done")
    for r in results:
        extra = f", {r.payload_bytes:,} bytes" if isinstance(r, PayloadResult) else ""
        log.info("%s: %s features in %.3f s%s", r.name, f"{r.items:,}", r.seconds, extra)
    return results
