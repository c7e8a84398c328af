"""Charts of the screen page (Vega-Lite, bundled with Streamlit: no request leaves the
machine): each indicator's distribution with the threshold drawn on it, and the grade mix.

Histograms are binned here (numpy), so a chart carries a few dozen bars, not every firm. The
specs are plain Vega-Lite dicts: Altair validates every spec against the JSON schema, which
took 0.4 s of CPU for the five charts — most of a threshold change's budget (0.5 s).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
import streamlit as st

from scoring.screen.five_excess import FLAG_RULES
from scoring.screen.grades import GRADES
from scoring.screen.groups import division_label
from scoring.screen.indicators import INDICATORS
from scoring.screen.run import ScreenResult, thresholds_table
from ui.i18n import lang, t

__all__ = ["RULE_COLOUR", "Threshold", "distribution_chart", "distributions", "grade_chart"]

RULE_COLOUR = "#d6336c"
BAR_COLOUR = "#4e79a7"
GRADE_COLOURS = ("#2f9e44", "#74b816", "#fab005", "#e03131", "#adb5bd")


@dataclass(frozen=True)
class Threshold:
    """The line drawn on a chart: its value (display units) and the group it belongs to."""

    value: float
    group: str


def _threshold(
    result: ScreenResult, key: str, division: str | None, values: pd.Series
) -> Threshold:
    scale = INDICATORS[FLAG_RULES[key].indicator].display
    detail = result.flags.details[key]
    if detail.mode == "absolute":
        return Threshold(
            float(detail.threshold[0]) * scale if len(detail.threshold) else np.nan,
            t("screen.mode.absolute"),
        )
    if division:
        limits = thresholds_table(result, lang=lang())
        row = limits[(limits["flag"] == key) & (limits["division"] == division)]
        if len(row):
            return Threshold(float(row["threshold"].iloc[0]) * scale, division_label(division))
    district = "全区" if lang() == "zh" else "district"
    return Threshold(detail.factor * float(np.nanmedian(values)) * scale, district)


def distribution_chart(
    result: ScreenResult, key: str, *, division: str | None = None
) -> tuple[dict[str, Any], Threshold]:
    """Vega-Lite histogram of the indicator behind flag ``key`` (one division, or all firms)
    with its threshold as a vertical line; the x axis stops at the 99th percentile."""
    ind = INDICATORS[FLAG_RULES[key].indicator]
    table = result.indicators[ind.name].reset_index(drop=True)
    if division:
        table = table[result.table["division"].astype("string").eq(division).to_numpy()]
    limit = _threshold(result, key, division, result.indicators[ind.name])
    values = table.dropna().to_numpy() * ind.display
    top = float(np.quantile(values, 0.99)) if len(values) else 1.0
    top = max(top, limit.value * 1.1 if np.isfinite(limit.value) else top, 1e-9)
    counts, edges = np.histogram(np.clip(values, None, top), bins=30, range=(0.0, top))
    bars = [
        {"start": float(a), "end": float(b), "firms": int(c)}
        for a, b, c in zip(edges[:-1], edges[1:], counts, strict=True)
    ]
    unit = ind.unit[0 if lang() == "zh" else 1]
    name = ind.label[0 if lang() == "zh" else 1]
    title = f"{name}（{unit}）" if unit else name
    rule = [{"threshold": limit.value}] if np.isfinite(limit.value) else []
    spec = {
        "height": 180,
        "layer": [
            {
                "data": {"values": bars},
                "mark": {"type": "bar", "color": BAR_COLOUR},
                "encoding": {
                    "x": {"field": "start", "type": "quantitative", "title": title},
                    "x2": {"field": "end"},
                    "y": {
                        "field": "firms",
                        "type": "quantitative",
                        "title": t("screen.firm_count_axis"),
                    },
                    "tooltip": [
                        {"field": f, "type": "quantitative"} for f in ("start", "end", "firms")
                    ],
                },
            },
            {
                "data": {"values": rule},
                "mark": {"type": "rule", "color": RULE_COLOUR, "strokeWidth": 3},
                "encoding": {"x": {"field": "threshold", "type": "quantitative"}},
            },
        ],
    }
    return spec, limit


def distributions(result: ScreenResult) -> None:
    """A chart per flag's indicator, for the chosen division (all firms by default)."""
    divisions = sorted(str(d) for d in result.table["division"].dropna().unique())
    choice = st.selectbox(
        t("screen.division"),
        ["", *divisions],
        key="screen_division",
        format_func=lambda d: division_label(d) if d else t("screen.division_all"),
    )
    if not choice:
        st.caption(t("screen.chart_district"))
    keys = list(FLAG_RULES)
    for row in (keys[:3], keys[3:]):
        for key, column in zip(row, st.columns(3), strict=False):
            chart, limit = distribution_chart(result, key, division=choice or None)
            with column:
                st.vega_lite_chart(spec=chart, key=f"screen_chart_{key}", width="stretch")
                label = FLAG_RULES[key].label[0 if lang() == "zh" else 1]
                st.caption(
                    t(
                        "screen.chart_caption",
                        label=label,
                        value=f"{limit.value:.4g}",
                        group=limit.group,
                    )
                    + t("screen.chart_clip")
                )


def grade_chart(table: pd.DataFrame) -> dict[str, Any]:
    """Firms per grade A/B/C/D/T, as a Vega-Lite spec."""
    counts = table["grade"].astype("string").value_counts().reindex(list(GRADES), fill_value=0)
    rows = [{"grade": g, "firms": int(n)} for g, n in zip(GRADES, counts, strict=True)]
    return {
        "height": 200,
        "data": {"values": rows},
        "mark": {"type": "bar"},
        "encoding": {
            "x": {
                "field": "grade",
                "type": "nominal",
                "sort": list(GRADES),
                "title": t("screen.f_grade"),
            },
            "y": {"field": "firms", "type": "quantitative", "title": t("screen.firm_count_axis")},
            "color": {
                "field": "grade",
                "type": "nominal",
                "legend": None,
                "scale": {"domain": list(GRADES), "range": list(GRADE_COLOURS)},
            },
            "tooltip": [
                {"field": "grade", "type": "nominal"},
                {"field": "firms", "type": "quantitative"},
            ],
        },
    }
