"""GCJ-02 (Amap, Tencent) and BD-09 (Baidu) ↔ WGS84, vectorised with NumPy.

pyproj cannot do these: GCJ-02 is an obfuscation, not a datum. The forward formulas are the
widely published ones (Krasovsky ellipsoid constants); the inverses are iterated until the
round trip is below ``tol_deg`` (default 1e-9° ≈ 0.1 mm), because the one-step inverse is about
1.2 m off in Panyu. Outside China the functions return the input unchanged, like every common
implementation.

All functions take and return ``(lon, lat)`` in that order, as arrays of any shape.
"""

from __future__ import annotations

from collections.abc import Callable

import geopandas as gpd
import numpy as np
import shapely
from numpy.typing import ArrayLike, NDArray

from errors import UnknownKeyError

__all__ = [
    "COORD_SYSTEMS",
    "bd09_to_gcj02",
    "bd09_to_wgs84",
    "from_wgs84",
    "gcj02_to_bd09",
    "gcj02_to_wgs84",
    "geometry_from_wgs84",
    "geometry_to_wgs84",
    "out_of_china",
    "to_wgs84",
    "wgs84_to_bd09",
    "wgs84_to_gcj02",
]

Array = NDArray[np.float64]
Pair = tuple[Array, Array]

_A = 6378245.0  # Krasovsky semi-major axis used by GCJ-02
_EE = 0.00669342162296594323  # Krasovsky eccentricity squared
_X_PI = np.pi * 3000.0 / 180.0


def _arrays(lon: ArrayLike, lat: ArrayLike) -> Pair:
    return np.asarray(lon, dtype=np.float64), np.asarray(lat, dtype=np.float64)


def out_of_china(lon: ArrayLike, lat: ArrayLike) -> NDArray[np.bool_]:
    """The rough box outside which GCJ-02 equals WGS84 (as in every public implementation)."""
    x, y = _arrays(lon, lat)
    return (x < 72.004) | (x > 137.8347) | (y < 0.8293) | (y > 55.8271)


def _delta(lon: Array, lat: Array) -> Pair:
    x, y = lon - 105.0, lat - 35.0
    common = (20.0 * np.sin(6.0 * x * np.pi) + 20.0 * np.sin(2.0 * x * np.pi)) * 2.0 / 3.0
    dlat = (
        -100.0
        + 2.0 * x
        + 3.0 * y
        + 0.2 * y * y
        + 0.1 * x * y
        + 0.2 * np.sqrt(np.abs(x))
        + common
        + (20.0 * np.sin(y * np.pi) + 40.0 * np.sin(y / 3.0 * np.pi)) * 2.0 / 3.0
        + (160.0 * np.sin(y / 12.0 * np.pi) + 320.0 * np.sin(y * np.pi / 30.0)) * 2.0 / 3.0
    )
    dlon = (
        300.0
        + x
        + 2.0 * y
        + 0.1 * x * x
        + 0.1 * x * y
        + 0.1 * np.sqrt(np.abs(x))
        + common
        + (20.0 * np.sin(x * np.pi) + 40.0 * np.sin(x / 3.0 * np.pi)) * 2.0 / 3.0
        + (150.0 * np.sin(x / 12.0 * np.pi) + 300.0 * np.sin(x / 30.0 * np.pi)) * 2.0 / 3.0
    )
    rad_lat = lat / 180.0 * np.pi
    magic = 1.0 - _EE * np.sin(rad_lat) ** 2
    sqrt_magic = np.sqrt(magic)
    dlat = (dlat * 180.0) / ((_A * (1.0 - _EE)) / (magic * sqrt_magic) * np.pi)
    dlon = (dlon * 180.0) / (_A / sqrt_magic * np.cos(rad_lat) * np.pi)
    return dlon, dlat


def wgs84_to_gcj02(lon: ArrayLike, lat: ArrayLike) -> Pair:
    """WGS84 → GCJ-02."""
    x, y = _arrays(lon, lat)
    dlon, dlat = _delta(x, y)
    outside = out_of_china(x, y)
    return np.where(outside, x, x + dlon), np.where(outside, y, y + dlat)


def gcj02_to_bd09(lon: ArrayLike, lat: ArrayLike) -> Pair:
    """GCJ-02 → BD-09."""
    x, y = _arrays(lon, lat)
    z = np.sqrt(x * x + y * y) + 0.00002 * np.sin(y * _X_PI)
    theta = np.arctan2(y, x) + 0.000003 * np.cos(x * _X_PI)
    return z * np.cos(theta) + 0.0065, z * np.sin(theta) + 0.006


def wgs84_to_bd09(lon: ArrayLike, lat: ArrayLike) -> Pair:
    """WGS84 → BD-09 (through GCJ-02)."""
    return gcj02_to_bd09(*wgs84_to_gcj02(lon, lat))


