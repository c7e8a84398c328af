"""The whole map: payload of the sample, local assets only, escaping, Gaode display shift."""

from __future__ import annotations

import json
import re

import folium
import folium.plugins
import pytest
from branca.colormap import LinearColormap

from errors import OfflineAssetError, UnknownKeyError
from layers import enterprises, parks
from layers.assets import asset_links, localize
from layers.compose import (
    DEFAULT_LAYERS,
    LAYERS,
    FlyTarget,
    MapData,
    MapOptions,
    build_map,
    payload_bytes,
    selection_layer,
)
from layers.elements import PointCluster
from layers.encoding import dequantise

MB = 1024 * 1024
ENV = {"TIANDITU_KEY": "k123", "PARKPLAN_TILE_URL": "http://10.0.0.5/t/{z}/{x}/{y}.png"}


def _is_local(url: str) -> bool:
    return url.startswith("/app/static/") and "//" not in url


@pytest.mark.parametrize("basemap", ["none", "osm", "tianditu", "gaode", "local"])
def test_every_script_and_stylesheet_is_local(sample_data, basemap):
    m = build_map(sample_data, MapOptions(layers=tuple(LAYERS), basemap=basemap), env=ENV)
    js, css = asset_links(m)
    assert js == [
        "/app/static/leaflet/leaflet.js",
        "/app/static/leaflet-markercluster/leaflet.markercluster.js",
    ]
    assert all(_is_local(u) for u in js + css), js + css
    html = m.get_root().render()
    tags = re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"', html)
    assert tags, html[:500]
    assert all(_is_local(u) for u in tags), tags
    urls = set(re.findall(r"https?://[^\"' )<>]+", html))
    tile_hosts = {
        "none": (),
        "local": ("http://10.0.0.5/",),
        "osm": ("https://tile.openstreetmap",),
        "tianditu": ("https://t{s}.tianditu",),
        "gaode": ("https://webrd0{s}.is.autonavi",),
    }
    assert all(u.startswith(tile_hosts[basemap]) for u in urls), urls  # tiles (images) only


def test_the_sample_map_is_under_one_and_a_half_megabytes(sample_data):
    default = payload_bytes(build_map(sample_data, MapOptions()))
    everything = payload_bytes(build_map(sample_data, MapOptions(layers=tuple(LAYERS))))
    assert default <= 1.5 * MB, default
    assert everything <= 1.5 * MB, everything


def test_no_basemap_by_default_and_a_max_zoom(sample_data):
    m = build_map(sample_data, MapOptions())
    assert MapOptions().layers == DEFAULT_LAYERS
    assert not any(isinstance(c, folium.TileLayer) for c in m._children.values())
    assert m.options["maxZoom"] == 18
    assert "tile.openstreetmap.org" not in m.get_root().render()


def test_tianditu_key_and_tile_errors(sample_data):
    html = build_map(sample_data, MapOptions(basemap="tianditu"), env=ENV).get_root().render()
    assert "tk=k123" in html
    assert "cva_w" in html
    assert "tileerror" in html
    assert "errorTileUrl" in html


def test_gaode_shifts_the_display_not_the_data(sample_data):
    from layers.elements import FeatureLayer

    before = sample_data.parks.geometry.iloc[0].wkb
    plain = build_map(sample_data, MapOptions(layers=("parks",)))
    gaode = build_map(sample_data, MapOptions(layers=("parks",), basemap="gaode"), env=ENV)

    def mean_lon_lat(m: folium.Map) -> tuple[float, float]:
        """The mean vertex of the parks as the browser receives them (decoded from the layer)."""
        layer = next(c for c in m._children.values() if isinstance(c, FeatureLayer))
        coords = dequantise(json.loads(layer.data_json)["c"])
        pairs = [xy for feature in coords for part in feature for ring in part for xy in ring]
        return (
            sum(x for x, _ in pairs) / len(pairs),
            sum(y for _, y in pairs) / len(pairs),
        )

    (lon, lat), (lon_gcj, lat_gcj) = mean_lon_lat(plain), mean_lon_lat(gaode)
    # about 560 m east and 290 m south in Panyu (DOMAIN.md §4)
    assert 0.004 < lon_gcj - lon < 0.007
    assert -0.0035 < lat_gcj - lat < -0.002
    assert sample_data.parks.geometry.iloc[0].wkb == before


