"""ParkPlan entry point: page config, navigation and the shared sidebar; nothing else."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from errors import ParkPlanError
from ui.errors import show_error
from ui.i18n import t
from ui.sidebar import language_switch, workspace_panel

st.set_page_config(
    page_title="ParkPlan 园区升级规划台",
    page_icon=str(Path(__file__).with_name("ui") / "assets" / "favicon.png"),
    layout="wide",
)

language_switch()
PAGES = [
    st.Page(
        "pages/home.py", title=t("nav.home"), icon=":material/home:", url_path="home", default=True
    ),
    st.Page("pages/map.py", title=t("nav.map"), icon=":material/map:", url_path="map"),
    st.Page(
        "pages/retrofit.py",
        title=t("nav.retrofit"),
        icon=":material/recycling:",
        url_path="retrofit",
    ),
    st.Page(
        "pages/screen.py", title=t("nav.screen"), icon=":material/fact_check:", url_path="screen"
    ),
    st.Page(
        "pages/export.py", title=t("nav.export"), icon=":material/download:", url_path="export"
    ),
    st.Page("pages/targets.py", title=t("nav.targets"), icon=":material/flag:", url_path="targets"),
    st.Page("pages/data.py", title=t("nav.data"), icon=":material/database:", url_path="data"),
]
page = st.navigation(PAGES)
try:
    workspace_panel()
    page.run()
except ParkPlanError as exc:
    show_error(exc)
