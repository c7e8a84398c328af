"""The land page's 厂房加层 potential: the formula with its settings, the district's figures, the
land saved per town as a chart and a table, and the parks with the largest potential. The
arithmetic is :mod:`scoring.land.potential`; this module only shows it."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from scoring.land.labels import land_labels
from scoring.land.potential import LandPotential
from ui.i18n import lang, t
from ui.land.figures import area_metric

__all__ = ["park_table", "show_potential", "town_table"]

PARKS_SHOWN = 30
_COLUMNS = (
    "firms", "evaluated", "not_evaluated", "no_floor_area", "no_land_area", "potential_floor_m2",
    "land_saved_mu", "land_saved_ha",
)  # fmt: skip


def _rounded(frame: pd.DataFrame, first: list[str]) -> pd.DataFrame:
    labels = land_labels(lang())
    out = frame.loc[:, [c for c in (*first, *_COLUMNS) if c in frame.columns]].copy()
    for column in out.columns:
        if column.endswith(("_mu", "_ha")):
            out[column] = pd.to_numeric(out[column], errors="coerce").round(1)
        elif column.endswith("_m2"):
            out[column] = pd.to_numeric(out[column], errors="coerce").round(0)
    # in a park's or town's row "evaluated" counts firms
    labels = {**labels, "evaluated": t("land.potential_evaluated")}
    return out.rename(columns=labels)


def town_table(potential: LandPotential) -> pd.DataFrame:
    """The towns' potential, largest land saved first."""
    towns = potential.towns.sort_values("land_saved_m2", ascending=False, na_position="last")
    return _rounded(towns, ["town"])


def park_table(potential: LandPotential, names: dict[str, str]) -> pd.DataFrame:
    """The parks with the largest potential (land saved), with their names and towns."""
    parks = potential.parks[potential.parks["land_saved_m2"].fillna(0) > 0]
    parks = parks.sort_values("land_saved_m2", ascending=False).head(PARKS_SHOWN)
    parks.insert(1, "name", parks["park_id"].map(names))
    shown = _rounded(parks, ["park_id", "name"])
    labels = land_labels(lang())
    return shown.rename(
        columns={labels["park_id"]: t("land.col_park_id"), labels["name"]: t("land.col_park_name")}
    )


def _chart(potential: LandPotential) -> alt.Chart:
    towns = potential.towns
    data = pd.DataFrame(
        {"town": towns["town"], "mu": pd.to_numeric(towns["land_saved_mu"]).fillna(0).round(1)}
    )
    return (
        alt.Chart(data, title=t("land.potential_chart"))
        .mark_bar(color="#2b8a3e")
        .encode(
            x=alt.X("mu:Q", title=t("land.chart_mu")),
            y=alt.Y(
                "town:N", sort="-x", title=land_labels(lang())["town"], axis=alt.Axis(title=None)
            ),
            tooltip=[
                alt.Tooltip("town:N", title=land_labels(lang())["town"]),
                alt.Tooltip("mu:Q", format=",.1f", title=t("land.potential_saved")),
            ],
        )
        .properties(height=22 * len(data) + 40)
    )


def show_potential(potential: LandPotential, names: dict[str, str]) -> None:
    """The potential section: the formula with its settings, figures, chart and tables."""
    st.caption(
        t(
            "land.potential_caption",
            uplift=potential.uplift,
            cap=potential.max_plot_ratio,
            year=potential.year,
        )
    )
    firms = potential.firms
    evaluated = firms["evaluated"].astype(bool)
    c1, c2, c3, c4 = st.columns(4)
    c1.metric(
        t("land.potential_floor"),
        t("land.wan_m2", v=float(firms["potential_floor_m2"].sum()) / 10_000),
    )
    area_metric(
        c2,
        t("land.potential_saved"),
        ha=float(firms["land_saved_ha"].sum()),
        mu=float(firms["land_saved_mu"].sum()),
    )
    c3.metric(t("land.potential_evaluated"), f"{int(evaluated.sum()):,}")
    c4.metric(t("land.potential_missing"), f"{int((~evaluated).sum()):,}")
    missing = firms[~evaluated]
    if len(missing):
        no_floor = int(pd.to_numeric(missing["floor_area_m2"], errors="coerce").isna().sum())
        no_land = int(
            (pd.to_numeric(missing["land_area_m2"], errors="coerce").fillna(0) <= 0).sum()
        )
        st.caption(t("land.potential_missing_note", n=len(missing), floor=no_floor, land=no_land))
    st.altair_chart(_chart(potential), key="land_potential_chart")
    st.subheader(t("land.potential_towns"))
    st.dataframe(town_table(potential), hide_index=True, width="stretch", key="land_pot_towns")
    st.subheader(t("land.potential_parks"))
    st.dataframe(
        park_table(potential, names), hide_index=True, width="stretch", key="land_pot_parks"
    )