def test_names_from_data_are_escaped(small_parks, small_firms):
    data = MapData(
        parks=parks.prepare(small_parks, small_parks[["area_ha", "firms", "sanjiu_share"]]),
        enterprises=enterprises.prepare(small_firms),
    )
    html = build_map(data, MapOptions(layers=("parks", "enterprises"))).get_root().render()
    assert "<img src=x" not in html
    assert "</script><script>alert(2)" not in html
    assert "\\u003cimg src=x onerror=alert(1)\\u003e" in html  # there, as data
    assert "textContent" in html
    assert ".innerHTML" not in html.split("pp-legend")[0]


def test_enterprises_are_clustered_with_local_markercluster(sample_data):
    m = build_map(sample_data, MapOptions(layers=("enterprises",)))
    clusters = [c for c in m._children.values() if isinstance(c, PointCluster)]
    assert len(clusters) == 1
    assert clusters[0].n_features == len(sample_data.enterprises)
    assert "L.markerClusterGroup" in m.get_root().render()


def test_localize_refuses_what_is_not_served_locally():
    m = folium.Map(tiles=None)
    LinearColormap(["red", "blue"]).add_to(m)
    with pytest.raises(OfflineAssetError, match="branca colormaps pull d3"):
        localize(m)
    m = folium.Map(tiles=None)
    folium.Marker([23, 113], icon=folium.Icon()).add_to(m)
    with pytest.raises(OfflineAssetError, match=r"folium\.Icon needs awesome-markers"):
        localize(m)
    m = folium.Map(tiles=None)
    folium.plugins.Fullscreen().add_to(m)
    with pytest.raises(OfflineAssetError, match=r"needs 'Control.Fullscreen.js'.*not served"):
        localize(m)


def test_localize_touches_instances_only():
    before = list(folium.Map.default_js)
    localize(folium.Map(tiles=None))
    assert folium.Map.default_js == before
    assert PointCluster.default_js == [("markerclusterjs", "local:leaflet.markercluster.js")]
    assert asset_links(folium.Map(tiles=None))[0][0].startswith("https://")


def test_unknown_layer_or_basemap_lists_the_known():
    with pytest.raises(KeyError, match=r"unknown map layer 'roads'; known: irradiance, landuse"):
        MapOptions(layers=("roads",))
    with pytest.raises(KeyError, match=r"unknown basemap 'bing'; known: none, osm, tianditu"):
        MapOptions(basemap="bing")


def test_selection_outlines_and_flies(sample_data):
    """Which parks are outlined in which colour and weight, where the ring and the flight go:
    read from the elements' data, not from strings of their implementation."""
    from layers.elements import FeatureLayer, SymbolLayer
    from layers.view import Fly

    ids = sample_data.parks["park_id"].tolist()[:3]
    group = selection_layer(
        sample_data.parks,
        compared=[ids[1], ids[0]],
        current=ids[2],
        found=(113.4, 22.95),
        fly=FlyTarget("n1", point=(113.41, 22.96)),
    )
    children = list(group._children.values())
    outlines = next(c for c in children if isinstance(c, FeatureLayer))
    data = json.loads(outlines.data_json)
    palette = json.loads(outlines.palette_json)
    # the compared parks in their order, then the current one
    expected = sample_data.parks.set_index("park_id").loc[[ids[1], ids[0], ids[2]]]
    for rings, geom in zip(dequantise(data["c"]), expected.geometry, strict=True):
        xs = [x for part in rings for ring in part for x, _y in ring]
        ys = [y for part in rings for ring in part for _x, y in ring]
        w, s, e, n = geom.bounds
        assert (min(xs), min(ys), max(xs), max(ys)) == pytest.approx((w, s, e, n), abs=1e-6)
    colours = [palette[k] for k in data["p"]["k"]]
    assert colours == ["#e8590c", "#7048e8", "#111111"]  # two comparison colours, current black
    assert data["p"]["w"] == [3.5, 3.5, 5]  # the current park drawn heavier
    ring = next(c for c in children if isinstance(c, SymbolLayer))
    found = json.loads(ring.data_json)
    assert json.loads(ring.class_json) == "pp-found"
    assert (found["x"], found["y"]) == ([113.4], [22.95])  # the firm ringed where it is
    fly = next(c for c in children if isinstance(c, Fly))
    assert json.loads(fly.point_json) == pytest.approx([22.96, 113.41])
    assert json.loads(fly.nonce_json) == "n1"


