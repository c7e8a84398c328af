"""Heat sources (热源): red triangles. The sample's heat sources are assumed, and say so."""

from __future__ import annotations

from typing import Any

import geopandas as gpd
import pandas as pd

from layers.base import (
    LegendEntry,
    LegendSection,
    SymbolLayer,
    Text,
    display_points,
    pick,
    shift_points,
)

__all__ = ["COLOUR", "LABEL", "build", "prepare"]

LABEL: Text = ("热源", "Heat sources")
COLOUR = "#d9480f"


def prepare(heat_sources: gpd.GeoDataFrame) -> pd.DataFrame:
    """Display frame: attributes and rounded ``x``/``y``."""
    return display_points(heat_sources)


def build(
    frame: pd.DataFrame, *, lang: str = "zh", offset: str = "wgs84"
) -> tuple[SymbolLayer, LegendSection]:
    """The heat-source symbols and their legend."""
    zh = lang == "zh"
    assumed = (
        frame["assumed"].fillna(True).astype(bool).tolist()
        if "assumed" in frame.columns
        else [True] * len(frame)
    )
    props: dict[str, list[Any]] = {
        "n": frame["name"].astype(str).tolist(),
        "t": frame["kind"].astype(str).tolist() if "kind" in frame.columns else [None] * len(frame),
        "c": [
            None if pd.isna(v) else f"{v:,.0f} t/h"
            for v in frame.get("capacity_t_h", pd.Series([None] * len(frame)))
        ],
        "a": [
            pick(("假设数据，未经核实", "Assumed, not verified"), lang) if a else None
            for a in assumed
        ],
    }
    rows: list[tuple[str, str, list[str] | None]] = [
        ("类型" if zh else "Kind", "t", None),
        ("供热能力" if zh else "Capacity", "c", None),
        ("说明" if zh else "Note", "a", None),
    ]
    layer = SymbolLayer(
        shift_points(frame[["x", "y"]], offset),
        props,
        name=pick(LABEL, lang),
        css_class="pp-sym pp-heat",
        size=16,
        tooltip_title="n",
        tooltip_rows=rows,
    )
    note = pick(("示例中的热源为假设，未经核实。", "The sample's heat sources are assumed."), lang)
    section = LegendSection(
        pick(LABEL, lang),
        (
            LegendEntry(
                pick(("热电联产 / 集中锅炉", "CHP / central boiler"), lang), COLOUR, "triangle"
            ),
        ),
        note=note if any(assumed) else "",
    )
    return layer, section
