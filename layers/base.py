"""What every layer shares: safe compact JSON, display geometry, the colouring registry and the
three Leaflet elements the layers are drawn with.

Nothing here knows what a park or an enterprise is. A layer module (``layers/parks.py`` …) says
which columns it shows and which colourings it offers; later issues add colourings (a park score,
enterprise flags) with :func:`register_colouring` without touching the page.

Safety: data reach the browser only as JSON inside a script, with ``<``, ``>`` and ``&`` escaped,
and tooltips are built with ``textContent``, never ``innerHTML``, so a name like
``<img src=x onerror=alert(1)>`` is shown as text.
"""

from __future__ import annotations

import html
import json
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from folium.elements import JSCSSMixin
from folium.map import Layer
from folium.template import Template

from errors import UnknownKeyError
from geo.chinese_offsets import from_wgs84, geometry_from_wgs84
from geo.crs import AREA_CRS, require_crs

__all__ = [
    "CATEGORICAL",
    "CATEGORICAL_16",
    "COLOURINGS",
    "NO_DATA",
    "Colouring",
    "FeatureLayer",
    "LegendEntry",
    "LegendSection",
    "PointCluster",
    "Styled",
    "SymbolLayer",
    "Text",
    "coded",
    "colouring",
    "colourings",
    "display_points",
    "display_polygons",
    "esc",
    "json_column",
    "pick",
    "polygon_coords",
    "register_colouring",
    "safe_json",
    "shift_points",
    "shift_polygons",
]

Text = tuple[str, str]  # (中文, English)
NO_DATA = "#c7ccd1"
_NO_DATA_LABEL: Text = ("无数据", "No data")


def pick(text: Text, lang: str) -> str:
    """The Chinese or English half of ``text``."""
    return text[0] if lang == "zh" else text[1]


def esc(text: object) -> str:
    """HTML-escape ``text`` for server-built HTML (legend, labels)."""
    return html.escape(str(text), quote=True)


