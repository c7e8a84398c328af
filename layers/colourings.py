"""The colourings registry: how a layer can be coloured by one measure, with its palettes.

A layer module (``layers/parks.py`` …) registers the colourings it offers; a later issue adds
one (a park score, enterprise flags, a town's target completion) with :func:`register_colouring`
without touching the page, which lists every registered colouring available for its frame::

    from layers import Colouring, register_colouring

    register_colouring(
        "parks",
        Colouring(key="retrofit", label=("改造评分", "Retrofit score"), column="retrofit_score",
                  kind="quantity", palette=("#fee5d9", "#fcae91", "#fb6a4a", "#cb181d")),
    )
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd

from errors import DuplicateKeyError, UnknownKeyError
from layers.encoding import Text, pick
from layers.legend import LegendEntry

__all__ = [
    "CATEGORICAL",
    "CATEGORICAL_16",
    "COLOURINGS",
    "NO_DATA",
    "Colouring",
    "Styled",
    "colouring",
    "colourings",
    "register_colouring",
]

NO_DATA = "#c7ccd1"
_NO_DATA_LABEL: Text = ("无数据", "No data")

# -- palettes -----------------------------------------------------------------------------------

CATEGORICAL: tuple[str, ...] = (
    "#4e79a7",
    "#f28e2b",
    "#59a14f",
    "#e15759",
    "#b07aa1",
    "#edc948",
    "#76b7b2",
    "#ff9da7",
    "#9c755f",
    "#bab0ac",
)
CATEGORICAL_16: tuple[str, ...] = (
    "#4e79a7",
    "#a0cbe8",
    "#f28e2b",
    "#ffbe7d",
    "#59a14f",
    "#8cd17d",
    "#b6992d",
    "#f1ce63",
    "#499894",
    "#86bcb6",
    "#e15759",
    "#ff9d9a",
    "#79706e",
    "#bab0ac",
    "#d37295",
    "#b07aa1",
)


# -- colourings ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Styled:
    """A colouring applied to a frame: palette index per feature, the palette, the legend."""

    codes: pd.Series
    palette: tuple[str, ...]
    entries: tuple[LegendEntry, ...]


@dataclass(frozen=True)
class Colouring:
    """How to colour a layer by one measure.

    Values come from ``compute(frame)`` when given (a later issue can compute a park score
    there), else from ``frame[column]``. ``kind="category"`` gives each value its own colour
    (``order`` first, then by frequency; beyond the palette, "other"); ``kind="quantity"`` cuts
    the values at ``bins`` (or at quantiles when ``bins`` is empty) into classes.
    """

    key: str
    label: Text
    column: str
    kind: Literal["category", "quantity"]
    palette: tuple[str, ...]
    unit: Text = ("", "")
    order: tuple[str, ...] = ()
    category_label: Callable[[str, str], str] | None = None
    bins: tuple[float, ...] = ()
    bin_labels: tuple[Text, ...] = ()
    fmt: str = "{:,.0f}"
    scale: float = 1.0
    compute: Callable[[pd.DataFrame], pd.Series] | None = None
    other: Text = ("其他", "Other")

    def available(self, frame: pd.DataFrame) -> bool:
        """Whether this colouring can be drawn for ``frame`` (its column exists)."""
        return self.compute is not None or self.column in frame.columns

    def values(self, frame: pd.DataFrame) -> pd.Series:
        """The measure per feature, on the frame's index."""
        if self.compute is not None:
            return self.compute(frame).reindex(frame.index)
        if self.column not in frame.columns:
            raise UnknownKeyError(
                f"column for colouring {self.key!r}", self.column, [str(c) for c in frame.columns]
            )
        return frame[self.column]

    def texts(self, frame: pd.DataFrame) -> list[str | None]:
        """The measure per feature as tooltip text: quantities with ``fmt`` and ``scale``."""
        return [
            None
            if pd.isna(v)
            else (self.fmt.format(v * self.scale) if self.kind == "quantity" else str(v))
            for v in self.values(frame)
        ]

    def apply(self, frame: pd.DataFrame, *, lang: str = "zh") -> Styled:
        """Palette index per feature and the legend entries, in ``lang``."""
        values = self.values(frame)
        if self.kind == "category":
            return self._categories(values, lang)
        return self._classes(values, lang)

    def _label(self, value: str, lang: str) -> str:
        return self.category_label(value, lang) if self.category_label else str(value)

    def _categories(self, values: pd.Series, lang: str) -> Styled:
        text = values.astype("string")
        present = text.dropna()
        seen = [v for v in self.order if v in set(present)]
        by_count = [v for v in present.value_counts().index if v not in seen]
        ranked = seen + by_count
        room = len(self.palette) - (1 if len(ranked) > len(self.palette) else 0)
        shown = ranked[:room]
        palette = list(self.palette[: len(shown)])
        entries = [
            LegendEntry(self._label(v, lang), c) for v, c in zip(shown, palette, strict=True)
        ]
        index = {v: i for i, v in enumerate(shown)}
        codes = text.map(index)
        if len(ranked) > len(shown):
            codes = codes.where(text.isna() | codes.notna(), len(palette))
            palette.append(self.palette[-1])
            entries.append(LegendEntry(pick(self.other, lang), self.palette[-1]))
        return self._finish(codes, palette, entries, lang)

    def _classes(self, values: pd.Series, lang: str) -> Styled:
        numbers = pd.to_numeric(values, errors="coerce").astype(float)
        known = numbers.dropna()
        if self.bins:
            edges = list(self.bins)
        elif len(known):
            qs = np.quantile(known, np.linspace(0, 1, len(self.palette) + 1))
            edges = sorted(set(float(q) for q in qs))
        else:
            edges = [0.0, 1.0]
        if len(edges) < 2:
            edges = [edges[0], edges[0] + 1.0]
        n = len(edges) - 1
        colours = _spread(self.palette, n)
        inner = np.asarray(edges[1:-1], dtype=float)
        codes_arr = np.searchsorted(inner, numbers.to_numpy(), side="right")
        codes = pd.Series(codes_arr, index=values.index, dtype="Float64").where(numbers.notna())
        unit = pick(self.unit, lang)
        entries = []
        for i in range(n):
            if self.bin_labels:
                label = pick(self.bin_labels[i], lang)
            else:
                lo, hi = (self.fmt.format(e * self.scale) for e in (edges[i], edges[i + 1]))
                label = f"{lo} – {hi}"
            entries.append(LegendEntry(f"{label} {unit}".strip(), colours[i]))
        return self._finish(codes, colours, entries, lang)

    def _finish(
        self, codes: pd.Series, palette: list[str], entries: list[LegendEntry], lang: str
    ) -> Styled:
        if codes.isna().any():
            codes = codes.fillna(len(palette))
            palette = [*palette, NO_DATA]
            entries = [*entries, LegendEntry(pick(_NO_DATA_LABEL, lang), NO_DATA)]
        return Styled(codes.astype(int), tuple(palette), tuple(entries))


