"""Bench stage ``export``: the parcel list and every land-bureau format, district to province.

Parcels are a seeded grid of non-overlapping squares near Panyu (every tenth with a hole, every
seventh in two parts), about 1 000 per scale unit (province: 100 000), inside parks of about
five parcels each. Measured: building the parcel list of every park, writing each format, and
one briefing PDF of three parks (the briefing's size does not grow with the workspace).
"""

from __future__ import annotations

import logging
import tempfile
import time
from functools import partial
from pathlib import Path

import geopandas as gpd
import numpy as np
import shapely

from benchmarks import SCALES, Result, best_of
from errors import UnknownKeyError

__all__ = ["PARCELS_PER_UNIT", "run_stage", "synthetic_layers"]

log = logging.getLogger(__name__)

PARCELS_PER_UNIT = 1_000
X0, Y0 = 420_000.0, 2_530_000.0  # EPSG:4547 metres, south-west Panyu


def synthetic_layers(n: int, *, seed: int = 0) -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame]:
    """(parks, parcels) in EPSG:4326: ``n`` parcels, about five per park."""
    rng = np.random.default_rng(seed)
    side = int(np.ceil(np.sqrt(n)))
    i = np.arange(n)
    x, y = X0 + (i % side) * 120.0, Y0 + (i // side) * 120.0
    size = rng.uniform(40, 100, n)
    squares = shapely.box(x, y, x + size, y + size)
    holes = shapely.box(x + size * 0.3, y + size * 0.3, x + size * 0.6, y + size * 0.6)
    holed = shapely.polygons(
        shapely.get_exterior_ring(squares), [[h] for h in shapely.get_exterior_ring(holes)]
    )
    geoms = np.where(i % 10 == 3, holed, squares)
    half = shapely.box(x, y, x + size * 0.4, y + size)
    other = shapely.box(x + size * 0.6, y, x + size, y + size)
    parts = shapely.multipolygons(np.stack([half, other], axis=1))
    single = shapely.multipolygons(geoms[:, None])
    geoms = np.where(i % 7 == 5, parts, single)
    kinds = np.array(["旧城镇", "旧厂房", "旧村庄"])[rng.integers(0, 3, n)]
    modes = np.array(["全面改造", "微改造", "混合改造"])[rng.integers(0, 3, n)]
    parcels = gpd.GeoDataFrame(
        {
            "parcel_id": [f"440113-BX-2015-{k:06d}" for k in i],
            "name": [f"模拟村工业园{k}号地块" for k in i],
            "town": "市桥",
            "sanjiu_type": kinds,
            "ownership": "集体",
            "current_use": "工业",
            "land_class_code": "0601",
            "redevelopment_mode": modes,
        },
        geometry=geoms,
        crs="EPSG:4547",
    ).to_crs("EPSG:4326")
    # parks: blocks of 5 × 1 grid cells (each holds about five parcels)
    cell_x, cell_y = (i % side) // 5, i // side
    keys = np.unique(np.stack([cell_x, cell_y], axis=1), axis=0)
    px, py = X0 + keys[:, 0] * 600.0 - 10, Y0 + keys[:, 1] * 120.0 - 10
    parks = gpd.GeoDataFrame(
        {
            "park_id": [f"PY-BX-{k:06d}" for k in range(len(keys))],
            "name": [f"模拟工业园{k}" for k in range(len(keys))],
            "town": "市桥",
        },
        geometry=shapely.box(px, py, px + 600.0, py + 120.0),
        crs="EPSG:4547",
    ).to_crs("EPSG:4326")
    return parks, parcels


def run_stage(scale: str) -> list[Result]:
    """Time the parcel list and each format for ``scale`` (district, city, province)."""
    from exports.formats import FORMATS, ExportContext
    from exports.parcel_list import parcel_list
    from exports.tables import Provenance

    if scale not in SCALES:
        raise UnknownKeyError("benchmark scale", scale, list(SCALES))
    n = SCALES[scale] * PARCELS_PER_UNIT
    parks, parcels = synthetic_layers(n)
    ids = parks["park_id"].tolist()
    start = time.perf_counter()
    listed = parcel_list(parks, parcels, ids)
    elapsed = time.perf_counter() - start
    results = [Result(f"parcel list ({len(ids):,} parks)", len(listed), elapsed)]
    ctx = ExportContext(Provenance(what="bench", data_version="bench", scenario="bench"))
    with tempfile.TemporaryDirectory() as tmp:
        for key, fmt in FORMATS.items():
            target = Path(tmp) / f"bench{fmt.suffix}"
            seconds = best_of(partial(fmt.write, listed, target, ctx), 1)
            results.append(Result(f"write {key}", len(listed), seconds))
            log.info("export %s: %s parcels in %.2f s", key, f"{len(listed):,}", seconds)
    results.append(_briefing_result())
    return results


def _briefing_result() -> Result:
    """One briefing of three parks of the bundled sample (its size is fixed by the three parks)."""
    from exports.pack import export_product, resolve_selection
    from store.workspace import sample_workspace

    sample = sample_workspace()  # read only
    parks = sample.read("parks")["park_id"].tolist()[:3]
    selection = resolve_selection(sample, parks=parks)
    with tempfile.TemporaryDirectory() as tmp:
        seconds = best_of(lambda: export_product(sample, selection, "pdf", Path(tmp) / "b.pdf"), 1)
    return Result("briefing PDF (3 parks)", 3, seconds)