_JS_UNSAFE = str.maketrans(
    {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
)


def safe_json(obj: Any) -> str:
    """Compact JSON (UTF-8, not ``\\u`` escapes) that is safe inside a ``<script>`` element.

    ``<``, ``>`` and ``&`` become ``\\u003c`` … so no data value can close the script or open a
    tag; NaN is refused (it is not JSON).
    """
    text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return text.translate(_JS_UNSAFE)


# -- display geometry -------------------------------------------------------------------------


def display_polygons(
    gdf: gpd.GeoDataFrame, *, tolerance_m: float = 2.0, decimals: int = 6
) -> gpd.GeoDataFrame:
    """A copy of ``gdf`` simplified for display: in metres (EPSG:4547), then back to EPSG:4326
    and snapped to ``decimals`` places (6 ≈ 0.1 m). Polygons stay valid and never vanish: a
    feature that simplification would empty keeps its original (snapped) shape."""
    require_crs(gdf, source="display layer")
    if gdf.empty:
        return gdf.copy()
    metres = gdf.geometry.to_crs(AREA_CRS)
    simple = metres.simplify(tolerance_m, preserve_topology=True).to_crs(gdf.crs)
    grid = 10.0**-decimals
    snapped = shapely.set_precision(np.asarray(simple.values), grid)
    original = shapely.set_precision(np.asarray(gdf.geometry.values), grid)
    bad = shapely.is_empty(snapped) | ~shapely.is_valid(snapped)
    snapped[bad] = original[bad]
    out = gdf.copy()
    out["geometry"] = gpd.GeoSeries(snapped, index=gdf.index, crs=gdf.crs)
    return out


def display_points(gdf: gpd.GeoDataFrame, *, decimals: int = 5) -> pd.DataFrame:
    """A point layer's display frame: its attributes (no geometry) and ``x``/``y`` rounded to
    ``decimals`` (5 ≈ 1 m), on its index."""
    require_crs(gdf, source="display layer")
    out = pd.DataFrame(gdf.drop(columns=gdf.geometry.name))
    out["x"] = np.round(gdf.geometry.x.to_numpy(), decimals)
    out["y"] = np.round(gdf.geometry.y.to_numpy(), decimals)
    return out


def shift_polygons(geoms: gpd.GeoSeries, offset: str, *, decimals: int = 6) -> gpd.GeoSeries:
    """Display geometry for a basemap in ``offset`` coordinates (``gcj02`` for Gaode); WGS84
    geometry is returned unchanged. Only for display: stored data are never shifted."""
    if offset == "wgs84" or geoms.empty:
        return geoms
    moved = geometry_from_wgs84(geoms, target=offset)
    snapped = shapely.set_precision(np.asarray(moved.values), 10.0**-decimals)
    return gpd.GeoSeries(snapped, index=geoms.index, crs=geoms.crs)


def shift_points(xy: pd.DataFrame, offset: str, *, decimals: int = 5) -> pd.DataFrame:
    """``x``/``y`` moved to ``offset`` coordinates for display (see :func:`shift_polygons`)."""
    if offset == "wgs84" or xy.empty:
        return xy
    x, y = from_wgs84(xy["x"].to_numpy(), xy["y"].to_numpy(), target=offset)
    return xy.assign(x=np.round(x, decimals), y=np.round(y, decimals))


def polygon_coords(geoms: gpd.GeoSeries) -> list[Any]:
    """MultiPolygon coordinate arrays (every feature as a MultiPolygon), for compact JSON."""
    out = []
    for geom in geoms:
        parts = geom.geoms if geom.geom_type == "MultiPolygon" else [geom]
        out.append(
            [
                [[[x, y] for x, y in ring.coords] for ring in (part.exterior, *part.interiors)]
                for part in parts
                if not part.is_empty
            ]
        )
    return out


def json_column(values: pd.Series | Sequence[Any]) -> list[Any]:
    """A column as a JSON-ready list: NaN/NA become ``None``, NumPy scalars plain Python."""
    out: list[Any] = []
    for v in values:
        if v is None or (isinstance(v, float) and math.isnan(v)) or v is pd.NA:
            out.append(None)
        elif isinstance(v, np.generic):
            item = v.item()
            out.append(None if isinstance(item, float) and math.isnan(item) else item)
        else:
            out.append(v)
    return out


# -- legend data --------------------------------------------------------------------------------

Shape = Literal["fill", "line", "dashed", "circle", "triangle", "square", "ramp"]


@dataclass(frozen=True)
class LegendEntry:
    """One swatch: a colour (or a ramp of colours) and its label."""

    label: str
    colour: str
    shape: Shape = "fill"
    ramp: tuple[str, ...] = ()


@dataclass(frozen=True)
class LegendSection:
    """The legend of one layer."""

    title: str
    entries: tuple[LegendEntry, ...]
    note: str = ""


# -- colourings ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Styled:
    """A colouring applied to a frame: palette index per feature, the palette, the legend."""

    codes: pd.Series
    palette: tuple[str, ...]
    entries: tuple[LegendEntry, ...]


@dataclass(frozen=True)
class Colouring:
    """How to colour a layer by one measure.

    Values come from ``compute(frame)`` when given (a later issue can compute a park score
    there), else from ``frame[column]``. ``kind="category"`` gives each value its own colour
    (``order`` first, then by frequency; beyond the palette, "other"); ``kind="quantity"`` cuts
    the values at ``bins`` (or at quantiles when ``bins`` is empty) into classes.
    """

    key: str
    label: Text
    column: str
    kind: Literal["category", "quantity"]
    palette: tuple[str, ...]
    unit: Text = ("", "")
    order: tuple[str, ...] = ()
    category_label: Callable[[str, str], str] | None = None
    bins: tuple[float, ...] = ()
    bin_labels: tuple[Text, ...] = ()
    fmt: str = "{:,.0f}"
    scale: float = 1.0
    compute: Callable[[pd.DataFrame], pd.Series] | None = None
    other: Text = ("其他", "Other")

    def available(self, frame: pd.DataFrame) -> bool:
        """Whether this colouring can be drawn for ``frame`` (its column exists)."""
        return self.compute is not None or self.column in frame.columns

    def values(self, frame: pd.DataFrame) -> pd.Series:
        """The measure per feature, on the frame's index."""
        if self.compute is not None:
            return self.compute(frame).reindex(frame.index)
        if self.column not in frame.columns:
            raise UnknownKeyError(
                f"column for colouring {self.key!r}", self.column, [str(c) for c in frame.columns]
            )
        return frame[self.column]

    def apply(self, frame: pd.DataFrame, *, lang: str = "zh") -> Styled:
        """Palette index per feature and the legend entries, in ``lang``."""
        values = self.values(frame)
        if self.kind == "category":
            return self._categories(values, lang)
        return self._classes(values, lang)

    def _label(self, value: str, lang: str) -> str:
        return self.category_label(value, lang) if self.category_label else str(value)

    def _categories(self, values: pd.Series, lang: str) -> Styled:
        text = values.astype("string")
        present = text.dropna()
        seen = [v for v in self.order if v in set(present)]
        by_count = [v for v in present.value_counts().index if v not in seen]
        ranked = seen + by_count
        room = len(self.palette) - (1 if len(ranked) > len(self.palette) else 0)
        shown = ranked[:room]
        palette = list(self.palette[: len(shown)])
        entries = [
            LegendEntry(self._label(v, lang), c) for v, c in zip(shown, palette, strict=True)
        ]
        index = {v: i for i, v in enumerate(shown)}
        codes = text.map(index)
        if len(ranked) > len(shown):
            codes = codes.where(text.isna() | codes.notna(), len(palette))
            palette.append(self.palette[-1])
            entries.append(LegendEntry(pick(self.other, lang), self.palette[-1]))
        return self._finish(codes, palette, entries, lang)

    def _classes(self, values: pd.Series, lang: str) -> Styled:
        numbers = pd.to_numeric(values, errors="coerce").astype(float)
        known = numbers.dropna()
        if self.bins:
            edges = list(self.bins)
        elif len(known):
            qs = np.quantile(known, np.linspace(0, 1, len(self.palette) + 1))
            edges = sorted(set(float(q) for q in qs))
        else:
            edges = [0.0, 1.0]
        if len(edges) < 2:
            edges = [edges[0], edges[0] + 1.0]
        n = len(edges) - 1
        colours = _spread(self.palette, n)
        inner = np.asarray(edges[1:-1], dtype=float)
        codes_arr = np.searchsorted(inner, numbers.to_numpy(), side="right")
        codes = pd.Series(codes_arr, index=values.index, dtype="Float64").where(numbers.notna())
        unit = pick(self.unit, lang)
        entries = []
        for i in range(n):
            if self.bin_labels:
                label = pick(self.bin_labels[i], lang)
            else:
                lo, hi = (self.fmt.format(e * self.scale) for e in (edges[i], edges[i + 1]))
                label = f"{lo} – {hi}"
            entries.append(LegendEntry(f"{label} {unit}".strip(), colours[i]))
        return self._finish(codes, colours, entries, lang)

    def _finish(
        self, codes: pd.Series, palette: list[str], entries: list[LegendEntry], lang: str
    ) -> Styled:
        if codes.isna().any():
            codes = codes.fillna(len(palette))
            palette = [*palette, NO_DATA]
            entries = [*entries, LegendEntry(pick(_NO_DATA_LABEL, lang), NO_DATA)]
        return Styled(codes.astype(int), tuple(palette), tuple(entries))


def _spread(palette: tuple[str, ...], n: int) -> list[str]:
    """``n`` colours taken evenly from a sequential ``palette``."""
    if n >= len(palette):
        return list(palette) + [palette[-1]] * (n - len(palette))
    idx = np.round(np.linspace(0, len(palette) - 1, n)).astype(int)
    return [palette[i] for i in idx]


COLOURINGS: dict[str, dict[str, Colouring]] = {}


def register_colouring(layer: str, item: Colouring, *, replace: bool = False) -> Colouring:
    """Offer ``item`` as a colouring of ``layer`` (the page lists every registered one)."""
    table = COLOURINGS.setdefault(layer, {})
    if item.key in table and not replace:
        raise ValueError(f"colouring {item.key!r} of {layer} exists; pass replace=True")
    table[item.key] = item
    return item


def colouring(layer: str, key: str) -> Colouring:
    """The colouring ``key`` of ``layer``; the error lists the known keys."""
    table = COLOURINGS.get(layer)
    if table is None:
        raise UnknownKeyError("layer with colourings", layer, list(COLOURINGS))
    if key not in table:
        raise UnknownKeyError(f"colouring of {layer}", key, list(table))
    return table[key]


def colourings(layer: str, frame: pd.DataFrame | None = None) -> list[Colouring]:
    """The colourings of ``layer``, only those available for ``frame`` when it is given."""
    items = list(COLOURINGS.get(layer, {}).values())
    return items if frame is None else [c for c in items if c.available(frame)]


# -- Leaflet elements -----------------------------------------------------------------------

# Builds a tooltip element from a spec {t: title key, r: [[label, key, lookup?], ...]} and a
# feature's properties, with textContent only (never innerHTML): data are shown as text.
_TIP_JS = """function(s,p){var d=document.createElement('div');d.className='pp-tip';
if(s.t!=null&&p[s.t]!=null){var b=document.createElement('div');b.className='pp-tip-t';
b.textContent=String(p[s.t]);d.appendChild(b);}
(s.r||[]).forEach(function(r){var v=p[r[1]];if(r[2]&&v!=null){v=r[2][v];}
if(v==null||v===''){return;}var e=document.createElement('div');
var k=document.createElement('span');k.className='pp-tip-k';k.textContent=r[0];e.appendChild(k);
e.appendChild(document.createTextNode(String(v)));d.appendChild(e);});return d;}"""

# Rebuilds per-feature property objects from columns {key: [values]}.
_ROWS_JS = """function(c,n){var ks=Object.keys(c||{}),o=new Array(n);for(var i=0;i<n;i++){
var p={};for(var j=0;j<ks.length;j++){p[ks[j]]=c[ks[j]][i];}o[i]=p;}return o;}"""


def _tooltip_spec(title: str | None, rows: Sequence[tuple[str, str, Sequence[str] | None]]) -> Any:
    if title is None and not rows:
        return None
    return {
        "t": title,
        "r": [
            [label, key, list(lookup)] if lookup else [label, key] for label, key, lookup in rows
        ],
    }


class FeatureLayer(Layer):
    """Polygons drawn on the map's canvas, each filled from a palette, with a text-only tooltip
    and a hover highlight. Data travel as columns, not as GeoJSON features, to stay small.

    Parameters
    ----------
    coords : MultiPolygon coordinate arrays, one per feature (:func:`polygon_coords`).
    props : columns of properties, each a list as long as ``coords``; ``k`` is the palette index.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = (function(){
            var d = {{ this.data_json }}, pal = {{ this.palette_json }},
                base = {{ this.style_json }}, hl = {{ this.highlight_json }},
                tip = {{ this.tooltip_json }}, tipFn = """
        + _TIP_JS
        + """, rowsFn = """
        + _ROWS_JS
        + """;
            var props = rowsFn(d.p, d.c.length);
            function style(f){
                var s = Object.assign({}, base), k = f.properties.k;
                if (k != null && pal.length) {
                    s.fillColor = pal[k];
                    if (base.strokeByClass) { s.color = pal[k]; }
                }
                if (f.properties.w != null) { s.weight = f.properties.w; }
                return s;
            }
            var layer = L.geoJSON(null, Object.assign({
                style: style,
                onEachFeature: function(f, l){
                    if (tip) { l.bindTooltip(function(){ return tipFn(tip, f.properties); },
                                             {sticky: true, className: 'pp-tooltip'}); }
                    if (hl) { l.on({mouseover: function(e){ e.target.setStyle(hl); },
                                    mouseout: function(e){ layer.resetStyle(e.target); }}); }
                }
            }, {{ this.options_json }}));
            for (var i = 0; i < d.c.length; i++) {
                layer.addData({type: 'Feature', properties: props[i],
                               geometry: {type: 'MultiPolygon', coordinates: d.c[i]}});
            }
            return layer;
        })();
        {% endmacro %}
        """
    )

    def __init__(
        self,
        coords: list[Any],
        props: Mapping[str, Sequence[Any]],
        *,
        name: str,
        palette: Sequence[str] = (),
        style: Mapping[str, Any],
        highlight: Mapping[str, Any] | None = None,
        tooltip_title: str | None = None,
        tooltip_rows: Sequence[tuple[str, str, Sequence[str] | None]] = (),
        interactive: bool = True,
        pane: str | None = None,
        show: bool = True,
        control: bool = False,
    ) -> None:
        super().__init__(name=name, overlay=True, control=control, show=show)
        self._name = "FeatureLayer"
        for key, column in props.items():
            if len(column) != len(coords):
                raise ValueError(f"property {key!r} has {len(column)} values for {len(coords)}")
        self.n_features = len(coords)
        self.data_json = safe_json(
            {"c": coords, "p": {k: json_column(v) for k, v in props.items()}}
        )
        self.palette_json = safe_json(list(palette))
        self.style_json = safe_json(dict(style))
        self.highlight_json = safe_json(dict(highlight) if highlight else None)
        self.tooltip_json = safe_json(_tooltip_spec(tooltip_title, tooltip_rows))
        options: dict[str, Any] = {"interactive": interactive}
        if pane:
            options["pane"] = pane
        self.options_json = safe_json(options)


