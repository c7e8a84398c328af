"""The map's view: fit the extent on first show and keep the planner's own view across
redraws (:class:`ViewMemory`), and fly to a search target once (:class:`Fly`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import folium
import pandas as pd
from folium.template import Template

from layers.encoding import safe_json
from layers.geometry import shift_points
from layers.verbatim import VerbatimMacro

__all__ = ["Fly", "FlyTarget", "ViewMemory", "shift_bounds"]


class ViewMemory(VerbatimMacro):
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


def shift_bounds(
    bounds: tuple[tuple[float, float], tuple[float, float]], offset: str
) -> list[list[float]]:
    """``((south, west), (north, east))`` in WGS84 as Leaflet bounds in ``offset`` coordinates."""
    (s, w), (n, e) = bounds
    xy = shift_points(pd.DataFrame({"x": [w, e], "y": [s, n]}), offset)
    return [
        [float(xy["y"].iloc[0]), float(xy["x"].iloc[0])],
        [float(xy["y"].iloc[1]), float(xy["x"].iloc[1])],
    ]


@dataclass(frozen=True)
class FlyTarget:
    """Where to fly after a search: a box ``(west, south, east, north)`` or a point with a zoom.

    ``nonce`` makes a new search fly even to the same place; the same nonce flies once.
    """

    nonce: str
    bbox: tuple[float, float, float, float] | None = None
    point: tuple[float, float] | None = None  # (lon, lat)
    zoom: int = 17


class Fly(VerbatimMacro):
    """Fly to ``target`` once (its ``nonce`` is remembered in the frame's sessionStorage)."""

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
            bounds = shift_bounds(((s, w), (n, e)), offset)
        if target.point is not None:
            lon, lat = target.point
            moved = shift_points(pd.DataFrame({"x": [lon], "y": [lat]}), offset)
            point = [float(moved["y"].iloc[0]), float(moved["x"].iloc[0])]
        self.bounds_json = safe_json(bounds)
        self.point_json = safe_json(point)
        self.zoom = int(target.zoom)

    def map_name(self) -> str:
        """The JavaScript name of the map this element is drawn on."""
        node: Any = self._parent
        while node is not None and not isinstance(node, folium.Map):
            node = getattr(node, "_parent", None)
        return node.get_name() if node is not None else "map"
