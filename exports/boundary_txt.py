"""The 界址点坐标 TXT: the boundary-point exchange file of land submissions (DOMAIN.md §5).

Layout, exactly as the bureau's import tools read it::

    [属性描述]            header: version, producer, date, CGCS2000, 3-degree zones, Gauss-Krüger,
    …                     metres, zone 38, precision 0.001, empty transformation parameters
    [地块坐标]
    5,1.2345,DK001,某某地块,面,,工业用地,0601,@   points, 公顷, id, name, 面, sheet, use, class
    J1,1,2538027.123,38436407.456                point name, ring, X = northing, Y = easting

Coordinates are EPSG:4526 (zone 38, zone number in front of the easting), three decimals. Each
ring is closed by repeating its first point (same name); ring 1 is the outer ring of the first
part, holes and further parts count up. Following the cadastral convention (界址点 numbered
clockwise from the north-west corner, TD/T 1001 地籍调查规程), outer rings run clockwise and holes
anticlockwise, each starting at its most north-westerly vertex; names J1, J2 … run on across the
rings of a parcel. Text fields cannot hold the separators: ASCII commas become "，", line breaks
control characters and "@" are dropped, and formula-like text is neutralised.

Encoding: GBK by default. The desktop tools of the land-submission chain (e.g. 建设用地报批 and
土地整治 reporting software) are Windows programs that read these files in the ANSI code page,
which is GBK on Chinese Windows; UTF-8 on request. Lines end in CRLF for the same reason.
The writer is vectorised (no per-point Python loop): 100 000 parcels take seconds.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from errors import ValidationError
from exports.atomic import atomic_write_bytes
from exports.encodings import TextEncoding, encoding_problems
from exports.safe import neutralise_frame
from geo.crs import LAND_CRS

__all__ = ["HEADER_KEYS", "boundary_lines", "write_boundary_txt"]

HEADER_KEYS = (
    "格式版本号",
    "数据产生单位",
    "数据产生日期",
    "坐标系",
    "几度分带",
    "投影类型",
    "计量单位",
    "带号",
    "精度",
    "转换参数",
)
NEWLINE = "\r\n"
# control characters, Unicode line separators and the line-end marker "@"
LINE_BREAKING = r"[\x00-\x1f\x7f\x85\u2028\u2029@]"


def _header(*, producer: str, made: date) -> list[str]:
    values = {
        "格式版本号": "",
        "数据产生单位": _clean(pd.Series([producer])).iloc[0],
        "数据产生日期": made.isoformat(),
        "坐标系": "2000国家大地坐标系",
        "几度分带": "3",
        "投影类型": "高斯克吕格",
        "计量单位": "米",
        "带号": "38",
        "精度": "0.001",
        "转换参数": ",,,,,,",
    }
    return ["[属性描述]", *(f"{k}={values[k]}" for k in HEADER_KEYS), "[地块坐标]"]


def _clean(text: pd.Series) -> pd.Series:
    out = text.astype(object).where(text.notna(), "").astype(str)
    out = out.str.replace(",", "，", regex=False).str.replace(LINE_BREAKING, "", regex=True)
    return neutralise_frame(out.to_frame("v"))["v"].astype(str)


def _rings(geoms: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Coordinates of every ring without its closing point: (xy, parcel of ring, ring of point)."""
    oriented = shapely.orient_polygons(geoms, exterior_cw=True)
    polys, poly_parcel = shapely.get_parts(oriented, return_index=True)
    rings, ring_poly = shapely.get_rings(polys, return_index=True)
    xy, point_ring = shapely.get_coordinates(rings, return_index=True)
    counts = np.bincount(point_ring, minlength=len(rings))
    last = np.cumsum(counts) - 1
    keep = np.ones(len(xy), dtype=bool)
    keep[last] = False  # drop each ring's closing point; it is re-added after rotation
    return xy[keep], poly_parcel[ring_poly], point_ring[keep]


def _rotate_to_north_west(xy: np.ndarray, ring_of: np.ndarray, n_rings: int) -> np.ndarray:
    """Order of points so that each ring starts at its most north-westerly vertex."""
    counts = np.bincount(ring_of, minlength=n_rings)
    starts = np.concatenate([[0], np.cumsum(counts)[:-1]])
    local = np.arange(len(xy)) - starts[ring_of]
    key = xy[:, 0] - xy[:, 1]  # easting − northing: smallest is furthest north-west
    order = np.lexsort((local, key, ring_of))
    first = np.full(n_rings, -1)
    first_pos = order[np.r_[True, ring_of[order][1:] != ring_of[order][:-1]]]
    first[ring_of[first_pos]] = local[first_pos]
    shifted = (local + first[ring_of]) % np.maximum(counts[ring_of], 1)
    return starts[ring_of] + shifted