class PointCluster(JSCSSMixin, Layer):
    """Points as canvas circles in a marker cluster (Leaflet.markercluster, served locally): a
    few clusters at district zoom, every point from ``disable_at`` on. Data travel as columns.

    ``props["k"]`` is the palette index of each point.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = (function(){
            var d = {{ this.data_json }}, pal = {{ this.palette_json }},
                base = {{ this.style_json }}, tip = {{ this.tooltip_json }}, tipFn = """
        + _TIP_JS
        + """, rowsFn = """
        + _ROWS_JS
        + """;
            var props = rowsFn(d.p, d.x.length);
            var group = L.markerClusterGroup({
                chunkedLoading: true, showCoverageOnHover: false, spiderfyOnMaxZoom: false,
                maxClusterRadius: {{ this.radius }}, disableClusteringAtZoom: {{ this.disable_at }},
                iconCreateFunction: function(c){
                    var n = c.getChildCount(), s = n < 10 ? 22 : n < 100 ? 26 : n < 1000 ? 32 : 38;
                    return L.divIcon({html: '<div><span>' + n + '</span></div>',
                        className: 'pp-cluster', iconSize: L.point(s, s)});
                }
            });
            var markers = new Array(d.x.length);
            for (var i = 0; i < d.x.length; i++) {
                var p = props[i], o = Object.assign({}, base);
                if (p.k != null && pal.length) { o.fillColor = pal[p.k]; }
                var m = L.circleMarker([d.y[i], d.x[i]], o);
                m.feature = {type: 'Feature', properties: p};
                if (tip) { (function(pp){ m.bindTooltip(function(){ return tipFn(tip, pp); },
                                        {className: 'pp-tooltip'}); })(p); }
                markers[i] = m;
            }
            group.addLayers(markers);
            return group;
        })();
        {% endmacro %}
        """
    )

    # folium's asset names; layers.assets.localize resolves them to files under /app/static
    default_js = [("markerclusterjs", "local:leaflet.markercluster.js")]  # noqa: RUF012
    default_css = [("markerclustercss", "local:MarkerCluster.css")]  # noqa: RUF012

    def __init__(
        self,
        xy: pd.DataFrame,
        props: Mapping[str, Sequence[Any]],
        *,
        name: str,
        palette: Sequence[str],
        style: Mapping[str, Any],
        tooltip_title: str | None = None,
        tooltip_rows: Sequence[tuple[str, str, Sequence[str] | None]] = (),
        radius: int = 60,
        disable_at: int = 16,
        show: bool = True,
        control: bool = False,
    ) -> None:
        super().__init__(name=name, overlay=True, control=control, show=show)
        self._name = "PointCluster"
        self.n_features = len(xy)
        self.data_json = _points_json(xy, props)
        self.palette_json = safe_json(list(palette))
        self.style_json = safe_json(dict(style))
        self.tooltip_json = safe_json(_tooltip_spec(tooltip_title, tooltip_rows))
        self.radius = int(radius)
        self.disable_at = int(disable_at)


