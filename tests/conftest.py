"""Shared fixtures: repo paths, the real public data beside the clone, fresh workspaces."""

from __future__ import annotations

import hashlib
import json
import os
import re
import uuid
from pathlib import Path

import geopandas as gpd
import pytest
import shapely

ROOT = Path(__file__).resolve().parents[1]
REALDATA = ROOT.parent / "shared" / "realdata"


@pytest.fixture(scope="session")
def realdata() -> Path:
    """../shared/realdata (read-only public data; never copied into the project)."""
    assert REALDATA.is_dir(), f"{REALDATA} is missing: CI must have ../shared beside the clone"
    return REALDATA


@pytest.fixture(scope="session")
def panyu_outline_wgs84(realdata: Path) -> shapely.MultiPolygon:
    """Panyu's real outline converted from GCJ-02 with an INDEPENDENT converter (coord-convert)."""
    from coord_convert.transform import gcj2wgs

    data = json.loads((realdata / "panyu_boundary_gcj02.geojson").read_text(encoding="utf-8"))
    geom = shapely.geometry.shape(data)

    def convert(coords):
        import numpy as np

        return np.array([gcj2wgs(x, y) for x, y in coords])

    return shapely.transform(geom, convert)


# The back end every workspace of the suite is made on: scripts/test.sh runs the whole suite
# twice, on GeoPackage files and on its throwaway PostGIS server (PARKPLAN_TEST_PG).
BACKEND = os.environ.get("PARKPLAN_TEST_BACKEND", "gpkg")
if BACKEND not in ("gpkg", "postgis"):
    raise pytest.UsageError(f"PARKPLAN_TEST_BACKEND={BACKEND!r}: use gpkg or postgis")


def pg_test_address() -> str:
    """The throwaway test server's address (scripts/test.sh starts it and sets the variable)."""
    address = os.environ.get("PARKPLAN_TEST_PG")
    assert address, (
        "PARKPLAN_TEST_PG is not set: run the suite with `bash scripts/test.sh`, which starts a "
        "throwaway PostgreSQL + PostGIS server, or point it at a test database"
    )
    return address


def pg_location(name: str = "ws") -> str:
    """A new, empty schema of the test database (a workspace nobody else uses)."""
    from store.pg_connection import with_schema

    schema = f"t_{uuid.uuid4().hex[:12]}_{re.sub(r'[^a-z0-9_]', '_', name.lower())}"[:63]
    return with_schema(pg_test_address(), schema)


def workspace_location(folder: Path, name: str = "ws") -> str:
    """Where a test's new workspace lives: a GeoPackage in ``folder``, or a new PostGIS schema."""
    return pg_location(name) if BACKEND == "postgis" else str(folder / f"{name}.gpkg")


def workspace_digest(ws) -> str:
    """A digest of everything stored (file bytes; on PostGIS the revision and every table), to
    show that a refused import or a failed write changed nothing."""
    from store.workspace import is_database_location, iter_names, table_bytes

    if not is_database_location(ws.location):
        return hashlib.sha256(Path(ws.location).read_bytes()).hexdigest()

    digest = hashlib.sha256(repr(ws.change_token()).encode())
    for name, _spatial in iter_names(ws):
        digest.update(name.encode() + table_bytes(ws.read_arrow(name)))
    return digest.hexdigest()


@pytest.fixture
def fresh_workspace(tmp_path: Path):
    """A new workspace created from the bundled sample (on the suite's back end)."""
    from store.workspace import Workspace

    return Workspace.open(workspace_location(tmp_path))


@pytest.fixture(scope="session")
def session_workspace(tmp_path_factory: pytest.TempPathFactory):
    """One workspace for read-only tests of a session."""
    from store.workspace import Workspace

    return Workspace.open(workspace_location(tmp_path_factory.mktemp("ws"), "session"))


def points(xy: list[tuple[float, float]]) -> gpd.GeoSeries:
    return gpd.GeoSeries(gpd.points_from_xy(*zip(*xy, strict=True)), crs="EPSG:4326")
