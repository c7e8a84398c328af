"""Raster zonal statistics over polygons: the mean of a raster inside each polygon.

``exactextract`` weighs every pixel by the fraction of it the polygon covers, so a small park
that holds no pixel centre still gets a value (rasterstats returns nothing for it; STACK_NOTES:
1 000 polygons on a 3 000² raster take 0.25 s against rasterstats' 1.87 s). The raster is opened
with rasterio and the polygons are reprojected to the raster's CRS, so any raster CRS works.

Speed: exactextract's GeoDataFrame source builds a GeoJSON dict per feature and its rasterio
source reads one window per feature; 30 000 parks took 37 s that way. Here the polygons go in
as WKB (one vectorised ``shapely.to_wkb``) and a raster of up to :data:`IN_MEMORY_CELLS` cells is
read once into memory (larger ones are still read window by window): 3.6 s for 30 000 parks.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import rasterio
import shapely
from exactextract import exact_extract
from exactextract.feature import Feature, FeatureSource
from exactextract.raster import NumPyRasterSource, RasterioRasterSource, RasterSource

from errors import WorkspaceError
from geo.crs import require_crs

__all__ = ["IN_MEMORY_CELLS", "zonal_mean"]

log = logging.getLogger(__name__)

IN_MEMORY_CELLS = 100_000_000  # 400 MB of float32


class _WkbFeature(Feature):
    """A polygon as WKB with its row number (the only attribute exactextract reads back)."""

    def __init__(self, wkb: bytes, row: int) -> None:
        Feature.__init__(self)
        self._wkb, self._row = wkb, row

    def geometry(self) -> bytes:
        return self._wkb

    def set_geometry_format(self) -> str:
        return "wkb"

    def get(self, name: str) -> int:
        return self._row

    def fields(self) -> list[str]:
        return ["_row"]


class _WkbSource(FeatureSource):
    def __init__(self, wkbs: np.ndarray, rows: np.ndarray, srs_wkt: str) -> None:
        super().__init__()
        self._wkbs, self._rows, self._srs = wkbs, rows, srs_wkt

    def count(self) -> int:
        return len(self._wkbs)

    def __iter__(self) -> Iterator[_WkbFeature]:
        for wkb, row in zip(self._wkbs, self._rows, strict=True):
            yield _WkbFeature(wkb, int(row))

    def srs_wkt(self) -> str:
        return self._srs


def _raster_source(src: rasterio.DatasetReader, band: int) -> RasterSource:
    if src.width * src.height > IN_MEMORY_CELLS:
        return RasterioRasterSource(src, band)
    b = src.bounds
    return NumPyRasterSource(
        src.read(band),
        b.left,
        b.bottom,
        b.right,
        b.top,
        nodata=src.nodata,
        srs_wkt=src.crs.to_wkt(),
    )


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
    values = np.full(len(geoms), np.nan)
    path = Path(raster)
    if not path.exists():
        raise WorkspaceError(f"raster {path} does not exist")
    with rasterio.open(path) as src:
        if src.crs is None:
            raise WorkspaceError(f"raster {path.name} has no CRS; a GeoTIFF with a CRS is needed")
        shapes = geoms.to_crs(src.crs).to_numpy()
        rows = np.flatnonzero(~(shapely.is_empty(shapes) | shapely.is_missing(shapes)))
        if len(rows):
            result = exact_extract(
                _raster_source(src, band),
                _WkbSource(shapely.to_wkb(shapes[rows]), rows, src.crs.to_wkt()),
                "mean",
                include_cols=["_row"],
                output="pandas",
            )
            values[result["_row"].to_numpy(dtype=int)] = result["mean"].to_numpy(dtype=float)
    log.info("zonal mean of %s over %s polygons", path.name, f"{len(rows):,}")
    return pd.Series(values, index=geoms.index, name="zonal_mean")