def boundary_lines(
    parcels: gpd.GeoDataFrame, *, producer: str = "", made: date | None = None
) -> list[str]:
    """The lines of the TXT for the parcel list ``parcels`` (columns of ``FIELDS``); an empty
    list gives the header alone."""
    if not len(parcels):
        return _header(producer=producer, made=made or date.today())
    geoms = parcels.geometry.to_crs(LAND_CRS).to_numpy()
    xy, ring_parcel, ring_of = _rings(geoms)
    n_rings = len(ring_parcel)
    xy = xy[_rotate_to_north_west(xy, ring_of, n_rings)]
    parcel_of = ring_parcel[ring_of]
    # ring number within the parcel: 1, 2, …
    ring_start = np.r_[True, ring_parcel[1:] != ring_parcel[:-1]]
    first_ring = np.maximum.accumulate(np.where(ring_start, np.arange(n_rings), 0))
    ring_no = np.arange(n_rings) - first_ring + 1
    # point number within the parcel, across rings: J1, J2, …
    parcel_start = np.r_[True, parcel_of[1:] != parcel_of[:-1]]
    first_point = np.maximum.accumulate(np.where(parcel_start, np.arange(len(xy)), 0))
    point_no = np.arange(len(xy)) - first_point + 1
    # closing points: each ring's first point again
    is_first = np.r_[True, ring_of[1:] != ring_of[:-1]]
    close = np.flatnonzero(is_first)
    rows = np.concatenate([np.arange(len(xy)), close])
    seq = np.concatenate([np.arange(len(xy)), np.r_[close[1:], len(xy)] - 0.5])
    order = np.argsort(seq, kind="stable")
    rows = rows[order]
    names = "J" + pd.Series(point_no[rows]).astype(str)
    points = (
        names
        + ","
        + pd.Series(ring_no[ring_of[rows]]).astype(str)
        + ","
        + pd.Series(np.char.mod("%.3f", xy[rows, 1]))
        + ","
        + pd.Series(np.char.mod("%.3f", xy[rows, 0]))
    )
    counts = np.bincount(parcel_of[rows], minlength=len(parcels))
    heads = (
        pd.Series(counts).astype(str)
        + ","
        + pd.Series(np.char.mod("%.4f", parcels["area_ha"].to_numpy(dtype=float)))
        + ","
        + _clean(parcels["parcel_id"]).reset_index(drop=True)
        + ","
        + _clean(parcels["name"]).reset_index(drop=True)
        + ",面,,"
        + _clean(parcels["current_use"]).reset_index(drop=True)
        + ","
        + _clean(parcels["land_class_code"]).reset_index(drop=True)
        + ",@"
    )
    body = np.concatenate([heads.to_numpy(dtype=object), points.to_numpy(dtype=object)])
    key_parcel = np.concatenate([np.arange(len(parcels)), parcel_of[rows]])
    key_kind = np.concatenate([np.zeros(len(parcels)), np.ones(len(rows))])
    body = body[np.lexsort((key_kind, key_parcel))]  # stable: points keep their order
    return [*_header(producer=producer, made=made or date.today()), *body.tolist()]


def write_boundary_txt(
    parcels: gpd.GeoDataFrame,
    path: str | Path,
    *,
    encoding: TextEncoding,
    producer: str = "",
    made: date | None = None,
) -> Path:
    """Write the 界址点坐标 TXT of the parcel list; text ``encoding`` GBK or UTF-8, CRLF lines.

    Raises :class:`errors.ValidationError` listing every name ``encoding`` cannot hold.
    """
    path = Path(path)
    problems = encoding_problems(
        pd.DataFrame(parcels.drop(columns="geometry")),
        encoding,
        source=path.name,
        id_column="parcel_id",
    )
    if problems:
        raise ValidationError(problems, source=f"{path.name} ({encoding.codec})")
    text = NEWLINE.join(boundary_lines(parcels, producer=producer, made=made)) + NEWLINE
    return atomic_write_bytes(path, text.encode(encoding.codec))
