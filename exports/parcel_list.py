"""The parcel list for the land bureau (DATA_MODEL.md "Parcel list for the land bureau").

Every 三旧 parcel that overlaps one of the chosen parks by more than ``min_overlap_m2`` (1 m²),
one row per parcel, with its overlap with those parks, its area in m², 亩 and 公顷 measured in
EPSG:4547, and its centre in EPSG:4526 (ZXX = northing, ZXY = easting with the zone-38 prefix,
like the 界址点 TXT). The park/parcel overlap comes from :func:`geo.summary.parcel_overlaps`,
the same code the park card uses.

Before anything is written, the listed parcels are checked: an invalid geometry, or two listed
parcels that overlap each other by more than ``min_overlap_m2``, would send the list back from
the land bureau, so every such problem is collected and raised at once as a
:class:`errors.ValidationError`.

:data:`FIELDS` is the one description of the columns: English name (files and code), the
Shapefile short code, the Chinese and English labels.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from errors import Problem, UnknownKeyError, ValidationError
from geo.crs import AREA_CRS, LAND_CRS, M2_PER_HA, M2_PER_MU, require_crs
from geo.summary import parcel_overlaps

__all__ = [
    "FIELDS",
    "MIN_OVERLAP_M2",
    "ListField",
    "codes",
    "labels",
    "parcel_list",
]

MIN_OVERLAP_M2 = 1.0


@dataclass(frozen=True)
class ListField:
    """One column of the parcel list."""

    name: str
    code: str
    label_zh: str
    label_en: str
    kind: str  # text | float
    decimals: int = 0

    def label(self, lang: str = "zh") -> str:
        return self.label_zh if lang == "zh" else self.label_en


FIELDS: tuple[ListField, ...] = (
    ListField("parcel_id", "DKBH", "地块编号", "Parcel id", "text"),
    ListField("name", "DKMC", "地块名称", "Parcel name", "text"),
    ListField("town", "ZJ", "所在镇街", "Town", "text"),
    ListField("park_ids", "YQBH", "所属园区", "Parks", "text"),
    ListField("sanjiu_type", "SJLX", "三旧类型", "三旧 type", "text"),
    ListField("ownership", "QS", "权属", "Ownership", "text"),
    ListField("current_use", "DKYT", "地块用途", "Current use", "text"),
    ListField("land_class_code", "DLBM", "地类编码", "Land-class code", "text"),
    ListField("redevelopment_mode", "GZFS", "改造方式", "Redevelopment mode", "text"),
    ListField("area_m2", "MJ", "面积(平方米)", "Area (m²)", "float", 2),
    ListField("area_mu", "MJ_MU", "面积(亩)", "Area (mu)", "float", 4),
    ListField("area_ha", "MJ_HA", "面积(公顷)", "Area (ha)", "float", 4),
    ListField(
        "overlap_m2", "CDMJ", "与园区重叠面积(平方米)", "Overlap with parks (m²)", "float", 2
    ),
    ListField("centre_x", "ZXX", "中心点X(北)", "Centre X (northing)", "float", 3),
    ListField("centre_y", "ZXY", "中心点Y(东)", "Centre Y (easting)", "float", 3),
)


def codes() -> dict[str, str]:
    """English field name → Shapefile short code."""
    return {f.name: f.code for f in FIELDS}


def labels(lang: str = "zh") -> dict[str, str]:
    """English field name → label in ``lang``."""
    return {f.name: f.label(lang) for f in FIELDS}


def _chosen_parks(parks: gpd.GeoDataFrame, park_ids: Sequence[str]) -> gpd.GeoDataFrame:
    ids = [str(p) for p in park_ids]
    known = set(parks["park_id"].astype(str))
    missing = [p for p in ids if p not in known]
    if missing:
        raise UnknownKeyError(
            "park", ", ".join(missing), sorted(known)[:20] + (["…"] if len(known) > 20 else [])
        )
    if not ids:
        raise ValidationError(
            [Problem("parks", None, "park_id", None, "choose at least one park")], source="export"
        )
    return parks[parks["park_id"].astype(str).isin(ids)]


def _candidates(chosen: gpd.GeoDataFrame, parcels: gpd.GeoDataFrame) -> np.ndarray:
    """Positions in ``parcels`` of the parcels whose geometry meets a chosen park."""
    pk = chosen.geometry.to_crs(parcels.crs)
    _, right = parcels.sindex.query(pk.values, predicate="intersects")
    return np.unique(right)


def _geometry_problems(parcels: gpd.GeoDataFrame, positions: np.ndarray) -> list[Problem]:
    geoms = parcels.geometry.values[positions]
    bad = ~shapely.is_valid(geoms) | shapely.is_empty(geoms) | shapely.is_missing(geoms)
    reasons = shapely.is_valid_reason(geoms)
    ids = parcels["parcel_id"].astype(str).to_numpy()[positions]
    return [
        Problem(
            "parcels",
            int(pos) + 1,
            "geometry",
            pid,
            f"invalid geometry ({reason}); the land bureau needs valid polygons",
        )
        for pos, pid, reason in zip(positions[bad], ids[bad], reasons[bad], strict=True)
    ]


def _mutual_overlaps(
    listed: gpd.GeoDataFrame, rows: np.ndarray, min_overlap_m2: float
) -> list[Problem]:
    """Problems for each pair of listed parcels that overlap by more than ``min_overlap_m2``."""
    metric = listed.geometry.to_crs(AREA_CRS).values
    left, right = shapely.STRtree(metric).query(metric, predicate="intersects")
    keep = left < right
    left, right = left[keep], right[keep]
    if len(left) == 0:
        return []
    area = shapely.area(shapely.intersection(metric[left], metric[right]))
    hit = area > min_overlap_m2
    ids = listed["parcel_id"].astype(str).to_numpy()
    return [
        Problem(
            "parcels",
            int(rows[i]) + 1,
            "geometry",
            ids[i],
            f"overlaps parcel {ids[j]} by {a:,.1f} m²; parcels in a land-bureau list must not "
            "overlap each other",
        )
        for i, j, a in zip(left[hit], right[hit], area[hit], strict=True)
    ]


def parcel_list(
    parks: gpd.GeoDataFrame,
    parcels: gpd.GeoDataFrame,
    park_ids: Sequence[str],
    *,
    min_overlap_m2: float = MIN_OVERLAP_M2,
) -> gpd.GeoDataFrame:
    """The parcel list of the parks ``park_ids``: one row per 三旧 parcel, stored CRS kept.

    Parameters
    ----------
    parks, parcels
        The workspace layers (any CRS; EPSG:4326 as stored).
    park_ids
        The chosen parks; an unknown id lists the known ones.
    min_overlap_m2
        A parcel is listed when it overlaps the chosen parks by more than this (m², EPSG:4547).

    Returns
    -------
    geopandas.GeoDataFrame
        The columns of :data:`FIELDS` (``park_ids`` joined with ``;``), sorted by parcel id, in
        the parcels' CRS.

    Raises
    ------
    errors.ValidationError
        Listing every listed parcel with an invalid geometry and every pair that overlaps.
    """
    require_crs(parks, source="parks")
    require_crs(parcels, source="parcels")
    chosen = _chosen_parks(parks, park_ids)
    parcels = parcels.reset_index(drop=True)
    positions = _candidates(chosen, parcels)
    problems = _geometry_problems(parcels, positions)
    bad_ids = {p.value for p in problems}
    valid = positions[~parcels["parcel_id"].astype(str).iloc[positions].isin(bad_ids).to_numpy()]
    pairs = parcel_overlaps(chosen, parcels.iloc[valid])
    pairs = pairs[pairs["overlap_m2"] > min_overlap_m2]
    by_parcel = pairs.groupby("parcel_id").agg(
        overlap_m2=("overlap_m2", "sum"),
        park_ids=("park_id", lambda s: ";".join(sorted({str(v) for v in s}))),
    )
    keep = parcels["parcel_id"].isin(by_parcel.index).to_numpy()
    rows = np.flatnonzero(keep)
    listed = parcels.iloc[rows]
    problems += _mutual_overlaps(listed, rows, min_overlap_m2)
    if problems:
        raise ValidationError(problems, source="parcels of the chosen parks")
    return _frame(listed, by_parcel)


def _text(frame: pd.DataFrame, column: str) -> pd.Series:
    if column not in frame:
        return pd.Series("", index=frame.index, dtype=object)
    values = frame[column]
    return values.astype(object).where(values.notna(), "").astype(str)


def _frame(listed: gpd.GeoDataFrame, by_parcel: pd.DataFrame) -> gpd.GeoDataFrame:
    area = listed.geometry.to_crs(AREA_CRS).area.to_numpy()
    centre = listed.geometry.to_crs(LAND_CRS).centroid
    ids = listed["parcel_id"].astype(str)
    out = pd.DataFrame(
        {
            "parcel_id": ids.to_numpy(),
            "name": _text(listed, "name").to_numpy(),
            "town": _text(listed, "town").to_numpy(),
            "park_ids": by_parcel["park_ids"].reindex(ids).to_numpy(),
            "sanjiu_type": _text(listed, "sanjiu_type").to_numpy(),
            "ownership": _text(listed, "ownership").to_numpy(),
            "current_use": _text(listed, "current_use").to_numpy(),
            "land_class_code": _text(listed, "land_class_code").to_numpy(),
            "redevelopment_mode": _text(listed, "redevelopment_mode").to_numpy(),
            "area_m2": area,
            "area_mu": area / M2_PER_MU,
            "area_ha": area / M2_PER_HA,
            "overlap_m2": by_parcel["overlap_m2"].reindex(ids).to_numpy(),
            "centre_x": centre.y.to_numpy(),
            "centre_y": centre.x.to_numpy(),
        }
    )
    for f in FIELDS:
        if f.kind == "float":
            out[f.name] = out[f.name].astype(float).round(f.decimals)
    gdf = gpd.GeoDataFrame(out, geometry=listed.geometry.to_numpy(), crs=listed.crs)
    return gdf.sort_values("parcel_id", kind="stable").reset_index(drop=True)
