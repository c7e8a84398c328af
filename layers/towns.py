"""Towns (镇街): dashed outlines and name labels, marked approximate (their outlines are drawn
from approximate centres; only the district outline is real).

Towns have no colouring of their own: outlined, lightly veiled. A later issue colours them by
a measure (e.g. target completion) with ``register_colouring("towns", …)``; the page then offers
it, and the outlines are filled by it.
"""

from __future__ import annotations

from typing import Any

import geopandas as gpd

from layers.colourings import colouring
from layers.elements import FeatureLayer, SymbolLayer, TooltipRow
from layers.encoding import Text, pick, polygon_coords
from layers.geometry import display_polygons, shift_points, shift_polygons
from layers.legend import LegendEntry, LegendSection

__all__ = ["LABEL", "build", "labels", "prepare"]

LABEL: Text = ("镇街", "Towns")
_COLOUR = "#52606d"
_STYLE = {
    "color": _COLOUR,
    "weight": 1.6,
    "opacity": 0.8,
    "dashArray": "6 4",
    "fill": True,
    "fillColor": "#ffffff",
    "fillOpacity": 0.35,
}


def prepare(towns: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Display frame: outlines simplified at 15 m, with a label point inside each town."""
    keep = [c for c in ("town_code", "name", "kind", "approximate") if c in towns.columns]
    out = display_polygons(towns[[*keep, "geometry"]], tolerance_m=15.0)
    points = towns.geometry.representative_point()
    out["x"], out["y"] = points.x.round(5).to_numpy(), points.y.round(5).to_numpy()
    return out


def _approximate(frame: gpd.GeoDataFrame) -> bool:
    if "approximate" not in frame.columns:
        return True
    return bool(frame["approximate"].fillna(True).astype(bool).any())


def build(
    frame: gpd.GeoDataFrame,
    *,
    colour_by: str | None = None,
    lang: str = "zh",
    offset: str = "wgs84",
) -> tuple[FeatureLayer, LegendSection]:
    """The outlines and their legend. Plain outlines are not clickable (clicks reach the
    parks); coloured by ``colour_by`` (a registered colouring of ``"towns"``) they are filled
    from its palette and show the measure in a tooltip."""
    approx = _approximate(frame)
    entry = (
        ("镇街边界（近似）", "Town outline (approximate)")
        if approx
        else ("镇街边界", "Town outline")
    )
    entries: tuple[LegendEntry, ...] = (LegendEntry(pick(entry, lang), _COLOUR, "dashed"),)
    title = pick(LABEL, lang)
    props: dict[str, list[Any]] = {}
    rows: list[TooltipRow] = []
    palette: tuple[str, ...] = ()
    style: dict[str, Any] = dict(_STYLE)
    if colour_by is not None:
        chosen = colouring("towns", colour_by)
        styled = chosen.apply(frame, lang=lang)
        props = {
            "k": styled.codes.tolist(),
            "n": frame["name"].astype(str).tolist(),
            "v": chosen.texts(frame),
        }
        rows = [(pick(chosen.label, lang), "v", None)]
        palette, style["fillOpacity"] = styled.palette, 0.6
        entries = (*entries, *styled.entries)
        title = f"{title} · {pick(chosen.label, lang)}"
    outlines = FeatureLayer(
        polygon_coords(shift_polygons(frame.geometry, offset)),
        props,
        name=pick(LABEL, lang),
        palette=palette,
        style=style,
        tooltip_title="n" if colour_by is not None else None,
        tooltip_rows=rows,
        interactive=colour_by is not None,
    )
    note = pick(
        (
            "由近似中心点生成，仅区界为真实数据。",
            "Drawn from approximate centres; only the district outline is real.",
        ),
        lang,
    )
    return outlines, LegendSection(title, entries, note=note if approx else "")


def labels(frame: gpd.GeoDataFrame, *, lang: str = "zh", offset: str = "wgs84") -> SymbolLayer:
    """The towns' names, drawn over the parks and parcels in their own pane."""
    return SymbolLayer(
        shift_points(frame[["x", "y"]], offset),
        {"n": frame["name"].astype(str).tolist()},
        name=pick(LABEL, lang),
        css_class="pp-town-label",
        label_key="n",
        interactive=False,
        pane="pp-labels",
    )
