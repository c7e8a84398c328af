"""The workspace back ends side by side: GeoPackage and PostGIS at one scale.

For each back end the same layers (the seeded synthetic workspace of :mod:`benchmarks.workspaces`
at city and province sizes; the bundled sample at district scale), already in memory, are
written, then read, hashed
(data version), polled (the change token every page run asks for), scored (the whole park
pipeline, reading its layers from the workspace) and joined (firms to parks: in memory with
geopandas' STRtree, and on PostGIS also in SQL with the GiST indexes, to see whether pushing the
join into the database pays). The PostGIS figures need ``cli.py bench --workspace
postgresql://…``: the stage writes into the schema ``bench_<scale>`` of that database (dropped
first, so use a database of your own); without it only the GeoPackage column is measured.
"""

from __future__ import annotations

import logging
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import geopandas as gpd

from benchmarks import Result
from store.workspace import Workspace, is_database_location

__all__ = ["run_stage"]

log = logging.getLogger(__name__)


def _timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    value = fn()
    return time.perf_counter() - start, value


def _source(scale: str, tmp: Path) -> Workspace:
    """The workspace every back end is filled from: the sample, or the synthetic one."""
    from benchmarks.workspaces import synthetic_workspace

    if scale == "district":
        return Workspace.open(tmp / "source.gpkg")
    return synthetic_workspace(scale, tmp / "source.gpkg", folder=tmp)


def _fill(source: Workspace, location: str) -> tuple[float, Workspace]:
    """Write ``source``'s layers (already in memory) into a new workspace; time the write."""
    frames = {name: source.read(name) for name in source.layers()}
    rasters = {k: source.raster_path(k) for k in ("irradiance", "landuse")}
    target = Workspace.open(location, create="empty")
    seconds, _ = _timed(lambda: target.write_many(frames))
    target.write_rasters(rasters, {"landuse": source.raster_classes_path("landuse")})
    return seconds, target


def _pipeline(ws: Workspace) -> int:
    from config import load_settings
    from scoring.parks.pipeline import ChoiceRules, retrofit, score_parks

    settings = load_settings()
    scores = score_parks(ws, settings)
    retrofit(scores, ChoiceRules(n=3, one_per_town=True))
    return len(scores.table)


def _memory_join(ws: Workspace) -> int:
    firms = ws.read("enterprises", columns=["record_id"])
    parks = ws.read("parks", columns=["park_id"])
    return len(gpd.sjoin(firms, parks, predicate="within"))


def _sql_join(ws: Any) -> int:
    from store.pg_connection import connection, ident

    schema = ident(ws.address.schema)
    with connection(ws.address) as conn, conn.cursor() as cur:
        cur.execute(
            f"SELECT e.record_id, p.park_id FROM {schema}.enterprises e "
            f"JOIN {schema}.parks p ON ST_Within(e.geometry, p.geometry)"
        )
        return int(cur.fetch_arrow_table().num_rows)


def _measure(label: str, source: Workspace, location: str) -> list[Result]:
    build, ws = _fill(source, location)
    counts = ws.feature_counts()
    n_firms, n_parks = counts["enterprises"], counts["parks"]
    results = [Result(f"{label}: write every layer", n_firms, build)]
    results.append(Result(f"{label}: read enterprises", n_firms, _timed(
        lambda: ws.read("enterprises"))[0]))  # fmt: skip
    results.append(Result(f"{label}: data version (first)", n_firms, _timed(ws.data_version)[0]))
    polls = 20
    poll, _ = _timed(lambda: [ws.change_token() for _ in range(polls)])
    results.append(Result(f"{label}: change token (one page run)", 1, poll / polls))
    results.append(Result(f"{label}: parks pipeline from the workspace", n_parks, _timed(
        lambda: _pipeline(ws))[0]))  # fmt: skip
    seconds, pairs = _timed(lambda: _memory_join(ws))
    results.append(Result(f"{label}: firms→parks join, read + geopandas", pairs, seconds))
    if is_database_location(ws.location):
        seconds, in_sql = _timed(lambda: _sql_join(ws))
        if in_sql != pairs:
            log.warning("the SQL join found %d pairs, geopandas %d", in_sql, pairs)
        results.append(Result(f"{label}: firms→parks join in SQL (GiST)", in_sql, seconds))
    return results


def run_stage(scale: str, *, workspace: str | None = None) -> list[Result]:
    """GeoPackage figures at ``scale``; PostGIS ones too when ``workspace`` is a database."""
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        source = _source(scale, tmp)
        results = _measure("GeoPackage", source, str(tmp / "bench.gpkg"))
        if workspace and is_database_location(workspace):
            results += _measure("PostGIS", source, _bench_schema(workspace, scale))
    return results


def _bench_schema(workspace: str, scale: str) -> str:
    """The address of a fresh schema ``bench_<scale>`` in ``workspace``'s database."""
    from store.pg_connection import connection, execute, ident, parse_address, with_schema

    location = with_schema(workspace, f"bench_{scale}")
    address = parse_address(location)
    with connection(address) as conn:
        execute(conn, f"DROP SCHEMA IF EXISTS {ident(address.schema)} CASCADE")
        conn.commit()
    return location
