"""Finding a firm from any page: the sidebar's search box (name or USCC) and the links to a
firm's page, ``/firm?uscc=…`` (one page per firm, so it can be bookmarked and shared)."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from layers.enterprises import PROFILE_HREF
from scoring.profile.search import find_in, firm_index
from ui.i18n import t
from ui.loaders import load_layer, workspace_key
from ui.map_view.card import md

__all__ = ["LIMIT", "PAGE", "PARAM", "firm_search", "profile_href", "profile_link"]

PAGE = "app_pages/firm.py"
PARAM = "uscc"  # the query parameter that names the firm (layers.enterprises.PROFILE_HREF)
LIMIT = 8  # matches listed under a search box


def profile_href(uscc: str) -> str:
    """The address of a firm's page, from the app's root (for links outside Streamlit's own
    navigation, e.g. the map's popup)."""
    return f"{PROFILE_HREF}{uscc}"


def profile_link(uscc: str, label: str, *, where: Any = st) -> None:
    """A link to the page of the firm ``uscc``; ``label`` is Markdown (escape names from data
    with :func:`ui.map_view.card.md`)."""
    where.page_link(PAGE, label=label, icon=":material/badge:", query_params={PARAM: uscc})


@st.cache_data(show_spinner=False, max_entries=4)
def _index(path: str, stamp: str) -> pd.DataFrame:
    firms = load_layer("enterprises")
    return firm_index(firms.loc[:, ["uscc", "name", "town", "park_id", "survey_year"]])


def firm_search(*, key: str, where: Any = st) -> None:
    """A search box (name substring or USCC) and a link to each of the first :data:`LIMIT`
    firms it finds, with their town and latest survey year."""
    query = where.text_input(t("firm.search"), key=key, placeholder=t("firm.search_placeholder"))
    if not str(query or "").strip():
        return
    found = find_in(_index(*workspace_key()), query, limit=LIMIT + 1)
    if found.empty:
        where.caption(t("firm.search_none", query=md(query.strip())))
        return
    for row in found.head(LIMIT).itertuples(index=False):
        town = f" · {md(row.town)}" if isinstance(row.town, str) and row.town else ""
        profile_link(str(row.uscc), f"{md(row.name)}{town}", where=where)
    if len(found) > LIMIT:
        where.caption(t("firm.search_more", n=LIMIT))
