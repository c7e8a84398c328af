"""Streamlit glue of the map page: cached display data, the map component, the park card, the
comparison. Drawing lives in ``layers/``, figures in ``geo.summary``; nothing here computes.

Selection state is kept in non-widget keys, so it follows the planner to the other pages:

- ``st.session_state["selected_parks"]``: up to 4 park ids to compare (other pages read it);
- ``st.session_state["map_park"]``: the park whose card is open.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any

import altair as alt
import geopandas as gpd
import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from geo.chinese_offsets import to_wgs84
from geo.codes import industry_name
from geo.summary import ParkCard, park_card, park_measures
from layers import enterprises as enterprises_layer
from layers import heat_sources as heat_layer
from layers import parcels as parcels_layer
from layers import parks as parks_layer
from layers import sewage_plants as sewage_layer
from layers import towns as towns_layer
from layers.assets import missing_assets
from layers.basemaps import TILE_URL_ENV, available_basemaps, basemap
from layers.colourings import colourings
from layers.compose import (
    COMPARE_COLOURS,
    DEFAULT_LAYERS,
    LAYERS,
    FlyTarget,
    MapData,
    MapOptions,
    build_map,
    fit_key,
    selection_layer,
)
from layers.encoding import pick
from layers.rasters import RasterImage, render_irradiance, render_landuse
from layers.search import Hit, park_at, search
from store.workspace import Workspace
from ui.i18n import lang, t
from ui.loaders import load_layer, workspace_key

__all__ = [
    "CURRENT",
    "MAP_KEY",
    "MAX_COMPARE",
    "SELECTED",
    "Filters",
    "Frames",
    "filter_bar",
    "filtered",
    "frames",
    "kept",
    "map_data",
    "rasters",
    "require_assets",
    "search_box",
    "settings_panel",
    "show_card",
    "show_comparison",
    "show_map",
    "shown_caption",
    "survey_years",
    "year_select",
]

SELECTED = "selected_parks"
CURRENT = "map_park"
MAX_COMPARE = 4
MAP_KEY = "parkplan_map"
_FLY, _FOUND, _HIT, _CLICK = "_map_fly", "_map_found", "_map_hit_token", "_map_last_click"


def kept(
    widget: Callable[..., Any],
    key: str,
    default: Any,
    *,
    valid: Sequence[Any] | None = None,
    **kwargs: Any,
) -> Any:
    """Call ``widget(key=key, **kwargs)`` with its value kept across page switches.

    Streamlit drops a widget's state when its page is left; the value is mirrored in a
    non-widget key and put back on return. ``valid`` lists the allowed values (a stale value,
    or stale items of a list, fall back to ``default``).
    """
    mirror = f"_kept_{key}"
    if key not in st.session_state:
        value = st.session_state.get(mirror, default)
        if valid is not None:
            if isinstance(value, list):
                value = [v for v in value if v in valid]
            elif value not in valid:
                value = default
        st.session_state[key] = value
    value = widget(key=key, **kwargs)
    st.session_state[mirror] = value
    return value


def require_assets() -> None:
    """Stop the page with a clear message when Leaflet is not in ./static."""
    missing = missing_assets()
    if missing:
        st.error(t("map.assets_missing", files=", ".join(p.name for p in missing)))
        st.stop()


def survey_years() -> list[int]:
    """Survey years of the workspace's enterprises, oldest first."""
    years = load_layer("enterprises")["survey_year"].dropna().unique()
    return sorted(int(y) for y in years)


@dataclass(frozen=True)
class Frames:
    """Display frames of one survey year (never mutated: filters make new frames)."""

    year: int
    towns: gpd.GeoDataFrame
    parks: gpd.GeoDataFrame
    parcels: gpd.GeoDataFrame
    enterprises: pd.DataFrame
    heat_sources: pd.DataFrame | None
    sewage_plants: pd.DataFrame | None
    measures: pd.DataFrame  # park_measures, indexed by park_id


@st.cache_resource(show_spinner=False, max_entries=4)
def _frames(path: str, stamp: int, year: int) -> Frames:
    layers = Workspace(Path(path)).layers()
    towns, parks = load_layer("towns"), load_layer("parks")
    parcels, firms = load_layer("parcels"), load_layer("enterprises")
    measures = park_measures(parks, firms, parcels, year=year)
    heat = heat_layer.prepare(load_layer("heat_sources")) if "heat_sources" in layers else None
    sewage = (
        sewage_layer.prepare(load_layer("sewage_plants")) if "sewage_plants" in layers else None
    )
    return Frames(
        year=year,
        towns=towns_layer.prepare(towns),
        parks=parks_layer.prepare(parks, measures),
        parcels=parcels_layer.prepare(parcels),
        enterprises=enterprises_layer.prepare(firms[firms["survey_year"] == year]),
        heat_sources=heat,
        sewage_plants=sewage,
        measures=measures.set_axis(parks["park_id"].astype(str).to_numpy()),
    )


