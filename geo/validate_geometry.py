"""The geometry half of validation: CRS and Chinese offsets at the door, polygon repair, checks.

- :func:`to_store_crs` — a vector layer's geometries in EPSG:4326: reprojected from the file's
  CRS (a ``.prj``, a GeoPackage's SRS), or, on request, converted from GCJ-02 / BD-09 lon/lat
  (which pyproj cannot do). A layer without a CRS is refused unless it is declared GCJ-02/BD-09.
- :func:`repair_polygons` — invalid polygons (self-intersections, bow-ties) are repaired with
  ``shapely.make_valid`` when that changes the area (EPSG:4547) by at most the setting
  ``[import] repair_max_area_change`` (1 %), with a warning naming the feature; otherwise refused.
  A symmetric bow-tie has a signed area of 0, so any repair changes it "infinitely": refused.
- :func:`check_geometry` — missing, wrong type, invalid, outside the district.

Problems go to a sink (:class:`ProblemSink`) with 0-based positions; nothing is written.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from pyproj import CRS
from pyproj.exceptions import CRSError, ProjError
from shapely.geometry.base import BaseGeometry

from geo.chinese_offsets import geometry_to_wgs84
from geo.crs import AREA_CRS, STORE_CRS

__all__ = [
    "DISTRICT_TOLERANCE_M",
    "GEOMETRY_NAMES",
    "OUTSIDE_REGION",
    "ProblemSink",
    "check_geometry",
    "repair_polygons",
    "to_store_crs",
]

# Parcels traced along the district boundary differ from it by digitising noise: accept
# geometries within 1 m (measured in EPSG:4547) of the outline.
DISTRICT_TOLERANCE_M = 1.0
# the region is the workspace's (its towns' union), not a fixed district (issue 22)
OUTSIDE_REGION = (
    "位于工作库区域（各镇街范围之并）之外 / lies outside the workspace's region (its towns)"
)
GEOMETRY_NAMES = np.array(
    [
        "Point",
        "LineString",
        "LinearRing",
        "Polygon",
        "MultiPoint",
        "MultiLineString",
        "MultiPolygon",
        "GeometryCollection",
    ]
)
_FAMILY = {"Point": {"Point"}, "Polygon": {"Polygon", "MultiPolygon"}}
_OFFSET_SYSTEMS = ("gcj02", "bd09")


class ProblemSink(Protocol):
    """Where validation puts problems (refusals) and warnings, by 0-based position."""

    def add(self, pos: int | None, name: str, value: object, allowed: str) -> None: ...

    def warn(self, pos: int | None, name: str, value: object, allowed: str) -> None: ...

    def add_mask(self, mask: np.ndarray, raw: pd.Series, name: str, allowed: str) -> None: ...


def to_store_crs(frame: gpd.GeoDataFrame, coords: str, out: ProblemSink) -> gpd.GeoSeries | None:
    """The layer's geometries in EPSG:4326, or ``None`` after reporting why not."""
    geoms = frame.geometry
    offset = coords.lower() in _OFFSET_SYSTEMS
    try:
        if frame.crs is None:
            if not offset:
                out.add(None, "crs", None, "须声明坐标系（.prj）/ the layer must declare its CRS")
                return None
            return geometry_to_wgs84(geoms.set_crs(STORE_CRS), source=coords.lower())
        if offset:
            if not CRS.from_user_input(frame.crs).is_geographic:
                out.add(
                    None,
                    "crs",
                    str(frame.crs),
                    f"{coords} 坐标须为经纬度 / {coords} coordinates must be lon/lat degrees",
                )
                return None
            return geometry_to_wgs84(geoms.to_crs(STORE_CRS), source=coords.lower())
        return geoms.to_crs(STORE_CRS)
    except (CRSError, ProjError, ValueError) as exc:
        out.add(None, "crs", str(frame.crs), f"无法换算到 EPSG:4326 / cannot be converted: {exc}")
        return None


def _areas(geoms: np.ndarray) -> np.ndarray:
    return np.asarray(gpd.GeoSeries(geoms, crs=STORE_CRS).to_crs(AREA_CRS).area, dtype=float)


