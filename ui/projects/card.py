"""The park card's technical-retrofit projects: the projects of the park's firms (their latest
survey row's park) with stage and follow-up, registered through ``ui.map_view.card`` when this
module is imported (``app.py`` imports it)."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from config import load_settings
from scoring.projects.report import project_table
from store.projects import placed_projects
from ui.i18n import t
from ui.loaders import load_layer, workspace
from ui.map_view.card import CardContext, card_section, md

__all__ = ["CARD_ROWS"]

CARD_ROWS = 8  # projects listed on the card; the projects page lists them all


@card_section("projects", order=38)
def _projects_section(ctx: CardContext) -> None:
    places = placed_projects(workspace(), load_layer("enterprises"))
    if places.empty:
        return
    mine = places[places["park_id"].astype(str) == str(ctx.card.park_id)]
    st.markdown(f"**{t('proj.card_title', n=len(mine))}**")
    if mine.empty:
        st.caption(t("proj.card_none"))
        return
    table = project_table(
        mine, settings=load_settings().projects, as_of=dt.date.today().isoformat()
    ).sort_values(["year", "project_id"], ascending=[False, True])
    lines = [
        t(
            "proj.card_line",
            id=md(r["project_id"]),
            name=md(r["name"]),
            stage=md(r["stage"]),
            state=md(r["follow_up_label"]),
            wan=float(r["total_investment_wan"]),
        )
        for _, r in table.head(CARD_ROWS).iterrows()
    ]
    st.markdown("\n".join(f"- {line}" for line in lines))
    if len(table) > CARD_ROWS:
        st.caption(t("proj.card_more", n=len(table) - CARD_ROWS))
