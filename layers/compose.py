"""The whole map: a basemap, the chosen layers, a legend and offline assets, from display frames.

:func:`build_map` is plain Python (no Streamlit), so the CLI benchmark and the tests build
exactly the map the page shows. Layers are drawn through a registry (:data:`DRAW_STEPS`, bottom
to top), not an if-chain. The page keeps what changes on a click (the highlighted parks, a
search target to fly to) out of the map, in :func:`layers.selection.selection_layer`, so that a
click does not redraw the map.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import folium
import geopandas as gpd
import pandas as pd
from branca.element import Element

from errors import UnknownKeyError
from layers import enterprises as enterprises_layer
from layers import heat_sources as heat_layer
from layers import parcels as parcels_layer
from layers import parks as parks_layer
from layers import rasters as rasters_layer
from layers import renewal as renewal_layer
from layers import sewage_plants as sewage_layer
from layers import towns as towns_layer
from layers.assets import STATIC_URL, localize
from layers.basemaps import add_basemap, basemap
from layers.colourings import colouring
from layers.encoding import Text, pick
from layers.legend import FILL_FRAME_CSS, MAP_CSS, Legend, LegendSection, MapStyle
from layers.rasters import RasterImage
from layers.selection import COMPARE_COLOURS, selection_layer
from layers.view import FlyTarget, ViewMemory, shift_bounds

__all__ = [
    "COLOURED_LAYERS",
    "COMPARE_COLOURS",
    "DEFAULT_COLOURINGS",
    "DEFAULT_LAYERS",
    "DRAW_STEPS",
    "LAYERS",
    "DrawStep",
    "FlyTarget",
    "MapData",
    "MapOptions",
    "build_map",
    "fit_key",
    "frame_only_colourings",
    "payload_bytes",
    "selection_layer",
]

# switchable layers, in the legend's order
LAYERS: dict[str, Text] = {
    "irradiance": rasters_layer.LABELS["irradiance"],
    "landuse": rasters_layer.LABELS["landuse"],
    "towns": towns_layer.LABEL,
    "renewal": renewal_layer.LABEL,
    "parks": parks_layer.LABEL,
    "parcels": parcels_layer.LABEL,
    "heat_sources": heat_layer.LABEL,
    "sewage_plants": sewage_layer.LABEL,
    "enterprises": enterprises_layer.LABEL,
}
DEFAULT_LAYERS: tuple[str, ...] = ("towns", "parks", "parcels", "enterprises")
# layers the planner can colour by a registered colouring (layers.colourings), and the
# colouring each starts with; towns start plain (outlines only)
COLOURED_LAYERS: tuple[str, ...] = ("parks", "parcels", "enterprises", "towns", "renewal")
DEFAULT_COLOURINGS: dict[str, str] = {
    "parks": "area",
    "renewal": "area",
    "parcels": "sanjiu_type",
    "enterprises": "industry",
}


def _district() -> tuple[tuple[float, float], tuple[float, float]]:
    """Panyu, for a map with nothing in it ([map] district_bounds)."""
    from config import load_settings

    return load_settings().map.district_bounds


def _raster_opacity() -> float:
    from config import load_settings

    return load_settings().map.raster_opacity


@dataclass(frozen=True)
class MapOptions:
    """What the planner chose: layers, colourings, basemap, raster opacity, language.

    ``colour_by`` maps a layer of :data:`COLOURED_LAYERS` to the key of one of its registered
    colourings; a layer left out takes :data:`DEFAULT_COLOURINGS` (towns: plain outlines).
    ``fit_key`` names the extent the map fits on first show (e.g. the town filter): while it
    stays the same the browser keeps the planner's own view across redraws. ``fill_frame``
    makes the map as tall as its frame, for a page that sizes the frame itself (CSS).
    """

    layers: tuple[str, ...] = DEFAULT_LAYERS
    colour_by: Mapping[str, str] = field(default_factory=dict)
    basemap: str = "none"
    tile_url: str | None = None
    raster_opacity: float = field(default_factory=_raster_opacity)  # [map] raster_opacity
    lang: str = "zh"
    fit_key: str = "district"
    static_url: str = STATIC_URL
    fill_frame: bool = False

    def __post_init__(self) -> None:
        unknown = [k for k in self.layers if k not in LAYERS]
        if unknown:
            raise UnknownKeyError("map layer", unknown[0], list(LAYERS))
        odd = [k for k in self.colour_by if k not in COLOURED_LAYERS]
        if odd:
            raise UnknownKeyError("layer with colourings", odd[0], list(COLOURED_LAYERS))
        basemap(self.basemap)

    def colouring_of(self, layer: str) -> str | None:
        """The colouring key chosen for ``layer`` (``None``: the layer's plain style)."""
        return self.colour_by.get(layer, DEFAULT_COLOURINGS.get(layer))


@dataclass
class MapData:
    """Display frames (from each layer module's ``prepare``), already filtered; ``bounds`` is
    the extent to fit ``((south, west), (north, east))`` in WGS84."""

    towns: gpd.GeoDataFrame | None = None
    parks: gpd.GeoDataFrame | None = None
    parcels: gpd.GeoDataFrame | None = None
    renewal: gpd.GeoDataFrame | None = None  # layers.renewal.prepare, when the layer is on
    enterprises: pd.DataFrame | None = None
    heat_sources: pd.DataFrame | None = None
    sewage_plants: pd.DataFrame | None = None
    rasters: dict[str, RasterImage] = field(default_factory=dict)
    bounds: tuple[tuple[float, float], tuple[float, float]] | None = None


# What a draw step returns: the element to add and its legend section (None: no section).
Drawn = tuple[Element, LegendSection | None]


@dataclass(frozen=True)
class DrawStep:
    """One step of drawing, for the switchable layer ``layer``: ``draw(data, options, offset)``
    gives the element and its legend section, or ``None`` when there is nothing to draw."""

    layer: str
    draw: Callable[[MapData, MapOptions, str], Drawn | None]


def _raster(kind: str) -> Callable[[MapData, MapOptions, str], Drawn | None]:
    def draw(data: MapData, options: MapOptions, offset: str) -> Drawn | None:
        if kind not in data.rasters:
            return None
        image = data.rasters[kind]
        return rasters_layer.build(
            image, opacity=options.raster_opacity, lang=options.lang, offset=offset
        )

    return draw


def _coloured(module: Any, layer: str) -> Callable[[MapData, MapOptions, str], Drawn | None]:
    """A layer drawn by ``module.build(frame, colour_by=…)`` from ``MapData.<layer>``."""

    def draw(data: MapData, options: MapOptions, offset: str) -> Drawn | None:
        frame = getattr(data, layer)
        if frame is None:
            return None
        colour_by = options.colouring_of(layer)
        built: Drawn = module.build(frame, colour_by=colour_by, lang=options.lang, offset=offset)
        return built

    return draw


def _plain(module: Any, layer: str) -> Callable[[MapData, MapOptions, str], Drawn | None]:
    """A layer drawn by ``module.build(frame)`` from ``MapData.<layer>``, when it has rows."""

    def draw(data: MapData, options: MapOptions, offset: str) -> Drawn | None:
        frame = getattr(data, layer)
        if frame is None or not len(frame):
            return None
        built: Drawn = module.build(frame, lang=options.lang, offset=offset)
        return built

    return draw


def _towns(data: MapData, options: MapOptions, offset: str) -> Drawn | None:
    if data.towns is None or not len(data.towns):
        return None
    colour_by = options.colouring_of("towns")
    return towns_layer.build(data.towns, colour_by=colour_by, lang=options.lang, offset=offset)


def _town_labels(data: MapData, options: MapOptions, offset: str) -> Drawn | None:
    if data.towns is None or not len(data.towns):
        return None
    return towns_layer.labels(data.towns, lang=options.lang, offset=offset), None


# bottom to top: rasters, town outlines, renewal areas, parks, parcels, town labels, symbols,
# firms
DRAW_STEPS: tuple[DrawStep, ...] = (
    DrawStep("irradiance", _raster("irradiance")),
    DrawStep("landuse", _raster("landuse")),
    DrawStep("towns", _towns),
    DrawStep("renewal", _coloured(renewal_layer, "renewal")),
    DrawStep("parks", _coloured(parks_layer, "parks")),
    DrawStep("parcels", _coloured(parcels_layer, "parcels")),
    DrawStep("towns", _town_labels),
    DrawStep("heat_sources", _plain(heat_layer, "heat_sources")),
    DrawStep("sewage_plants", _plain(sewage_layer, "sewage_plants")),
    DrawStep("enterprises", _coloured(enterprises_layer, "enterprises")),
)


def _base_map(
    bounds: tuple[tuple[float, float], tuple[float, float]], *, fill_frame: bool = False
) -> folium.Map:
    (s, w), (n, e) = bounds
    m = folium.Map(
        location=[(s + n) / 2, (w + e) / 2],
        zoom_start=11,
        tiles=None,
        prefer_canvas=True,
        control_scale=False,
        min_zoom=8,
        max_zoom=18,
    )
    m.options["maxZoom"] = 18  # without tiles Leaflet has no max zoom; clustering needs one
    m.options["zoomSnap"] = 0.25  # fit the district snugly
    MapStyle(MAP_CSS + (FILL_FRAME_CSS if fill_frame else "")).add_to(m)
    folium.map.CustomPane("pp-rasters", z_index=350, pointer_events=False).add_to(m)
    folium.map.CustomPane("pp-labels", z_index=450, pointer_events=False).add_to(m)
    folium.map.CustomPane("pp-highlight", z_index=460, pointer_events=False).add_to(m)
    return m


def build_map(
    data: MapData, options: MapOptions, *, env: Mapping[str, str] | None = None
) -> folium.Map:
    """The folium map of ``data`` as ``options`` say, with local assets only."""
    env = os.environ if env is None else env
    lang, offset = options.lang, basemap(options.basemap).offset
    bounds = data.bounds or _district()
    m = _base_map(bounds, fill_frame=options.fill_frame)
    add_basemap(m, options.basemap, tile_url=options.tile_url, env=env, lang=lang)
    legend: list[LegendSection] = []
    chosen = set(options.layers)
    for step in DRAW_STEPS:
        built = step.draw(data, options, offset) if step.layer in chosen else None
        if built is None:
            continue
        element, section = built
        element.add_to(m)
        if section is not None:
            legend.append(section)
    if legend:
        Legend(legend, title=pick(("图例", "Legend"), lang)).add_to(m)
    ViewMemory(shift_bounds(bounds, offset), f"{options.fit_key}|{offset}").add_to(m)
    return localize(m, static_url=options.static_url)


def frame_only_colourings(options: MapOptions) -> bool:
    """Whether every colouring the map draws reads only its frame's columns (none has a
    ``compute`` reading the session, e.g. the screen's grades with the page's thresholds), so
    the map is a function of the data and ``options`` alone and may be shared between users."""
    for layer in options.layers:
        key = options.colouring_of(layer) if layer in COLOURED_LAYERS else None
        if key is not None and colouring(layer, key).compute is not None:
            return False
    return True


def payload_bytes(m: folium.Map) -> int:
    """Bytes of the map as one HTML page (what ``Map.save`` writes): the payload measure."""
    return len(m.get_root().render().encode("utf-8"))


def fit_key(*parts: object) -> str:
    """A short stable key of the extent-defining choices (e.g. the town filter)."""
    return hashlib.sha1(repr(parts).encode("utf-8")).hexdigest()[:12]
