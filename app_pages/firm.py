"""Page `firm`: one firm's profile (一企一档) over every survey year, ``/firm?uscc=…``."""

from __future__ import annotations

import streamlit as st

from ui.firm import view as fv
from ui.firm.charts import indicator_charts
from ui.firm.search import firm_search
from ui.i18n import t

st.title(t("nav.firm"))
st.caption(t("firm.caption"))
uscc = fv.requested()
if uscc is None:
    firm_search(key="firm_page_search")
    st.info(t("firm.start"))
    st.stop()
profile = fv.load(uscc)
if profile is None:
    firm_search(key="firm_page_search")
    st.stop()
fv.headline(profile)
fv.download(profile)
fv.show_topics(profile, after={"indicators": indicator_charts})
