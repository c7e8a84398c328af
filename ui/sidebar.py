"""The one shared sidebar: language switch, the user's name, workspace and data version, sample
note."""

from __future__ import annotations

import streamlit as st

from ui.i18n import LANGS, lang, t
from ui.loaders import data_version, workspace

__all__ = ["USER_KEY", "current_user", "language_switch", "user_panel", "workspace_panel"]

USER_KEY = "user"  # non-widget key: the name survives page switches


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
    """The name the user gave in the sidebar ("" until given): recorded with every import,
    scenario and target edit."""
    return str(st.session_state.get(USER_KEY, "")).strip()


def _store_user() -> None:
    st.session_state[USER_KEY] = st.session_state["sidebar_user"]


def user_panel() -> None:
    """One name field for every page (store/load pattern, like the language)."""
    st.session_state.setdefault(USER_KEY, "")
    st.session_state["sidebar_user"] = st.session_state[USER_KEY]
    st.sidebar.text_input(
        t("sidebar.user"), key="sidebar_user", help=t("sidebar.user_help"), on_change=_store_user
    )


def workspace_panel() -> None:
    """Where the data come from, and which version of them is shown."""
    ws = workspace()
    with st.sidebar:
        with st.container(key="workspace_label"):  # the user's own file or schema name
            st.caption(f"{t('sidebar.workspace')}: `{ws.label}`")
        st.caption(f"{t('sidebar.version')}: `{data_version()}`")
        st.caption(t("sidebar.sample_note"))
