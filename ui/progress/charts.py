"""The progress page's charts: one small line chart per target indicator, actual against
target across the plan's years, for the district or one town (Vega-Lite specs, drawn offline
by the bundled renderer; every encoded field has a Chinese title)."""

from __future__ import annotations

from typing import Any

import pandas as pd

from scoring.targets.split import INDICATORS

__all__ = ["indicator_chart", "series_frame"]


def series_frame(progress: pd.DataFrame, place: str, key: str) -> pd.DataFrame:
    """Long rows ``year``, ``series`` (target / actual label), ``value`` of one place and
    indicator; missing actuals are left out (never drawn as zero)."""
    rows = progress[(progress["town"] == place) & (progress["indicator"] == key)]
    parts = []
    for column in ("target", "actual"):
        part = rows[["year", column]].rename(columns={column: "value"}).dropna()
        parts.append(part.assign(series=column))
    return pd.concat(parts, ignore_index=True)


def indicator_chart(
    data: pd.DataFrame, key: str, *, labels: dict[str, str], lang: str = "zh"
) -> dict[str, Any]:
    """A Vega-Lite line chart of :func:`series_frame` rows; ``labels``: the Chinese (or
    English) titles of year, value, series and the two series names."""
    item = INDICATORS[key]
    i = 0 if lang == "zh" else 1
    title = f"{item.label[i]}（{item.unit[i]}）"
    values = [
        {"year": str(int(y)), "value": float(v), "series": labels[f"series_{s}"]}
        for y, v, s in zip(
            data["year"].to_numpy(), data["value"].to_numpy(dtype=float),
            data["series"].astype(str), strict=True,
        )
    ]  # fmt: skip
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "title": title,
        "data": {"values": values},
        "height": 160,
        "mark": {"type": "line", "point": True},
        "encoding": {
            "x": {"field": "year", "type": "ordinal", "title": labels["year"]},
            "y": {"field": "value", "type": "quantitative", "title": title},
            "color": {"field": "series", "type": "nominal", "title": labels["series"]},
            "strokeDash": {"field": "series", "type": "nominal", "title": labels["series"]},
            "tooltip": [
                {"field": "year", "type": "ordinal", "title": labels["year"]},
                {"field": "series", "type": "nominal", "title": labels["series"]},
                {"field": "value", "type": "quantitative", "title": title, "format": ",.2f"},
            ],
        },
    }
