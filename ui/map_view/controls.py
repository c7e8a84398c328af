"""The map page's controls: the survey year, the filter bar with search, and the settings
panel (layers, colourings, basemap, raster opacity). Widgets in, plain values out.

Each takes ``draw``: with ``draw=False`` it draws nothing and returns the values its widgets
will show when drawn (:func:`ui.map_view.state.preset`), so that the page can draw the map alone
on the session's first run of the page (:func:`ui.map_view.state.first_paint`).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from typing import Any

import streamlit as st

from config import load_settings
from geo.codes import industry_name
from layers.basemaps import TILE_URL_ENV, available_basemaps, basemap
from layers.colourings import colourings
from layers.compose import COLOURED_LAYERS, DEFAULT_LAYERS, LAYERS, MapOptions, fit_key
from layers.encoding import pick
from layers.frames import Filters, Frames, needs_rasters
from layers.search import search
from ui.i18n import lang, t
from ui.loaders import survey_years_of_workspace
from ui.map_view.state import HIT, fly_to, kept, preset

__all__ = ["COLOURING_WIDGETS", "filter_bar", "search_box", "settings_panel", "year_select"]

# coloured layer → (widget key, label key); a layer without one gets "map_colour_<layer>"
COLOURING_WIDGETS: dict[str, tuple[str, str]] = {
    "parks": ("map_colour_parks", "map.colour_parks"),
    "parcels": ("map_colour_parcels", "map.colour_parcels"),
    "enterprises": ("map_colour_firms", "map.colour_firms"),
    "towns": ("map_colour_towns", "map.colour_towns"),
}
_PLAIN = ""  # the towns' "no colouring" choice


def _value(
    draw: bool,
    widget: Callable[..., Any],
    key: str,
    default: Any,
    *,
    valid: Sequence[Any] | None = None,
    **kwargs: Any,
) -> Any:
    """The kept widget ``key`` drawn (``draw``), or only the value it will show."""
    if draw:
        return kept(widget, key, default, valid=valid, **kwargs)
    return preset(key, default, valid=valid)


def year_select(*, draw: bool = True) -> int:
    """The survey year of the enterprises shown (latest by default)."""
    years = survey_years_of_workspace()
    return int(
        _value(
            draw,
            st.selectbox,
            "map_year",
            years[-1],
            valid=years,
            label=t("map.year"),
            options=years,
        )
    )


def _colouring_choices(f: Frames, shown: list[str], ln: str, *, draw: bool) -> dict[str, str]:
    """A selectbox per shown layer that has colourings registered; a hidden layer keeps the
    planner's last choice. Towns may stay plain (outlines only), the others take their first."""
    choices: dict[str, str] = {}
    plain = t("map.colour_plain")  # read now: AppTest re-formats the value after a language switch
    for layer in COLOURED_LAYERS:
        items = {c.key: c for c in colourings(layer, getattr(f, layer, None))}  # the registry
        if not items:
            continue
        key, label = COLOURING_WIDGETS.get(layer, (f"map_colour_{layer}", f"map.colour_{layer}"))
        options = ([_PLAIN] if layer == "towns" else []) + list(items)
        if layer in shown:
            value = _value(
                draw,
                st.selectbox,
                key,
                options[0],
                valid=options,
                label=t(label),
                options=options,
                format_func=lambda k, items=items: (
                    plain if k == _PLAIN else pick(items[k].label, ln)
                ),
            )
        else:
            last = st.session_state.get(f"_kept_{key}")
            value = last if last in options else options[0]
        if value != _PLAIN:
            choices[layer] = value
    return choices


