"""Offline assets: every script and stylesheet of a folium map is served by the app itself.

streamlit-folium loads each element's ``default_js``/``default_css`` in the map's frame; one
unreachable CDN script leaves the whole map blank. :func:`localize` walks a map the way
streamlit-folium does and gives every element **instance** lists pointing at ``/app/static/…``
(Streamlit static serving of ``./static``, filled from PyPI XStatic packages by
``scripts/setup_static.py``). Class-level lists are never touched, so no other map changes.
An asset with no local copy is an error, not a silent CDN link.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import folium
import folium.elements
from branca.colormap import ColorMap
from branca.element import Element

from errors import OfflineAssetError

__all__ = [
    "DROPPED",
    "LOCAL_CSS",
    "LOCAL_JS",
    "STATIC_DIR",
    "STATIC_URL",
    "asset_links",
    "localize",
    "missing_assets",
]

ROOT = Path(__file__).resolve().parents[1]
STATIC_DIR = ROOT / "static"
STATIC_URL = "/app/static"

# folium asset name → file under ./static
LOCAL_JS: dict[str, str] = {
    "leaflet": "leaflet/leaflet.js",
    "markerclusterjs": "leaflet-markercluster/leaflet.markercluster.js",
}
LOCAL_CSS: dict[str, str] = {
    "leaflet_css": "leaflet/leaflet.css",
    "markerclustercss": "leaflet-markercluster/MarkerCluster.css",
    "markerclusterdefaultcss": "leaflet-markercluster/MarkerCluster.Default.css",
}
# Map assets only folium.Icon (awesome markers) needs; ParkPlan draws no such markers.
DROPPED = frozenset(
    {
        "jquery",
        "bootstrap",
        "awesome_markers",
        "bootstrap_css",
        "glyphicons_css",
        "awesome_markers_font_css",
        "awesome_markers_css",
        "awesome_rotate_css",
    }
)


def _walk(element: Any) -> Iterator[Any]:
    yield element
    for child in getattr(element, "_children", {}).values():
        yield from _walk(child)


def _local(
    links: list[tuple[str, str]], table: dict[str, str], base: str, owner: str
) -> list[tuple[str, str]]:
    out = []
    for name, url in links:
        if name in table:
            out.append((name, f"{base}/{table[name]}"))
        elif name not in DROPPED:
            msg = (
                f"{owner} needs {name!r} ({url}), which is not served locally; "
                f"known local assets: {', '.join(sorted({*LOCAL_JS, *LOCAL_CSS}))}"
            )
            raise OfflineAssetError(msg)
    return out


def localize(m: folium.Map, *, static_url: str = STATIC_URL) -> folium.Map:
    """Point every script and stylesheet of ``m`` (and its children) at ``static_url``.

    Raises :class:`OfflineAssetError` for an asset with no local copy, and for a branca
    colormap or a ``folium.Icon`` (they need d3 or awesome-markers from a CDN).
    """
    base = static_url.rstrip("/")
    for element in _walk(m):
        owner = type(element).__name__
        if isinstance(element, ColorMap):
            msg = f"{owner}: branca colormaps pull d3 from a CDN; use layers.legend instead"
            raise OfflineAssetError(msg)
        if isinstance(element, folium.Icon):
            msg = f"{owner}: folium.Icon needs awesome-markers from a CDN; use a DivIcon"
            raise OfflineAssetError(msg)
        if isinstance(element, folium.elements.JSCSSMixin):
            element.default_js = _local(list(element.default_js), LOCAL_JS, base, owner)
            element.default_css = _local(list(element.default_css), LOCAL_CSS, base, owner)
    return m


def asset_links(m: Element) -> tuple[list[str], list[str]]:
    """The ``(js_links, css_links)`` streamlit-folium would load for ``m``, in order (it
    collects them from every ``JSCSSMixin`` element)."""
    js: list[str] = []
    css: list[str] = []
    for element in _walk(m):
        if isinstance(element, folium.elements.JSCSSMixin):
            js.extend(src for _, src in element.default_js)
            css.extend(href for _, href in element.default_css)
    return list(dict.fromkeys(js)), list(dict.fromkeys(css))


def missing_assets(static_dir: Path = STATIC_DIR) -> list[Path]:
    """Local asset files that are missing (run ``scripts/setup_static.py`` to copy them)."""
    files = [static_dir / rel for rel in (*LOCAL_JS.values(), *LOCAL_CSS.values())]
    return [f for f in files if not f.is_file()]
