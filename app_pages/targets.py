"""Page `targets`: the town targets of a year, their completion from the survey, the ranking."""

from __future__ import annotations

import streamlit as st

from ui.i18n import t
from ui.targets import retrofit
from ui.targets import view as tv

st.title(t("nav.targets"))
st.caption(t("targets.caption"))
state = tv.load()
year = tv.year_select(state)
tv.method(state)
split = tv.editor(state, year)
report = tv.report(state, split, year, retrofit.retrofit_projects())
tv.show_ranking(report)
tv.show_town(state, report)
tv.show_clean(report)
retrofit.show_retrofit(report)
panel = tv.show_panel(state, year)
tv.show_chart(state, split)
tv.download(state, report, panel)
tv.show_log(state)
