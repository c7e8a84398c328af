"""One small chart per indicator across the survey years (Altair; Vega-Lite is bundled with
Streamlit, so nothing is fetched). Every encoded field carries a title in the page's language."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from scoring.profile.labels import profile_label
from scoring.profile.topics import INDICATOR_COLUMNS, FirmProfile
from ui.i18n import lang, t

__all__ = ["COLOUR", "indicator_chart", "indicator_charts"]

COLOUR = "#1c7ed6"
PER_ROW = 4


def indicator_chart(frame: pd.DataFrame, column: str) -> alt.Chart:
    """The line of ``column`` over ``frame``'s survey years (missing years left out)."""
    label = profile_label(column, lang())
    year = t("firm.chart_year")
    data = pd.DataFrame(
        {"x": frame["survey_year"].astype(int).astype(str), "y": frame[column].astype(float)}
    ).dropna()
    return (
        alt.Chart(data, title=alt.Title(label, fontSize=13, anchor="start"))
        .mark_line(point=True, color=COLOUR)
        .encode(
            x=alt.X("x:O", title=year, axis=alt.Axis(labelAngle=0)),
            # the field keeps its title (tooltips, the marks' aria labels); the chart's title
            # shows it, so the narrow axis does not
            y=alt.Y("y:Q", title=label, scale=alt.Scale(zero=False), axis=alt.Axis(title=None)),
            tooltip=[
                alt.Tooltip("x:O", title=year),
                alt.Tooltip("y:Q", title=label, format=",.4~g"),
            ],
        )
        .properties(height=170)
    )


def indicator_charts(profile: FirmProfile) -> None:
    """The indicators' charts, :data:`PER_ROW` to a row."""
    frame = profile.topics["indicators"]
    if frame.empty:
        return
    st.subheader(t("firm.charts"))
    for start in range(0, len(INDICATOR_COLUMNS), PER_ROW):
        cols = st.columns(PER_ROW)
        for col, column in zip(cols, INDICATOR_COLUMNS[start : start + PER_ROW], strict=False):
            with col:
                st.altair_chart(indicator_chart(frame, column), key=f"firm_chart_{column}")
