"""Park geometry for the retrofit score: which park a point lies in, distances, covered shares.

Plain shapely 2 over whole arrays (one STRtree query each, no per-row Python), so the same code
serves 242 parks and 30 000. Distances and areas are measured in EPSG:4547 (DOMAIN.md §4).

Seams: :func:`points_in_polygons` (the spatial join of firms to parks),
:func:`nearest_distance_m` (park to nearest heat source / sewage plant),
:func:`covered_share` (share of each park covered by a set of parcels, each m² once).
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geo.crs import AREA_CRS, require_crs

__all__ = ["containing_polygon", "covered_share", "nearest_distance_m", "points_in_polygons"]


def containing_polygon(
    points: gpd.GeoSeries | gpd.GeoDataFrame, polygons: gpd.GeoDataFrame | gpd.GeoSeries
) -> np.ndarray:
    """Position (0-based) of the polygon each point lies in; -1 outside every polygon.

    A point on a shared edge, or inside two overlapping polygons, goes to the first polygon
    in the polygons' order. Both layers must have a CRS; the points are reprojected to the
    polygons' CRS when they differ.
    """
    require_crs(points, source="points")
    require_crs(polygons, source="polygons")
    geoms = points.geometry if isinstance(points, gpd.GeoDataFrame) else points
    shapes = polygons.geometry if isinstance(polygons, gpd.GeoDataFrame) else polygons
    if not geoms.crs.equals(shapes.crs):
        geoms = geoms.to_crs(shapes.crs)
    out = np.full(len(geoms), -1, dtype=np.int64)
    if len(geoms) and len(shapes):
        tree = shapely.STRtree(shapes.to_numpy())
        pt, poly = tree.query(geoms.to_numpy(), predicate="intersects")
        if len(pt):
            # first polygon per point: sort by (point, polygon order) and keep the first
            order = np.lexsort((poly, pt))
            pt, poly = pt[order], poly[order]
            first = np.r_[True, pt[1:] != pt[:-1]]
            out[pt[first]] = poly[first]
    return out


def points_in_polygons(
    points: gpd.GeoSeries | gpd.GeoDataFrame, polygons: gpd.GeoDataFrame, *, id_column: str
) -> pd.Series:
    """The ``id_column`` value of the polygon each point lies in (NaN outside every polygon).

    See :func:`containing_polygon` for edges, overlaps and CRS.
    """
    pos = containing_polygon(points, polygons)
    ids = np.append(polygons[id_column].to_numpy(dtype=object), np.nan)
    index = points.index
    return pd.Series(ids[pos], index=index, name=id_column)  # -1 → the appended NaN


def nearest_distance_m(polygons: gpd.GeoDataFrame, targets: gpd.GeoDataFrame) -> pd.Series:
    """Distance in metres (EPSG:4547) from each polygon to the nearest target geometry.

    Zero when a target lies inside the polygon; NaN for every polygon when there is no target.
    """
    require_crs(polygons, source="parks")
    require_crs(targets, source="targets")
    out = pd.Series(np.nan, index=polygons.index, name="distance_m", dtype=float)
    if polygons.empty or targets.empty:
        return out
    a = polygons.geometry.to_crs(AREA_CRS).to_numpy()
    b = targets.geometry.to_crs(AREA_CRS).to_numpy()
    tree = shapely.STRtree(b)
    (left, _right), dist = tree.query_nearest(a, return_distance=True, all_matches=False)
    values = out.to_numpy().copy()
    values[left] = dist
    return pd.Series(values, index=polygons.index, name="distance_m")


def covered_share(polygons: gpd.GeoDataFrame, cover: gpd.GeoDataFrame) -> pd.Series:
    """Share (0–1) of each polygon's area covered by ``cover``, each square metre counted once.

    Areas in EPSG:4547. Overlapping cover parcels are merged per polygon before measuring.
    """
    require_crs(polygons, source="parks")
    require_crs(cover, source="parcels")
    out = pd.Series(0.0, index=polygons.index, name="covered_share")
    if polygons.empty or cover.empty:
        return out
    a = polygons.geometry.to_crs(AREA_CRS).to_numpy()
    b = cover.geometry.to_crs(AREA_CRS).to_numpy()
    left, right = shapely.STRtree(b).query(a, predicate="intersects")
    if len(left) == 0:
        return out
    pieces = shapely.intersection(a[left], b[right])
    frame = pd.DataFrame({"poly": left, "piece": pieces, "area": shapely.area(pieces)})
    single = frame.groupby("poly")["poly"].transform("size") == 1
    covered = frame.loc[single].groupby("poly")["area"].sum()
    multi = frame.loc[~single]
    if len(multi):
        merged = multi.groupby("poly")["piece"].agg(lambda s: shapely.union_all(s.to_numpy()))
        covered = pd.concat(
            [covered, pd.Series(shapely.area(merged.to_numpy()), index=merged.index)]
        )
    area = shapely.area(a)
    values = np.zeros(len(a))
    values[covered.index.to_numpy(dtype=int)] = covered.to_numpy()
    share = np.clip(np.divide(values, area, out=np.zeros_like(values), where=area > 0), 0.0, 1.0)
    return pd.Series(share, index=polygons.index, name="covered_share")
