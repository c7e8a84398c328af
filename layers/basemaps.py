"""Basemaps: a registry of tile sources, none by default (the bureau's intranet has no internet).

Each basemap says in which coordinates its tiles are drawn. Gaode (高德) tiles are GCJ-02, so
the data are shifted for display on them (:func:`layers.geometry.shift_polygons`); stored data never
are. Tianditu (天地图) needs a key from ``$TIANDITU_KEY``; a local tile server comes from
``$PARKPLAN_TILE_URL`` or from the page. Failing tiles never break the map: a failed tile is
drawn transparent and a small notice says the basemap is unreachable.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass

import folium
from folium.template import Template

from errors import BasemapError, UnknownKeyError
from layers.encoding import Text, pick, safe_json
from layers.verbatim import VerbatimMacro

__all__ = [
    "BASEMAPS",
    "TIANDITU_ENV",
    "TILE_URL_ENV",
    "Basemap",
    "Tiles",
    "add_basemap",
    "available_basemaps",
    "basemap",
    "check_tile_url",
]

TIANDITU_ENV = "TIANDITU_KEY"
TILE_URL_ENV = "PARKPLAN_TILE_URL"
# a transparent 1×1 PNG: what a tile that cannot be fetched shows
_BLANK = (
    "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYA"
    "AjCB0C8AAAAASUVORK5CYII="
)


@dataclass(frozen=True)
class Tiles:
    """One tile layer of a basemap: URL template and attribution."""

    url: str
    attribution: str
    subdomains: str = "abc"
    max_native_zoom: int = 18


@dataclass(frozen=True)
class Basemap:
    """A basemap choice. ``offset`` is the coordinate system its tiles are drawn in."""

    key: str
    label: Text
    tiles: tuple[Tiles, ...] = ()
    offset: str = "wgs84"
    needs_env: str | None = None
    note: Text = ("", "")


BASEMAPS: dict[str, Basemap] = {
    b.key: b
    for b in (
        Basemap("none", ("无底图（离线）", "None (offline)")),
        Basemap(
            "osm",
            ("OpenStreetMap", "OpenStreetMap"),
            (Tiles("https://tile.openstreetmap.org/{z}/{x}/{y}.png", "© OpenStreetMap", ""),),
            note=("需要互联网。", "Needs the internet."),
        ),
        Basemap(
            "tianditu",
            ("天地图", "Tianditu"),
            (
                Tiles(
                    "https://t{s}.tianditu.gov.cn/DataServer?T=vec_w&x={x}&y={y}&l={z}&tk={key}",
                    "© 天地图",
                    "01234567",
                ),
                Tiles(
                    "https://t{s}.tianditu.gov.cn/DataServer?T=cva_w&x={x}&y={y}&l={z}&tk={key}",
                    "© 天地图",
                    "01234567",
                ),
            ),
            needs_env=TIANDITU_ENV,
            note=(
                "需要互联网与天地图密钥（环境变量 TIANDITU_KEY）。",
                "Needs the internet and a Tianditu key ($TIANDITU_KEY).",
            ),
        ),
        Basemap(
            "gaode",
            ("高德地图（GCJ-02）", "Gaode (GCJ-02)"),
            (
                Tiles(
                    "https://webrd0{s}.is.autonavi.com/appmaptile"
                    "?lang=zh_cn&size=1&scale=1&style=8&x={x}&y={y}&z={z}",
                    "© 高德地图",
                    "1234",
                ),
            ),
            offset="gcj02",
            note=(
                "高德瓦片为 GCJ-02 坐标：数据仅在显示时偏移，存储数据不变。需要互联网。",
                "Gaode tiles are GCJ-02: data are shifted for display only, never stored so. "
                "Needs the internet.",
            ),
        ),
        Basemap(
            "local",
            ("本地瓦片服务", "Local tile server"),
            note=(
                "XYZ 瓦片地址，含 {z} {x} {y}，坐标为 WGS84/CGCS2000（Web 墨卡托切片）。",
                "An XYZ tile URL with {z} {x} {y}, WGS84/CGCS2000 in Web Mercator tiles.",
            ),
        ),
    )
}


def basemap(key: str) -> Basemap:
    """The basemap ``key``; the error lists the known ones."""
    if key not in BASEMAPS:
        raise UnknownKeyError("basemap", key, list(BASEMAPS))
    return BASEMAPS[key]


def available_basemaps(env: Mapping[str, str] | None = None) -> list[Basemap]:
    """Basemaps that can be chosen now (Tianditu only when its key is set)."""
    env = os.environ if env is None else env
    return [b for b in BASEMAPS.values() if not b.needs_env or env.get(b.needs_env)]


_PLACEHOLDERS = re.compile(r"\{(z|x|y|-y|s|r)\}")


def check_tile_url(url: str) -> str:
    """``url`` stripped, when it is an XYZ template (http(s) or a local path with {z} {x} {y})."""
    text = (url or "").strip()
    problems = []
    if not re.match(r"^(https?://|/)", text):
        problems.append("start with http://, https:// or /")
    for part in ("{z}", "{x}"):
        if part not in text:
            problems.append(f"contain {part}")
    if "{y}" not in text and "{-y}" not in text:
        problems.append("contain {y} or {-y}")
    if re.search(r"[{}]", _PLACEHOLDERS.sub("", text)):
        # folium reads the URL into a Jinja template: any other brace could run code
        problems.append("use braces only in the placeholders {z} {x} {y} {-y} {s} {r}")
    if problems:
        raise BasemapError(f"tile URL {text!r} must " + ", ".join(problems))
    return text


class TileErrorNotice(VerbatimMacro):
    """One small notice on the map when tiles fail; the data layers carry on."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function(map, layers){
            var shown = false;
            layers.forEach(function(l){ l.on('tileerror', function(){
                if (shown) { return; }
                shown = true;
                var c = L.control({position: 'bottomleft'});
                c.onAdd = function(){ var d = L.DomUtil.create('div', 'pp-notice');
                    d.textContent = {{ this.text_json }}; return d; };
                c.addTo(map);
            }); });
        })({{ this._parent.get_name() }}, [{{ this.layer_names }}]);
        {% endmacro %}
        """
    )

    def __init__(self, layers: list[folium.TileLayer], text: str) -> None:
        super().__init__()
        self._name = "TileErrorNotice"
        self.layers = layers
        self.text_json = safe_json(text)

    @property
    def layer_names(self) -> str:
        return ", ".join(layer.get_name() for layer in self.layers)


def add_basemap(
    m: folium.Map,
    key: str,
    *,
    tile_url: str | None = None,
    env: Mapping[str, str] | None = None,
    lang: str = "zh",
) -> Basemap:
    """Add the tiles of basemap ``key`` to ``m`` (nothing for ``none``); return the basemap."""
    env = os.environ if env is None else env
    chosen = basemap(key)
    if chosen.needs_env and not env.get(chosen.needs_env):
        raise BasemapError(f"basemap {key!r} needs ${chosen.needs_env}")
    tiles = list(chosen.tiles)
    if key == "local":
        url = check_tile_url(tile_url or env.get(TILE_URL_ENV, ""))
        tiles = [Tiles(url, pick(("本地瓦片", "Local tiles"), lang), "abc")]
    added = []
    for i, spec in enumerate(tiles):
        url = spec.url.replace("{key}", env.get(chosen.needs_env or "", ""))
        layer = folium.TileLayer(
            tiles=url,
            attr=spec.attribution,
            name=f"{key}-{i}",
            subdomains=spec.subdomains or "abc",
            max_zoom=18,
            max_native_zoom=spec.max_native_zoom,
            control=False,
            error_tile_url=_BLANK,
            cross_origin=False,
        )
        layer.add_to(m)
        added.append(layer)
    if added:
        text = pick(
            (
                "底图瓦片无法加载（离线？），数据图层不受影响。",
                "Basemap tiles cannot be loaded (offline?); the data layers are unaffected.",
            ),
            lang,
        )
        TileErrorNotice(added, text).add_to(m)
    return chosen
