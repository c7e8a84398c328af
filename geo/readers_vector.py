"""Read vector files: GeoPackage, GeoJSON, Shapefile, and zipped Shapefiles (or one GeoPackage or
GeoJSON in a zip), with the text encoding of a Shapefile without ``.cpg`` guessed and said so.

A Shapefile's ``.dbf`` does not say how its text is encoded unless a ``.cpg`` file (or the
language-driver byte of the header) does. Many Chinese GIS desktops write GBK without either.
GDAL would then read GBK bytes as Latin-1 and every Chinese name would be garbled, so when
neither is present the ``.dbf``'s text (field names and records) is tested: valid UTF-8 is read
as UTF-8, anything else as GBK, and a warning tells the user which was guessed.

Land-bureau Shapefiles name parcel fields by their short codes (DKBH 地块编号 …, DATA_MODEL.md):
they are mapped to the field names when the target layer is ``parcels``.
"""

from __future__ import annotations

import logging
import struct
import tempfile
import warnings
from pathlib import Path

import geopandas as gpd
import numpy as np
import pyogrio
import shapely

from errors import Problem, ValidationError
from geo.readers_gpkg import check_gpkg_schema
from geo.readers_guard import ReadLimits, extract_members, refusal
from geo.readers_signature import check_signature, confined_gdal, gdal_source
from geo.readers_types import RawFile

__all__ = ["SHAPEFILE_CODES", "dbf_encoding", "read_vector", "read_zip"]

log = logging.getLogger(__name__)

SHAPEFILE_CODES: dict[str, dict[str, str]] = {
    "parcels": {
        "DKBH": "parcel_id",
        "DKMC": "name",
        "ZJ": "town",
        "SJLX": "sanjiu_type",
        "QS": "ownership",
        "DKYT": "current_use",
        "DLBM": "land_class_code",
        "GHYT": "planned_use",
        "GZFS": "redevelopment_mode",
        "ZT": "status",
        "RKND": "inventory_year",
    },
}
_SHAPEFILE_PARTS = (".shp", ".shx", ".dbf")
_ZIP_MEMBERS = (".shp", ".shx", ".dbf", ".prj", ".cpg", ".gpkg", ".geojson", ".json")
_CP936_LDIDS = {0x4D, 0x7A}  # ESRI language-driver ids of code page 936 (GBK)


def _dbf_text(data: bytes) -> bytes:
    """The field names and the records of a dBASE file: the bytes that hold text."""
    if len(data) < 32:
        return b""
    header_len = struct.unpack("<H", data[8:10])[0]
    names = b"".join(
        data[at : at + 11].split(b"\0")[0] for at in range(32, min(header_len, len(data)) - 31, 32)
    )
    return names + data[header_len:]


def dbf_encoding(shp: Path) -> tuple[str | None, Problem | None]:
    """The encoding to read ``shp``'s text with, and the warning to show when it is a guess.

    ``None`` leaves the choice to GDAL: a ``.cpg`` or the header's language driver says it, or
    the text is plain ASCII.
    """
    dbf = shp.with_suffix(".dbf")
    if shp.with_suffix(".cpg").exists() or not dbf.exists():
        return None, None
    data = dbf.read_bytes()
    if len(data) > 29 and data[29] in _CP936_LDIDS:
        return None, None
    text = _dbf_text(data)
    if text.isascii():
        return None, None
    try:
        text.decode("utf-8")
    except UnicodeDecodeError:
        guess, why = (
            "GBK",
            "无 .cpg 文件，文字按 GBK 读取（推测）/ no .cpg: text read as GBK (guessed)",
        )
    else:
        guess, why = (
            "UTF-8",
            "无 .cpg 文件，文字按 UTF-8 读取（推测）/ no .cpg: text read as UTF-8 (guessed)",
        )
    return guess, Problem(shp.name, None, "encoding", guess, why)


def _pick_layer(path: Path, source: str, layer: str | None) -> str | None:
    """The layer of a multi-layer source to read: the one named ``layer``, or the only one."""
    try:
        listed = pyogrio.list_layers(source)
    except (pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError) as exc:
        raise refusal(path, "file", None, f"无法读取空间数据 / not readable: {exc}") from exc
    names = [str(n) for n, kind in listed if kind is not None]
    if len(listed) <= 1:
        return None
    if layer in names:
        return layer
    if len(names) == 1:
        return names[0]
    allowed = f"含多个图层，须有名为 {layer} 的图层 / several layers and none is called {layer}: "
    raise refusal(path, "layer", ", ".join(names), allowed + ", ".join(names))


def _with_codes(frame: gpd.GeoDataFrame, layer: str | None) -> gpd.GeoDataFrame:
    codes = SHAPEFILE_CODES.get(layer or "", {})
    present = {str(c) for c in frame.columns}
    renames = {
        c: codes[str(c).upper()]
        for c in frame.columns
        if str(c).upper() in codes and codes[str(c).upper()] not in present
    }
    return frame.rename(columns=renames) if renames else frame


