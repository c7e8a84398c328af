"""Read the files bureaus hand over: CSV, Excel, GeoPackage, Shapefile, GeoJSON.

Tables are read as text so that validation sees exactly what the user typed ("12,5", "是",
"3360.0") and can name it in its message. CSV is tried as UTF-8 (with or without BOM) first,
then GBK, the encoding many Chinese offices still save in.
"""

from __future__ import annotations

import logging
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio
from shapely.geometry.base import BaseGeometry

from errors import Problem, ValidationError
from geo.validate import validate_layer

__all__ = ["TABLE_SUFFIXES", "VECTOR_SUFFIXES", "read_layer_file", "read_raw"]

log = logging.getLogger(__name__)

TABLE_SUFFIXES = (".csv", ".xlsx", ".xlsm")
VECTOR_SUFFIXES = (".gpkg", ".shp", ".geojson", ".json", ".zip")
_CSV_ENCODINGS = ("utf-8-sig", "gbk")


def _fail(path: Path, field: str, value: object, allowed: str) -> ValidationError:
    return ValidationError([Problem(path.name, None, field, value, allowed)], source=path.name)


def _read_csv(path: Path) -> pd.DataFrame:
    for encoding in _CSV_ENCODINGS:
        try:
            return pd.read_csv(path, dtype=str, keep_default_na=False, encoding=encoding)
        except UnicodeDecodeError:
            continue
        except pd.errors.ParserError as exc:
            raise _fail(path, "file", None, f"CSV 格式错误 / not a readable CSV: {exc}") from exc
    raise _fail(path, "encoding", None, "须为 UTF-8 或 GBK 编码 / must be UTF-8 or GBK encoded")


def read_raw(path: str | Path) -> pd.DataFrame | gpd.GeoDataFrame:
    """Read a file as it is, without checking it against any layer."""
    path = Path(path)
    suffix = path.suffix.lower()
    if not path.exists():
        raise _fail(path, "file", str(path), "文件不存在 / the file does not exist")
    if suffix == ".csv":
        return _read_csv(path)
    if suffix in (".xlsx", ".xlsm"):
        try:
            return pd.read_excel(path, dtype=str, keep_default_na=False, engine="openpyxl")
        except Exception as exc:  # openpyxl raises many types for a damaged workbook
            raise _fail(
                path, "file", None, f"无法读取 Excel / not a readable workbook: {exc}"
            ) from exc
    if suffix in VECTOR_SUFFIXES:
        try:
            return gpd.read_file(path, engine="pyogrio")
        except (pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError) as exc:
            raise _fail(path, "file", None, f"无法读取空间数据 / not readable: {exc}") from exc
    allowed = "须为 / must be one of: " + ", ".join(TABLE_SUFFIXES + VECTOR_SUFFIXES)
    raise _fail(path, "file type", suffix, allowed)


def read_layer_file(
    path: str | Path,
    *,
    layer: str,
    coords: str = "wgs84",
    district: BaseGeometry | None = None,
) -> gpd.GeoDataFrame:
    """Read ``path`` and validate it as ``layer``; raise one error listing every problem."""
    path = Path(path)
    raw = read_raw(path)
    row_offset = 1 if isinstance(raw, gpd.GeoDataFrame) else 2
    gdf = validate_layer(
        raw, layer, source=path.name, district=district, coords=coords, row_offset=row_offset
    )
    log.info("read %s: %d %s", path.name, len(gdf), layer)
    return gdf
