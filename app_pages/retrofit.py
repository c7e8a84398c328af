"""Page `retrofit`: score the parks for circular retrofit, test the ranking's robustness,
choose three and keep the decision as a scenario (plan clause 二(五)1)."""

from __future__ import annotations

import streamlit as st

from ui.i18n import t
from ui.loaders import load_layer
from ui.retrofit import scenarios as rs
from ui.retrofit import view as rv

st.title(t("nav.retrofit"))
st.caption(t("rf.caption"))

parks = load_layer("parks")
options = dict(zip(parks["park_id"], parks["park_id"] + " " + parks["name"], strict=True))
controls = rv.controls(rv.base_settings(), options)
result = rv.score(controls)
scores, choice = result.scores, result.choice
rv.remember(choice)

st.subheader(t("rf.picks"))
rv.show_picks(scores, choice)
left, right = st.columns([1.4, 1], gap="medium")
with left:
    st.subheader(t("rf.map"))
    rv.show_map(scores, choice)
with right:
    st.subheader(t("rf.robustness"))
    rv.show_robustness(scores)
st.subheader(t("rf.ranking"))
rv.show_ranking(scores, result.routes)
st.subheader(t("rf.scenarios"))
rs.scenario_panel(controls, scores, choice)
