"""Shared fixtures: repo paths, the real public data beside the clone, fresh workspaces."""

from __future__ import annotations

import json
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


@pytest.fixture
def fresh_workspace(tmp_path: Path):
    """A new workspace created from the bundled sample in a temporary folder."""
    from store.workspace import Workspace

    return Workspace.open(tmp_path / "ws.gpkg")


@pytest.fixture(scope="session")
def session_workspace(tmp_path_factory: pytest.TempPathFactory):
    """One workspace for read-only tests of a session."""
    from store.workspace import Workspace

    return Workspace.open(tmp_path_factory.mktemp("ws") / "session.gpkg")


def points(xy: list[tuple[float, float]]) -> gpd.GeoSeries:
    return gpd.GeoSeries(gpd.points_from_xy(*zip(*xy, strict=True)), crs="EPSG:4326")
