"""Page `map`: parks, 三旧 parcels and enterprises on one offline-first map."""

from __future__ import annotations

import streamlit as st

from ui import map_view as mv
from ui.i18n import t

st.title(t("nav.map"))
st.caption(t("map.caption"))
mv.require_assets()

# A session's first run of the page draws the title and the map alone, with the values the
# controls will show; the map's frame asks for the next run once its parks are drawn, and that
# run adds the controls, the card and the comparison (a new visitor sees the parks sooner:
# docs/SCALING.md). The filter bar's place before the map is kept on both runs, so the map
# stays the same element and is not drawn again.
first = mv.first_paint()
bar = st.container(key="map_bar")
if first:
    with bar:
        mv.bar_space()  # the filter bar's room: the map does not move when the bar comes
    frames = mv.frames(mv.year_select(draw=False))
    filters = mv.filter_bar(frames, draw=False)
    options = mv.settings_panel(frames, filters, draw=False)
else:
    with st.sidebar:
        st.subheader(t("map.settings"))
        year = mv.year_select()
    frames = mv.frames(year)
    with bar:
        filters = mv.filter_bar(frames)
    with st.sidebar:
        options = mv.settings_panel(frames, filters)
data = mv.map_data(frames, filters, options)

mv.show_map(frames, data, options, filters=filters, ask_next_run=first)
mv.shown_caption(data, frames.year)
if not first:
    card, comparison = st.columns([1, 1.5], gap="medium")
    with card:
        mv.show_card(frames)
    with comparison:
        mv.show_comparison(frames)