def _points_json(xy: pd.DataFrame, props: Mapping[str, Sequence[Any]]) -> str:
    """Points as columns: ``{"x": [...], "y": [...], "p": {prop: [...]}}``, safe for a script."""
    data = {
        "x": json_column(xy["x"]),
        "y": json_column(xy["y"]),
        "p": {k: json_column(v) for k, v in props.items()},
    }
    return safe_json(data)


# A layer of point symbols or labels: a small DOM marker per point (few points only).
class SymbolLayer(Layer):
    """Few points drawn as CSS symbols (``css_class``) or text labels (``label_key``), with a
    text-only tooltip. For towns' labels, heat sources and sewage plants."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = (function(){
            var d = {{ this.data_json }}, tip = {{ this.tooltip_json }},
                lab = {{ this.label_json }}, cls = {{ this.class_json }},
                size = {{ this.size_json }}, tipFn = """
        + _TIP_JS
        + """, rowsFn = """
        + _ROWS_JS
        + """;
            var props = rowsFn(d.p, d.x.length), group = L.featureGroup();
            for (var i = 0; i < d.x.length; i++) {
                var p = props[i], el = document.createElement('div');
                if (lab) { el.textContent = String(p[lab]); }
                var icon = L.divIcon({html: el, className: cls,
                    iconSize: size ? L.point(size, size) : null});
                var m = L.marker([d.y[i], d.x[i]], Object.assign({icon: icon, keyboard: false},
                                 {{ this.options_json }}));
                m.feature = {type: 'Feature', properties: p};
                if (tip) { (function(pp){ m.bindTooltip(function(){ return tipFn(tip, pp); },
                                        {className: 'pp-tooltip', direction: 'top'}); })(p); }
                group.addLayer(m);
            }
            return group;
        })();
        {% endmacro %}
        """
    )

    def __init__(
        self,
        xy: pd.DataFrame,
        props: Mapping[str, Sequence[Any]],
        *,
        name: str,
        css_class: str,
        label_key: str | None = None,
        size: int | None = None,
        tooltip_title: str | None = None,
        tooltip_rows: Sequence[tuple[str, str, Sequence[str] | None]] = (),
        interactive: bool = True,
        pane: str | None = None,
        show: bool = True,
        control: bool = False,
    ) -> None:
        super().__init__(name=name, overlay=True, control=control, show=show)
        self._name = "SymbolLayer"
        self.n_features = len(xy)
        self.data_json = _points_json(xy, props)
        self.tooltip_json = safe_json(_tooltip_spec(tooltip_title, tooltip_rows))
        self.label_json = safe_json(label_key)
        self.class_json = safe_json(css_class)
        self.size_json = safe_json(size)
        options: dict[str, Any] = {"interactive": interactive}
        if pane:
            options["pane"] = pane
        self.options_json = safe_json(options)


# -- palettes -----------------------------------------------------------------------------------

CATEGORICAL: tuple[str, ...] = (
    "#4e79a7",
    "#f28e2b",
    "#59a14f",
    "#e15759",
    "#b07aa1",
    "#edc948",
    "#76b7b2",
    "#ff9da7",
    "#9c755f",
    "#bab0ac",
)
CATEGORICAL_16: tuple[str, ...] = (
    "#4e79a7",
    "#a0cbe8",
    "#f28e2b",
    "#ffbe7d",
    "#59a14f",
    "#8cd17d",
    "#b6992d",
    "#f1ce63",
    "#499894",
    "#86bcb6",
    "#e15759",
    "#ff9d9a",
    "#79706e",
    "#bab0ac",
    "#d37295",
    "#b07aa1",
)


def coded(values: pd.Series) -> tuple[list[int | None], list[str]]:
    """A text column as small integer codes plus the lookup list (saves bytes on the wire)."""
    text = values.astype("string")
    lookup = sorted(str(v) for v in text.dropna().unique())
    index = {v: i for i, v in enumerate(lookup)}
    return [None if pd.isna(v) else index[str(v)] for v in text], lookup
