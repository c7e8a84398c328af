"""Display geometry: simplified and snapped copies of the stored layers, and the shift to a
basemap's coordinates (GCJ-02 for Gaode). Only for display: stored data are never changed."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geo.chinese_offsets import from_wgs84, geometry_from_wgs84
from geo.crs import AREA_CRS, require_crs

__all__ = ["display_points", "display_polygons", "shift_points", "shift_polygons"]


def display_polygons(
    gdf: gpd.GeoDataFrame, *, tolerance_m: float = 2.0, decimals: int = 6
) -> gpd.GeoDataFrame:
    """A copy of ``gdf`` simplified for display: in metres (EPSG:4547), then back to EPSG:4326
    and snapped to ``decimals`` places (6 ≈ 0.1 m). Polygons stay valid and never vanish: a
    feature that simplification would empty keeps its original (snapped) shape."""
    require_crs(gdf, source="display layer")
    if gdf.empty:
        return gdf.copy()
    metres = gdf.geometry.to_crs(AREA_CRS)
    simple = metres.simplify(tolerance_m, preserve_topology=True).to_crs(gdf.crs)
    grid = 10.0**-decimals
    snapped = shapely.set_precision(np.asarray(simple.values), grid)
    original = shapely.set_precision(np.asarray(gdf.geometry.values), grid)
    bad = shapely.is_empty(snapped) | ~shapely.is_valid(snapped)
    snapped[bad] = original[bad]
    out = gdf.copy()
    out["geometry"] = gpd.GeoSeries(snapped, index=gdf.index, crs=gdf.crs)
    return out


def display_points(gdf: gpd.GeoDataFrame, *, decimals: int = 5) -> pd.DataFrame:
    """A point layer's display frame: its attributes (no geometry) and ``x``/``y`` rounded to
    ``decimals`` (5 ≈ 1 m), on its index."""
    require_crs(gdf, source="display layer")
    out = pd.DataFrame(gdf.drop(columns=gdf.geometry.name))
    out["x"] = np.round(gdf.geometry.x.to_numpy(), decimals)
    out["y"] = np.round(gdf.geometry.y.to_numpy(), decimals)
    return out


def shift_polygons(geoms: gpd.GeoSeries, offset: str, *, decimals: int = 6) -> gpd.GeoSeries:
    """Display geometry for a basemap in ``offset`` coordinates (``gcj02`` for Gaode); WGS84
    geometry is returned unchanged. Only for display: stored data are never shifted."""
    if offset == "wgs84" or geoms.empty:
        return geoms
    moved = geometry_from_wgs84(geoms, target=offset)
    snapped = shapely.set_precision(np.asarray(moved.values), 10.0**-decimals)
    return gpd.GeoSeries(snapped, index=geoms.index, crs=geoms.crs)


def shift_points(xy: pd.DataFrame, offset: str, *, decimals: int = 5) -> pd.DataFrame:
    """``x``/``y`` moved to ``offset`` coordinates for display (see :func:`shift_polygons`)."""
    if offset == "wgs84" or xy.empty:
        return xy
    x, y = from_wgs84(xy["x"].to_numpy(), xy["y"].to_numpy(), target=offset)
    return xy.assign(x=np.round(x, decimals), y=np.round(y, decimals))