def read_vector(path: Path, limits: ReadLimits, layer: str | None = None) -> RawFile:
    """A GeoPackage, GeoJSON or Shapefile as a GeoDataFrame (its own CRS, checked later)."""
    check_signature(path)
    if path.suffix.lower() == ".gpkg":
        check_gpkg_schema(path, limits)
    if ":" in str(path) and gdal_source(path) != str(path):
        # GDAL would read a colon after GPKG: as the start of a table name
        with tempfile.TemporaryDirectory(prefix="parkplan-name-") as tmp:
            alias = Path(tmp) / ("upload" + path.suffix.lower())
            alias.symlink_to(path.resolve())
            raw = _read_vector(alias, layer)
    else:
        raw = _read_vector(path, layer)
    _check_vertices(path, raw.frame, limits)
    return RawFile(raw.frame, raw.warnings, raw.row_offset)


def _check_vertices(path: Path, frame: gpd.GeoDataFrame, limits: ReadLimits) -> None:
    counts = shapely.get_num_coordinates(np.asarray(frame.geometry.values, dtype=object))
    over = counts > limits.max_vertices
    if over.any():
        pos = int(over.argmax())
        raise ValidationError(
            [
                Problem(
                    path.name,
                    pos + 1,
                    "geometry",
                    f"{int(counts[pos]):,} vertices",
                    f"一个图形最多 {limits.max_vertices:,} 个顶点 / a geometry may have at most "
                    f"{limits.max_vertices:,} vertices ([import] max_vertices)",
                )
            ],
            source=path.name,
        )


def _read_vector(path: Path, layer: str | None) -> RawFile:
    notes: list[Problem] = []
    encoding = None
    if path.suffix.lower() == ".shp":
        missing = [s for s in _SHAPEFILE_PARTS if not path.with_suffix(s).exists()]
        if missing:
            raise refusal(
                path,
                "file",
                ", ".join(missing),
                "Shapefile 缺少组成文件 / the Shapefile is missing these parts",
            )
        encoding, warning = dbf_encoding(path)
        if warning is not None:
            notes.append(warning)
    try:
        source = gdal_source(path)
        with warnings.catch_warnings(record=True) as noted, confined_gdal():
            warnings.simplefilter("always")  # GDAL's remarks on odd files
            frame = pyogrio.read_dataframe(
                source, layer=_pick_layer(path, source, layer), encoding=encoding
            )
        for note in noted:
            log.info("%s: %s", path.name, note.message)
    except (
        pyogrio.errors.DataSourceError,
        pyogrio.errors.DataLayerError,
        pyogrio.errors.FieldError,
        pyogrio.errors.GeometryError,
    ) as exc:
        raise refusal(path, "file", None, f"无法读取空间数据 / not readable: {exc}") from exc
    except UnicodeDecodeError as exc:
        raise refusal(
            path,
            "encoding",
            encoding,
            "文字编码与声明不符 / the text is not in the declared encoding",
        ) from exc
    return RawFile(_with_codes(frame, layer), tuple(notes), row_offset=1)


def read_zip(path: Path, limits: ReadLimits, layer: str | None = None) -> RawFile:
    """One dataset in a zip archive: a Shapefile (with or without .cpg/.prj), or one GeoPackage
    or GeoJSON. The archive is checked and extracted with byte caps first."""
    with tempfile.TemporaryDirectory(prefix="parkplan-zip-") as tmp:
        files = extract_members(path, Path(tmp), suffixes=_ZIP_MEMBERS, limits=limits)
        shps = [f for f in files if f.suffix.lower() == ".shp"]
        others = [f for f in files if f.suffix.lower() in (".gpkg", ".geojson", ".json")]
        datasets = shps or others
        if len(datasets) != 1:
            found = ", ".join(f.name for f in datasets) or "—"
            raise refusal(
                path,
                "archive",
                found,
                "压缩包须恰含一个 Shapefile、GeoPackage 或 GeoJSON / the archive must "
                "hold exactly one Shapefile, GeoPackage or GeoJSON",
            )
        target, shown = datasets[0], datasets[0].name
        if target.suffix.lower() == ".shp":  # GDAL finds the parts by exact stem and suffix
            for part in files:
                if part.stem.lower() == target.stem.lower():
                    part.rename(part.with_name("dataset" + part.suffix.lower()))
            target = target.with_name("dataset.shp")
        try:
            raw = read_vector(target, limits, layer)
        except ValidationError as exc:  # name the archive and the member, not the temp file
            problems = [
                Problem(path.name, p.row, p.field, p.value, f"{shown}: {p.allowed}")
                for p in exc.problems
            ]
            raise ValidationError(problems, source=path.name) from exc
        frame = raw.frame
    notes = tuple(
        Problem(path.name, None, w.field, w.value, f"{shown}: {w.allowed}") for w in raw.warnings
    )
    return RawFile(frame, notes, row_offset=1)