def _polygonal(geom: BaseGeometry) -> BaseGeometry:
    """The polygons of a ``make_valid`` result (it may add collapsed lines or points)."""
    if geom.geom_type in ("Polygon", "MultiPolygon"):
        return geom
    parts = [p for p in shapely.get_parts(geom) if p.geom_type in ("Polygon", "MultiPolygon")]
    return shapely.union_all(parts) if parts else shapely.Polygon()


def repair_polygons(
    geoms: gpd.GeoSeries, *, labels: Sequence[object], max_change: float, out: ProblemSink
) -> gpd.GeoSeries:
    """Repair invalid polygons with ``make_valid`` within ``max_change`` of their area.

    ``labels`` name each feature (its id) in the warning or refusal. Returns a new series.
    """
    arr = np.asarray(geoms.values)
    kinds = shapely.get_type_id(arr)
    polygons = ~shapely.is_missing(arr) & np.isin(kinds, (3, 6))
    invalid = np.flatnonzero(polygons & ~shapely.is_valid(arr))
    if not len(invalid):
        return geoms
    before = np.abs(_areas(arr[invalid]))
    fixed = np.array([_polygonal(g) for g in shapely.make_valid(arr[invalid])], dtype=object)
    after = _areas(fixed)
    with np.errstate(divide="ignore", invalid="ignore"):
        change = np.where(before > 0, np.abs(after - before) / before, np.inf)
    result = arr.copy()
    for pos, geom, old, ratio in zip(invalid, fixed, arr[invalid], change, strict=True):
        reason = shapely.is_valid_reason(old)
        label = labels[int(pos)]
        if ratio <= max_change and not geom.is_empty:
            result[pos] = geom
            out.warn(
                int(pos),
                "geometry",
                f"{label}: {reason}",
                f"已用 make_valid 修复，面积变化 {ratio:.2%} / repaired with make_valid, "
                f"area changed by {ratio:.2%}",
            )
            continue
        shown = "∞" if not np.isfinite(ratio) else f"{ratio:.1%}"
        out.add(
            int(pos),
            "geometry",
            f"{label}: {reason}",
            f"几何无效（自相交），修复将使面积变化 {shown}，超过 {max_change:.0%} / geometry is "
            f"not valid; repairing it would change its area by {shown}, more than "
            f"{max_change:.0%} ([import] repair_max_area_change)",
        )
    return gpd.GeoSeries(result, index=geoms.index, crs=geoms.crs, name=geoms.name)


def check_geometry(
    geoms: gpd.GeoSeries, geometry: str, district: BaseGeometry | None, out: ProblemSink
) -> None:
    """Report missing geometries, wrong types, invalid ones and those outside ``district``."""
    arr = np.asarray(geoms.values)
    missing = shapely.is_missing(arr) | shapely.is_empty(arr)
    nothing = pd.Series(np.full(len(arr), None, dtype=object))
    out.add_mask(missing, nothing, "geometry", "缺少几何 / geometry is missing")
    present = ~missing
    kinds = GEOMETRY_NAMES[shapely.get_type_id(arr)]
    wrong = present & ~pd.Series(kinds).isin(_FAMILY[geometry]).to_numpy()
    allowed = f"须为 {geometry} / must be a {geometry}"
    out.add_mask(wrong, pd.Series(kinds), "geometry", allowed)
    invalid = present & ~wrong & ~shapely.is_valid(arr)
    reasons = np.full(len(arr), None, dtype=object)
    reasons[invalid] = shapely.is_valid_reason(arr[invalid])
    out.add_mask(invalid, pd.Series(reasons), "geometry", "几何无效 / geometry must be valid")
    if district is None:
        return
    area = gpd.GeoSeries([district], crs=STORE_CRS).to_crs(AREA_CRS)
    allowed_area = area.buffer(DISTRICT_TOLERANCE_M).to_crs(STORE_CRS).iloc[0]
    shapely.prepare(allowed_area)
    outside = present & ~wrong & ~invalid & ~shapely.covers(allowed_area, arr)
    if outside.any():
        where = np.full(len(arr), None, dtype=object)
        xy = shapely.get_coordinates(shapely.point_on_surface(arr[outside]))
        where[outside] = [f"{x:.6f}, {y:.6f}" for x, y in xy]
        out.add_mask(outside, pd.Series(where), "geometry", OUTSIDE_REGION)
