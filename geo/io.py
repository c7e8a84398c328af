"""Read the files bureaus hand over and check them against a layer: the one entry for callers.

Reading (with the guards against hostile files) is :mod:`geo.readers`; the contract is
:mod:`geo.validate`. Tables are read as text so that validation sees exactly what the user typed
("12,5", "是", "3360.0") and can name it in its message.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import pandas as pd
from shapely.geometry.base import BaseGeometry

from errors import Problem
from geo.readers import READERS, RawFile, read_file
from geo.readers_guard import ReadLimits
from geo.validate import REPAIR_MAX_AREA_CHANGE, check_layer

__all__ = ["SUFFIXES", "LayerFile", "check_raw", "read_checked", "read_layer_file", "read_raw"]

log = logging.getLogger(__name__)

SUFFIXES = tuple(READERS)


@dataclass(frozen=True)
class LayerFile:
    """A file that passed the contract of a layer, and what the user should be told about it."""

    frame: gpd.GeoDataFrame
    warnings: tuple[Problem, ...]
    row_offset: int = 2


def read_raw(
    path: str | Path, *, layer: str | None = None, limits: ReadLimits | None = None
) -> pd.DataFrame | gpd.GeoDataFrame:
    """Read a file as it is, without checking it against any layer (hostile files refused)."""
    return read_file(path, layer=layer, limits=limits).frame


def read_checked(
    path: str | Path,
    *,
    layer: str,
    coords: str = "wgs84",
    district: BaseGeometry | None = None,
    limits: ReadLimits | None = None,
    repair_max_area_change: float = REPAIR_MAX_AREA_CHANGE,
    extra_columns: dict[str, str] | None = None,
) -> LayerFile:
    """Read ``path`` and check it as ``layer``: the clean frame and every warning.

    ``extra_columns`` adds columns the file may lack (e.g. ``survey_year`` from ``--year``),
    keyed by field name; a column the file has (under any accepted header) is kept.

    Raises
    ------
    errors.ValidationError
        One error listing every problem (refusals of hostile files have one problem).
    """
    path = Path(path)
    raw = read_file(path, layer=layer, limits=limits)
    return check_raw(
        raw,
        source=path.name,
        layer=layer,
        coords=coords,
        district=district,
        repair_max_area_change=repair_max_area_change,
        extra_columns=extra_columns,
    )


def check_raw(
    raw: RawFile,
    *,
    source: str,
    layer: str,
    coords: str = "wgs84",
    district: BaseGeometry | None = None,
    repair_max_area_change: float = REPAIR_MAX_AREA_CHANGE,
    extra_columns: dict[str, str] | None = None,
) -> LayerFile:
    """:func:`read_checked` for a file already read (same options and errors)."""
    frame = raw.frame
    if extra_columns:
        from geo.schema import layer_schema

        headers = layer_schema(layer).header_map()
        given = {headers.get(str(c).strip().lower()) for c in frame.columns}
        missing = {k: v for k, v in extra_columns.items() if k not in given}
        if missing:
            frame = frame.assign(**missing)
    checked = check_layer(
        frame,
        layer,
        source=source,
        district=district,
        coords=coords,
        row_offset=raw.row_offset,
        repair_max_area_change=repair_max_area_change,
    )
    log.info("read %s: %d %s", source, len(checked.frame), layer)
    return LayerFile(checked.frame, raw.warnings + checked.warnings, raw.row_offset)


def read_layer_file(
    path: str | Path,
    *,
    layer: str,
    coords: str = "wgs84",
    district: BaseGeometry | None = None,
) -> gpd.GeoDataFrame:
    """Read ``path`` and validate it as ``layer``; raise one error listing every problem."""
    return read_checked(path, layer=layer, coords=coords, district=district).frame
