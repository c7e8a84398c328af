"""Paths, seeds and small geometry and random helpers shared by every layer family [G]."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import shapely
from shapely import affinity
from shapely.geometry import MultiPolygon, Polygon, box

PACKAGE = Path(__file__).resolve().parent
HERE = PACKAGE.parent  # data/parks: where the outputs go by default
ROOT = HERE.parents[1]  # the project root (for geo.*)
if str(ROOT) not in sys.path:  # run as a script from any folder
    sys.path.insert(0, str(ROOT))

from geo.crs import AREA_CRS, STORE_CRS  # noqa: E402

__all__ = [
    "ADMIN_CODES",
    "AREA_CRS",
    "CALIBRATION_NAME",
    "GPKG_NAME",
    "HERE",
    "IRRADIANCE_NAME",
    "LANDUSE_CLASSES_NAME",
    "LANDUSE_NAME",
    "MU_M2",
    "OUTLINE_RESOURCE",
    "ROOT",
    "SEED",
    "STORE_CRS",
    "YEARS",
    "as_multi",
    "blob",
    "choice",
    "largest",
    "lognormal",
    "rect_shape",
    "smooth_noise",
    "to_wgs84",
]

SEED = 2015
YEARS = (2014, 2015)
MU_M2 = 10_000 / 15  # 1 亩 in m²
GPKG_NAME = "panyu_sample.gpkg"
IRRADIANCE_NAME = "panyu_irradiance.tif"
LANDUSE_NAME = "panyu_landuse.tif"
LANDUSE_CLASSES_NAME = "panyu_landuse_classes.csv"
CALIBRATION_NAME = "CALIBRATION.md"
ADMIN_CODES = ROOT.parent / "shared" / "realdata" / "panyu_admin_codes_2016.csv"
OUTLINE_RESOURCE = "data/datasets/administrative/amap/land/440113.geojson"


def choice(rng: np.random.Generator, items: Sequence[Any], weights: Sequence[float] | None = None):
    """One item of ``items`` (weights need not sum to 1)."""
    if weights is None:
        return items[int(rng.integers(len(items)))]
    w = np.asarray(weights, dtype=float)
    return items[int(rng.choice(len(items), p=w / w.sum()))]


def lognormal(rng: np.random.Generator, median: float, sigma: float, size=None):
    """Lognormal draws given the median (not the mean)."""
    return median * np.exp(sigma * rng.standard_normal(size))


def largest(geom) -> Polygon:
    """The largest polygon of a (multi)polygon or collection; an empty polygon if none."""
    polys = [g for g in shapely.get_parts(geom) if isinstance(g, Polygon) and not g.is_empty]
    if not polys:
        return Polygon()
    return max(polys, key=lambda g: g.area)


def as_multi(geom) -> MultiPolygon:
    """A valid MultiPolygon of the polygon parts of ``geom``."""
    geom = shapely.make_valid(geom)
    polys = [g for g in shapely.get_parts(geom) if isinstance(g, Polygon) and not g.is_empty]
    return MultiPolygon(polys)


def to_wgs84(geoms, crs: str = AREA_CRS) -> gpd.GeoSeries:
    """``geoms`` (in ``crs``) as a GeoSeries in the store CRS."""
    return gpd.GeoSeries(list(geoms), crs=crs).to_crs(STORE_CRS)


def smooth_noise(rng: np.random.Generator, shape: tuple[int, int], sigma_px: float) -> np.ndarray:
    """Gaussian-smoothed white noise (FFT, padded against wrap-around), scaled to sd 1."""
    pad = int(3 * sigma_px)
    ny, nx = shape[0] + 2 * pad, shape[1] + 2 * pad
    white = rng.standard_normal((ny, nx))
    ky = np.fft.fftfreq(ny)[:, None]
    kx = np.fft.fftfreq(nx)[None, :]
    kernel = np.exp(-2.0 * (np.pi * sigma_px) ** 2 * (kx**2 + ky**2))
    field = np.real(np.fft.ifft2(np.fft.fft2(white) * kernel))[
        pad : pad + shape[0], pad : pad + shape[1]
    ]
    return (field - field.mean()) / field.std()


def blob(rng: np.random.Generator, x: float, y: float, radius: float, n: int = 14) -> Polygon:
    """An irregular rounded shape of about ``radius`` around (x, y)."""
    ang = np.sort(rng.uniform(0, 2 * np.pi, n))
    r = radius * rng.uniform(0.65, 1.25, n)
    pts = np.column_stack([x + r * np.cos(ang), y + r * np.sin(ang)])
    return Polygon(pts).convex_hull.buffer(radius * 0.08)


def _wing(rng: np.random.Generator, w: float, h: float) -> Polygon:
    """A smaller rectangle attached to one side of a ``w`` × ``h`` box around the origin."""
    s = rng.uniform(0.15, 0.5)
    a2 = rng.uniform(0.6, 2.5)
    w2, h2 = np.sqrt(a2 * s), np.sqrt(s / a2)
    side, t = int(rng.integers(4)), rng.uniform(-0.45, 0.45)
    centres = (
        (w / 2 + 0.4 * w2, t * h),
        (-(w / 2 + 0.4 * w2), t * h),
        (t * w, h / 2 + 0.4 * h2),
        (t * w, -(h / 2 + 0.4 * h2)),
    )
    cx, cy = centres[side]
    part = box(cx - w2 / 2, cy - h2 / 2, cx + w2 / 2, cy + h2 / 2)
    return affinity.rotate(part, rng.normal(0, 6), origin="centroid")


def rect_shape(rng: np.random.Generator, area_m2: float, theta: float) -> Polygon:
    """An irregular polygon of ``area_m2`` around the origin: rotated rectangles, a cut corner."""
    aspect = rng.uniform(1.0, 2.4)
    w, h = np.sqrt(aspect), 1.0 / np.sqrt(aspect)
    parts = [box(-w / 2, -h / 2, w / 2, h / 2)]
    parts += [_wing(rng, w, h) for _ in range(int(rng.integers(0, 3)))]
    geom = shapely.union_all(parts)
    if rng.random() < 0.5:  # a road or a channel cuts a corner
        ang = rng.uniform(0, 360)
        d = rng.uniform(0.3, 0.5) * max(w, h)
        half = affinity.rotate(box(-10, -10, d, 10), ang, origin=(0, 0))
        cut = geom.intersection(half)
        if cut.area > 0.75 * geom.area:
            geom = cut
    geom = largest(geom.buffer(0.02, join_style="mitre").buffer(-0.02, join_style="mitre"))
    k = np.sqrt(area_m2 / geom.area)
    geom = affinity.scale(geom, k, k, origin=(0, 0))
    geom = affinity.rotate(geom, theta, origin=(0, 0))
    return shapely.set_precision(geom, 0.01)
