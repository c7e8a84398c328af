"""The one shared sidebar: language switch, workspace and data version, sample note."""

from __future__ import annotations

import streamlit as st

from ui.i18n import LANGS, lang, t
from ui.loaders import data_version, workspace

__all__ = ["language_switch", "workspace_panel"]


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


def workspace_panel() -> None:
    """Where the data come from, and which version of them is shown."""
    ws = workspace()
    with st.sidebar:
        st.caption(f"{t('sidebar.workspace')}: `{ws.path.name}`")
        st.caption(f"{t('sidebar.version')}: `{data_version()}`")
        st.caption(t("sidebar.sample_note"))
