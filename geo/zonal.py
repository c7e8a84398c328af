"""Raster zonal statistics over polygons: the mean of a raster inside each polygon.

``exactextract`` weighs every pixel by the fraction of it the polygon covers, so a small park
that holds no pixel centre still gets a value (rasterstats returns nothing for it; STACK_NOTES:
1 000 polygons on a 3 000² raster take 0.25 s against rasterstats' 1.87 s). The raster is opened
with rasterio and the polygons are reprojected to the raster's CRS, so any raster CRS works.
"""

from __future__ import annotations

import logging
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import rasterio
from exactextract import exact_extract
from exactextract.raster import RasterioRasterSource

from errors import WorkspaceError
from geo.crs import require_crs

__all__ = ["zonal_mean"]

log = logging.getLogger(__name__)


def zonal_mean(
    polygons: gpd.GeoDataFrame | gpd.GeoSeries, raster: str | Path, *, band: int = 1
) -> pd.Series:
    """Coverage-weighted mean of ``raster`` (band ``band``) inside each polygon.

    Parameters
    ----------
    polygons
        Polygons with a CRS (any; they are reprojected to the raster's CRS).
    raster
        Path of a GeoTIFF (or anything rasterio opens) with a CRS.
    band
        Band number, 1-based.

    Returns
    -------
    pandas.Series
        One float per polygon on the polygons' index; NaN where the polygon covers no valid
        pixel (outside the raster or only nodata).
    """
    require_crs(polygons, source="polygons")
    geoms = polygons.geometry if isinstance(polygons, gpd.GeoDataFrame) else polygons
    out = pd.Series(np.nan, index=geoms.index, name="zonal_mean", dtype=float)
    if len(geoms) == 0:
        return out
    path = Path(raster)
    if not path.exists():
        raise WorkspaceError(f"raster {path} does not exist")
    with rasterio.open(path) as src:
        if src.crs is None:
            raise WorkspaceError(f"raster {path.name} has no CRS; a GeoTIFF with a CRS is needed")
        frame = gpd.GeoDataFrame(
            {"_row": np.arange(len(geoms))},
            geometry=geoms.to_crs(src.crs).to_numpy(),
            crs=src.crs,
        )
        frame = frame[~frame.geometry.is_empty & frame.geometry.notna()]
        if frame.empty:
            return out
        result = exact_extract(
            RasterioRasterSource(src, band),
            frame,
            "mean",
            include_cols=["_row"],
            output="pandas",
            strategy="feature-sequential",
        )
    values = out.to_numpy().copy()
    values[result["_row"].to_numpy(dtype=int)] = result["mean"].to_numpy(dtype=float)
    log.info("zonal mean of %s over %s polygons", path.name, f"{len(frame):,}")
    return pd.Series(values, index=geoms.index, name="zonal_mean")
