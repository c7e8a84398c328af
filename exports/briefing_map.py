"""The briefing's maps, drawn offline with matplotlib in EPSG:4547 metres.

:func:`draw_overview` shows the district outline, the towns (approximate, labelled as such), every
park in grey and the chosen parks in colour with their names; :func:`draw_park` zooms on one park
and its 三旧 parcels coloured by type. Each map has a scale bar and a north arrow (grid north of
EPSG:4547; in Panyu it differs from true north by about 0.2°, invisible at this scale).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import geopandas as gpd
import matplotlib
import numpy as np
import shapely
from matplotlib.axes import Axes
from matplotlib.collections import PathCollection
from matplotlib.figure import Figure
from matplotlib.path import Path
from shapely.geometry.base import BaseGeometry

from geo.crs import AREA_CRS

__all__ = [
    "PARK_COLOURS",
    "SANJIU_COLOURS",
    "draw_overview",
    "draw_park",
    "nice_length",
    "selection_figure",
]

SANJIU_COLOURS = {"旧城镇": "#e07b39", "旧厂房": "#7a5195", "旧村庄": "#2f9e44"}
PARK_COLOURS = ("#d62728", "#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b")


def _path(geom: BaseGeometry) -> Path:
    """A compound matplotlib path of every ring of a (multi)polygon (holes stay empty)."""
    rings = shapely.get_rings(shapely.get_parts(geom))
    return Path.make_compound_path(
        *(Path(np.asarray(shapely.get_coordinates(r)), closed=True) for r in rings)
    )


def _polygons(ax: Axes, geoms: gpd.GeoSeries, **style: Any) -> None:
    """Draw polygons as one collection (geopandas' plot redraws the canvas on each call)."""
    shapes = [g for g in geoms.to_numpy() if g is not None and not g.is_empty]
    if shapes:
        ax.add_collection(PathCollection([_path(g) for g in shapes], **style))
        ax.autoscale_view()


def nice_length(span_m: float) -> float:
    """A round scale-bar length (1, 2 or 5 × 10ⁿ m) near a quarter of ``span_m``."""
    target = max(span_m / 4.0, 1.0)
    power = 10 ** math.floor(math.log10(target))
    return max(s * power for s in (1, 2, 5) if s * power <= target)


def _decorate(ax: Axes, *, north: str) -> None:
    ax.set_aspect("equal")  # the axes box shrinks to fit; limits stay as set
    x0, x1 = ax.get_xlim()
    y0, y1 = ax.get_ylim()
    length = nice_length(x1 - x0)
    bx, by = x0 + 0.05 * (x1 - x0), y0 + 0.06 * (y1 - y0)
    ax.plot([bx, bx + length], [by, by], color="black", linewidth=3, solid_capstyle="butt")
    label = f"{length / 1000:g} km" if length >= 1000 else f"{length:g} m"
    ax.text(bx + length / 2, by + 0.015 * (y1 - y0), label, ha="center", va="bottom", fontsize=7)
    ax.annotate(
        north,
        xy=(0.93, 0.95),
        xytext=(0.93, 0.82),
        xycoords="axes fraction",
        ha="center",
        va="center",
        fontsize=9,
        arrowprops={"arrowstyle": "-|>", "color": "black", "linewidth": 1.2},
    )
    ax.set_xticks([])
    ax.set_yticks([])


def draw_overview(
    ax: Axes,
    *,
    district: BaseGeometry,
    towns: gpd.GeoDataFrame,
    parks: gpd.GeoDataFrame,
    chosen: list[str],
    text: Mapping[str, str],
) -> None:
    """District, towns, all parks (grey) and the chosen parks (coloured, named)."""
    outline = gpd.GeoSeries([district], crs="EPSG:4326").to_crs(AREA_CRS)
    _polygons(ax, outline, facecolor="#f7f7f2", edgecolor="#333333", linewidth=1.0)
    metric_towns = towns.to_crs(AREA_CRS)
    _polygons(
        ax, metric_towns.geometry, facecolor="none", edgecolor="#9a9a9a", linewidth=0.5,
        linestyle="--",
    )  # fmt: skip
    for geom, name in zip(metric_towns.geometry, metric_towns["name"], strict=True):
        point = geom.representative_point()
        ax.text(point.x, point.y, str(name), fontsize=6, color="#666666", ha="center")
    metric_parks = parks.to_crs(AREA_CRS)
    _polygons(ax, metric_parks.geometry, facecolor="#c8c8c8", edgecolor="none")
    for i, park_id in enumerate(chosen):
        park = metric_parks[metric_parks["park_id"] == park_id]
        colour = PARK_COLOURS[i % len(PARK_COLOURS)]
        _polygons(ax, park.geometry, facecolor=colour, edgecolor=colour, linewidth=2.5)
        c = park.geometry.iloc[0].representative_point()
        ax.annotate(
            f"{i + 1} {park['name'].iloc[0]}",
            xy=(c.x, c.y),
            xytext=(6, 6),
            textcoords="offset points",
            fontsize=8,
            color=colour,
        )
    ax.set_title(text["map.overview"], fontsize=10)
    _decorate(ax, north=text["map.north"])


def draw_park(
    ax: Axes,
    *,
    park: gpd.GeoDataFrame,
    parcels: gpd.GeoDataFrame,
    colour: str,
    title: str,
    text: Mapping[str, str],
) -> None:
    """One park's outline and the 三旧 parcels listed for it, coloured by 三旧 type."""
    outline = park.to_crs(AREA_CRS)
    if len(parcels):
        metric = parcels.to_crs(AREA_CRS)
        colours = metric["sanjiu_type"].map(SANJIU_COLOURS).fillna("#999999")
        _polygons(
            ax, metric.geometry, facecolor=colours.tolist(), alpha=0.55, edgecolor="#333333",
            linewidth=0.4,
        )  # fmt: skip
    _polygons(ax, outline.geometry, facecolor="none", edgecolor=colour, linewidth=1.8)
    x0, y0, x1, y1 = outline.total_bounds
    pad = 0.15 * max(x1 - x0, y1 - y0, 100.0)
    ax.set_xlim(x0 - pad, x1 + pad)
    ax.set_ylim(y0 - pad, y1 + pad)
    ax.set_title(title, fontsize=8)
    _decorate(ax, north=text["map.north"])


def selection_figure(
    parks: gpd.GeoDataFrame, parcels: gpd.GeoDataFrame, chosen: list[str], *, north: str
) -> Figure:
    """One map of the chosen parks and their listed parcels (the export page's preview)."""
    from exports.fonts import register_cjk_font

    with matplotlib.rc_context({"font.family": [register_cjk_font()], "axes.unicode_minus": False}):
        fig = Figure(figsize=(7, 5))
        ax = fig.add_subplot()
        picked = parks[parks["park_id"].isin(chosen)].to_crs(AREA_CRS)
        if len(parcels):
            metric = parcels.to_crs(AREA_CRS)
            colours = metric["sanjiu_type"].map(SANJIU_COLOURS).fillna("#999999")
            _polygons(ax, metric.geometry, facecolor=colours.tolist(), alpha=0.55, edgecolor="#333")
        for i, park_id in enumerate(chosen):
            park = picked[picked["park_id"] == park_id]
            colour = PARK_COLOURS[i % len(PARK_COLOURS)]
            _polygons(ax, park.geometry, facecolor="none", edgecolor=colour, linewidth=1.8)
            c = park.geometry.iloc[0].representative_point()
            ax.annotate(f"{i + 1} {park['name'].iloc[0]}", xy=(c.x, c.y), fontsize=8, color=colour)
        _decorate(ax, north=north)
    return fig