def test_layers_are_drawn_bottom_to_top_through_the_registry(sample_data):
    from layers.elements import FeatureLayer, SymbolLayer
    from layers.legend import Legend

    m = build_map(sample_data, MapOptions(layers=tuple(LAYERS)))
    drawn = [
        (type(c).__name__, getattr(c, "layer_name", ""))
        for c in m._children.values()
        if isinstance(c, FeatureLayer | SymbolLayer | PointCluster)
    ]
    assert [kind for kind, _ in drawn] == [
        "FeatureLayer",  # town outlines
        "FeatureLayer",  # renewal areas, beneath the parks
        "FeatureLayer",  # parks
        "FeatureLayer",  # parcels
        "SymbolLayer",  # town labels, over the polygons
        "SymbolLayer",  # heat sources
        "SymbolLayer",  # sewage plants
        "PointCluster",  # enterprises on top
    ]
    assert [name for _, name in drawn] == [
        "镇街",
        "连片改造区",
        "村级工业园",
        "三旧地块",
        "镇街",
        "热源",
        "污水处理厂",
        "企业",
    ]
    legend = next(c for c in m._children.values() if isinstance(c, Legend))
    titles = re.findall(r"<h4>([^<]+)</h4>", legend.html)
    assert [t.split(" · ")[0] for t in titles] == [
        "太阳辐照量",
        "土地利用",
        "镇街",
        "连片改造区",
        "村级工业园",
        "三旧地块",
        "热源",
        "污水处理厂",
        "企业",
    ]


@pytest.fixture
def plugged_colourings():
    """A colouring registered for parks, enterprises and towns through the public API, as the
    retrofit, screening and targets issues will (removed again afterwards)."""
    import pandas as pd

    import layers
    from layers.colourings import COLOURINGS

    items = {
        "parks": layers.Colouring(
            key="t_retrofit",
            label=("改造评分", "Retrofit score"),
            column="t_retrofit",
            kind="quantity",
            palette=("#fee5d9", "#fb6a4a", "#a50f15"),
            bins=(0, 50, 80, 101),
            compute=lambda f: pd.Series(range(len(f)), index=f.index) % 100,
        ),
        "enterprises": layers.Colouring(
            key="t_flags",
            label=("五过项数", "Flag count"),
            column="t_flags",
            kind="category",
            palette=("#2b8a3e", "#f59f00", "#c92a2a"),
            compute=lambda f: pd.Series(range(len(f)), index=f.index).mod(3).astype(str),
        ),
        "towns": layers.Colouring(
            key="t_target",
            label=("目标完成度", "Target completion"),
            column="t_target",
            kind="quantity",
            palette=("#f1eef6", "#74a9cf", "#045a8d"),
            bins=(0, 0.5, 1.0, 2.0),
            fmt="{:.0%}",
            compute=lambda f: pd.Series([0.25, 0.75, 1.5] * len(f), dtype=float)[: len(f)].set_axis(
                f.index
            ),
        ),
    }
    for layer, item in items.items():
        layers.register_colouring(layer, item)
    yield items
    for layer, item in items.items():
        COLOURINGS[layer].pop(item.key)


def test_colourings_registered_for_parks_firms_and_towns_reach_the_map(
    sample_data, plugged_colourings
):
    from layers import colourings

    for layer, key in (("parks", "t_retrofit"), ("enterprises", "t_flags"), ("towns", "t_target")):
        assert key in [c.key for c in colourings(layer, getattr(sample_data, layer))]
    colour_by = {"parks": "t_retrofit", "enterprises": "t_flags", "towns": "t_target"}
    html = build_map(sample_data, MapOptions(colour_by=colour_by)).get_root().render()
    assert "村级工业园 · 改造评分" in html
    assert "企业 · 五过项数" in html
    assert "镇街 · 目标完成度" in html
    assert "50% – 100%" in html  # the towns legend: bins formatted with the colouring's fmt
    assert "#74a9cf" in html  # the towns' palette reaches the map
    assert "#045a8d" in html


def test_towns_are_plain_outlines_unless_a_colouring_is_chosen(sample_data, plugged_colourings):
    plain = build_map(sample_data, MapOptions(layers=("towns",)))
    assert "目标完成度" not in plain.get_root().render()
    with pytest.raises(UnknownKeyError, match="unknown colouring of towns 'nope'"):
        build_map(sample_data, MapOptions(layers=("towns",), colour_by={"towns": "nope"}))
    with pytest.raises(UnknownKeyError, match="unknown layer with colourings 'roads'"):
        MapOptions(colour_by={"roads": "x"})
