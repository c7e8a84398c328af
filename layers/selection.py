"""What changes on a click, drawn over the map without redrawing it: the compared parks in
their comparison colours, the current park, a searched firm, and a flight to a search target."""

from __future__ import annotations

from collections.abc import Sequence

import folium
import geopandas as gpd
import pandas as pd

from layers.elements import FeatureLayer, SymbolLayer
from layers.encoding import polygon_coords
from layers.geometry import shift_points, shift_polygons
from layers.view import Fly, FlyTarget

__all__ = ["COMPARE_COLOURS", "selection_layer"]

COMPARE_COLOURS: tuple[str, ...] = ("#e8590c", "#7048e8", "#0ca678", "#d6336c")


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
        Fly(fly, offset).add_to(group)
    return group
