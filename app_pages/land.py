"""Page `land`: land freed against land demanded, the 厂房加层 potential, the renewal areas."""

from __future__ import annotations

import streamlit as st

from ui.i18n import lang, t
from ui.land import balance as land_balance
from ui.land import potential as land_potential
from ui.land import renewal as land_renewal
from ui.land.loaders import balance_of, potential_of, renewal_of
from ui.land.scope import scope_select
from ui.loaders import load_layer, survey_years_of_workspace

st.title(t("nav.land"))
st.caption(t("land.caption"))
years = survey_years_of_workspace()
if not years:
    st.info(t("land.no_survey"))
    st.stop()
left, right = st.columns([1, 3])
year = left.selectbox(t("land.year"), years, index=len(years) - 1, key="land_year")
parks = load_layer("parks")
names = dict(zip(parks["park_id"].astype(str), parks["name"].astype(str), strict=True))
with right:
    scope = scope_select(names)
tabs = st.tabs([t("land.tab_balance"), t("land.tab_potential"), t("land.tab_renewal")])
with tabs[0]:
    if scope == ():
        st.info(t("land.pick_parks"))
    else:
        with st.spinner(t("land.computing")):
            land_balance.show_balance(balance_of(year, scope, lang()))
with tabs[1]:
    land_potential.show_potential(potential_of(year, lang()), names)
with tabs[2]:
    land_renewal.show_renewal(renewal_of(year))
