"""The one shared sidebar: language switch, the signed-in account, the firm search box,
workspace and data version, sample note."""

from __future__ import annotations

import streamlit as st

from store.accounts import Account
from store.roles import ACTIONS, allowed
from ui.auth import current_account, role_label, sign_out
from ui.firm.search import firm_search
from ui.i18n import LANGS, lang, t
from ui.loaders import data_version, workspace

__all__ = [
    "account_panel",
    "current_user",
    "firm_search_panel",
    "language_switch",
    "workspace_panel",
]


def _store_language() -> None:
    st.session_state["lang"] = st.session_state["lang_switch"]


def language_switch() -> None:
    """中文 / English switch. The choice lives in the non-widget key ``lang`` and is loaded into
    the widget on every run (Streamlit's store/load pattern), so a page switch, which resets
    widget state, does not lose it."""
    st.session_state.setdefault("lang", "zh")
    st.session_state["lang_switch"] = lang()
    st.sidebar.radio(
        t("sidebar.lang"),
        options=list(LANGS),
        format_func=LANGS.__getitem__,
        horizontal=True,
        key="lang_switch",
        on_change=_store_language,
    )


def current_user() -> str:
    """The signed-in account's name: recorded with every import, scenario and target edit."""
    return current_account().name


def account_panel(account: Account) -> None:
    """Who is signed in, with which role and what it may do; the sign-out button."""
    with st.sidebar:
        st.caption(f"{t('auth.signed_in')}: **{account.name}** · {role_label(account)}")
        may = "、" if lang() == "zh" else ", "
        done = [ACTIONS[a][0 if lang() == "zh" else 1] for a in allowed(account)]
        st.caption(t("auth.role_note", may=may.join(done)))
        st.button(t("auth.sign_out"), key="sign_out", on_click=sign_out)


def workspace_panel() -> None:
    """Where the data come from, and which version of them is shown."""
    ws = workspace()
    with st.sidebar:
        with st.container(key="workspace_label"):  # the user's own file or schema name
            st.caption(f"{t('sidebar.workspace')}: `{ws.label}`")
        st.caption(f"{t('sidebar.version')}: `{data_version()}`")
        st.caption(t("sidebar.sample_note"))


def firm_search_panel() -> None:
    """Find a firm by name or USCC from any page; each match links to its profile."""
    firm_search(key="firm_search", where=st.sidebar)