def frames(year: int) -> Frames:
    """The display frames of ``year`` for the current workspace (cached until it changes)."""
    path, stamp = workspace_key()
    return _frames(path, stamp, int(year))


@st.cache_resource(show_spinner=False, max_entries=4)
def _rasters(path: str, stamp: int) -> dict[str, RasterImage]:
    ws = Workspace(Path(path))
    out: dict[str, RasterImage] = {}
    irradiance = ws.raster_path("irradiance")
    if irradiance.exists():
        out["irradiance"] = render_irradiance(irradiance)
    landuse, classes = ws.raster_path("landuse"), ws.raster_classes_path("landuse")
    if landuse.exists() and classes.exists():
        out["landuse"] = render_landuse(landuse, classes)
    return out


def rasters() -> dict[str, RasterImage]:
    """The workspace's rasters as overlay images (cached until the workspace changes)."""
    return _rasters(*workspace_key())


def filtered(
    f: Frames,
    *,
    towns: Sequence[str] = (),
    divisions: Sequence[str] = (),
    grades: Sequence[str] = (),
    with_rasters: dict[str, RasterImage] | None = None,
) -> MapData:
    """The map's data after the town, industry and grade filters; fits the chosen towns."""
    parks, parcels, firms = f.parks, f.parcels, f.enterprises
    extent = f.towns
    if towns:
        parks = parks[parks["town"].isin(towns)]
        parcels = parcels[parcels["town"].isin(towns)] if "town" in parcels else parcels
        firms = firms[firms["town"].isin(towns)]
        extent = f.towns[f.towns["name"].isin(towns)]
    if divisions:
        firms = firms[firms["division"].isin(divisions)]
    if grades and "grade" in firms.columns:
        firms = firms[firms["grade"].astype(str).isin(grades)]
    w, s, e, n = (extent if len(extent) else f.towns).total_bounds
    return MapData(
        towns=f.towns,
        parks=parks,
        parcels=parcels,
        enterprises=firms,
        heat_sources=f.heat_sources,
        sewage_plants=f.sewage_plants,
        rasters=with_rasters or {},
        bounds=((float(s), float(w)), (float(n), float(e))),
    )


_RASTERS = {"irradiance", "landuse"}


@dataclass(frozen=True)
class Filters:
    """The filter bar: towns, industries (GB/T 4754 divisions) and grades; empty = all."""

    towns: tuple[str, ...] = ()
    divisions: tuple[str, ...] = ()
    grades: tuple[str, ...] = ()


def year_select() -> int:
    """The survey year of the enterprises shown (latest by default)."""
    years = survey_years()
    return int(
        kept(st.selectbox, "map_year", years[-1], valid=years, label=t("map.year"), options=years)
    )


