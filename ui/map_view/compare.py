"""The comparison: up to 4 parks side by side, a table and small bar charts in the colours the
map outlines them with."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from layers.frames import Frames
from layers.selection import COMPARE_COLOURS
from ui.i18n import t
from ui.map_view.state import COMPARE_WIDGET, MAX_COMPARE, selected_parks, sync_comparison

__all__ = ["MEASURES", "show_comparison"]

# park_measures column, label key, scale, number format
MEASURES: tuple[tuple[str, str, float, str], ...] = (
    ("area_ha", "map.m.area_ha", 1.0, "{:,.1f}"),
    ("area_mu", "map.m.area_mu", 1.0, "{:,.0f}"),
    ("firms", "map.m.firms", 1.0, "{:,.0f}"),
    ("above_scale", "map.m.above_scale", 1.0, "{:,.0f}"),
    ("employees", "map.m.employees", 1.0, "{:,.0f}"),
    ("gross_output", "map.m.gross_output", 1.0, "{:,.0f}"),
    ("energy_tce", "map.m.energy_tce", 1.0, "{:,.0f}"),
    ("water_m3", "map.m.water_m3", 1.0, "{:,.0f}"),
    ("parcels", "map.m.parcels", 1.0, "{:,.0f}"),
    ("sanjiu_share", "map.m.sanjiu_share", 100.0, "{:,.0f}"),
)


def _pick_parks(f: Frames) -> tuple[list[str], pd.Series]:
    """The comparison's multiselect; the chosen park ids and every park's name."""
    names = f.parks.set_index("park_id")["name"].astype(str)
    towns = f.parks.set_index("park_id")["town"].astype(str)
    options = sorted(names.index, key=lambda p: (towns[p], names[p]))
    if COMPARE_WIDGET not in st.session_state:
        st.session_state[COMPARE_WIDGET] = [p for p in selected_parks() if p in names.index]
    st.multiselect(
        t("map.compare_pick"),
        options,
        key=COMPARE_WIDGET,
        max_selections=MAX_COMPARE,
        format_func=lambda p: f"{names[p]}（{towns[p]}）",
        on_change=sync_comparison,
        placeholder=t("map.compare_hint"),
    )
    ids = [p for p in st.session_state[COMPARE_WIDGET] if p in f.measures.index]
    return ids, names


def _values(f: Frames, ids: list[str]) -> pd.DataFrame:
    """The measures of parks ``ids`` (rows) as shown (columns: measures, scaled)."""
    columns = [col for col, _, _, _ in MEASURES]
    scales = [scale for _, _, scale, _ in MEASURES]
    return f.measures.loc[ids, columns].astype(float) * scales


def _table(values: pd.DataFrame, labels: list[str]) -> None:
    table = values.T.set_axis(labels, axis=1).set_axis([t(key) for _, key, _, _ in MEASURES])
    table.index.name = t("map.measure")
    styled = table.style
    for _, key, _, fmt in MEASURES:
        styled = styled.format(fmt, subset=pd.IndexSlice[[t(key)], :])
    st.dataframe(styled, key="map_compare_table", width="stretch")


def _chart(values: pd.DataFrame, labels: list[str]) -> None:
    long = pd.DataFrame(
        [
            {"park": label, "measure": t(key), "value": float(v)}
            for label, row in zip(labels, values.to_numpy(), strict=True)
            for (col, key, _, _), v in zip(MEASURES, row, strict=True)
            if col != "area_mu"
        ]
    )
    chart = (
        alt.Chart(long)
        .mark_bar(cornerRadiusTopLeft=3, cornerRadiusTopRight=3)
        .encode(
            x=alt.X("park:N", axis=None, sort=labels, title=t("chart.park")),
            y=alt.Y("value:Q", title=t("chart.value"), axis=alt.Axis(title=None)),
            color=alt.Color(
                "park:N",
                title=t("chart.park"),
                scale=alt.Scale(domain=labels, range=list(COMPARE_COLOURS[: len(labels)])),
                legend=alt.Legend(title=None, orient="top"),
            ),
            tooltip=[
                alt.Tooltip("park:N", title=t("chart.park")),
                alt.Tooltip("value:Q", format=",.1f", title=t("chart.value")),
            ],
        )
        .properties(width=150, height=120)
        .facet(
            facet=alt.Facet(
                "measure:N",
                title=None,
                sort=[t(key) for col, key, _, _ in MEASURES if col != "area_mu"],
            ),
            columns=5,
        )
        .resolve_scale(y="independent")
    )
    st.altair_chart(chart, key="map_compare_chart")


def show_comparison(f: Frames) -> None:
    """Up to 4 parks side by side: a table and small bar charts in the map's outline colours."""
    st.subheader(t("map.compare"))
    ids, names = _pick_parks(f)
    if not ids:
        st.caption(t("map.compare_hint"))
        return
    counts = names[ids].value_counts()
    labels = [names[p] if counts[names[p]] == 1 else f"{names[p]}（{p}）" for p in ids]
    values = _values(f, ids)
    _table(values, labels)
    _chart(values, labels)
