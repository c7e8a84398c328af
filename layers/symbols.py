"""Few points drawn as one CSS symbol each (heat sources, sewage plants): one builder, and a
small declaration per layer saying its label, symbol, tooltip rows and legend."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import geopandas as gpd
import pandas as pd

from layers.elements import SymbolLayer, TooltipRow
from layers.encoding import Text, pick
from layers.geometry import display_points, shift_points
from layers.legend import LegendEntry, LegendSection, Shape

__all__ = ["PointSymbols", "SymbolRow", "build_symbols", "column_or", "prepare_points"]


@dataclass(frozen=True)
class SymbolRow:
    """A tooltip row: property ``key``, its ``label`` and its text per point (``None`` hides
    the row for that point) from the display frame in a language."""

    key: str
    label: Text
    values: Callable[[pd.DataFrame, str], list[Any]]


@dataclass(frozen=True)
class PointSymbols:
    """How one point layer is drawn: ``css_class`` (a rule of ``layers.legend.MAP_CSS``) of
    ``size`` pixels, its tooltip ``rows`` under the point's ``name``, and one legend entry
    (``entry`` in ``colour`` as ``shape``) with a ``note`` shown when ``note_when(frame)``."""

    label: Text
    colour: str
    shape: Shape
    css_class: str
    size: int
    entry: Text
    rows: tuple[SymbolRow, ...]
    note: Text = ("", "")
    note_when: Callable[[pd.DataFrame], bool] = lambda _frame: False


def column_or(frame: pd.DataFrame, column: str, default: object) -> pd.Series:
    """``frame[column]``, or ``default`` for every row when the column is absent."""
    if column in frame.columns:
        return frame[column]
    return pd.Series([default] * len(frame), index=frame.index, dtype=object)


def prepare_points(points: gpd.GeoDataFrame) -> pd.DataFrame:
    """Display frame of a symbol layer: attributes and rounded ``x``/``y``."""
    return display_points(points)


def build_symbols(
    kind: PointSymbols, frame: pd.DataFrame, *, lang: str = "zh", offset: str = "wgs84"
) -> tuple[SymbolLayer, LegendSection]:
    """The symbols of ``frame`` drawn as ``kind`` says, and their legend section."""
    props: dict[str, list[Any]] = {"n": frame["name"].astype(str).tolist()}
    rows: list[TooltipRow] = []
    for row in kind.rows:
        props[row.key] = row.values(frame, lang)
        rows.append((pick(row.label, lang), row.key, None))
    layer = SymbolLayer(
        shift_points(frame[["x", "y"]], offset),
        props,
        name=pick(kind.label, lang),
        css_class=kind.css_class,
        size=kind.size,
        tooltip_title="n",
        tooltip_rows=rows,
    )
    section = LegendSection(
        pick(kind.label, lang),
        (LegendEntry(pick(kind.entry, lang), kind.colour, kind.shape),),
        note=pick(kind.note, lang) if kind.note_when(frame) else "",
    )
    return layer, section
