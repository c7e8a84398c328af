"""Sewage treatment plants (污水处理厂): blue squares, with capacity and reclaimed water."""

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

LABEL: Text = ("污水处理厂", "Sewage plants")
COLOUR = "#1c7ed6"


def prepare(sewage_plants: gpd.GeoDataFrame) -> pd.DataFrame:
    """Display frame: attributes and rounded ``x``/``y``."""
    return display_points(sewage_plants)


def build(
    frame: pd.DataFrame, *, lang: str = "zh", offset: str = "wgs84"
) -> tuple[SymbolLayer, LegendSection]:
    """The sewage-plant symbols and their legend."""
    zh = lang == "zh"
    n = len(frame)
    capacity = frame.get("capacity_m3_d", pd.Series([None] * n, index=frame.index))
    reclaimed = frame.get("reclaimed_water", pd.Series([None] * n, index=frame.index))
    approx = frame.get("approximate", pd.Series([True] * n, index=frame.index))
    yes, no = ("有", "无") if zh else ("yes", "no")
    props: dict[str, list[Any]] = {
        "n": frame["name"].astype(str).tolist(),
        "c": [
            None if pd.isna(v) else (f"{v / 1e4:,.1f} 万 m³/d" if zh else f"{v:,.0f} m³/d")
            for v in capacity
        ],
        "r": [None if pd.isna(v) else (yes if bool(v) else no) for v in reclaimed],
        "a": [
            pick(("位置为近似", "Approximate location"), lang) if (pd.isna(v) or bool(v)) else None
            for v in approx
        ],
    }
    rows: list[tuple[str, str, list[str] | None]] = [
        ("处理能力" if zh else "Capacity", "c", None),
        ("再生水" if zh else "Reclaimed water", "r", None),
        ("说明" if zh else "Note", "a", None),
    ]
    layer = SymbolLayer(
        shift_points(frame[["x", "y"]], offset),
        props,
        name=pick(LABEL, lang),
        css_class="pp-sym pp-sewage",
        size=14,
        tooltip_title="n",
        tooltip_rows=rows,
    )
    section = LegendSection(
        pick(LABEL, lang),
        (LegendEntry(pick(("污水处理厂", "Sewage treatment plant"), lang), COLOUR, "square"),),
    )
    return layer, section
