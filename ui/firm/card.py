"""The park card's link to its firms' profiles: a choice of the park's firms (of the map's
survey year) and a link to the chosen one's page, registered through ``ui.map_view.card`` when
this module is imported (``app.py`` imports it)."""

from __future__ import annotations

import streamlit as st

from ui.firm.search import profile_link
from ui.i18n import t
from ui.map_view.card import CardContext, card_section

__all__ = ["FIRM_LIST"]

FIRM_LIST = "park_card_firm"  # the choice's widget key


@card_section("firm_profiles", order=35)
def _firm_profiles(ctx: CardContext) -> None:
    firms = ctx.frames.enterprises
    if firms is None or "park_id" not in firms:
        return
    mine = firms[firms["park_id"].astype(str) == str(ctx.card.park_id)]
    if mine.empty:
        return
    mine = mine.sort_values("name")
    names = dict(zip(mine["uscc"].astype(str), mine["name"].astype(str), strict=True))
    st.markdown(f"**{t('firm.card_title')}**")
    cols = st.columns([3, 2], vertical_alignment="bottom")
    chosen = cols[0].selectbox(
        t("firm.card_pick"), list(names), format_func=names.__getitem__, key=FIRM_LIST
    )
    if chosen:
        profile_link(str(chosen), t("firm.open"), where=cols[1])
