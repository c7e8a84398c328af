"""The registry of parcel-list formats: one writer per format, one call to write any of them.

``FORMATS[key].write(parcels, path, context)`` writes the list and returns every file it made
(a CSV also makes its provenance sidecar). Keys: ``gpkg``, ``shp`` (zipped), ``xlsx``, ``csv``,
``txt``. The briefing (PDF) and the whole pack (zip) build on these in :mod:`exports.pack`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import geopandas as gpd
import pandas as pd

from errors import UnknownKeyError
from exports.boundary_txt import write_boundary_txt
from exports.coords import DEFAULT_CRS, ExportCrs, export_crs
from exports.encodings import TextEncoding, text_encoding
from exports.parcel_list import FIELDS, codes
from exports.tables import Provenance, write_csv, write_xlsx
from exports.vector import LAYER, write_gpkg, write_shapefile_zip

__all__ = ["FORMATS", "ExportContext", "ParcelFormat", "parcel_format", "table_frame"]

SHEET = "地块清单"


@dataclass(frozen=True)
class ExportContext:
    """What every writer needs besides the list: provenance, CRS, text encoding, producer, and
    the names of the GeoPackage layer and the workbook's sheet (the parcel list's by default)."""

    provenance: Provenance
    crs: ExportCrs = field(default_factory=lambda: export_crs(DEFAULT_CRS))
    encoding: TextEncoding = field(default_factory=lambda: text_encoding("utf-8"))
    producer: str = ""
    layer: str = LAYER
    sheet: str = SHEET


Writer = Callable[[gpd.GeoDataFrame, Path, ExportContext], list[Path]]


@dataclass(frozen=True)
class ParcelFormat:
    """One file format of the parcel list."""

    key: str
    suffix: str
    label_zh: str
    label_en: str
    write: Writer

    def label(self, lang: str = "zh") -> str:
        return self.label_zh if lang == "zh" else self.label_en


def table_frame(parcels: pd.DataFrame) -> pd.DataFrame:
    """The list as a plain table with short-code columns (no geometry)."""
    return pd.DataFrame(parcels[[f.name for f in FIELDS]]).rename(columns=codes())


def _code_labels() -> dict[str, str]:
    return {f.code: f.label_zh for f in FIELDS}


def _gpkg(parcels: gpd.GeoDataFrame, path: Path, ctx: ExportContext) -> list[Path]:
    return [write_gpkg(parcels, path, crs=ctx.crs, provenance=ctx.provenance, layer=ctx.layer)]


def _shp(parcels: gpd.GeoDataFrame, path: Path, ctx: ExportContext) -> list[Path]:
    return [
        write_shapefile_zip(
            parcels, path, crs=ctx.crs, encoding=ctx.encoding, provenance=ctx.provenance
        )
    ]


def _xlsx(parcels: gpd.GeoDataFrame, path: Path, ctx: ExportContext) -> list[Path]:
    write_xlsx(
        {ctx.sheet: table_frame(parcels)}, path, provenance=ctx.provenance, labels=_code_labels()
    )
    return [path]


def _csv(parcels: gpd.GeoDataFrame, path: Path, ctx: ExportContext) -> list[Path]:
    sidecar = write_csv(
        table_frame(parcels), path, provenance=ctx.provenance, labels=_code_labels()
    )
    return [path, sidecar]


def _txt(parcels: gpd.GeoDataFrame, path: Path, ctx: ExportContext) -> list[Path]:
    made = date.fromisoformat(ctx.provenance.created[:10])
    return [
        write_boundary_txt(parcels, path, encoding=ctx.encoding, producer=ctx.producer, made=made)
    ]


FORMATS: dict[str, ParcelFormat] = {
    f.key: f
    for f in (
        ParcelFormat("gpkg", ".gpkg", "GeoPackage", "GeoPackage", _gpkg),
        ParcelFormat("shp", ".zip", "Shapefile（压缩包）", "Shapefile (zip)", _shp),
        ParcelFormat("xlsx", ".xlsx", "Excel 表格", "Excel workbook", _xlsx),
        ParcelFormat("csv", ".csv", "CSV（UTF-8 BOM）", "CSV (UTF-8 BOM)", _csv),
        ParcelFormat("txt", ".txt", "界址点坐标 TXT", "Boundary-point TXT", _txt),
    )
}  # fmt: skip


def parcel_format(key: str) -> ParcelFormat:
    """The format called ``key``; unknown keys list the known ones."""
    if key not in FORMATS:
        raise UnknownKeyError("parcel-list format", key, list(FORMATS))
    return FORMATS[key]
