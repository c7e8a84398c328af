"""Charts of the screen page (Altair / Vega-Lite, bundled with Streamlit: no request leaves the
machine): each indicator's distribution with the threshold drawn on it, and the grade mix.

Histograms are binned here (numpy), so a chart carries a few dozen bars, not every firm.
"""

from __future__ import annotations

from dataclasses import dataclass

import altair as alt
import numpy as np
import pandas as pd
import streamlit as st

from scoring.five_excess import FLAG_RULES
from scoring.grades import GRADES
from scoring.groups import division_label
from scoring.indicators import INDICATORS
from scoring.screen import ScreenResult, thresholds_table
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
) -> tuple[alt.LayerChart, Threshold]:
    """Histogram of the indicator behind flag ``key`` (one division, or all firms) with its
    threshold as a vertical line; the x axis stops at the 99th percentile."""
    ind = INDICATORS[FLAG_RULES[key].indicator]
    table = result.indicators[ind.name].reset_index(drop=True)
    if division:
        table = table[result.table["division"].astype("string").eq(division).to_numpy()]
    limit = _threshold(result, key, division, result.indicators[ind.name])
    values = table.dropna().to_numpy() * ind.display
    top = float(np.quantile(values, 0.99)) if len(values) else 1.0
    top = max(top, limit.value * 1.1 if np.isfinite(limit.value) else top, 1e-9)
    counts, edges = np.histogram(np.clip(values, None, top), bins=30, range=(0.0, top))
    bars = pd.DataFrame({"start": edges[:-1], "end": edges[1:], "firms": counts})
    unit = ind.unit[0 if lang() == "zh" else 1]
    title = f"{ind.label[0 if lang() == 'zh' else 1]}（{unit}）" if unit else ind.label[0]
    base = (
        alt.Chart(bars)
        .mark_bar(color=BAR_COLOUR)
        .encode(
            x=alt.X("start:Q", title=title),
            x2="end:Q",
            y=alt.Y("firms:Q", title=t("screen.firm_count_axis")),
            tooltip=["start:Q", "end:Q", "firms:Q"],
        )
    )
    rule_data = pd.DataFrame({"threshold": [limit.value]})
    rule = alt.Chart(rule_data).mark_rule(color=RULE_COLOUR, strokeWidth=3).encode(x="threshold:Q")
    return (base + rule).properties(height=180), limit


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
                st.altair_chart(chart, key=f"screen_chart_{key}", width="stretch")
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


def grade_chart(table: pd.DataFrame) -> alt.Chart:
    """Firms per grade A/B/C/D/T."""
    counts = table["grade"].astype("string").value_counts().reindex(list(GRADES), fill_value=0)
    frame = pd.DataFrame({"grade": list(GRADES), "firms": counts.to_numpy()})
    return (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            x=alt.X("grade:N", sort=list(GRADES), title=t("screen.f_grade")),
            y=alt.Y("firms:Q", title=t("screen.firm_count_axis")),
            color=alt.Color(
                "grade:N",
                scale=alt.Scale(domain=list(GRADES), range=list(GRADE_COLOURS)),
                legend=None,
            ),
            tooltip=["grade:N", "firms:Q"],
        )
        .properties(height=200)
    )
