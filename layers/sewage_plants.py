"""Sewage treatment plants (污水处理厂): blue squares, with capacity and reclaimed water."""

from __future__ import annotations

from typing import Any

import geopandas as gpd
import pandas as pd

from layers.elements import SymbolLayer
from layers.encoding import Text, pick
from layers.legend import LegendSection
from layers.symbols import PointSymbols, SymbolRow, build_symbols, column_or, prepare_points

__all__ = ["COLOUR", "LABEL", "SYMBOLS", "build", "prepare"]

LABEL: Text = ("污水处理厂", "Sewage plants")
COLOUR = "#1c7ed6"


def _capacity(frame: pd.DataFrame, lang: str) -> list[Any]:
    zh = lang == "zh"
    return [
        None if pd.isna(v) else (f"{v / 1e4:,.1f} 万 m³/d" if zh else f"{v:,.0f} m³/d")
        for v in column_or(frame, "capacity_m3_d", None)
    ]


def _reclaimed(frame: pd.DataFrame, lang: str) -> list[Any]:
    yes, no = ("有", "无") if lang == "zh" else ("yes", "no")
    return [
        None if pd.isna(v) else (yes if bool(v) else no)
        for v in column_or(frame, "reclaimed_water", None)
    ]


def _note(frame: pd.DataFrame, lang: str) -> list[Any]:
    text = pick(("位置为近似", "Approximate location"), lang)
    return [
        text if (pd.isna(v) or bool(v)) else None for v in column_or(frame, "approximate", True)
    ]


SYMBOLS = PointSymbols(
    label=LABEL,
    colour=COLOUR,
    shape="square",
    css_class="pp-sym pp-sewage",
    size=14,
    entry=("污水处理厂", "Sewage treatment plant"),
    rows=(
        SymbolRow("c", ("处理能力", "Capacity"), _capacity),
        SymbolRow("r", ("再生水", "Reclaimed water"), _reclaimed),
        SymbolRow("a", ("说明", "Note"), _note),
    ),
)


def prepare(sewage_plants: gpd.GeoDataFrame) -> pd.DataFrame:
    """Display frame: attributes and rounded ``x``/``y``."""
    return prepare_points(sewage_plants)


def build(
    frame: pd.DataFrame, *, lang: str = "zh", offset: str = "wgs84"
) -> tuple[SymbolLayer, LegendSection]:
    """The sewage-plant symbols and their legend."""
    return build_symbols(SYMBOLS, frame, lang=lang, offset=offset)
