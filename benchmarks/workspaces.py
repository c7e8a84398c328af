"""Seeded synthetic workspaces for the map benchmark: a city and a province on the app's pages.

The layers are those :mod:`benchmarks.parks` synthesises for the park pipeline (parks on a grid,
firms resampled from the sample's, 三旧 parcels, heat sources, sewage plants), with the sizes of
the issue, plus town outlines (a grid) and unique record ids; stored as a workspace so that the
app opens it as it opens a real one.
"""

from __future__ import annotations

import logging
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from errors import UnknownKeyError
from store.workspace import Workspace, sample_workspace

__all__ = ["SCALES_DRAWN", "SIZES", "synthetic_workspace"]

log = logging.getLogger(__name__)

# scale → (parks, firms, parcels), as the issue sizes a city and a province
SIZES = {"city": (3_000, 60_000, 20_000), "province": (30_000, 1_000_000, 100_000)}
SCALES_DRAWN = ("district", "city")  # scales the map benchmark opens in a browser


def _towns(parks: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Town outlines: a grid over the parks' extent, one cell per town name the parks use."""
    names = sorted(parks["town"].astype(str).unique())
    side = int(np.ceil(np.sqrt(len(names))))
    w, s, e, n = parks.to_crs("EPSG:4547").total_bounds
    dx, dy = (e - w) / side, (n - s) / side
    k = np.arange(len(names))
    x0, y0 = w + (k % side) * dx, s + (k // side) * dy
    return gpd.GeoDataFrame(
        {"town_id": [f"T{i:03d}" for i in k], "name": names},
        geometry=shapely.box(x0, y0, x0 + dx, y0 + dy),
        crs="EPSG:4547",
    ).to_crs("EPSG:4326")


def _town_of(points: gpd.GeoSeries, towns: gpd.GeoDataFrame) -> pd.Series:
    """The town each point lies in (the first town for a point on no town's grid cell)."""
    frame = gpd.GeoDataFrame(geometry=points.reset_index(drop=True), crs=points.crs)
    where = gpd.sjoin(frame, towns[["name", "geometry"]], predicate="within")
    town = where["name"].groupby(level=0).first().reindex(frame.index)
    return town.fillna(towns["name"].iloc[0]).astype(str)


def synthetic_workspace(
    scale: str, path: Path, *, location: str | None = None, folder: Path | None = None
) -> Workspace:
    """A new workspace with the seeded layers of ``scale`` (city, province): the GeoPackage at
    ``path``, or the empty workspace at ``location`` (a PostGIS schema), with the synthetic
    irradiance raster written to ``folder`` (default: beside ``path``)."""
    from benchmarks.parks import _synthetic

    if scale not in SIZES:
        raise UnknownKeyError("synthetic workspace scale", scale, list(SIZES))
    n_parks, n_firms, n_parcels = SIZES[scale]
    layers = _synthetic(n_parks, n_firms, folder or path.parent, n_parcels=n_parcels)
    towns = _towns(layers.parks)
    firms = layers.enterprises.copy()
    firms["record_id"] = [f"R{k:08d}" for k in range(len(firms))]
    # each firm in the town (grid cell) it lies in, not the sample's town it was drawn from
    firms["town"] = _town_of(firms.geometry, towns).to_numpy()
    parcels = layers.parcels.copy()
    k = np.arange(len(parcels))
    parcels["name"] = [f"地块{i}" for i in k]
    parcels["sanjiu_type"] = np.where(k % 3 == 0, "旧村庄", "旧厂房")
    parcels["status"] = np.array(["已入库", "已批复", "实施中", "已完成"])[k % 4]
    parcels["town"] = _town_of(parcels.representative_point(), towns).to_numpy()
    # a GeoPackage starts as a copy of the sample (every data layer replaced below); a database
    # schema starts empty. Both take the synthetic irradiance and the sample's land use.
    ws = Workspace.open(location, create="empty") if location else Workspace.open(path)
    sample = sample_workspace()
    ws.write_rasters(
        {"irradiance": layers.irradiance, "landuse": sample.raster_path("landuse")},
        {"landuse": sample.raster_classes_path("landuse")},
    )
    ws.write_many(
        {
            "towns": towns,
            "parks": layers.parks,
            "parcels": parcels,
            "enterprises": firms,
            "heat_sources": layers.heat_sources,
            "sewage_plants": layers.sewage_plants,
        }
    )
    log.info("synthetic %s workspace: %s", scale, ws.label)
    return ws
