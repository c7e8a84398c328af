"""Page `progress`: the plan's years 2015–2017 — targets against actuals, the towns' ranking
by year, the 2015 phase-out candidates followed, the parks' retrofit scores across years."""

from __future__ import annotations

import streamlit as st

from ui.i18n import t
from ui.progress import view as pv

st.title(t("nav.progress"))
st.caption(t("progress.caption"))
progress = pv.progress_frame()
place = pv.place_select(progress)
pv.show_charts(progress, place)
pv.show_table(progress, place)
pv.show_ranking(progress)
follow, summary = pv.follow_up_frames()
pv.show_follow_up(follow, summary)
pv.show_parks()
pv.download(progress, follow, summary)
