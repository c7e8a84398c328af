"""The three Leaflet elements every layer is drawn with: polygons on the canvas
(:class:`FeatureLayer`), clustered canvas circles (:class:`PointCluster`) and a few DOM symbols
or labels (:class:`SymbolLayer`).

They share one script template (:func:`_script`) and one set-up (:class:`_ColumnLayer`): data
travel as columns, not one GeoJSON feature each, to stay small; tooltips are built with
``textContent``, never ``innerHTML``, so data are shown as text.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd
from folium.elements import JSCSSMixin
from folium.map import Layer
from folium.template import Template

from errors import LayerDataError
from layers.encoding import COORD_SCALE, json_column, quantise, safe_json
from layers.verbatim import VerbatimMacro

__all__ = ["FeatureLayer", "PointCluster", "SymbolLayer", "TooltipRow"]

# (label, property key, lookup list for coded values or None)
TooltipRow = tuple[str, str, Sequence[str] | None]

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


def _script(count: str, body: str) -> Template:
    """The script template of an element: ``d`` (the data), ``tip``/``tipFn`` (the tooltip)
    and ``props`` (one property object per feature, ``count`` of them) are defined, then
    ``body`` runs and must ``return`` the Leaflet layer."""
    return Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = (function(){
            var d = {{ this.data_json }}, tip = {{ this.tooltip_json }}, tipFn = """
        + _TIP_JS
        + """, rowsFn = """
        + _ROWS_JS
        + """;
            var props = rowsFn(d.p, """
        + count
        + """);
"""
        + body
        + """
        })();
        {% endmacro %}
        """
    )


def _tooltip_spec(title: str | None, rows: Sequence[TooltipRow]) -> Any:
    if title is None and not rows:
        return None
    return {
        "t": title,
        "r": [
            [label, key, list(lookup)] if lookup else [label, key] for label, key, lookup in rows
        ],
    }


def _points_json(xy: pd.DataFrame, props: Mapping[str, Sequence[Any]]) -> str:
    """Points as columns: ``{"x": [...], "y": [...], "p": {prop: [...]}}``, safe for a script."""
    data = {
        "x": json_column(xy["x"]),
        "y": json_column(xy["y"]),
        "p": {k: json_column(v) for k, v in props.items()},
    }
    return safe_json(data)


class _ColumnLayer(Layer, VerbatimMacro):
    """What the three elements share: an overlay named ``name`` with its data as columns
    (``data_json``), a text-only tooltip (``tooltip_json``) and Leaflet options
    (``options_json``: ``interactive`` and a ``pane``)."""

    def __init__(
        self,
        *,
        data_json: str,
        n_features: int,
        name: str,
        tooltip_title: str | None,
        tooltip_rows: Sequence[TooltipRow],
        interactive: bool,
        pane: str | None,
        show: bool,
        control: bool,
    ) -> None:
        super().__init__(name=name, overlay=True, control=control, show=show)
        self._name = type(self).__name__
        self.n_features = n_features
        self.data_json = data_json
        self.tooltip_json = safe_json(_tooltip_spec(tooltip_title, tooltip_rows))
        options: dict[str, Any] = {"interactive": interactive}
        if pane:
            options["pane"] = pane
        self.options_json = safe_json(options)


class FeatureLayer(_ColumnLayer):
    """Polygons drawn on the map's canvas, each filled from a palette, with a text-only tooltip
    and a hover highlight.

    Parameters
    ----------
    coords : MultiPolygon coordinate arrays, one per feature (:func:`polygon_coords`); they
        travel delta-encoded as integers (:func:`layers.encoding.quantise`).
    props : columns of properties, each a list as long as ``coords``; ``k`` is the palette index,
        ``w`` an optional line weight.
    defer : put the layer on the map empty and add its features in a task after the first paint
        (for a big layer drawn above the parks, e.g. the 三旧 parcels).

    Tooltips are bound on a feature's first hover, and one hover handler serves the layer.
    """

    _template = _script(
        "d.c.length",
        """
            var pal = {{ this.palette_json }}, base = {{ this.style_json }},
                hl = {{ this.highlight_json }};
            function style(f){
                var s = Object.assign({}, base), k = f.properties.k;
                if (k != null && pal.length) {
                    s.fillColor = pal[k];
                    if (base.strokeByClass) { s.color = pal[k]; }
                }
                if (f.properties.w != null) { s.weight = f.properties.w; }
                return s;
            }
            var layer = L.geoJSON(null, Object.assign({style: style}, {{ this.options_json }}));
            // one handler on the layer, a tooltip bound on a feature's first hover (not 1 000
            // tooltips and 2 000 handlers made before the first paint)
            layer.on('mouseover', function(e){
                var l = e.layer;
                if (tip && !l.getTooltip()) {
                    l.bindTooltip(function(){ return tipFn(tip, l.feature.properties); },
                                  {sticky: true, className: 'pp-tooltip'});
                    l.openTooltip(e.latlng);
                }
                if (hl) { l.setStyle(hl); }
            });
            if (hl) { layer.on('mouseout', function(e){ layer.resetStyle(e.layer); }); }
            // rings arrive as integers of 1/d.s degree, each vertex the difference from the
            // one before (layers.encoding.quantise)
            function ring(r){
                var out = [], x = 0, y = 0;
                for (var j = 0; j < r.length; j += 2) {
                    x += r[j]; y += r[j + 1]; out.push([x / d.s, y / d.s]);
                }
                return out;
            }
            function fill(){
                for (var i = 0; i < d.c.length; i++) {
                    var parts = d.c[i].map(function(p){ return p.map(ring); });
                    layer.addData({type: 'Feature', properties: props[i],
                                   geometry: {type: 'MultiPolygon', coordinates: parts}});
                }
            }
            // a deferred layer is on the map (empty) at once, filled after the first paint
            if ({{ this.defer_json }}) { setTimeout(fill, 0); } else { fill(); }
            return layer;""",
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
        tooltip_rows: Sequence[TooltipRow] = (),
        interactive: bool = True,
        pane: str | None = None,
        show: bool = True,
        control: bool = False,
        defer: bool = False,
    ) -> None:
        for key, column in props.items():
            if len(column) != len(coords):
                msg = (
                    f"layer {name!r}: property {key!r} has {len(column)} values for "
                    f"{len(coords)} features; every property needs one value per feature"
                )
                raise LayerDataError(msg)
        super().__init__(
            data_json=safe_json(
                {
                    "c": quantise(coords),
                    "s": COORD_SCALE,
                    "p": {k: json_column(v) for k, v in props.items()},
                }
            ),
            n_features=len(coords),
            name=name,
            tooltip_title=tooltip_title,
            tooltip_rows=tooltip_rows,
            interactive=interactive,
            pane=pane,
            show=show,
            control=control,
        )
        self.palette_json = safe_json(list(palette))
        self.style_json = safe_json(dict(style))
        self.highlight_json = safe_json(dict(highlight) if highlight else None)
        self.defer_json = safe_json(bool(defer))


