"""Bench stage: contiguous renewal areas (:func:`geo.renewal.renewal_areas`) at each scale.

District: the bundled sample. City and province: a seeded grid with the sizes of
:data:`benchmarks.workspaces.SIZES` (province: 30 000 parks, 1 000 000 firms, 100 000 parcels),
made here in EPSG:4547 and stored in EPSG:4326 as a workspace stores them. Parks sit on an 800 m
grid with sides of 300–760 m, so that neighbours 40–500 m apart chain into areas of several
parks along the rows; most parcels are factory lots inside a park, a fifth are patches up to
100 m beyond its edge, and nine firms in ten lie in a park. The figure is the whole call:
reprojection, the pairs within 50 m, the components, the unions, the firms and the table.
"""

from __future__ import annotations

import logging

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from benchmarks import Result, best_of
from errors import UnknownKeyError

__all__ = ["GAP_M", "run_stage", "synthetic_layers"]

log = logging.getLogger(__name__)

GAP_M = 50.0  # the default of [land] renewal_gap_m
CRS = "EPSG:4547"


def synthetic_layers(
    n_parks: int, n_parcels: int, n_firms: int, *, seed: int = 21
) -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame, gpd.GeoDataFrame]:
    """Seeded (parks, parcels, firms) in EPSG:4326 laid out as the module says."""
    rng = np.random.default_rng(seed)
    side = int(np.ceil(np.sqrt(n_parks)))
    i = np.arange(n_parks)
    x0 = 330_000.0 + (i % side) * 800.0
    y0 = 2_440_000.0 + (i // side) * 800.0
    size = rng.uniform(300, 760, n_parks)
    parks = gpd.GeoDataFrame(
        {
            "park_id": [f"P{k:06d}" for k in i],
            "name": [f"园区{k}" for k in i],
            "town": [f"镇{k % 97:02d}" for k in i],
            "village": [f"村{k % 1_000:03d}" for k in i],
        },
        geometry=shapely.box(x0, y0, x0 + size, y0 + size),
        crs=CRS,
    )
    host = rng.integers(0, n_parks, n_parcels)
    outside = rng.random(n_parcels) < 0.2
    lot = rng.uniform(40, 150, n_parcels)
    px = x0[host] + rng.random(n_parcels) * np.maximum(size[host] - lot, 1)
    py = y0[host] + rng.random(n_parcels) * np.maximum(size[host] - lot, 1)
    px = np.where(outside, x0[host] + size[host] + rng.uniform(0, 100, n_parcels), px)
    parcels = gpd.GeoDataFrame(
        {
            "parcel_id": [f"D{k:06d}" for k in range(n_parcels)],
            "town": [f"镇{k % 97:02d}" for k in host],
            "sanjiu_type": np.where(outside, "旧村庄", "旧厂房"),
            "ownership": "集体",
            "redevelopment_mode": np.where(rng.random(n_parcels) < 0.3, "全面改造", "微改造"),
        },
        geometry=shapely.box(px, py, px + lot, py + lot),
        crs=CRS,
    )
    firm_host = rng.integers(0, n_parks, n_firms)
    inside = rng.random(n_firms) < 0.9
    span = x0.max() + 800 - 330_000.0
    fx = np.where(
        inside,
        x0[firm_host] + rng.random(n_firms) * size[firm_host],
        330_000.0 + rng.random(n_firms) * span,
    )
    fy = np.where(
        inside,
        y0[firm_host] + rng.random(n_firms) * size[firm_host],
        2_440_000.0 + rng.random(n_firms) * (y0.max() + 800 - 2_440_000.0),
    )
    firms = gpd.GeoDataFrame(
        {
            "uscc": pd.RangeIndex(n_firms).astype(str),
            "survey_year": 2015,
            "land_area_m2": rng.uniform(2_000, 30_000, n_firms),
        },
        geometry=gpd.points_from_xy(fx, fy),
        crs=CRS,
    )
    return parks.to_crs("EPSG:4326"), parcels.to_crs("EPSG:4326"), firms.to_crs("EPSG:4326")


def _layers(scale: str) -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame, gpd.GeoDataFrame]:
    from benchmarks.workspaces import SIZES

    if scale == "district":
        from store.workspace import sample_workspace

        sample = sample_workspace()
        return sample.read("parks"), sample.read("parcels"), sample.read("enterprises")
    if scale not in SIZES:
        raise UnknownKeyError("benchmark scale", scale, ["district", *SIZES])
    n_parks, n_firms, n_parcels = SIZES[scale]
    return synthetic_layers(n_parks, n_parcels, n_firms)


def run_stage(scale: str) -> list[Result]:
    """Time the renewal areas of ``scale``'s parks, parcels and firms at the default gap."""
    from geo.renewal import renewal_areas

    parks, parcels, firms = _layers(scale)
    flags = pd.Series(np.arange(len(firms)) % 10 == 0, index=firms.index)
    made: list[int] = []

    def once() -> None:
        areas = renewal_areas(parks, parcels, firms, gap_m=GAP_M, phase_out=flags)
        made.append(len(areas.table))

    seconds = best_of(once, 3 if scale == "district" else 1)
    result = Result(
        f"renewal areas ({len(parks):,} parks + {len(parcels):,} parcels → {made[-1]:,} areas, "
        f"{len(firms):,} firms)",
        len(parks) + len(parcels),
        seconds,
    )
    log.info("%s: %.3f s", result.name, result.seconds)
    return [result]
