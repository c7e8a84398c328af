"""Validate a layer where it enters: coerce types, check codes and geometry, report every problem.

A planner fixing a spreadsheet wants all 40 problems, not the first: problems are collected for
the whole file and raised once as :class:`errors.ValidationError` (after osmnx ``_validate.py``).
Nothing is written anywhere by this module.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd
from shapely.geometry.base import BaseGeometry

from errors import Problem, ValidationError
from geo.chinese_offsets import COORD_SYSTEMS, to_wgs84
from geo.codes import industry_problem, uscc_problem, uscc_valid_mask
from geo.crs import STORE_CRS
from geo.problems import ProblemLog
from geo.schema import Field, LayerSchema, layer_schema
from geo.validate_geometry import check_geometry, repair_polygons, to_store_crs
from geo.validate_numbers import COMMA_ALLOWED, blank_cells, parse_numbers

__all__ = [
    "FALSE_WORDS",
    "LAT_HEADERS",
    "LON_HEADERS",
    "MAX_PROBLEMS",
    "REPAIR_MAX_AREA_CHANGE",
    "TRUE_WORDS",
    "Checked",
    "check_layer",
    "validate_layer",
]

log = logging.getLogger(__name__)

TRUE_WORDS = frozenset({"true", "t", "yes", "y", "1", "1.0", "是", "有", "√", "✓"})
FALSE_WORDS = frozenset({"false", "f", "no", "n", "0", "0.0", "否", "无", "×", "✗"})
LON_HEADERS = ("lon", "lng", "longitude", "经度", "x")
LAT_HEADERS = ("lat", "latitude", "纬度", "y")

# Numbers beyond this are typing slips or attacks (inf, 1e309), and would overflow integer columns.
MAX_NUMBER = 1e15
# Problems kept for the user; the rest are counted (config [import] max_problems).
MAX_PROBLEMS = 1000
# make_valid may change a polygon's area by this share at most (config [import]).
REPAIR_MAX_AREA_CHANGE = 0.01


class _Collector(ProblemLog):
    """The problems of one layer's file (every one kept, as columns) and its warnings."""

    def __init__(self, source: str, row_offset: int, schema: LayerSchema) -> None:
        super().__init__(source, row_offset)
        self.schema = schema
        self.warnings: list[Problem] = []

    def field_name(self, name: str) -> str:
        try:
            f = self.schema.field(name)
        except KeyError:
            return name
        return f"{f.name}（{f.label_zh}）"

    def add(self, pos: int | None, name: str, value: object, allowed: str) -> None:
        super().add(pos, self.field_name(name), value, allowed)

    def warn(self, pos: int | None, name: str, value: object, allowed: str) -> None:
        row = None if pos is None else pos + self.row_offset
        self.warnings.append(Problem(self.source, row, self.field_name(name), value, allowed))

    def add_mask(self, mask: np.ndarray, raw: pd.Series, name: str, allowed: str) -> None:
        """A problem for each true cell of ``mask``, with the cell's value."""
        positions = np.flatnonzero(mask)
        if len(positions):
            values = raw.to_numpy(dtype=object)[positions]
            self.add_positions(positions, values, self.field_name(name), allowed)


def _absent(f: Field, index: pd.Index) -> pd.Series:
    """An optional column the file does not have: its default, or empty."""
    if f.default is not None:
        return pd.Series(f.default, index=index)
    dtype = {"int": "Int64", "float": "float64"}.get(f.kind, object)
    return pd.Series(None, index=index, dtype=dtype)


# Each check returns the clean column and where the file left it blank (for "required").
CheckedColumn = tuple[pd.Series, np.ndarray]


