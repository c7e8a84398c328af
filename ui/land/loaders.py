"""Cached loaders of the land clauses: the renewal areas (二(二)4) of a survey year, with the
phase-out candidates of the workspace's screen settings, and their display frame for the map.

Keyed like :mod:`ui.loaders` on the workspace location and change token, so an import
recomputes them; what they compute lives in :mod:`geo.renewal` and :mod:`layers.renewal`.
"""

from __future__ import annotations

import geopandas as gpd
import streamlit as st

from config import load_settings
from geo.renewal import RenewalAreas, renewal_areas
from layers import renewal as renewal_layer
from ui.loaders import load_layer, screen_result, workspace_key

__all__ = ["renewal_frame", "renewal_of"]


@st.cache_resource(show_spinner=False, max_entries=4)
def _renewal(path: str, stamp: str, year: int, gap_m: float) -> RenewalAreas:
    settings = load_settings()
    screened = screen_result(year, settings.model_dump(by_alias=True))
    firms = load_layer("enterprises")
    phase_out = screened.table["uscc"][screened.table["phase_out"].astype(bool)]
    return renewal_areas(
        load_layer("parks"),
        load_layer("parcels"),
        firms,
        gap_m=gap_m,
        year=year,
        phase_out=set(phase_out.astype(str)),
    )


def renewal_of(year: int) -> RenewalAreas:
    """The renewal areas of survey ``year`` at ``[land] renewal_gap_m``, with the land of the
    phase-out candidates of the workspace's default screen (cached until the workspace
    changes)."""
    gap_m = float(load_settings().land.renewal_gap_m)
    return _renewal(*workspace_key(), int(year), gap_m)


@st.cache_resource(show_spinner=False, max_entries=4)
def _frame(path: str, stamp: str, year: int, gap_m: float) -> gpd.GeoDataFrame:
    return renewal_layer.prepare(renewal_of(year))


def renewal_frame(year: int) -> gpd.GeoDataFrame:
    """The renewal areas' display frame for the map (cached, never mutated)."""
    gap_m = float(load_settings().land.renewal_gap_m)
    return _frame(*workspace_key(), int(year), gap_m)
