"""Page `projects`: the technical-retrofit project library and the district's matching funds."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from config import load_settings
from scoring.projects.report import project_table
from store.projects import placed_projects
from ui.i18n import t
from ui.loaders import load_layer, workspace
from ui.projects import actions as pa
from ui.projects import view as pv

st.title(t("nav.projects"))
st.caption(t("proj.caption"))
done = st.session_state.pop("proj.done", None)
if done:
    st.success(done)
settings = load_settings().projects
places = placed_projects(workspace(), load_layer("enterprises"))
if places.empty:
    st.info(t("proj.none"))
else:
    years = sorted(int(y) for y in places["year"].dropna().unique())
    left, right = st.columns(2)
    year = left.selectbox(t("proj.year"), years, index=len(years) - 1, key="proj_year")
    as_of = right.date_input(t("proj.as_of"), value=dt.date(year, 12, 31), key="proj_as_of")
    day = as_of.isoformat()
    towns = sorted(str(x) for x in load_layer("towns")["name"])
    pv.show_figures(places, settings, year, day)
    pv.show_budget(places, settings, year, towns)
    pv.show_list(places, settings, year, day)
    pv.show_late(places, settings, day)
    table = project_table(places, settings=settings, as_of=day, year=year)
    pa.approve_panel(table, places, settings)
    pa.stage_panel(table)
pa.import_panel()
