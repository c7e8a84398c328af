"""ParkPlan entry point: page config, sign-in, navigation and the shared sidebar; nothing else.

No page runs before sign-in (:func:`ui.auth.sign_in_gate`): a visitor gets the form and the
language switch, and no layer of the workspace is read.

Pages live in ``app_pages/``, not ``pages/``: with a ``pages/`` folder beside the entry script,
Streamlit serves a first request straight to ``/map`` through its old folder-based navigation,
without this script, its sidebar or its language switch.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from ui.auth import sign_in_gate
from ui.errors import page_guard
from ui.firm.card import FIRM_LIST  # noqa: F401  registers the park card's firm profiles
from ui.i18n import t
from ui.land.map import PLOT_RATIO_POTENTIAL  # noqa: F401  registers the parks' 加层 colouring
from ui.projects.card import CARD_ROWS  # noqa: F401  registers the park card's projects
from ui.retrofit.map import RETROFIT_SCORE  # noqa: F401  registers the parks' retrofit score
from ui.sidebar import account_panel, firm_search_panel, language_switch, workspace_panel
from ui.targets.map import TARGET_COMPLETION  # noqa: F401  registers the towns' colouring

HERE = Path(__file__).parent
# url path → Material icon (bundled with Streamlit, so no request leaves the machine)
PAGES = {
    "home": ":material/home:",
    "map": ":material/map:",
    "retrofit": ":material/recycling:",
    "screen": ":material/fact_check:",
    "firm": ":material/badge:",
    "export": ":material/download:",
    "targets": ":material/flag:",
    "progress": ":material/trending_up:",
    "land": ":material/landscape:",
    "projects": ":material/construction:",
    "evaluation": ":material/grading:",
    "data": ":material/database:",
}
ADMIN_PAGE = {"admin": ":material/admin_panel_settings:"}  # accounts and audit, admins only

st.set_page_config(
    page_title="ParkPlan 园区升级规划台",
    page_icon=str(HERE / "ui" / "assets" / "favicon.png"),
    layout="wide",
)
language_switch()
account = None
with page_guard("sign-in"):
    account = sign_in_gate()
# before sign-in every address is known (a bookmarked /admin reaches the form, and the page
# after it); after it, the admin page is an admin's only
names = PAGES if account is not None and account.role != "admin" else PAGES | ADMIN_PAGE
page = st.navigation(
    [
        st.Page(
            f"app_pages/{name}.py",
            title=t(f"nav.{name}"),
            icon=icon,
            url_path=name,
            default=name == "home",
        )
        for name, icon in names.items()
    ],
    # before sign-in no page runs and the menu is hidden: the form is all a visitor sees
    position="sidebar" if account is not None else "hidden",
)
if account is not None:
    with page_guard(page.url_path or "home"):
        account_panel(account)
        firm_search_panel()
        workspace_panel()
        page.run()
