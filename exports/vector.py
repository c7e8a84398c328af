"""The parcel list as GIS files: GeoPackage, and a zipped Shapefile with short field codes.

Both carry the land systems' short codes (DKBH, DKMC … ZXY; DOMAIN.md §5, DATA_MODEL.md) as field
names, in the export CRS (EPSG:4526 by default). Written through pyogrio with Arrow, which writes
100 000 parcels in seconds.

The GeoPackage records the provenance (scenario, parameters, data version, time) in its
dataset metadata. The Shapefile zip holds .shp .shx .dbf .prj .cpg; the .cpg says ``UTF-8`` or
``936`` (GBK) and, for GBK, the .dbf header carries the matching language driver id (0x4D), so
ArcGIS, QGIS and GDAL each pick the right code page; the .prj is GDAL's Esri WKT, which names
``CGCS2000_3_Degree_GK_Zone_38``.
"""

from __future__ import annotations

import json
import tempfile
import zipfile
from dataclasses import asdict
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio

from errors import Problem, ValidationError
from exports.atomic import atomic_path, publish
from exports.coords import ExportCrs
from exports.encodings import TextEncoding, encoding_problems
from exports.parcel_list import FIELDS, codes
from exports.safe import neutralise_frame
from exports.tables import Provenance

__all__ = ["DBF_MAX_BYTES", "LAYER", "coded_frame", "write_gpkg", "write_shapefile_zip"]

LAYER = "sanjiu_parcels"
DBF_MAX_BYTES = 254
SHAPEFILE_PARTS = (".shp", ".shx", ".dbf", ".prj", ".cpg")


def coded_frame(parcels: gpd.GeoDataFrame, crs: ExportCrs) -> gpd.GeoDataFrame:
    """The list with short-code field names, text neutralised, geometry in ``crs``."""
    frame = pd.DataFrame(parcels[[f.name for f in FIELDS]]).rename(columns=codes())
    frame = neutralise_frame(frame)
    geometry = parcels.geometry.to_crs(crs.epsg).to_numpy()
    return gpd.GeoDataFrame(frame, geometry=geometry, crs=crs.epsg)


def _metadata(provenance: Provenance) -> dict[str, str]:
    record = asdict(provenance)
    record["parameters"] = json.dumps(record["parameters"], ensure_ascii=False, default=str)
    return {k: str(v) for k, v in record.items()}


def write_gpkg(
    parcels: gpd.GeoDataFrame,
    path: str | Path,
    *,
    crs: ExportCrs,
    provenance: Provenance,
    layer: str = LAYER,
) -> Path:
    """Write the list as a GeoPackage layer (``sanjiu_parcels`` unless named; UTF-8,
    provenance in metadata)."""
    path = Path(path)
    frame = coded_frame(parcels, crs)
    with atomic_path(path) as tmp:
        pyogrio.write_dataframe(
            frame,
            tmp,
            layer=layer,
            driver="GPKG",
            use_arrow=True,
            dataset_metadata=_metadata(provenance),
        )
    return path


def _too_long(frame: pd.DataFrame, encoding: TextEncoding) -> list[Problem]:
    problems = []
    for column in frame.columns:
        if column == "geometry" or frame[column].dtype.kind == "f":
            continue
        size = frame[column].astype(str).map(lambda v: len(v.encode(encoding.codec, "replace")))
        for pos in (size > DBF_MAX_BYTES).to_numpy().nonzero()[0]:
            problems.append(
                Problem(
                    "shapefile",
                    int(pos) + 1,
                    str(column),
                    frame[column].iloc[pos],
                    f"a .dbf text field holds at most {DBF_MAX_BYTES} bytes in {encoding.codec}",
                )
            )
    return problems


def _set_language_driver(dbf: Path, ldid: int) -> None:
    with open(dbf, "r+b") as fh:
        fh.seek(29)
        fh.write(bytes([ldid]))


def write_shapefile_zip(
    parcels: gpd.GeoDataFrame,
    path: str | Path,
    *,
    crs: ExportCrs,
    encoding: TextEncoding,
    provenance: Provenance,
) -> Path:
    """Write the list as a zipped Shapefile (``<stem>.shp`` … inside ``path``).

    Raises :class:`errors.ValidationError` listing every text that ``encoding`` cannot hold or
    that exceeds a .dbf field, before anything is written.
    """
    path = Path(path)
    frame = coded_frame(parcels, crs)
    problems = encoding_problems(frame, encoding, source="shapefile", id_column="DKBH")
    problems += _too_long(frame, encoding)
    if problems:
        raise ValidationError(problems, source=f"{path.name} ({encoding.codec})")
    stem = path.stem
    with tempfile.TemporaryDirectory() as tmp:
        shp = Path(tmp) / f"{stem}.shp"
        pyogrio.write_dataframe(
            frame, shp, driver="ESRI Shapefile", encoding=encoding.codec, use_arrow=True
        )
        shp.with_suffix(".cpg").write_text(encoding.cpg, encoding="ascii")
        _set_language_driver(shp.with_suffix(".dbf"), encoding.ldid)
        tmp_zip = Path(tmp) / "out.zip"
        with zipfile.ZipFile(tmp_zip, "w", compression=zipfile.ZIP_DEFLATED) as zf:
            for suffix in SHAPEFILE_PARTS:
                zf.write(shp.with_suffix(suffix), arcname=f"{stem}{suffix}")
            zf.writestr(
                f"{stem}.provenance.json",
                json.dumps(asdict(provenance), ensure_ascii=False, indent=2, default=str),
            )
        publish({path: tmp_zip})
    return path