def _check_number(f: Field, raw: pd.Series, out: _Collector) -> CheckedColumn:
    num, bad_comma = parse_numbers(raw)
    unread = num.isna().to_numpy()
    blank = np.zeros(len(raw), dtype=bool)  # a cell read as a number is not blank
    if unread.any():
        blank[unread] = blank_cells(raw[unread])
    out.add_mask(bad_comma, raw, f.name, COMMA_ALLOWED)
    bad = ~blank & ~bad_comma & num.isna().to_numpy()
    out.add_mask(bad, raw, f.name, "须为数字 / must be a number")
    bad = bad | bad_comma
    huge = ~blank & ~bad & ~(num.abs() < MAX_NUMBER).fillna(True).to_numpy()
    out.add_mask(
        huge,
        raw,
        f.name,
        f"须为绝对值小于 {MAX_NUMBER:.0e} 的有限数字 / must be a finite "
        f"number below {MAX_NUMBER:.0e} in size",
    )
    num = num.where(~pd.Series(huge, index=num.index))
    bad = bad | huge
    if f.kind == "int":
        frac = ~blank & ~bad & (num.fillna(0) % 1 != 0).to_numpy()
        out.add_mask(frac, raw, f.name, "须为整数 / must be a whole number")
    if f.minimum is not None:
        low = (num < f.minimum).fillna(False).to_numpy()
        out.add_mask(low, raw, f.name, f"须 ≥ {f.minimum:g} / must be ≥ {f.minimum:g}")
    if f.maximum is not None:
        high = (num > f.maximum).fillna(False).to_numpy()
        out.add_mask(high, raw, f.name, f"须 ≤ {f.maximum:g} / must be ≤ {f.maximum:g}")
    if f.default is not None:
        num = num.where(~pd.Series(blank, index=num.index), float(f.default))  # type: ignore[arg-type]
    if f.kind == "int":
        return num.round().astype("Int64"), blank
    return num, blank


def _check_bool(f: Field, raw: pd.Series, out: _Collector) -> CheckedColumn:
    if pd.api.types.is_bool_dtype(raw.dtype):  # a typed column (GeoPackage, Parquet)
        return raw.astype(bool), np.zeros(len(raw), dtype=bool)
    blank = pd.Series(blank_cells(raw), index=raw.index)
    words = raw.astype("string").str.strip().str.lower()
    is_true, is_false = words.isin(TRUE_WORDS), words.isin(FALSE_WORDS)
    bad = (~blank & ~is_true.fillna(False) & ~is_false.fillna(False)).to_numpy()
    allowed = "须为 是/否、true/false 或 1/0 / must be yes/no, true/false or 1/0"
    out.add_mask(bad, raw, f.name, allowed)
    default = bool(f.default) if f.default is not None else False
    clean = np.where(blank, default, is_true.fillna(False))
    return pd.Series(clean, index=raw.index, dtype=bool), blank.to_numpy()


def _check_text(f: Field, raw: pd.Series, out: _Collector) -> CheckedColumn:
    text = raw.astype("string").str.strip()
    blank = raw.isna() | text.eq("").fillna(True)
    if f.kind == "choice":
        bad = (~blank & ~text.isin(f.choices).fillna(False)).to_numpy()
        allowed = "须为 / must be one of: " + "、".join(f.choices)
        out.add_mask(bad, raw, f.name, allowed)
    elif f.kind in ("uscc", "industry_code"):
        check: Callable[[object], str | None] = (
            uscc_problem if f.kind == "uscc" else industry_problem
        )
        if f.kind == "uscc":
            text = text.str.upper()
        if f.kind == "industry_code":
            text = text.str.replace(r"\.0$", "", regex=True)
        todo = ~blank.to_numpy()
        if f.kind == "uscc":  # the whole column at once; only the rest one by one
            todo &= ~uscc_valid_mask(text)
        positions = np.flatnonzero(todo)
        if len(positions):
            # codes repeat (industries): each distinct one checked once, then grouped by reason
            values = pd.Series(text.to_numpy(dtype=object)[positions])
            why = values.map({v: check(v) for v in values.unique()})
            cells = raw.to_numpy(dtype=object)
            label = out.field_name(f.name)
            for reason, where in why.dropna().groupby(why.dropna(), sort=False).groups.items():
                at = positions[np.asarray(where)]
                out.add_positions(at, cells[at], label, str(reason))
    return text.where(~blank, None).astype(object), blank.to_numpy(dtype=bool)


