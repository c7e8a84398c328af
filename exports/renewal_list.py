"""Chosen renewal areas (连片改造区) as a land-bureau list: one polygon per area.

The areas of :func:`geo.renewal.renewal_areas` take the columns of the parcel list
(:data:`exports.parcel_list.FIELDS`), so that every parcel-list writer (GeoPackage, Shapefile,
Excel, CSV, 界址点 TXT) carries them unchanged, with one header row and the codes on the About
sheet:

====  =====================================================================
DKBH  the area's code (``RA-001`` …)
DKMC  its name (its largest park's name + 连片改造区)
ZJ    its towns; YQBH its parks; SJLX, QS, DLBM, GZFS the distinct values of its members
DKYT  连片改造区
MJ    area of the merged outline (m², 亩, 公顷; EPSG:4547)
CDMJ  the parks' area inside it (m²)
ZXX   centre of the outline in EPSG:4526 (ZXX northing, ZXY easting with the zone prefix)
====  =====================================================================

Lists joined with ``;``. :func:`chosen_areas` gives the full rows (parcels, owners, firms,
phase-out land) with Chinese labels, for the workbook that goes with the areas in a pack.
"""

from __future__ import annotations

from collections.abc import Sequence

import geopandas as gpd
import pandas as pd

from errors import Problem, UnknownKeyError, ValidationError
from exports.parcel_list import FIELDS
from geo.crs import LAND_CRS
from geo.renewal import RenewalAreas

__all__ = ["AREA_LABELS", "USE", "chosen_areas", "renewal_list"]

USE = "连片改造区"
AREA_LABELS = {
    "area_id": "片区编号",
    "name": "片区名称",
    "area_m2": "面积(平方米)",
    "area_mu": "面积(亩)",
    "area_ha": "面积(公顷)",
    "n_parks": "园区数",
    "park_ids": "所含园区",
    "park_area_m2": "园区面积(平方米)",
    "n_parcels": "三旧地块数",
    "parcel_ids": "所含三旧地块",
    "towns": "所在镇街",
    "owners": "权属村集体",
    "firms": "企业数",
    "phase_out_firms": "淘汰类企业数",
    "phase_out_land_m2": "淘汰类企业用地(平方米)",
    "phase_out_land_mu": "淘汰类企业用地(亩)",
    "sanjiu_types": "三旧类型",
    "ownerships": "权属",
    "land_class_codes": "地类编码",
    "redevelopment_modes": "改造方式",
}


def chosen_areas(areas: RenewalAreas, area_ids: Sequence[str]) -> pd.DataFrame:
    """The table rows of ``area_ids`` in the order given; unknown ids list the known ones."""
    ids = list(dict.fromkeys(str(a).strip() for a in area_ids if str(a).strip()))
    if not ids:
        problem = Problem("export", None, "renewal_areas", None, "choose at least one area")
        raise ValidationError([problem], source="export")
    table = areas.table.set_index("area_id", drop=False)
    missing = [a for a in ids if a not in table.index]
    if missing:
        known = list(table.index)
        raise UnknownKeyError(
            "renewal area", ", ".join(missing), known[:20] + (["…"] if len(known) > 20 else [])
        )
    return table.loc[ids].reset_index(drop=True)


def renewal_list(areas: RenewalAreas, area_ids: Sequence[str]) -> gpd.GeoDataFrame:
    """The areas ``area_ids`` as rows of the parcel list (columns of ``FIELDS``), EPSG:4326."""
    rows = chosen_areas(areas, area_ids)
    outline = areas.outlines.set_index("area_id").geometry.loc[rows["area_id"]]
    centre = outline.to_crs(LAND_CRS).centroid
    frame = pd.DataFrame(
        {
            "parcel_id": rows["area_id"],
            "name": rows["name"],
            "town": rows["towns"],
            "park_ids": rows["park_ids"],
            "sanjiu_type": rows["sanjiu_types"],
            "ownership": rows["ownerships"],
            "current_use": USE,
            "land_class_code": rows["land_class_codes"],
            "redevelopment_mode": rows["redevelopment_modes"],
            "area_m2": rows["area_m2"],
            "area_mu": rows["area_mu"],
            "area_ha": rows["area_ha"],
            "overlap_m2": rows["park_area_m2"],
            "centre_x": centre.y.to_numpy(),
            "centre_y": centre.x.to_numpy(),
        }
    )
    for f in FIELDS:
        if f.kind == "float":
            frame[f.name] = frame[f.name].astype(float).round(f.decimals)
    return gpd.GeoDataFrame(frame, geometry=outline.to_numpy(), crs=areas.outlines.crs)

