"""Page `map`: parks, 三旧 parcels and enterprises on one offline-first map."""

from __future__ import annotations

import streamlit as st

from ui import map_view as mv
from ui.i18n import t

st.title(t("nav.map"))
st.caption(t("map.caption"))
mv.require_assets()

with st.sidebar:
    st.subheader(t("map.settings"))
    year = mv.year_select()
frames = mv.frames(year)
filters = mv.filter_bar(frames)
with st.sidebar:
    options = mv.settings_panel(frames, filters)
data = mv.map_data(frames, filters, options)

mv.show_map(frames, data, options, filters=filters)
mv.shown_caption(data, year)
card, comparison = st.columns([1, 1.5], gap="medium")
with card:
    mv.show_card(frames)
with comparison:
    mv.show_comparison(frames)