def settings_panel(f: Frames, filters: Filters) -> MapOptions:
    """Layers, colourings, basemap and raster opacity (widgets) as map options; the map fits
    the filtered towns."""
    ln = lang()
    shown = (
        kept(
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
    choices: dict[str, str] = {}
    for layer, frame, key, label in (
        ("parks", f.parks, "map_colour_parks", "map.colour_parks"),
        ("parcels", f.parcels, "map_colour_parcels", "map.colour_parcels"),
        ("enterprises", f.enterprises, "map_colour_firms", "map.colour_firms"),
    ):
        items = {c.key: c for c in colourings(layer, frame)}  # the registry: later issues add
        if layer in shown:
            choices[layer] = kept(
                st.selectbox,
                key,
                next(iter(items)),
                valid=list(items),
                label=t(label),
                options=list(items),
                format_func=lambda k, items=items: pick(items[k].label, ln),
            )
        else:  # a hidden layer keeps the planner's last choice
            last = st.session_state.get(f"_kept_{key}")
            choices[layer] = last if last in items else next(iter(items))
    maps = [b.key for b in available_basemaps()]
    base = kept(
        st.selectbox,
        "map_basemap",
        "none",
        valid=maps,
        label=t("map.basemap"),
        options=maps,
        format_func=lambda k: pick(basemap(k).label, ln),
    )
    if basemap(base).note[0]:
        st.caption(pick(basemap(base).note, ln))
    if "tianditu" not in maps:
        st.caption(t("map.tianditu_missing"))
    tile_url = None
    if base == "local":
        tile_url = os.environ.get(TILE_URL_ENV) or st.text_input(
            t("map.tile_url"), key="map_tile_url", help=t("map.tile_url_help")
        )
        if not tile_url:
            st.warning(t("map.tile_url_missing"))
            base = "none"
    opacity = 0.6
    if _RASTERS & set(shown):
        opacity = kept(
            st.slider,
            "map_opacity",
            0.6,
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
    )


def filter_bar(f: Frames) -> Filters:
    """Search, and the town / industry / grade filters (grade only when grades exist)."""
    graded = "grade" in f.enterprises.columns  # grades arrive with the screening issue
    bar = st.columns([2.2, 1.4, 1.8] + ([1.0] if graded else []))
    with bar[0]:
        search_box(f)
    town_names = sorted(f.towns["name"])
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
    division_codes = sorted(f.enterprises["division"].dropna().unique())
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
    grades: list[str] = []
    if graded:
        grades = bar[3].multiselect(
            t("map.filter_grade"),
            sorted(f.enterprises["grade"].dropna().astype(str).unique()),
            key="map_grades",
            placeholder=t("map.filter_all"),
        )
    return Filters(tuple(towns), tuple(divisions), tuple(grades))


def map_data(f: Frames, filters: Filters, options: MapOptions) -> MapData:
    """The map's data after the filters, with the rasters when a raster layer is on."""
    with_rasters = rasters() if _RASTERS & set(options.layers) else None
    return filtered(
        f,
        towns=filters.towns,
        divisions=filters.divisions,
        grades=filters.grades,
        with_rasters=with_rasters,
    )


def shown_caption(data: MapData, year: int) -> None:
    """How many features the map shows."""
    n = [len(x) if x is not None else 0 for x in (data.parks, data.parcels, data.enterprises)]
    st.caption(t("map.shown", parks=n[0], parcels=n[1], firms=f"{n[2]:,}", year=year))


def _md(text: object) -> str:
    """Escape Markdown so that names from data show as typed."""
    return re.sub(r"([\\`*_{}\[\]()#+\-.!|<>~$])", r"\\\1", str(text))


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
    if token is None or st.session_state.get(_HIT) == (query, token):
        return
    st.session_state[_HIT] = (query, token)
    _fly_to(by_token[token])


def _fly_to(hit: Hit) -> None:
    count = int(st.session_state.get("_map_fly_n", 0)) + 1
    st.session_state["_map_fly_n"] = count
    nonce = f"{hit.kind}:{hit.id}:{count}"
    if hit.kind == "park":
        st.session_state[_FLY] = FlyTarget(nonce, bbox=hit.bbox)
        st.session_state[_FOUND] = None
    else:
        st.session_state[_FLY] = FlyTarget(nonce, point=(hit.lon, hit.lat), zoom=17)
        st.session_state[_FOUND] = (hit.lon, hit.lat)
    if hit.park_id:
        st.session_state[CURRENT] = hit.park_id


def selected_parks() -> list[str]:
    """Park ids chosen for comparison (kept across pages)."""
    return list(st.session_state.get(SELECTED, []))[:MAX_COMPARE]


def show_map(f: Frames, data: MapData, options: MapOptions, *, height: int = 660) -> None:
    """Draw the map; a click inside a park opens its card. Panning and zooming do not rerun."""
    m = build_map(data, options)
    offset = "gcj02" if options.basemap == "gaode" else "wgs84"
    group = selection_layer(
        f.parks,
        compared=selected_parks(),
        current=st.session_state.get(CURRENT),
        found=st.session_state.get(_FOUND),
        fly=st.session_state.get(_FLY),
        offset=offset,
    )
    out = st_folium(
        m,
        key=MAP_KEY,
        height=height,
        use_container_width=True,
        returned_objects=["last_object_clicked"],
        feature_group_to_add=group,
    )
    click = (out or {}).get("last_object_clicked")
    if not click or click == st.session_state.get(_CLICK):
        return
    st.session_state[_CLICK] = click
    lon, lat = float(click["lng"]), float(click["lat"])
    if offset != "wgs84":
        x, y = to_wgs84(lon, lat, source=offset)
        lon, lat = float(x), float(y)
    park = park_at(f.parks, lon, lat)
    if park is not None and park != st.session_state.get(CURRENT):
        st.session_state[CURRENT] = park
        st.rerun()


@st.cache_data(show_spinner=False, max_entries=64)
def _card(path: str, stamp: int, year: int, park_id: str) -> ParkCard:
    return park_card(
        park_id,
        load_layer("parks"),
        load_layer("enterprises"),
        load_layer("parcels"),
        year=year,
    )


def _add(park_id: str) -> None:
    chosen = selected_parks()
    if park_id not in chosen and len(chosen) < MAX_COMPARE:
        chosen.append(park_id)
    st.session_state[SELECTED] = chosen
    st.session_state["map_compare"] = list(chosen)


def _remove(park_id: str) -> None:
    chosen = [p for p in selected_parks() if p != park_id]
    st.session_state[SELECTED] = chosen
    st.session_state["map_compare"] = list(chosen)


_CARD_CSS = """<style>
.pp-figs{display:grid;grid-template-columns:1fr 1fr;gap:8px;margin:2px 0 6px;}
.pp-fig{background:#f6f7f9;border-radius:8px;padding:7px 10px;min-width:0;}
.pp-fig .k{font-size:12px;color:#6b7785;}
.pp-fig .v{font-size:18px;font-weight:600;color:#1f2933;line-height:1.35;white-space:nowrap;
overflow:hidden;text-overflow:ellipsis;}
.pp-fig .s{font-size:12px;color:#52606d;white-space:nowrap;overflow:hidden;text-overflow:ellipsis;}
</style>"""


def _figures_html(card: ParkCard) -> str:
    """The card's key figures as small tiles (every value escaped)."""
    firms = f"{card.firms:,} {t('map.unit.firms')}".strip()
    tiles = [
        (
            t("map.area"),
            f"{card.area_mu:,.0f} {t('unit.mu')}",
            f"{card.area_ha:,.1f} {t('unit.ha')}",
        ),
        (t("map.firms"), firms, t("map.firms_help", n=card.above_scale)),
        (t("map.employees"), f"{card.employees:,} {t('unit.people')}", ""),
        (t("map.output"), f"{card.gross_output:,.0f} {t('map.unit.wan_yuan')}", ""),
        (t("map.energy"), f"{card.energy_tce:,.0f} {t('map.unit.tce')}", ""),
        (t("map.water"), f"{card.water_m3 / 1e4:,.1f} {t('map.unit.wan_m3')}", ""),
        (t("map.sanjiu"), f"{card.sanjiu_share:.0%}", t("map.parcel_count", n=len(card.parcels))),
    ]
    cells = "".join(
        f'<div class="pp-fig"><div class="k">{escape(k)}</div><div class="v" title="{escape(v)}">'
        f'{escape(v)}</div><div class="s">{escape(sub) or "&nbsp;"}</div></div>'
        for k, v, sub in tiles
    )
    return f'{_CARD_CSS}<div class="pp-figs">{cells}</div>'


def show_card(f: Frames) -> None:
    """The card of the park in ``st.session_state["map_park"]``, or a hint."""
    park_id = st.session_state.get(CURRENT)
    if not park_id or park_id not in f.measures.index:
        st.info(t("map.card_hint"))
        return
    card = _card(*workspace_key(), f.year, str(park_id))
    zh = lang() == "zh"
    with st.container(border=True, key="park_card"):
        st.markdown(f"### {_md(card.name)}")
        village = f" · {card.village}" if card.village else ""
        st.caption(_md(t("map.card_id", id=card.park_id, town=card.town, village=village)))
        st.html(_figures_html(card))
        st.caption(t("map.energy_help"))
        st.markdown(f"**{t('map.industries', year=card.year)}**")
        if card.industries:
            people = "家" if zh else "firms"
            st.markdown(
                "\n".join(
                    f"- {_md(i.division)} {_md(i.name)} · {i.firms} {people}（{i.share:.0%}）"
                    for i in card.industries
                )
            )
        else:
            st.caption(t("map.no_firms", year=card.year))
        st.markdown(f"**{t('map.parcels', n=len(card.parcels))}**")
        if card.parcels:
            st.dataframe(
                pd.DataFrame(
                    {
                        parcels_layer_label("parcel_id"): [p.parcel_id for p in card.parcels],
                        parcels_layer_label("sanjiu_type"): [p.sanjiu_type for p in card.parcels],
                        parcels_layer_label("redevelopment_mode"): [
                            p.redevelopment_mode for p in card.parcels
                        ],
                        t("map.overlap_mu"): [round(p.overlap_mu, 1) for p in card.parcels],
                    }
                ),
                hide_index=True,
                key="park_card_parcels",
                height=min(38 + 35 * len(card.parcels), 220),
            )
        else:
            st.caption(t("map.no_parcels"))
        chosen = selected_parks()
        if card.park_id in chosen:
            st.button(
                t("map.remove_compare"),
                key="map_remove_compare",
                on_click=_remove,
                args=(card.park_id,),
                icon=":material/remove:",
            )
        else:
            full = len(chosen) >= MAX_COMPARE
            st.button(
                t("map.add_compare"),
                key="map_add_compare",
                on_click=_add,
                args=(card.park_id,),
                disabled=full,
                help=t("map.compare_full") if full else None,
                icon=":material/add:",
                type="primary",
            )


def parcels_layer_label(field: str) -> str:
    """The display label of a parcel field in the current language."""
    from geo.schema import label

    return label("parcels", field, lang())


_MEASURES = (
    ("area_ha", "map.m.area_ha", 1.0, "{:,.1f}"),
    ("area_mu", "map.m.area_mu", 1.0, "{:,.0f}"),
    ("firms", "map.m.firms", 1.0, "{:,.0f}"),
    ("above_scale", "map.m.above_scale", 1.0, "{:,.0f}"),
    ("employees", "map.m.employees", 1.0, "{:,.0f}"),
    ("gross_output", "map.m.gross_output", 1.0, "{:,.0f}"),
    ("energy_tce", "map.m.energy_tce", 1.0, "{:,.0f}"),
    ("water_m3", "map.m.water_m3", 1.0, "{:,.0f}"),
    ("parcels", "map.m.parcels", 1.0, "{:,.0f}"),
    ("sanjiu_share", "map.m.sanjiu_share", 100.0, "{:,.0f}"),
)


def _sync_compare() -> None:
    st.session_state[SELECTED] = list(st.session_state.get("map_compare", []))[:MAX_COMPARE]


def show_comparison(f: Frames) -> None:
    """Up to 4 parks side by side: a table and small bar charts in the map's outline colours."""
    st.subheader(t("map.compare"))
    names = f.parks.set_index("park_id")["name"].astype(str)
    towns = f.parks.set_index("park_id")["town"].astype(str)
    options = sorted(names.index, key=lambda p: (towns[p], names[p]))
    if "map_compare" not in st.session_state:
        st.session_state["map_compare"] = [p for p in selected_parks() if p in names.index]
    st.multiselect(
        t("map.compare_pick"),
        options,
        key="map_compare",
        max_selections=MAX_COMPARE,
        format_func=lambda p: f"{names[p]}（{towns[p]}）",
        on_change=_sync_compare,
        placeholder=t("map.compare_hint"),
    )
    ids = [p for p in st.session_state["map_compare"] if p in f.measures.index]
    if not ids:
        st.caption(t("map.compare_hint"))
        return
    counts = names[ids].value_counts()
    labels = [names[p] if counts[names[p]] == 1 else f"{names[p]}（{p}）" for p in ids]
    table = pd.DataFrame(
        {
            label: [float(f.measures.at[p, col] * scale) for col, _, scale, _ in _MEASURES]
            for p, label in zip(ids, labels, strict=True)
        },
        index=[t(key) for _, key, _, _ in _MEASURES],
    )
    table.index.name = t("map.measure")
    styled = table.style
    for _, key, _, fmt in _MEASURES:
        styled = styled.format(fmt, subset=pd.IndexSlice[[t(key)], :])
    st.dataframe(styled, key="map_compare_table", width="stretch")
    long = pd.DataFrame(
        [
            {"park": label, "measure": t(key), "value": float(f.measures.at[p, col] * scale)}
            for p, label in zip(ids, labels, strict=True)
            for col, key, scale, _ in _MEASURES
            if col != "area_mu"
        ]
    )
    chart = (
        alt.Chart(long)
        .mark_bar(cornerRadiusTopLeft=3, cornerRadiusTopRight=3)
        .encode(
            x=alt.X("park:N", axis=None, sort=labels),
            y=alt.Y("value:Q", title=None),
            color=alt.Color(
                "park:N",
                scale=alt.Scale(domain=labels, range=list(COMPARE_COLOURS[: len(labels)])),
                legend=alt.Legend(title=None, orient="top"),
            ),
            tooltip=[alt.Tooltip("park:N"), alt.Tooltip("value:Q", format=",.1f")],
        )
        .properties(width=150, height=120)
        .facet(
            facet=alt.Facet(
                "measure:N",
                title=None,
                sort=[t(key) for col, key, _, _ in _MEASURES if col != "area_mu"],
            ),
            columns=5,
        )
        .resolve_scale(y="independent")
    )
    st.altair_chart(chart, key="map_compare_chart")