def _invert(
    forward: Callable[[Array, Array], Pair],
    lon: ArrayLike,
    lat: ArrayLike,
    *,
    tol_deg: float,
    max_iter: int,
) -> Pair:
    """Solve ``forward(w) = g`` for ``w`` by fixed-point iteration ``w ← w − (forward(w) − g)``.

    The offsets vary slowly (their derivative is ~1e-5), so each step gains about five digits.
    """
    gx, gy = _arrays(lon, lat)
    wx, wy = gx.copy(), gy.copy()
    for _ in range(max_iter):
        fx, fy = forward(wx, wy)
        ex, ey = fx - gx, fy - gy
        wx, wy = wx - ex, wy - ey
        if np.all(np.abs(ex) < tol_deg) and np.all(np.abs(ey) < tol_deg):
            break
    return wx, wy


def gcj02_to_wgs84(
    lon: ArrayLike, lat: ArrayLike, *, tol_deg: float = 1e-9, max_iter: int = 30
) -> Pair:
    """GCJ-02 → WGS84, iterated to ``tol_deg`` (1e-9° ≈ 0.1 mm)."""
    return _invert(wgs84_to_gcj02, lon, lat, tol_deg=tol_deg, max_iter=max_iter)


def bd09_to_gcj02(
    lon: ArrayLike, lat: ArrayLike, *, tol_deg: float = 1e-9, max_iter: int = 30
) -> Pair:
    """BD-09 → GCJ-02, iterated (the usual closed form is a few centimetres off)."""
    return _invert(gcj02_to_bd09, lon, lat, tol_deg=tol_deg, max_iter=max_iter)


def bd09_to_wgs84(
    lon: ArrayLike, lat: ArrayLike, *, tol_deg: float = 1e-9, max_iter: int = 30
) -> Pair:
    """BD-09 → WGS84, iterated on the composed forward transform."""
    return _invert(wgs84_to_bd09, lon, lat, tol_deg=tol_deg, max_iter=max_iter)


def _identity(lon: ArrayLike, lat: ArrayLike) -> Pair:
    return _arrays(lon, lat)


# CGCS2000 geographic coordinates equal WGS84 at map scale (DOMAIN.md §4).
_TO_WGS84: dict[str, Callable[..., Pair]] = {
    "wgs84": _identity,
    "cgcs2000": _identity,
    "gcj02": gcj02_to_wgs84,
    "bd09": bd09_to_wgs84,
}
_FROM_WGS84: dict[str, Callable[..., Pair]] = {
    "wgs84": _identity,
    "cgcs2000": _identity,
    "gcj02": wgs84_to_gcj02,
    "bd09": wgs84_to_bd09,
}
COORD_SYSTEMS: tuple[str, ...] = tuple(_TO_WGS84)


def _lookup(table: dict[str, Callable[..., Pair]], system: str) -> Callable[..., Pair]:
    key = system.strip().lower().replace("-", "").replace("_", "")
    if key not in table:
        raise UnknownKeyError("coordinate system", system, list(table))
    return table[key]


def to_wgs84(lon: ArrayLike, lat: ArrayLike, *, source: str) -> Pair:
    """Convert ``(lon, lat)`` in ``source`` (wgs84, cgcs2000, gcj02, bd09) to WGS84."""
    return _lookup(_TO_WGS84, source)(lon, lat)


def from_wgs84(lon: ArrayLike, lat: ArrayLike, *, target: str) -> Pair:
    """Convert WGS84 ``(lon, lat)`` to ``target`` (e.g. GCJ-02 for display on Gaode tiles)."""
    return _lookup(_FROM_WGS84, target)(lon, lat)


def _transform_geoms(geoms: gpd.GeoSeries, convert: Callable[..., Pair]) -> gpd.GeoSeries:
    def apply(coords: Array) -> Array:
        x, y = convert(coords[:, 0], coords[:, 1])
        return np.column_stack([x, y])

    out = shapely.transform(np.asarray(geoms.values), apply)
    return gpd.GeoSeries(out, index=geoms.index, crs=geoms.crs, name=geoms.name)


def geometry_to_wgs84(geoms: gpd.GeoSeries, *, source: str) -> gpd.GeoSeries:
    """Convert every vertex of ``geoms`` (lon/lat in ``source``) to WGS84 (EPSG:4326)."""
    out = _transform_geoms(geoms, _lookup(_TO_WGS84, source))
    return out.set_crs("EPSG:4326", allow_override=True)


def geometry_from_wgs84(geoms: gpd.GeoSeries, *, target: str) -> gpd.GeoSeries:
    """Convert WGS84 geometries to ``target`` offsets, for display only (never stored)."""
    return _transform_geoms(geoms, _lookup(_FROM_WGS84, target))
