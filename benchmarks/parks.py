"""Bench stage: the whole park pipeline (join, indicators, zonal statistics, gate, score,
SMAA-2 with 10 000 draws, choice of three) at district, city and province scale.

District is the bundled sample. City and province are synthetic (seeded): 3 000 / 30 000
parks on a grid in EPSG:4547, 100 000 / 1 000 000 firms whose attributes are resampled from
the sample's firms (90 % inside a park), 三旧 parcels, heat sources, sewage plants and an
irradiance raster covering the grid. The pipeline runs in a fresh (spawned) process so that
its peak resident memory (``ru_maxrss``, which includes building the synthetic data) is its
own; it is reported in the name of the total line. Figures measure; they never pass or fail.
"""

from __future__ import annotations

import logging
import multiprocessing
import resource
import tempfile
import time
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import shapely

from benchmarks import Result

__all__ = ["SIZES", "run_stage"]

log = logging.getLogger(__name__)

# scale → (parks, firms); district = the bundled sample as it is
SIZES = {"city": (3_000, 100_000), "province": (30_000, 1_000_000)}
CRS = "EPSG:4547"


def _synthetic(n_parks: int, n_firms: int, folder: Path, *, n_parcels: int | None = None) -> Any:
    """Seeded synthetic layers of the given size (a :class:`ParkLayers`); ``n_parcels``
    三旧 parcels (default: one per five parks)."""
    from scoring.parks.indicators import ParkLayers
    from store.workspace import sample_workspace

    rng = np.random.default_rng(2015)
    side = int(np.ceil(np.sqrt(n_parks)))
    step = 1_200.0
    i = np.arange(n_parks)
    x0 = 330_000.0 + (i % side) * step
    y0 = 2_440_000.0 + (i // side) * step
    size = rng.uniform(200, 700, n_parks)
    boxes = shapely.box(x0, y0, x0 + size, y0 + size)
    parks = gpd.GeoDataFrame(
        {
            "park_id": [f"P{k:06d}" for k in i],
            "name": [f"园区{k}" for k in i],
            "town": [f"镇{k % 97:02d}" for k in i],
            "in_industrial_block": rng.random(n_parks) < 0.8,
            "roof_area_m2": np.nan,
            "building_coverage": rng.uniform(0.3, 0.6, n_parks),
        },
        geometry=boxes,
        crs=CRS,
    )
    sample = sample_workspace().read("enterprises")
    sample = sample[sample["survey_year"] == sample["survey_year"].max()]
    rows = sample.drop(columns="geometry").iloc[rng.integers(0, len(sample), n_firms)]
    host = rng.integers(0, n_parks, n_firms)
    inside = rng.random(n_firms) < 0.9
    fx = np.where(
        inside, x0[host] + rng.random(n_firms) * size[host], rng.uniform(330e3, x0.max(), n_firms)
    )
    fy = np.where(
        inside, y0[host] + rng.random(n_firms) * size[host], rng.uniform(2.44e6, y0.max(), n_firms)
    )
    firms = gpd.GeoDataFrame(
        rows.reset_index(drop=True), geometry=gpd.points_from_xy(fx, fy), crs=CRS
    )
    n_parcels = n_parks // 5 if n_parcels is None else n_parcels
    px = rng.uniform(330e3, x0.max(), n_parcels)
    py = rng.uniform(2.44e6, y0.max(), n_parcels)
    parcels = gpd.GeoDataFrame(
        {
            "parcel_id": [f"D{k:06d}" for k in range(n_parcels)],
            "redevelopment_mode": np.where(rng.random(n_parcels) < 0.5, "全面改造", "微改造"),
        },
        geometry=shapely.box(px, py, px + 600, py + 400),
        crs=CRS,
    )

    def points(n: int, key: str) -> gpd.GeoDataFrame:
        return gpd.GeoDataFrame(
            {key: [f"{key}{k}" for k in range(n)]},
            geometry=gpd.points_from_xy(
                rng.uniform(330e3, x0.max(), n), rng.uniform(2.44e6, y0.max(), n)
            ),
            crs=CRS,
        )

    raster = _raster(folder / "irradiance.tif", x0.max() + 1_000, y0.max() + 1_000, rng)
    return ParkLayers(
        parks.to_crs("EPSG:4326"),
        firms.to_crs("EPSG:4326"),
        parcels.to_crs("EPSG:4326"),
        points(max(4, n_parks // 100), "source_id").to_crs("EPSG:4326"),
        points(max(6, n_parks // 50), "plant_id").to_crs("EPSG:4326"),
        raster,
    )


def _raster(path: Path, xmax: float, ymax: float, rng: np.random.Generator) -> Path:
    import rasterio
    from affine import Affine

    res = 100.0
    width, height = int((xmax - 329_000) / res), int((ymax - 2_439_000) / res)
    data = (1_250 + 30 * rng.standard_normal((height, width))).astype("float32")
    with rasterio.open(
        path,
        "w",
        driver="GTiff",
        width=width,
        height=height,
        count=1,
        dtype="float32",
        crs=CRS,
        transform=Affine(res, 0.0, 329_000.0, 0.0, -res, ymax),
        tiled=True,
    ) as dst:
        dst.write(data, 1)
    return path


def _pipeline(scale: str) -> dict[str, Any]:
    """Build the layers, run the pipeline with timestamps; runs in a spawned process."""
    from config import load_settings
    from scoring.parks.choice import choose
    from scoring.parks.indicators import ParkLayers, park_indicators
    from scoring.parks.score import rank_parks
    from store.workspace import Workspace

    cfg = load_settings()
    with tempfile.TemporaryDirectory() as tmp:
        if scale == "district":
            ws = Workspace.open(Path(tmp) / "bench.gpkg")
            layers = ParkLayers.from_workspace(ws)
        else:
            layers = _synthetic(*SIZES[scale], Path(tmp))
        n_firms = len(layers.enterprises)
        marks: list[tuple[str, float]] = []
        start = time.perf_counter()

        def mark(_fraction: float, message: str) -> None:
            marks.append((message, time.perf_counter() - start))

        # the two stages of scoring.parks.pipeline.score_parks, timed one by one
        ind = park_indicators(
            layers,
            settings=cfg.park_score,
            energy_factors=cfg.energy.model_dump(),
            on_progress=mark,
        )
        t_ind = time.perf_counter() - start
        scores = rank_parks(ind, cfg.park_score)
        t_rank = time.perf_counter() - start
        choose(scores.table, n=3, one_per_town=True)
        total = time.perf_counter() - start
    return {
        "parks": len(scores.table),
        "eligible": int(scores.table["eligible"].sum()),
        "firms": n_firms,
        "marks": marks,
        "indicators": t_ind,
        "rank": t_rank - t_ind,
        "total": total,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def _stage_seconds(marks: list[tuple[str, float]], first: str, last: str) -> float:
    times = dict(marks)
    return times[last] - times[first]


def run_stage(scale: str) -> list[Result]:
    """Time the whole park pipeline at ``scale`` (district, city, province)."""
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(1) as pool:
        r = pool.apply(_pipeline, (scale,))
    marks = r["marks"]
    results = [
        Result(
            f"parks: join + per-park sums ({r['firms']:,} firms)",
            r["firms"],
            _stage_seconds(marks, "spatial join of firms to parks", "distances and 三旧 overlap"),
        ),
        Result(
            "parks: distances + 三旧 overlap",
            r["parks"],
            _stage_seconds(marks, "distances and 三旧 overlap", "irradiance zonal mean"),
        ),
        Result(
            "parks: irradiance zonal mean (exactextract)",
            r["parks"],
            _stage_seconds(marks, "irradiance zonal mean", "indicators done"),
        ),
        Result(
            f"parks: gate, score, SMAA-2 10k ({r['eligible']:,} eligible)", r["parks"], r["rank"]
        ),
        Result(
            f"parks: whole pipeline, peak {r['peak_mb'] / 1024:.2f} GB RSS", r["parks"], r["total"]
        ),
    ]
    for res in results:
        log.info("%s: %s items in %.3f s", res.name, f"{res.items:,}", res.seconds)
    return results
