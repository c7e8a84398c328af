"""Basemaps: none by default, Tianditu only with a key, local tile URLs checked."""

from __future__ import annotations

import folium
import pytest

from errors import BasemapError
from layers.basemaps import add_basemap, available_basemaps, check_tile_url


def test_tianditu_is_offered_only_with_a_key():
    assert [b.key for b in available_basemaps({})] == ["none", "osm", "gaode", "local"]
    assert "tianditu" in [b.key for b in available_basemaps({"TIANDITU_KEY": "k"})]


def test_none_adds_no_tiles():
    m = folium.Map(tiles=None)
    assert add_basemap(m, "none", env={}).key == "none"
    assert not any(isinstance(c, folium.TileLayer) for c in m._children.values())


def test_tianditu_without_key_says_so():
    with pytest.raises(BasemapError, match=r"basemap 'tianditu' needs \$TIANDITU_KEY"):
        add_basemap(folium.Map(tiles=None), "tianditu", env={})


def test_local_tiles_from_the_environment_or_the_page():
    m = folium.Map(tiles=None)
    add_basemap(m, "local", env={"PARKPLAN_TILE_URL": "/tiles/{z}/{x}/{y}.png"})
    html = m.get_root().render()
    assert '"/tiles/{z}/{x}/{y}.png"' in html
    m = folium.Map(tiles=None)
    add_basemap(m, "local", tile_url="http://gis.local/{z}/{x}/{-y}.png", env={})
    assert "gis.local" in m.get_root().render()


def test_a_malformed_tile_url_lists_what_is_missing():
    with pytest.raises(
        BasemapError,
        match=r"tile URL 'ftp://x/\{z\}' must start with http://, https:// or /, contain \{x\}",
    ):
        check_tile_url("ftp://x/{z}")
    assert check_tile_url(" http://a/{z}/{x}/{y} ") == "http://a/{z}/{x}/{y}"
