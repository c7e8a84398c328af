"""Cached loaders of the land clauses, with the workspace's settings: the renewal areas
(二(二)4) of a survey year, with the phase-out candidates of the screen, and their display frame
for the map; the 厂房加层 potential of a year; the land balance of a year and a scope of parks.

Keyed like :mod:`ui.loaders` on the workspace location and change token, so an import
recomputes them; what they compute lives in :mod:`geo.renewal`, :mod:`layers.renewal` and
:mod:`scoring.land`.
"""

from __future__ import annotations

import geopandas as gpd
import streamlit as st

from config import load_settings
from geo.renewal import RenewalAreas, renewal_areas
from layers import renewal as renewal_layer
from scoring.land.balance import LandBalance, land_balance
from scoring.land.potential import LandPotential, land_potential
from ui.loaders import load_layer, screen_result, workspace_key

__all__ = ["balance_of", "phase_out_of", "potential_of", "renewal_frame", "renewal_of"]


def phase_out_of(year: int) -> set[str]:
    """The USCCs of the phase-out candidates of survey ``year`` (the screen with the
    workspace's settings, cached with the screen page's results)."""
    settings = load_settings()
    table = screen_result(year, settings.model_dump(by_alias=True)).table
    return set(table.loc[table["phase_out"].astype(bool), "uscc"].astype(str))


@st.cache_resource(show_spinner=False, max_entries=4)
def _renewal(path: str, stamp: str, year: int, gap_m: float) -> RenewalAreas:
    return renewal_areas(
        load_layer("parks"),
        load_layer("parcels"),
        load_layer("enterprises"),
        gap_m=gap_m,
        year=year,
        phase_out=phase_out_of(year),
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


@st.cache_resource(show_spinner=False, max_entries=8)
def _potential(path: str, stamp: str, year: int, lang: str) -> LandPotential:
    return land_potential(
        load_layer("enterprises"),
        settings=load_settings(),
        year=year,
        parks=load_layer("parks"),
        lang=lang,
    )


def potential_of(year: int, lang: str = "zh") -> LandPotential:
    """The 厂房加层 potential of survey ``year`` per firm, park and town (cached)."""
    return _potential(*workspace_key(), int(year), lang)


@st.cache_resource(show_spinner=False, max_entries=8)
def _balance(
    path: str, stamp: str, year: int, scope: tuple[str, ...] | None, lang: str
) -> LandBalance:
    return land_balance(
        load_layer("enterprises"),
        load_layer("parks"),
        load_layer("parcels"),
        settings=load_settings(),
        year=year,
        scope=scope,
        phase_out=phase_out_of(year),
        areas=renewal_of(year),
        lang=lang,
    )


def balance_of(year: int, scope: tuple[str, ...] | None, lang: str = "zh") -> LandBalance:
    """Land freed against land demanded in survey ``year`` for ``scope`` (park ids; ``None``:
    the district), cached per workspace change, year, scope and language."""
    return _balance(*workspace_key(), int(year), scope, lang)