def _basemap_choice(ln: str, *, draw: bool) -> tuple[str, str | None]:
    maps = [b.key for b in available_basemaps()]
    base = _value(
        draw,
        st.selectbox,
        "map_basemap",
        "none",
        valid=maps,
        label=t("map.basemap"),
        options=maps,
        format_func=lambda k: pick(basemap(k).label, ln),
    )
    if draw and basemap(base).note[0]:
        st.caption(pick(basemap(base).note, ln))
    if draw and "tianditu" not in maps:
        st.caption(t("map.tianditu_missing"))
    tile_url = None
    if base == "local":
        tile_url = os.environ.get(TILE_URL_ENV) or (
            st.text_input(t("map.tile_url"), key="map_tile_url", help=t("map.tile_url_help"))
            if draw
            else st.session_state.get("map_tile_url", "")
        )
        if not tile_url:
            if draw:
                st.warning(t("map.tile_url_missing"))
            base = "none"
    return base, tile_url


def settings_panel(f: Frames, filters: Filters, *, draw: bool = True) -> MapOptions:
    """Layers, colourings, basemap and raster opacity (widgets) as map options; the map fits
    the filtered towns."""
    ln = lang()
    shown = (
        _value(
            draw,
            st.pills,
            "map_layers",
            list(DEFAULT_LAYERS),
            valid=list(LAYERS),
            label=t("map.layers"),
            options=list(LAYERS),
            selection_mode="multi",
            format_func=lambda k: pick(LAYERS[k], ln),
        )
        or []
    )
    choices = _colouring_choices(f, shown, ln, draw=draw)
    base, tile_url = _basemap_choice(ln, draw=draw)
    opacity = load_settings().map.raster_opacity
    if needs_rasters(shown):
        opacity = _value(
            draw,
            st.slider,
            "map_opacity",
            opacity,
            label=t("map.opacity"),
            min_value=0.1,
            max_value=1.0,
            step=0.05,
        )
    return MapOptions(
        layers=tuple(k for k in LAYERS if k in shown),
        colour_by=choices,
        basemap=base,
        tile_url=tile_url,
        raster_opacity=float(opacity),
        lang=ln,
        fit_key=fit_key(sorted(filters.towns)),
        fill_frame=True,  # the page sizes the map's frame to the window (component.MAP_CSS)
    )


def filter_bar(f: Frames, *, draw: bool = True) -> Filters:
    """Search, and the town and industry filters."""
    town_names = sorted(f.towns["name"])
    division_codes = sorted(f.enterprises["division"].dropna().unique())
    if not draw:
        towns = preset("map_towns", [], valid=town_names)
        divisions = preset("map_industries", [], valid=division_codes)
        return Filters(tuple(towns), tuple(divisions))
    bar = st.columns([2.2, 1.4, 1.8])
    with bar[0]:
        search_box(f)
    with bar[1]:
        towns = kept(
            st.multiselect,
            "map_towns",
            [],
            valid=town_names,
            label=t("map.filter_town"),
            options=town_names,
            placeholder=t("map.filter_all"),
        )
    with bar[2]:
        divisions = kept(
            st.multiselect,
            "map_industries",
            [],
            valid=division_codes,
            label=t("map.filter_industry"),
            options=division_codes,
            placeholder=t("map.filter_all"),
            format_func=lambda d: f"{d} {industry_name(d)}",
        )
    return Filters(tuple(towns), tuple(divisions))


def search_box(f: Frames) -> None:
    """Search parks and firms; a new choice opens its park's card and flies the map there."""
    query = st.text_input(
        t("map.search"), key="map_search", placeholder=t("map.search_placeholder")
    )
    if not query.strip():
        return
    hits = search(query, parks=f.parks, enterprises=f.enterprises)
    if not hits:
        st.caption(t("map.search_none", q=query.strip()))
        return
    by_token = {f"{h.kind}:{h.id}": h for h in hits}

    def label(token: str) -> str:
        hit = by_token[token]
        kind = t("map.kind_park") if hit.kind == "park" else t("map.kind_firm")
        return f"{kind} · {hit.name} · {hit.detail}"

    token = st.selectbox(
        t("map.search_results", n=len(hits)), list(by_token), format_func=label, key="map_hit"
    )
    if token is None or st.session_state.get(HIT) == (query, token):
        return
    st.session_state[HIT] = (query, token)
    fly_to(by_token[token])