def _spread(palette: tuple[str, ...], n: int) -> list[str]:
    """``n`` colours taken evenly from a sequential ``palette``."""
    if n >= len(palette):
        return list(palette) + [palette[-1]] * (n - len(palette))
    idx = np.round(np.linspace(0, len(palette) - 1, n)).astype(int)
    return [palette[i] for i in idx]


COLOURINGS: dict[str, dict[str, Colouring]] = {}


def register_colouring(layer: str, item: Colouring, *, replace: bool = False) -> Colouring:
    """Offer ``item`` as a colouring of ``layer`` (the page lists every registered one)."""
    table = COLOURINGS.setdefault(layer, {})
    if item.key in table and not replace:
        msg = f"colouring {item.key!r} of {layer} exists; pass replace=True to change it"
        raise DuplicateKeyError(msg)
    table[item.key] = item
    return item


def colouring(layer: str, key: str) -> Colouring:
    """The colouring ``key`` of ``layer``; the error lists the known keys."""
    table = COLOURINGS.get(layer)
    if table is None:
        raise UnknownKeyError("layer with colourings", layer, list(COLOURINGS))
    if key not in table:
        raise UnknownKeyError(f"colouring of {layer}", key, list(table))
    return table[key]


def colourings(layer: str, frame: pd.DataFrame | None = None) -> list[Colouring]:
    """The colourings of ``layer``, only those available for ``frame`` when it is given."""
    items = list(COLOURINGS.get(layer, {}).values())
    return items if frame is None else [c for c in items if c.available(frame)]
