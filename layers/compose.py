"""The whole map: a basemap, the chosen layers, a legend and offline assets, from display frames.

:func:`build_map` is plain Python (no Streamlit), so the CLI benchmark and the tests build
exactly the map the page shows. The page keeps what changes on a click (the highlighted parks,
a search target to fly to) out of the map, in :func:`selection_layer`, so that a click does
not redraw the map.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import folium
import geopandas as gpd
import pandas as pd
from branca.element import MacroElement
from folium.template import Template

from errors import UnknownKeyError
from layers import enterprises as enterprises_layer
from layers import heat_sources as heat_layer
from layers import parcels as parcels_layer
from layers import parks as parks_layer
from layers import rasters as rasters_layer
from layers import sewage_plants as sewage_layer
from layers import towns as towns_layer
from layers.assets import STATIC_URL, localize
from layers.basemaps import add_basemap, basemap
from layers.elements import FeatureLayer, SymbolLayer
from layers.encoding import Text, pick, polygon_coords, safe_json
from layers.geometry import shift_points, shift_polygons
from layers.legend import Legend, LegendSection, MapStyle
from layers.rasters import RasterImage

__all__ = [
    "COMPARE_COLOURS",
    "DEFAULT_LAYERS",
    "LAYERS",
    "FlyTarget",
    "MapData",
    "MapOptions",
    "build_map",
    "fit_key",
    "payload_bytes",
    "selection_layer",
]

# switchable layers, drawn bottom to top in this order
LAYERS: dict[str, Text] = {
    "irradiance": rasters_layer.LABELS["irradiance"],
    "landuse": rasters_layer.LABELS["landuse"],
    "towns": towns_layer.LABEL,
    "parks": parks_layer.LABEL,
    "parcels": parcels_layer.LABEL,
    "heat_sources": heat_layer.LABEL,
    "sewage_plants": sewage_layer.LABEL,
    "enterprises": enterprises_layer.LABEL,
}
DEFAULT_LAYERS: tuple[str, ...] = ("towns", "parks", "parcels", "enterprises")
COMPARE_COLOURS: tuple[str, ...] = ("#e8590c", "#7048e8", "#0ca678", "#d6336c")
# Panyu, for a map with nothing in it
_DISTRICT = ((22.86, 113.24), (23.08, 113.57))


@dataclass(frozen=True)
class MapOptions:
    """What the planner chose: layers, colourings, basemap, raster opacity, language.

    ``fit_key`` names the extent the map fits on first show (e.g. the town filter): while it
    stays the same the browser keeps the planner's own view across redraws.
    """

    layers: tuple[str, ...] = DEFAULT_LAYERS
    park_colouring: str = "area"
    parcel_colouring: str = "sanjiu_type"
    enterprise_colouring: str = "industry"
    basemap: str = "none"
    tile_url: str | None = None
    raster_opacity: float = 0.6
    lang: str = "zh"
    fit_key: str = "district"
    static_url: str = STATIC_URL

    def __post_init__(self) -> None:
        unknown = [k for k in self.layers if k not in LAYERS]
        if unknown:
            raise UnknownKeyError("map layer", unknown[0], list(LAYERS))
        basemap(self.basemap)


@dataclass
class MapData:
    """Display frames (from each layer module's ``prepare``), already filtered; ``bounds`` is
    the extent to fit ``((south, west), (north, east))`` in WGS84."""

    towns: gpd.GeoDataFrame | None = None
    parks: gpd.GeoDataFrame | None = None
    parcels: gpd.GeoDataFrame | None = None
    enterprises: pd.DataFrame | None = None
    heat_sources: pd.DataFrame | None = None
    sewage_plants: pd.DataFrame | None = None
    rasters: dict[str, RasterImage] = field(default_factory=dict)
    bounds: tuple[tuple[float, float], tuple[float, float]] | None = None


class ViewMemory(MacroElement):
    """Fit ``bounds`` on first show; afterwards restore the planner's last view (kept in the
    frame's sessionStorage) while ``fit_key`` is unchanged, so redraws do not jump."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function(map){
            var k = 'parkplan.map.view', fit = {{ this.fit_json }}, b = {{ this.bounds_json }};
            var s = null, touched = false, busy = false;
            try { s = JSON.parse(window.sessionStorage.getItem(k) || 'null'); } catch (e) {}
            function apply(){
                busy = true;
                if (s && s.fit === fit) { map.setView([s.lat, s.lng], s.zoom, {animate: false}); }
                else {
                    // keep the district clear of the legend when there is room beside it
                    var lg = map.getContainer().querySelector('.pp-legend'), w = 12;
                    if (lg && map.getSize().x - lg.offsetWidth > 420) { w = lg.offsetWidth + 16; }
                    map.fitBounds(b, {paddingTopLeft: [12, 12], paddingBottomRight: [w, 12],
                                      animate: false});
                }
                busy = false;
            }
            apply();
            map.on('dragstart', function(){ touched = true; });
            map.on('zoomstart', function(){ if (!busy) { touched = true; } });
            map.on('moveend', function(){
                if (!touched) { return; }
                try { var c = map.getCenter();
                      window.sessionStorage.setItem(k, JSON.stringify(
                          {fit: fit, lat: c.lat, lng: c.lng, zoom: map.getZoom()})); } catch (e) {}
            });
            // the frame is sized after the map is made: fit again until the planner moves it
            if (window.ResizeObserver) {
                new ResizeObserver(function(){ map.invalidateSize(); if (!touched) { apply(); } })
                    .observe(map.getContainer());
            }
            L.control.scale({imperial: false}).addTo(map);
        })({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, bounds: Sequence[Sequence[float]], fit_key: str) -> None:
        super().__init__()
        self._name = "ViewMemory"
        self.bounds_json = safe_json([list(map(float, b)) for b in bounds])
        self.fit_json = safe_json(fit_key)


def _shift_bounds(
    bounds: tuple[tuple[float, float], tuple[float, float]], offset: str
) -> list[list[float]]:
    (s, w), (n, e) = bounds
    xy = shift_points(pd.DataFrame({"x": [w, e], "y": [s, n]}), offset)
    return [
        [float(xy["y"].iloc[0]), float(xy["x"].iloc[0])],
        [float(xy["y"].iloc[1]), float(xy["x"].iloc[1])],
    ]


def build_map(
    data: MapData, options: MapOptions, *, env: Mapping[str, str] | None = None
) -> folium.Map:
    """The folium map of ``data`` as ``options`` say, with local assets only."""
    env = os.environ if env is None else env
    lang, offset = options.lang, basemap(options.basemap).offset
    bounds = data.bounds or _DISTRICT
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
    MapStyle().add_to(m)
    folium.map.CustomPane("pp-rasters", z_index=350, pointer_events=False).add_to(m)
    folium.map.CustomPane("pp-labels", z_index=450, pointer_events=False).add_to(m)
    folium.map.CustomPane("pp-highlight", z_index=460, pointer_events=False).add_to(m)
    add_basemap(m, options.basemap, tile_url=options.tile_url, env=env, lang=lang)

    legend: list[LegendSection] = []
    chosen = set(options.layers)

    def show(built: tuple[Any, LegendSection]) -> None:
        layer, section = built
        layer.add_to(m)
        legend.append(section)

    # drawing order: rasters, town outlines, parks, parcels, town labels, symbols, firms
    for kind in ("irradiance", "landuse"):
        if kind in chosen and kind in data.rasters:
            show(
                rasters_layer.build(
                    data.rasters[kind], opacity=options.raster_opacity, lang=lang, offset=offset
                )
            )
    town_labels: Any = None
    if "towns" in chosen and data.towns is not None and len(data.towns):
        (outlines, town_labels), section = towns_layer.build(data.towns, lang=lang, offset=offset)
        show((outlines, section))
    if "parks" in chosen and data.parks is not None:
        show(
            parks_layer.build(
                data.parks, colour_by=options.park_colouring, lang=lang, offset=offset
            )
        )
    if "parcels" in chosen and data.parcels is not None:
        show(
            parcels_layer.build(
                data.parcels, colour_by=options.parcel_colouring, lang=lang, offset=offset
            )
        )
    if town_labels is not None:
        town_labels.add_to(m)
    for key, module, frame in (
        ("heat_sources", heat_layer, data.heat_sources),
        ("sewage_plants", sewage_layer, data.sewage_plants),
    ):
        if key in chosen and frame is not None and len(frame):
            show(module.build(frame, lang=lang, offset=offset))
    if "enterprises" in chosen and data.enterprises is not None:
        show(
            enterprises_layer.build(
                data.enterprises, colour_by=options.enterprise_colouring, lang=lang, offset=offset
            )
        )
    if legend:
        Legend(legend, title=pick(("图例", "Legend"), lang)).add_to(m)
    ViewMemory(_shift_bounds(bounds, offset), f"{options.fit_key}|{offset}").add_to(m)
    return localize(m, static_url=options.static_url)


@dataclass(frozen=True)
class FlyTarget:
    """Where to fly after a search: a box ``(west, south, east, north)`` or a point with a zoom.

    ``nonce`` makes a new search fly even to the same place; the same nonce flies once.
    """

    nonce: str
    bbox: tuple[float, float, float, float] | None = None
    point: tuple[float, float] | None = None  # (lon, lat)
    zoom: int = 17


class _Fly(MacroElement):
    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function(map){
            var k = 'parkplan.map.fly', v = {{ this.nonce_json }};
            try { if (window.sessionStorage.getItem(k) === v) { return; }
                  window.sessionStorage.setItem(k, v); } catch (e) {}
            var b = {{ this.bounds_json }}, p = {{ this.point_json }};
            if (b) { map.flyToBounds(b, {maxZoom: 16, padding: [60, 60], duration: 0.8}); }
            else if (p) { map.flyTo(p, {{ this.zoom }}, {duration: 0.8}); }
        })({{ this.map_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, target: FlyTarget, offset: str) -> None:
        super().__init__()
        self._name = "Fly"
        self.nonce_json = safe_json(target.nonce)
        bounds = None
        point = None
        if target.bbox is not None:
            w, s, e, n = target.bbox
            bounds = _shift_bounds(((s, w), (n, e)), offset)
        if target.point is not None:
            lon, lat = target.point
            moved = shift_points(pd.DataFrame({"x": [lon], "y": [lat]}), offset)
            point = [float(moved["y"].iloc[0]), float(moved["x"].iloc[0])]
        self.bounds_json = safe_json(bounds)
        self.point_json = safe_json(point)
        self.zoom = int(target.zoom)

    def map_name(self) -> str:
        node: Any = self._parent
        while node is not None and not isinstance(node, folium.Map):
            node = getattr(node, "_parent", None)
        return node.get_name() if node is not None else "map"


def selection_layer(
    parks: gpd.GeoDataFrame | None,
    *,
    compared: Sequence[str] = (),
    current: str | None = None,
    found: tuple[float, float] | None = None,
    fly: FlyTarget | None = None,
    offset: str = "wgs84",
) -> folium.FeatureGroup:
    """What changes on a click, drawn over the map without redrawing it: the compared parks
    outlined in their comparison colours, the current park in black, a searched firm ringed
    (``found`` = (lon, lat)), and a flight to a search target."""
    group = folium.FeatureGroup(name="selection", control=False)
    if parks is not None and len(parks):
        ids = [*compared]
        if current and current not in ids:
            ids.append(current)
        chosen = parks[parks["park_id"].isin(ids)]
        if len(chosen):
            order = {pid: i for i, pid in enumerate(ids)}
            chosen = chosen.iloc[chosen["park_id"].map(order).argsort()]
            palette = [*COMPARE_COLOURS[: len(compared)], "#111111"]
            codes = [order[p] if p in compared else len(palette) - 1 for p in chosen["park_id"]]
            weights = [5 if p == current else 3.5 for p in chosen["park_id"]]
            FeatureLayer(
                polygon_coords(shift_polygons(chosen.geometry, offset)),
                {"k": codes, "w": weights},
                name="selected parks",
                palette=palette,
                style={"weight": 4, "opacity": 1, "fill": False, "strokeByClass": True},
                interactive=False,
                pane="pp-highlight",
            ).add_to(group)
    if found is not None:
        xy = shift_points(pd.DataFrame({"x": [found[0]], "y": [found[1]]}), offset)
        SymbolLayer(
            xy,
            {},
            name="found",
            css_class="pp-found",
            size=24,
            interactive=False,
            pane="pp-highlight",
        ).add_to(group)
    if fly is not None:
        _Fly(fly, offset).add_to(group)
    return group


def payload_bytes(m: folium.Map) -> int:
    """Bytes of the map as one HTML page (what ``Map.save`` writes): the payload measure."""
    return len(m.get_root().render().encode("utf-8"))


def fit_key(*parts: object) -> str:
    """A short stable key of the extent-defining choices (e.g. the town filter)."""
    return hashlib.sha1(repr(parts).encode("utf-8")).hexdigest()[:12]
