"""三旧 redevelopment parcels (标图入库): by 三旧 type or by redevelopment mode, see-through so
the parks beneath show where they overlap."""

from __future__ import annotations

from typing import Any

import geopandas as gpd

from geo.crs import area_m2, m2_to_mu
from layers.colourings import Colouring, colouring, register_colouring
from layers.elements import FeatureLayer
from layers.encoding import Text, coded, pick, polygon_coords
from layers.geometry import display_polygons, shift_polygons
from layers.legend import LegendSection

__all__ = [
    "CITY_TOLERANCE_M",
    "LABEL",
    "MANY_PARCELS",
    "MAX_DRAWN",
    "TYPE_LABELS",
    "build",
    "prepare",
]

LABEL: Text = ("三旧地块", "三旧 parcels")
TYPE_LABELS: dict[str, Text] = {
    "旧城镇": ("旧城镇", "Old town (旧城镇)"),
    "旧厂房": ("旧厂房", "Old factory (旧厂房)"),
    "旧村庄": ("旧村庄", "Old village (旧村庄)"),
    "全面改造": ("全面改造", "Full redevelopment"),
    "混合改造": ("混合改造", "Mixed redevelopment"),
    "微改造": ("微改造", "Light renewal"),
    "已入库": ("已入库", "Inventoried"),
    "已批复": ("已批复", "Approved"),
    "实施中": ("实施中", "Under way"),
    "已完成": ("已完成", "Completed"),
}


def _label(value: str, lang: str) -> str:
    return pick(TYPE_LABELS.get(value, (value, value)), lang)


register_colouring(
    "parcels",
    Colouring(
        key="sanjiu_type",
        label=("三旧类型", "三旧 type"),
        column="sanjiu_type",
        kind="category",
        palette=("#8e5ea2", "#e8590c", "#2b8a3e", "#868e96"),
        order=("旧城镇", "旧厂房", "旧村庄"),
        category_label=_label,
    ),
)
register_colouring(
    "parcels",
    Colouring(
        key="redevelopment_mode",
        label=("改造方式", "Redevelopment mode"),
        column="redevelopment_mode",
        kind="category",
        palette=("#c92a2a", "#f08c00", "#f2c94c", "#868e96"),
        order=("全面改造", "混合改造", "微改造"),
        category_label=_label,
    ),
)

MANY_PARCELS = 5_000
# a district's factory lots (the sample's 5 449) are specks at district zoom and 0.7 MB; a town's
# few hundred are what a planner reads, so the map draws parcels once the towns are filtered
MAX_DRAWN = 3_000
CITY_TOLERANCE_M = 6.0
_COLUMNS = ("parcel_id", "name", "town", "sanjiu_type", "redevelopment_mode", "status")


def prepare(parcels: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Display frame: parcels simplified and snapped, with ``area_m2`` (EPSG:4547). The
    tolerance is 1.5 m for a district's parcels, :data:`CITY_TOLERANCE_M` above
    :data:`MANY_PARCELS` (a city's 20 000 parcels are seen at city zoom first)."""
    keep = [c for c in _COLUMNS if c in parcels.columns]
    tolerance = 1.5 if len(parcels) <= MANY_PARCELS else CITY_TOLERANCE_M
    out = display_polygons(parcels[[*keep, "geometry"]], tolerance_m=tolerance)
    out["area_m2"] = area_m2(parcels).to_numpy()
    return out


def build(
    frame: gpd.GeoDataFrame,
    *,
    colour_by: str = "sanjiu_type",
    lang: str = "zh",
    offset: str = "wgs84",
) -> tuple[FeatureLayer, LegendSection]:
    """The parcels layer and its legend. Above :data:`MAX_DRAWN` parcels (a district's factory
    lots, a whole city) the layer is left empty and the legend asks for a town filter: 20 000
    parcels are 3 MB of coordinates, specks at city zoom, and tripled the city map's time to
    parks."""
    chosen = colouring("parcels", colour_by)
    entries = chosen.apply(frame, lang=lang).entries
    note = ""
    if len(frame) > MAX_DRAWN:
        note = pick(
            (f"共 {len(frame):,} 块：筛选镇街后显示", f"{len(frame):,} parcels: filter towns"),
            lang,
        )
        frame = frame.iloc[:0]
    styled = chosen.apply(frame, lang=lang)
    geoms = shift_polygons(frame.geometry, offset)
    zh = lang == "zh"
    props: dict[str, list[Any]] = {
        "k": styled.codes.tolist(),
        "n": frame["name"].astype(str).tolist(),
    }
    rows: list[tuple[str, str, list[str] | None]] = []
    for key, column, label in (
        ("y", "sanjiu_type", ("三旧类型", "Type")),
        ("m", "redevelopment_mode", ("改造方式", "Mode")),
        ("s", "status", ("状态", "Status")),
    ):
        if column in frame.columns:
            codes, lookup = coded(frame[column])
            props[key] = codes
            rows.append((pick(label, lang), key, [_label(v, lang) for v in lookup]))
    unit = "亩" if zh else "mu"
    props["a"] = [f"{m2_to_mu(m):,.1f} {unit}" for m in frame["area_m2"]]
    rows.append(("面积" if zh else "Area", "a", None))
    layer = FeatureLayer(
        polygon_coords(geoms),
        props,
        name=pick(LABEL, lang),
        palette=styled.palette,
        style={"weight": 1.2, "opacity": 0.9, "fillOpacity": 0.28, "strokeByClass": True},
        highlight={"weight": 3, "fillOpacity": 0.55},
        tooltip_title="n",
        tooltip_rows=rows,
        defer=True,  # drawn after the parks: the first paint shows the parks sooner
    )
    title = f"{pick(LABEL, lang)} · {pick(chosen.label, lang)}"
    return layer, LegendSection(title, entries, note=note)
