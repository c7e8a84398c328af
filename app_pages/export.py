"""Page `export`: arrives with its own issue; until then it says what is coming."""

from __future__ import annotations

import streamlit as st

from ui.i18n import t

st.title(t("nav.export"))
st.info(f"**{t('coming.title')}** — {t('coming.export')}")