class PointCluster(JSCSSMixin, _ColumnLayer):
    """Points as canvas circles in a marker cluster (Leaflet.markercluster, served locally): a
    few clusters at district zoom, every point from ``disable_at`` on. The cluster group is on
    the map at once; its points are made and added in a task after the first paint, and a
    point's tooltip is bound on its first hover.

    ``props["k"]`` is the palette index of each point. ``link`` ``(href prefix, text, property
    key)``: a click on a point opens a popup with a link to the prefix followed by the point's
    property (e.g. a firm's profile page), opened in a new tab.
    """

    _template = _script(
        "d.x.length",
        """
            var pal = {{ this.palette_json }}, base = {{ this.style_json }};
            var group = L.markerClusterGroup({
                chunkedLoading: true, showCoverageOnHover: false, spiderfyOnMaxZoom: false,
                maxClusterRadius: {{ this.radius }}, disableClusteringAtZoom: {{ this.disable_at }},
                iconCreateFunction: function(c){
                    var n = c.getChildCount(), s = n < 10 ? 22 : n < 100 ? 26 : n < 1000 ? 32 : 38;
                    return L.divIcon({html: '<div><span>' + n + '</span></div>',
                        className: 'pp-cluster', iconSize: L.point(s, s)});
                }
            });
            group.on('mouseover', function(e){
                var m = e.layer;
                if (tip && m.feature && !m.getTooltip()) {
                    m.bindTooltip(function(){ return tipFn(tip, m.feature.properties); },
                                  {className: 'pp-tooltip'});
                    m.openTooltip();
                }
            });
            // a click opens a popup with a link (text only, in a new tab) when the layer has one
            var link = {{ this.link_json }};
            if (link) { group.on('click', function(e){
                var m = e.layer, v = m.feature && m.feature.properties[link.k];
                if (v == null || m.getPopup()) { return; }
                var a = document.createElement('a');
                a.href = link.h + encodeURIComponent(v); a.target = '_blank'; a.rel = 'noopener';
                a.className = 'pp-link'; a.textContent = link.t;
                m.bindPopup(a).openPopup();
            }); }
            // the firms come after the first paint: the group is on the map at once, empty
            setTimeout(function(){
                var markers = new Array(d.x.length);
                for (var i = 0; i < d.x.length; i++) {
                    var p = props[i], o = Object.assign({}, base);
                    if (p.k != null && pal.length) { o.fillColor = pal[p.k]; }
                    var m = L.circleMarker([d.y[i], d.x[i]], o);
                    m.feature = {type: 'Feature', properties: p};
                    markers[i] = m;
                }
                group.addLayers(markers);
            }, 0);
            return group;""",
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
        tooltip_rows: Sequence[TooltipRow] = (),
        radius: int = 60,
        disable_at: int = 16,
        show: bool = True,
        control: bool = False,
        link: tuple[str, str, str] | None = None,
    ) -> None:
        super().__init__(
            data_json=_points_json(xy, props),
            n_features=len(xy),
            name=name,
            tooltip_title=tooltip_title,
            tooltip_rows=tooltip_rows,
            interactive=True,
            pane=None,
            show=show,
            control=control,
        )
        self.palette_json = safe_json(list(palette))
        self.style_json = safe_json(dict(style))
        self.radius = int(radius)
        self.disable_at = int(disable_at)
        self.link_json = safe_json(
            None if link is None else {"h": link[0], "t": link[1], "k": link[2]}
        )


class SymbolLayer(_ColumnLayer):
    """Few points drawn as CSS symbols (``css_class``) or text labels (``label_key``), each a
    small DOM marker, with a text-only tooltip. For towns' labels, heat sources and sewage
    plants."""

    _template = _script(
        "d.x.length",
        """
            var lab = {{ this.label_json }}, cls = {{ this.class_json }},
                size = {{ this.size_json }}, group = L.featureGroup();
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
            return group;""",
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
        tooltip_rows: Sequence[TooltipRow] = (),
        interactive: bool = True,
        pane: str | None = None,
        show: bool = True,
        control: bool = False,
    ) -> None:
        super().__init__(
            data_json=_points_json(xy, props),
            n_features=len(xy),
            name=name,
            tooltip_title=tooltip_title,
            tooltip_rows=tooltip_rows,
            interactive=interactive,
            pane=pane,
            show=show,
            control=control,
        )
        self.label_json = safe_json(label_key)
        self.class_json = safe_json(css_class)
        self.size_json = safe_json(size)
