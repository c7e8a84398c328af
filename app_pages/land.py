"""Page `land`: land freed against land demanded, the 厂房加层 potential, the renewal areas."""

from __future__ import annotations

import streamlit as st

from ui.i18n import t
from ui.land import renewal as land_renewal
from ui.land.loaders import renewal_of
from ui.loaders import survey_years_of_workspace

st.title(t("nav.land"))
st.caption(t("land.caption"))
years = survey_years_of_workspace()
if not years:
    st.info(t("land.no_survey"))
    st.stop()
year = years[-1]
(renewal_tab,) = st.tabs([t("land.tab_renewal")])
with renewal_tab:
    land_renewal.show_renewal(renewal_of(year))
