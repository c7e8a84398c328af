"""The map's legend and look, as our own HTML and CSS (no branca colormap: it pulls d3 from a
CDN): the legend's data (:class:`LegendSection`, :class:`LegendEntry`), its HTML and the map's
CSS. Everything taken from data is escaped; colours are checked to be hex colours."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from folium.template import Template

from layers.encoding import esc, safe_json
from layers.verbatim import VerbatimMacro

__all__ = [
    "FILL_FRAME_CSS",
    "MAP_CSS",
    "Legend",
    "LegendEntry",
    "LegendSection",
    "MapStyle",
    "Shape",
    "legend_html",
    "safe_colour",
]

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


_HEX = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})$")
_FALLBACK = "#9aa3ad"


def safe_colour(colour: str) -> str:
    """``colour`` when it is a hex colour, else a neutral grey (nothing else reaches CSS)."""
    return colour if _HEX.match(str(colour)) else _FALLBACK


def _swatch(shape: str, colour: str, ramp: Sequence[str]) -> str:
    c = safe_colour(colour)
    if shape == "ramp":
        stops = ", ".join(safe_colour(x) for x in ramp) or c
        style = f"background:linear-gradient(90deg, {stops})"
        return f'<span class="pp-sw pp-ramp" style="{style}"></span>'
    if shape in ("line", "dashed"):
        return f'<span class="pp-sw pp-{shape}" style="border-top-color:{c}"></span>'
    if shape == "triangle":
        return f'<span class="pp-sw pp-triangle" style="border-bottom-color:{c}"></span>'
    return f'<span class="pp-sw pp-{shape}" style="background:{c}"></span>'


def legend_html(sections: Sequence[LegendSection], *, title: str, open_: bool = True) -> str:
    """The legend as one HTML fragment: a collapsible box with a section per layer."""
    parts = [f'<details class="pp-legend-box"{" open" if open_ else ""}>']
    parts.append(f"<summary>{esc(title)}</summary>")
    for section in sections:
        parts.append('<div class="pp-section">')
        parts.append(f"<h4>{esc(section.title)}</h4>")
        for entry in section.entries:
            label = esc(entry.label)
            parts.append(
                f'<div class="pp-row">{_swatch(entry.shape, entry.colour, entry.ramp)}'
                f'<span title="{label}">{label}</span></div>'
            )
        if section.note:
            parts.append(f'<div class="pp-note">{esc(section.note)}</div>')
        parts.append("</div>")
    parts.append("</details>")
    return "".join(parts)


class Legend(VerbatimMacro):
    """A Leaflet control holding :func:`legend_html` (top right, collapsible; collapsed when
    the map is narrower or lower than ``collapse_below`` pixels)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function(){
            var c = L.control({position: {{ this.position_json }}});
            c.onAdd = function(map){
                var d = L.DomUtil.create('div', 'pp-legend leaflet-control');
                d.innerHTML = {{ this.html_json }};
                // collapsed on a small map: the planner opens it with a click
                var size = map.getSize(), small = {{ this.collapse_json }};
                if (size.x < small[0] || size.y < small[1]) {
                    d.querySelector('details').removeAttribute('open');
                }
                L.DomEvent.disableClickPropagation(d);
                L.DomEvent.disableScrollPropagation(d);
                return d;
            };
            c.addTo({{ this._parent.get_name() }});
        })();
        {% endmacro %}
        """
    )

    def __init__(
        self,
        sections: Sequence[LegendSection],
        *,
        title: str,
        position: str = "topright",
        collapse_below: tuple[int, int] = (720, 560),
    ) -> None:
        super().__init__()
        self._name = "Legend"
        self.collapse_json = safe_json([int(collapse_below[0]), int(collapse_below[1])])
        self.html = legend_html(sections, title=title)
        self.html_json = safe_json(self.html)
        self.position_json = safe_json(position)


MAP_CSS = """
.leaflet-container{background:#eef1f4;font-family:"Noto Sans CJK SC","Source Han Sans SC",
"PingFang SC","Microsoft YaHei",system-ui,-apple-system,"Segoe UI",sans-serif;}
.pp-legend{background:rgba(255,255,255,.94);border-radius:8px;box-shadow:0 1px 5px rgba(0,0,0,.3);
padding:6px 10px;font-size:11.5px;line-height:1.3;color:#1f2933;max-height:calc(100vh - 110px);
overflow-y:auto;min-width:140px;max-width:215px;}
.pp-legend summary{font-weight:600;font-size:13px;cursor:pointer;outline:none;padding:2px 0;}
.pp-legend h4{margin:8px 0 3px;font-size:12px;font-weight:600;color:#323f4b;}
.pp-section+.pp-section{border-top:1px solid #e4e7eb;}
.pp-row{display:flex;align-items:center;gap:7px;margin:2px 0;}
.pp-row span:last-child{overflow:hidden;text-overflow:ellipsis;white-space:nowrap;}
.pp-sw{display:inline-block;flex:none;width:16px;height:11px;border:1px solid rgba(0,0,0,.28);
border-radius:2px;}
.pp-circle{width:10px;height:10px;border-radius:50%;border-color:#fff;
box-shadow:0 0 0 1px rgba(0,0,0,.3);}
.pp-square{width:10px;height:10px;border-radius:2px;}
.pp-line,.pp-dashed{height:0;border:0;border-top-width:2px;border-top-style:solid;border-radius:0;}
.pp-dashed{border-top-style:dashed;}
.pp-triangle{width:0;height:0;border:0;border-left:6px solid transparent;
border-right:6px solid transparent;border-bottom:11px solid;border-radius:0;background:none;}
.pp-ramp{width:110px;}
.pp-note{color:#616e7c;font-size:11px;margin:2px 0 4px;}
.pp-tooltip{font-size:12px;line-height:1.45;padding:5px 9px;border-radius:6px;white-space:nowrap;}
.pp-tip-t{font-weight:600;font-size:13px;margin-bottom:2px;color:#1f2933;}
.pp-tip-k{color:#7b8794;margin-right:5px;}
.pp-cluster{background:rgba(44,62,80,.16);border-radius:50%;}
.pp-cluster div{position:absolute;inset:3px;background:rgba(44,62,80,.72);border-radius:50%;
display:flex;align-items:center;justify-content:center;color:#fff;font-size:10.5px;
font-weight:600;border:1px solid rgba(255,255,255,.7);}
.pp-agg{background:rgba(44,62,80,.16);border-radius:50%;}
.pp-agg div{position:absolute;inset:4px;background:rgba(44,62,80,.78);border-radius:50%;
display:flex;align-items:center;justify-content:center;color:#fff;font-size:11px;font-weight:600;
border:1px solid rgba(255,255,255,.7);}
.pp-town-label div{position:absolute;transform:translate(-50%,-50%);white-space:nowrap;
font-size:13px;font-weight:600;color:#52606d;letter-spacing:1px;
text-shadow:0 0 3px #fff,0 0 3px #fff,0 0 3px #fff;pointer-events:none;}
.pp-sym div{width:100%;height:100%;box-sizing:border-box;}
.pp-heat div{width:0;height:0;border-left:8px solid transparent;border-right:8px solid transparent;
border-bottom:14px solid #d9480f;
filter:drop-shadow(0 0 1px #fff) drop-shadow(0 1px 1px rgba(0,0,0,.4));}
.pp-sewage div{background:#1c7ed6;border:2px solid #fff;border-radius:3px;
box-shadow:0 1px 2px rgba(0,0,0,.45);}
.pp-found div{width:100%;height:100%;border-radius:50%;border:3px solid #e03131;
background:rgba(224,49,49,.18);box-sizing:border-box;}
.pp-notice{background:#fff8e1;border:1px solid #f0c36d;color:#6b4f00;border-radius:6px;
padding:4px 8px;font-size:12px;box-shadow:0 1px 3px rgba(0,0,0,.2);}
"""


# a map as tall as its frame (the page sizes the frame, e.g. to 72 % of the window's height)
FILL_FRAME_CSS = """
html,body{height:100%;margin:0;}
#map_div{height:100vh !important;}
"""


class MapStyle(VerbatimMacro):
    """The map's CSS (legend, tooltips, clusters, symbols), inline in the page header."""

    _template = Template(
        """
        {% macro header(this, kwargs) %}
        <style>{{ this.css }}</style>
        {% endmacro %}
        """
    )

    def __init__(self, css: str = MAP_CSS) -> None:
        super().__init__()
        self._name = "MapStyle"
        self.css = css
