"""Page `screen`: the five-excess (五过) screen and 亩均效益 grades, every flag with its reasons."""

from __future__ import annotations

import streamlit as st

from ui.evaluation.view import screen_batch_panel
from ui.i18n import t
from ui.screen import view as sv
from ui.screen.charts import distributions
from ui.screen.downloads import downloads

st.title(t("nav.screen"))
st.caption(t("screen.caption"))

with st.sidebar:
    year = sv.year_select()
    with st.expander(t("screen.config")):
        sv.settings_file()
with st.container(border=True):
    st.subheader(t("screen.settings"))
    config, holders = sv.thresholds_editor()
result = sv.run_screen(year, config)
sv.show_counts(result, holders)
sv.headline(result)
st.subheader(t("screen.distribution"))
distributions(result)
st.subheader(t("screen.table"))
shown = sv.filter_table(result)
downloads(result, shown)
sv.show_on_map(year)
sv.grades_and_surcharges(result)
screen_batch_panel(year)
with st.expander(t("screen.what_if")):
    sv.what_if_table(result)
with st.expander(t("screen.diff")):
    sv.config_panel(config)
