"""The 厂房加层 potential on every map: a park colouring (the land its firms would save by adding
floors, 亩) and a section of the park card, registered through the public ``layers`` and
``ui.map_view.card`` APIs when this module is imported (``app.py`` imports it).

Both read the potential of the survey year the map page shows (its year selector), with the
workspace's settings (:func:`ui.land.loaders.potential_of`).
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from layers import Colouring, register_colouring
from ui.i18n import t
from ui.land.loaders import potential_of
from ui.loaders import survey_years_of_workspace
from ui.map_view.card import CardContext, card_section

__all__ = ["PLOT_RATIO_POTENTIAL", "map_year"]

_INF = float("inf")


def map_year() -> int:
    """The survey year the map page shows (its selector), else the latest."""
    chosen = st.session_state.get("map_year")
    years = survey_years_of_workspace()
    return int(chosen) if chosen in years else int(years[-1])


def _saved_mu(frame: pd.DataFrame) -> pd.Series:
    parks = potential_of(map_year()).parks
    by_park = dict(zip(parks["park_id"].astype(str), parks["land_saved_mu"], strict=True))
    return frame["park_id"].astype(str).map(by_park).astype(float)


PLOT_RATIO_POTENTIAL = register_colouring(
    "parks",
    Colouring(
        key="plot_ratio_potential",
        label=("厂房加层节约用地", "Land saved by adding floors"),
        column="land_saved_mu",
        kind="quantity",
        palette=("#edf8e9", "#bae4b3", "#74c476", "#31a354", "#006d2c"),
        bins=(0, 1e-9, 10, 30, 60, _INF),
        bin_labels=(
            ("无", "None"),
            ("< 10 亩", "< 10 mu"),
            ("10 – 30 亩", "10 – 30 mu"),
            ("30 – 60 亩", "30 – 60 mu"),
            ("≥ 60 亩", "≥ 60 mu"),
        ),
        compute=_saved_mu,
    ),
    replace=True,
)


@card_section("land", order=37)
def _land_section(ctx: CardContext) -> None:
    """The open park's 厂房加层 potential: floor area, land saved, firms not evaluated."""
    parks = potential_of(ctx.card.year, ctx.lang).parks
    row = parks[parks["park_id"].astype(str) == str(ctx.card.park_id)]
    st.markdown(f"**{t('land.card_title', year=ctx.card.year)}**")
    if row.empty or int(row["evaluated"].iloc[0]) == 0:
        st.caption(t("land.card_none"))
        return
    r = row.iloc[0]
    st.markdown(
        t(
            "land.card_line",
            floor=float(r["potential_floor_m2"]),
            mu=float(r["land_saved_mu"]),
            n=int(r["evaluated"]),
        )
    )
    if int(r["not_evaluated"]):
        st.caption(t("land.card_missing", n=int(r["not_evaluated"])))
