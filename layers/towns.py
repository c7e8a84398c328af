"""Towns (镇街): dashed outlines and name labels, marked approximate (their outlines are drawn
from approximate centres; only the district outline is real)."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd

from layers.elements import FeatureLayer, SymbolLayer
from layers.encoding import Text, pick, polygon_coords
from layers.geometry import display_polygons, shift_points, shift_polygons
from layers.legend import LegendEntry, LegendSection

__all__ = ["LABEL", "build", "prepare"]

LABEL: Text = ("镇街", "Towns")
_COLOUR = "#52606d"


def prepare(towns: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Display frame: outlines simplified at 15 m, with a label point inside each town."""
    keep = [c for c in ("town_code", "name", "kind", "approximate") if c in towns.columns]
    out = display_polygons(towns[[*keep, "geometry"]], tolerance_m=15.0)
    points = towns.geometry.representative_point()
    out["x"], out["y"] = points.x.round(5).to_numpy(), points.y.round(5).to_numpy()
    return out


def build(
    frame: gpd.GeoDataFrame, *, lang: str = "zh", offset: str = "wgs84"
) -> tuple[list[FeatureLayer | SymbolLayer], LegendSection]:
    """Outlines (not clickable, so clicks reach the parks) and labels, with the legend."""
    approx = (
        frame["approximate"].fillna(True).astype(bool)
        if "approximate" in frame.columns
        else pd.Series(True, index=frame.index)
    )
    outlines = FeatureLayer(
        polygon_coords(shift_polygons(frame.geometry, offset)),
        {},
        name=pick(LABEL, lang),
        style={
            "color": _COLOUR,
            "weight": 1.6,
            "opacity": 0.8,
            "dashArray": "6 4",
            "fill": True,
            "fillColor": "#ffffff",
            "fillOpacity": 0.35,
        },
        interactive=False,
    )
    names = frame["name"].astype(str).tolist()
    labels = SymbolLayer(
        shift_points(frame[["x", "y"]], offset),
        {"n": names},
        name=pick(LABEL, lang),
        css_class="pp-town-label",
        label_key="n",
        interactive=False,
        pane="pp-labels",
    )
    entry = (
        ("镇街边界（近似）", "Town outline (approximate)")
        if approx.any()
        else ("镇街边界", "Town outline")
    )
    section = LegendSection(
        pick(LABEL, lang),
        (LegendEntry(pick(entry, lang), _COLOUR, "dashed"),),
        note=pick(
            (
                "由近似中心点生成，仅区界为真实数据。",
                "Drawn from approximate centres; only the district outline is real.",
            ),
            lang,
        )
        if approx.any()
        else "",
    )
    return [outlines, labels], section
