"""Contiguous renewal areas (连片改造区, 二(二)4) on the map: each area's merged outline beneath
the parks, coloured by its area or by the land its phase-out candidates hold."""

from __future__ import annotations

from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd

from geo.renewal import RenewalAreas
from layers.colourings import Colouring, colouring, register_colouring
from layers.elements import FeatureLayer
from layers.encoding import Text, pick, polygon_coords
from layers.geometry import display_polygons, shift_polygons
from layers.legend import LegendSection

__all__ = ["DISPLAY_COLUMNS", "LABEL", "build", "in_towns", "prepare"]

LABEL: Text = ("连片改造区", "Renewal areas")
DISPLAY_COLUMNS = (
    "area_id",
    "name",
    "area_ha",
    "area_mu",
    "n_parks",
    "n_parcels",
    "towns",
    "firms",
    "phase_out_land_mu",
)
_INF = float("inf")

register_colouring(
    "renewal",
    Colouring(
        key="area",
        label=("面积", "Area"),
        column="area_ha",
        kind="quantity",
        palette=("#d8f0d2", "#a6dba0", "#5aae61", "#1b7837", "#00441b"),
        bins=(0, 10, 20, 50, 100, _INF),
        bin_labels=(
            ("< 10 公顷", "< 10 ha"),
            ("10 – 20 公顷", "10 – 20 ha"),
            ("20 – 50 公顷", "20 – 50 ha"),
            ("50 – 100 公顷", "50 – 100 ha"),
            ("≥ 100 公顷", "≥ 100 ha"),
        ),
    ),
)
register_colouring(
    "renewal",
    Colouring(
        key="phase_out_land",
        label=("淘汰候选企业用地", "Land of phase-out candidates"),
        column="phase_out_land_mu",
        kind="quantity",
        palette=("#fff5eb", "#fdd0a2", "#fd8d3c", "#d94801", "#7f2704"),
        bins=(0, 1e-9, 10, 50, 100, _INF),
        bin_labels=(
            ("无", "None"),
            ("< 10 亩", "< 10 mu"),
            ("10 – 50 亩", "10 – 50 mu"),
            ("50 – 100 亩", "50 – 100 mu"),
            ("≥ 100 亩", "≥ 100 mu"),
        ),
    ),
)


def prepare(areas: RenewalAreas) -> gpd.GeoDataFrame:
    """Display frame: each area's outline simplified (2 m) and snapped, with the table's
    :data:`DISPLAY_COLUMNS` (``phase_out_land_mu`` missing when no screen was given)."""
    table = areas.table.set_index("area_id")
    base = display_polygons(areas.outlines[["area_id", "geometry"]], tolerance_m=2.0)
    joined = table.loc[base["area_id"].astype(str)].reset_index()
    for column in DISPLAY_COLUMNS[1:]:
        base[column] = joined[column].to_numpy() if column in joined else np.nan
    return base


def in_towns(frame: gpd.GeoDataFrame, towns: tuple[str, ...] | list[str]) -> gpd.GeoDataFrame:
    """The areas that reach into one of ``towns`` (an area's ``towns`` are ``;``-joined)."""
    if not towns:
        return frame
    chosen = set(towns)
    keep = [bool(chosen & set(str(t).split(";"))) for t in frame["towns"]]
    return frame[np.asarray(keep, dtype=bool)]


def _fmt_area(frame: pd.DataFrame, lang: str) -> list[str]:
    unit_ha, unit_mu = ("公顷", "亩") if lang == "zh" else ("ha", "mu")
    return [
        f"{h:,.1f} {unit_ha} · {m:,.0f} {unit_mu}"
        for h, m in zip(frame["area_ha"], frame["area_mu"], strict=True)
    ]


def build(
    frame: gpd.GeoDataFrame,
    *,
    colour_by: str = "area",
    lang: str = "zh",
    offset: str = "wgs84",
) -> tuple[FeatureLayer, LegendSection]:
    """The renewal areas layer and its legend, coloured by ``colour_by`` (a registered
    colouring): see-through fills with a dashed outline, so the parks above stay readable."""
    chosen = colouring("renewal", colour_by)
    styled = chosen.apply(frame, lang=lang)
    geoms = shift_polygons(frame.geometry, offset)
    zh = lang == "zh"
    props: dict[str, list[Any]] = {
        "k": styled.codes.tolist(),
        "n": [f"{i} {n}" for i, n in zip(frame["area_id"], frame["name"], strict=True)],
        "a": _fmt_area(frame, lang),
        "m": [
            f"{int(p)} 个园区 · {int(q)} 块三旧地块" if zh else f"{int(p)} parks · {int(q)} parcels"
            for p, q in zip(frame["n_parks"], frame["n_parcels"], strict=True)
        ],
        "t": frame["towns"].astype(str).str.replace(";", "、" if zh else ", ").tolist(),
    }
    rows: list[tuple[str, str, list[str] | None]] = [
        ("面积" if zh else "Area", "a", None),
        ("组成" if zh else "Members", "m", None),
        ("镇街" if zh else "Towns", "t", None),
    ]
    land = pd.to_numeric(frame["phase_out_land_mu"], errors="coerce")
    if land.notna().any():
        unit = "亩" if zh else "mu"
        props["p"] = ["—" if np.isnan(v) else f"{v:,.1f} {unit}" for v in land]
        rows.append((pick(("淘汰候选用地", "Phase-out land"), lang), "p", None))
    layer = FeatureLayer(
        polygon_coords(geoms),
        props,
        name=pick(LABEL, lang),
        palette=styled.palette,
        style={
            "color": "#1b4332",
            "weight": 2,
            "opacity": 0.95,
            "dashArray": "6 4",
            "fillOpacity": 0.35,
        },
        highlight={"weight": 3.5, "fillOpacity": 0.5},
        tooltip_title="n",
        tooltip_rows=rows,
    )
    title = f"{pick(LABEL, lang)} · {pick(chosen.label, lang)}"
    return layer, LegendSection(title, styled.entries)
