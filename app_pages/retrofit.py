"""Page `retrofit`: arrives with its own issue; until then it says what is coming."""

from __future__ import annotations

import streamlit as st

from ui.i18n import t

st.title(t("nav.retrofit"))
st.info(f"**{t('coming.title')}** — {t('coming.retrofit')}")
