"""The screen on the map: the enterprise layer coloured by flag count or grade, and the park
card's grade mix and phase-out count. Registered through the public registries
(``layers.register_colouring``, ``ui.map_view.card.card_section``); the map page is unchanged.

Both use the settings in force on the screen page (:func:`ui.screen.state.current_config`) and
the cached screen of the map's survey year, so the map shows what the page shows.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from layers import Colouring, register_colouring
from scoring.screen.aggregates import park_aggregates
from scoring.screen.grades import GRADES
from ui.i18n import lang, t
from ui.loaders import screen_result
from ui.map_view.card import CardContext, card_section
from ui.screen.state import current_config

__all__ = ["COLOURINGS", "firm_values"]

# the page's choice → the colouring's key
COLOURINGS = {"flags": "screen_flags", "grade": "screen_grade"}
FLAG_PALETTE = ("#2f9e44", "#94d82d", "#ffd43b", "#fd7e14", "#e03131", "#862e9c")
GRADE_PALETTE = ("#2f9e44", "#74b816", "#fab005", "#e03131", "#adb5bd")


def firm_values(frame: pd.DataFrame, column: str) -> pd.Series:
    """``column`` of the screen for each firm of a map frame (matched by record id), with the
    settings in force; the screen covers every firm of the frame's year, so medians do not
    change when the map is filtered."""
    if frame.empty:
        return pd.Series(dtype=object, index=frame.index)
    year = int(frame["survey_year"].iloc[0])
    table = screen_result(year, current_config(), lang()).table
    values = table[column].astype("string").set_axis(table["record_id"].astype(str).to_numpy())
    return frame["record_id"].astype(str).map(values).set_axis(frame.index)


def _flags_label(value: str, ln: str) -> str:
    return f"{value} 项" if ln == "zh" else f"{value} flags"


register_colouring(
    "enterprises",
    Colouring(
        key=COLOURINGS["flags"],
        label=("“五过”标记数", "Five-excess flags"),
        column="flag_count",
        kind="category",
        palette=FLAG_PALETTE,
        order=tuple(str(k) for k in range(6)),
        category_label=_flags_label,
        compute=lambda frame: firm_values(frame, "flag_count"),
    ),
)
register_colouring(
    "enterprises",
    Colouring(
        key=COLOURINGS["grade"],
        label=("亩均效益分级", "亩均效益 grade"),
        column="grade",
        kind="category",
        palette=GRADE_PALETTE,
        order=GRADES,
        compute=lambda frame: firm_values(frame, "grade"),
    ),
)


@card_section("screen", order=35)
def _screen_section(ctx: CardContext) -> None:
    """Grade mix and phase-out candidates of the open park, with the page's settings."""
    table = screen_result(ctx.card.year, current_config(), ctx.lang).table
    parks = park_aggregates(table)
    st.markdown(f"**{t('screen.card_title', year=ctx.card.year)}**")
    if ctx.card.park_id not in parks.index:
        st.caption(t("screen.card_none"))
        return
    row = parks.loc[str(ctx.card.park_id)].to_dict()
    mix = " · ".join(f"{g} {int(row[f'grade_{g}'])}" for g in GRADES)
    st.markdown(
        f"{t('screen.card_grades')}：{mix}"
        if ctx.lang == "zh"
        else f"{t('screen.card_grades')}: {mix}"
    )
    st.markdown(
        t("screen.card_candidates", n=int(row["phase_out"]), share=float(row["share_phase_out"]))
    )
