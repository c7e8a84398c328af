"""Where the towns' retrofit actuals come from on the targets page: the survey (完成技改 of the
above-scale firms) or the project library (projects completed in the year, 二(一)1), defaulting
to ``[projects] actuals_source``; and the two actuals per town with their source."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from config import load_settings
from scoring.targets.completion import TargetReport
from store.projects import placed_projects
from ui.i18n import t
from ui.loaders import load_layer, workspace

__all__ = ["SOURCES", "retrofit_projects", "show_retrofit"]

SOURCES = ("survey", "projects")


def retrofit_projects() -> pd.DataFrame | None:
    """The library with its firms' places when the planner reads the retrofit actuals from the
    projects (the page's choice, defaulting to the setting); ``None``: from the survey."""
    default = load_settings().projects.actuals_source
    source = st.radio(
        t("targets.retrofit_source"),
        list(SOURCES),
        index=SOURCES.index(default),
        horizontal=True,
        key="targets_retrofit_source",
        format_func=lambda k: t(f"targets.retrofit_{k}"),
    )
    if source == "survey":
        return None
    return placed_projects(workspace(), load_layer("enterprises"))


def show_retrofit(result: TargetReport) -> None:
    """The two retrofit actuals per town, saying where they come from."""
    source = str(result.parameters.get("retrofit_actuals", "survey"))
    with st.expander(t("targets.retrofit_title", source=t(f"targets.retrofit_{source}"))):
        actual = result.actuals
        frame = pd.DataFrame(
            {
                t("col.town"): actual.index,
                t("targets.retrofit_firms"): actual["tech_retrofit_firms"].to_numpy(),
                t("targets.retrofit_investment"): actual["tech_retrofit_investment"]
                .round(2)
                .to_numpy(),
            }
        )
        st.dataframe(frame, hide_index=True, key="targets_retrofit")
