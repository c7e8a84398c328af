"""Heat sources (热源): red triangles. The sample's heat sources are assumed, and say so."""

from __future__ import annotations

from typing import Any

import geopandas as gpd
import pandas as pd

from layers.elements import SymbolLayer
from layers.encoding import Text, pick
from layers.legend import LegendSection
from layers.symbols import PointSymbols, SymbolRow, build_symbols, column_or, prepare_points

__all__ = ["COLOUR", "LABEL", "SYMBOLS", "build", "prepare"]

LABEL: Text = ("热源", "Heat sources")
COLOUR = "#d9480f"


def _assumed(frame: pd.DataFrame) -> list[bool]:
    return column_or(frame, "assumed", True).fillna(True).astype(bool).tolist()


def _kind(frame: pd.DataFrame, lang: str) -> list[Any]:
    return frame["kind"].astype(str).tolist() if "kind" in frame.columns else [None] * len(frame)


def _capacity(frame: pd.DataFrame, lang: str) -> list[Any]:
    return [None if pd.isna(v) else f"{v:,.0f} t/h" for v in column_or(frame, "capacity_t_h", None)]


def _note(frame: pd.DataFrame, lang: str) -> list[Any]:
    text = pick(("假设数据，未经核实", "Assumed, not verified"), lang)
    return [text if a else None for a in _assumed(frame)]


SYMBOLS = PointSymbols(
    label=LABEL,
    colour=COLOUR,
    shape="triangle",
    css_class="pp-sym pp-heat",
    size=16,
    entry=("热电联产 / 集中锅炉", "CHP / central boiler"),
    rows=(
        SymbolRow("t", ("类型", "Kind"), _kind),
        SymbolRow("c", ("供热能力", "Capacity"), _capacity),
        SymbolRow("a", ("说明", "Note"), _note),
    ),
    note=("示例中的热源为假设，未经核实。", "The sample's heat sources are assumed."),
    note_when=lambda frame: any(_assumed(frame)),
)


def prepare(heat_sources: gpd.GeoDataFrame) -> pd.DataFrame:
    """Display frame: attributes and rounded ``x``/``y``."""
    return prepare_points(heat_sources)


def build(
    frame: pd.DataFrame, *, lang: str = "zh", offset: str = "wgs84"
) -> tuple[SymbolLayer, LegendSection]:
    """The heat-source symbols and their legend."""
    return build_symbols(SYMBOLS, frame, lang=lang, offset=offset)