_CHECKS: dict[str, Callable[[Field, pd.Series, _Collector], CheckedColumn]] = {
    "int": _check_number,
    "float": _check_number,
    "bool": _check_bool,
    "text": _check_text,
    "choice": _check_text,
    "uscc": _check_text,
    "industry_code": _check_text,
}


def _rename_headers(frame: pd.DataFrame, schema: LayerSchema) -> pd.DataFrame:
    mapping = schema.header_map()
    renames = {}
    for col in frame.columns:
        if col == getattr(frame, "_geometry_column_name", None):
            continue
        key = str(col).strip().lower()
        if key in mapping:
            renames[col] = mapping[key]
    return frame.rename(columns=renames)


def _find_column(frame: pd.DataFrame, names: tuple[str, ...]) -> str | None:
    lowered = {str(c).strip().lower(): c for c in frame.columns}
    for name in names:
        if name in lowered:
            return lowered[name]
    return None


def _points_from_lonlat(frame: pd.DataFrame, coords: str, out: _Collector) -> gpd.GeoSeries | None:
    lon_col, lat_col = _find_column(frame, LON_HEADERS), _find_column(frame, LAT_HEADERS)
    if lon_col is None or lat_col is None:
        for name, col in (("lon（经度）", lon_col), ("lat（纬度）", lat_col)):
            if col is None:
                out.add(None, name, None, "缺少坐标列 / location column is missing")
        return None
    values = []
    for col, label, lo, hi in (
        (lon_col, "lon（经度）", 73.0, 136.0),
        (lat_col, "lat（纬度）", 3.0, 54.0),
    ):
        raw = frame[col]
        num, _ = parse_numbers(raw)
        bad = num.isna() | (num < lo) | (num > hi)
        out.add_mask(
            bad.to_numpy(),
            raw,
            label,
            f"须为 {lo:g}–{hi:g} 之间的度数 / must be degrees between {lo:g} and {hi:g}",
        )
        values.append(num.to_numpy())
    lon, lat = to_wgs84(values[0], values[1], source=coords)
    points = gpd.points_from_xy(lon, lat)
    return gpd.GeoSeries(points, index=frame.index, crs=STORE_CRS)


def _dedupe_columns(frame: pd.DataFrame, out: _Collector) -> pd.DataFrame:
    """Report headers that name the same field twice (e.g. ``uscc`` and 统一社会信用代码); keep
    the first, so the rest of the file can still be checked."""
    keys = pd.Series([str(c).strip().lower() for c in frame.columns])
    twice = keys.duplicated(keep="first").to_numpy()
    for col in frame.columns[twice]:
        out.add(None, str(col), None, "同一列出现多次 / the column is given more than once")
    return frame.loc[:, ~twice] if twice.any() else frame


def _geometries(
    frame: pd.DataFrame, schema: LayerSchema, coords: str, out: _Collector
) -> gpd.GeoSeries | None:
    if isinstance(frame, gpd.GeoDataFrame) and frame.geometry.name in frame.columns:
        return to_store_crs(frame, coords, out)
    if schema.geometry == "Point":
        return _points_from_lonlat(frame, coords, out)
    out.add(None, "geometry", None, "须为含面要素的空间数据 / polygons are required")
    return None


def _attributes(frame: pd.DataFrame, schema: LayerSchema, out: _Collector) -> dict[str, pd.Series]:
    columns: dict[str, pd.Series] = {}
    for f in schema.fields:
        if f.name not in frame.columns:
            if f.required:
                out.add(None, f.name, None, "缺少必填列 / required column is missing")
            else:
                columns[f.name] = _absent(f, frame.index)
            continue
        raw = frame[f.name]
        columns[f.name], blank = _CHECKS[f.kind](f, raw, out)
        if f.required:
            out.add_mask(blank, raw, f.name, "必填 / is required")
    if schema.name == "enterprises" and {"uscc", "survey_year"} <= columns.keys():
        year = columns["survey_year"].astype("string")
        columns["record_id"] = columns["uscc"].astype("string") + "-" + year
    id_col = columns.get(schema.id_field)
    if id_col is not None:
        dup = id_col.notna() & id_col.duplicated(keep=False)
        allowed = "编号重复 / id must be unique within the layer"
        if schema.name == "enterprises":
            allowed = "同一企业同一年度重复 / one row per enterprise per survey year"
        out.add_mask(dup.to_numpy(), id_col, schema.id_field, allowed)
    return columns


