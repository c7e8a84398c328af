"""The circular-retrofit score as a park colouring on every map, registered through the public
``layers`` API when this module is imported (``app.py`` imports it).

The value is the score of the planner's latest run of the retrofit page in this session (its
weights, method and gate), or, before that page has run, the score with the default settings
of ``config/defaults.toml``. Gated-out parks have no score and are drawn as "no data".
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from layers import Colouring, register_colouring
from ui.loaders import scenario_scores

__all__ = ["LAST_SCORES_KEY", "RETROFIT_SCORE", "remember_scores"]

LAST_SCORES_KEY = "retrofit.last_scores"  # park_id → score of the page's latest run


def remember_scores(table: pd.DataFrame) -> None:
    """Keep the retrofit page's scores for the other maps of this session."""
    st.session_state[LAST_SCORES_KEY] = dict(
        zip(table["park_id"].astype(str), table["score"].astype(float), strict=True)
    )


def _scores(frame: pd.DataFrame) -> pd.Series:
    last = st.session_state.get(LAST_SCORES_KEY)
    if last is None:
        table = scenario_scores({})  # the default settings
        last = dict(zip(table["park_id"].astype(str), table["score"].astype(float), strict=True))
    return frame["park_id"].astype(str).map(last).astype(float)


RETROFIT_SCORE = register_colouring(
    "parks",
    Colouring(
        key="retrofit_score",
        label=("循环化改造评分", "Retrofit score"),
        column="retrofit_score",
        kind="quantity",
        palette=("#edf8e9", "#bae4b3", "#74c476", "#31a354", "#006d2c"),
        fmt="{:.3f}",
        compute=_scores,
    ),
    replace=True,
)
