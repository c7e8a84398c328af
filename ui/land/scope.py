"""The land page's scope: the district, a saved scenario's parks, or parks chosen here (the
retrofit page's selection offered first). Widgets in, a tuple of park ids out."""

from __future__ import annotations

import streamlit as st

from store.scenarios import list_scenarios
from ui.i18n import t
from ui.loaders import workspace

__all__ = ["scope_select"]

KINDS = ("district", "scenario", "parks")


def scope_select(names: dict[str, str]) -> tuple[str, ...] | None:
    """``None`` for the district; the chosen park ids otherwise (``()``: none chosen yet)."""
    kind = st.radio(
        t("land.scope"),
        list(KINDS),
        horizontal=True,
        key="land_scope",
        format_func=lambda k: t(f"land.scope_{k}"),
    )
    if kind == "district":
        return None
    if kind == "scenario":
        scenarios = {s.name: s for s in list_scenarios(workspace())}
        if not scenarios:
            st.info(t("land.no_scenarios"))
            return ()
        name = st.selectbox(t("land.scenario"), list(scenarios), key="land_scenario")
        return tuple(p for p in scenarios[name].parks if p in names)
    picked = [p for p in st.session_state.get("retrofit.selection", []) if p in names]
    if picked and "land_parks" not in st.session_state:
        st.session_state["land_parks"] = picked
    chosen = st.multiselect(
        t("land.parks"),
        list(names),
        key="land_parks",
        format_func=lambda p: f"{names[p]} · {p}",
        placeholder=t("land.parks_placeholder"),
    )
    return tuple(chosen)