def _configured_cap() -> int:
    from config import load_config

    return int(load_config()["import"].get("max_problems", MAX_PROBLEMS))


@dataclass(frozen=True)
class Checked:
    """A layer that passed: the clean frame, and the warnings the user should read (repairs)."""

    frame: gpd.GeoDataFrame
    warnings: tuple[Problem, ...] = ()


def check_layer(
    frame: pd.DataFrame,
    layer: str,
    *,
    source: str,
    district: BaseGeometry | None = None,
    coords: str = "wgs84",
    row_offset: int = 2,
    repair_max_area_change: float = REPAIR_MAX_AREA_CHANGE,
    max_problems: int | None = None,
) -> Checked:
    """Check ``frame`` against the contract of ``layer``; return the clean frame and warnings.

    Parameters
    ----------
    frame
        A GeoDataFrame (any CRS; reprojected to EPSG:4326) or, for point layers, a table with
        ``lon``/``lat`` (经度/纬度) columns. Headers may be field names or Chinese labels.
    layer
        A layer of :data:`geo.schema.LAYERS`.
    source
        The file name shown in every problem.
    district
        When given (EPSG:4326), every geometry must lie inside it.
    coords
        Coordinate system of ``lon``/``lat`` columns, or of a vector layer's lon/lat: wgs84,
        cgcs2000, gcj02 or bd09 (a vector layer in another CRS is reprojected with its own).
    row_offset
        Added to the 0-based position to give the row number the user sees: 2 for a
        spreadsheet with one header line, 1 for a vector layer.
    repair_max_area_change
        Invalid polygons are repaired with ``make_valid`` (and a warning) when that changes
        their area by at most this share; otherwise they are refused.
    max_problems
        Problems listed at most (the rest are counted: "… and N more"); default
        ``[import] max_problems`` of the configuration.

    Raises
    ------
    errors.ValidationError
        Listing every problem found (missing columns, bad values, duplicate ids, geometry).
    """
    schema = layer_schema(layer)
    if coords.lower() not in COORD_SYSTEMS:
        problem = Problem(
            source, None, "coords", coords, "须为 / must be one of: " + ", ".join(COORD_SYSTEMS)
        )
        raise ValidationError([problem], source=source)
    out = _Collector(source, row_offset, schema)
    frame = _dedupe_columns(_rename_headers(frame.reset_index(drop=True), schema), out)
    geoms = _geometries(frame, schema, coords, out)
    columns = _attributes(frame, schema, out)
    if geoms is not None:
        if schema.geometry == "Polygon":
            ids = columns.get(schema.id_field, pd.Series(range(1, len(frame) + 1)))
            labels = [f"#{i + row_offset}" if pd.isna(v) else str(v) for i, v in enumerate(ids)]
            geoms = repair_polygons(
                geoms, labels=labels, max_change=repair_max_area_change, out=out
            )
        check_geometry(geoms, schema.geometry, district, out)
    if out.total:
        raise out.error(max_problems or _configured_cap())
    result = gpd.GeoDataFrame(
        pd.DataFrame(columns, index=frame.index), geometry=geoms, crs=STORE_CRS
    )
    ordered = [n for n in schema.names if n in result.columns]
    log.info(
        "validated %s: %d %s rows, %d warning(s)", source, len(result), layer, len(out.warnings)
    )
    return Checked(result[[*ordered, "geometry"]], tuple(out.warnings))


def validate_layer(
    frame: pd.DataFrame,
    layer: str,
    *,
    source: str,
    district: BaseGeometry | None = None,
    coords: str = "wgs84",
    row_offset: int = 2,
) -> gpd.GeoDataFrame:
    """:func:`check_layer`'s clean frame (warnings are logged). Same parameters and errors."""
    checked = check_layer(
        frame, layer, source=source, district=district, coords=coords, row_offset=row_offset
    )
    for warning in checked.warnings:
        log.warning("%s", warning.describe())
    return checked.frame
