"""The map page under AppTest: local scripts only for every basemap, filters, search, card,
comparison, and the selection following the planner to other pages."""

from __future__ import annotations

import json

import pytest

from tests.pages.conftest import open_map, open_page

MB = 1024 * 1024


def map_args(at) -> dict:
    """The arguments streamlit-folium sends to the browser (its component is an UnknownElement)."""
    found = [el for el in at.get("component_instance") if "js_links" in el.proto.json_args]
    assert len(found) == 1, f"expected one map, found {len(found)}"
    args = json.loads(found[0].proto.json_args)
    args["_bytes"] = len(found[0].proto.json_args.encode("utf-8"))
    return args


def assert_local(args: dict) -> None:
    links = args["js_links"] + args["css_links"]
    assert args["js_links"]
    assert args["css_links"]
    assert all(link.startswith("/app/static/") and "//" not in link for link in links), links
    for needle in ('<script src="http', '<link rel="stylesheet" href="http', "d3js.org"):
        assert needle not in args["header"] + args["html"] + args["script"]


def compare_table(at):
    """The comparison table (AppTest keeps no key for a display-only dataframe)."""
    tables = [d.value for d in at.dataframe if "面积（公顷）" in list(d.value.index)]
    assert len(tables) == 1, [d.value.index.tolist() for d in at.dataframe]
    return tables[0]


def caption_with(at, text: str) -> str:
    for c in at.caption:
        if text in c.value:
            return c.value
    raise AssertionError(f"no caption with {text!r}: {[c.value for c in at.caption]}")


@pytest.fixture
def map_page(app):
    return open_map(app)


def test_map_links_are_all_local_and_small(map_page):
    args = map_args(map_page)
    assert_local(args)
    assert args["js_links"] == [
        "/app/static/leaflet/leaflet.js",
        "/app/static/leaflet-markercluster/leaflet.markercluster.js",
    ]
    assert args["_bytes"] <= 1.5 * MB, args["_bytes"]
    assert args["returned_objects"] == ["last_object_clicked"]  # pan and zoom do not rerun
    assert map_page.title[0].value == "地图"
    assert "村级工业园 · 面积" in args["script"]  # the legend, in Chinese


MAP_WIDGETS = {  # the page's controls: filter bar, sidebar settings, comparison
    "map_search",
    "map_towns",
    "map_industries",
    "map_year",
    "map_layers",
    "map_colour_parks",
    "map_basemap",
    "map_compare",
}
ASK = "streamlit:setComponentValue"  # the map frame's request for the next run


def widget_keys(at) -> set[str]:
    kinds = ("selectbox", "multiselect", "text_input", "button_group", "button", "slider")
    return {w.key for kind in kinds for w in at.get(kind) if w.key}


@pytest.mark.parametrize(
    ("lang", "title", "legend", "towns", "compare"),
    [
        ("zh", "地图", "村级工业园 · 面积", "镇街", "园区比较"),
        ("en", "Map", "Village industrial parks · Area", "Towns", "Compare parks"),
    ],
)
def test_first_run_draws_the_map_alone_and_the_next_run_adds_the_controls(
    app, lang, title, legend, towns, compare
):
    app.sidebar.radio(key="lang_switch").set_value(lang).run()
    open_page(app, "map")  # the session's first run of the page
    first = map_args(app)
    assert app.title[0].value == title
    assert legend in first["script"]
    assert caption_with(app, "242")  # what the map shows, as on every run
    assert not widget_keys(app) & MAP_WIDGETS
    assert compare not in [h.value for h in app.subheader]
    assert ASK in first["feature_group"]
    assert '{"last_object_clicked":null}' in first["feature_group"]  # nothing clicked

    app.run()  # the run the map's frame asks for once its parks are drawn
    assert not app.exception, app.exception
    second = map_args(app)
    assert widget_keys(app) >= MAP_WIDGETS
    assert app.multiselect(key="map_towns").label == towns
    assert compare in [h.value for h in app.subheader]
    assert second["script"] == first["script"]  # the same map: the browser keeps it
    assert ASK not in second["feature_group"]  # asked once per session
    open_page(app, "home")
    open_page(app, "map")  # back on the map: all at once
    assert widget_keys(app) >= MAP_WIDGETS
    assert ASK not in map_args(app)["feature_group"]


@pytest.mark.parametrize(
    ("basemap", "env", "tile_host"),
    [
        ("none", {}, None),
        ("osm", {}, "tile.openstreetmap.org"),
        ("gaode", {}, "autonavi.com"),
        ("tianditu", {"TIANDITU_KEY": "test-key"}, "tianditu.gov.cn"),
        ("local", {"PARKPLAN_TILE_URL": "http://10.1.2.3/tiles/{z}/{x}/{y}.png"}, "10.1.2.3"),
    ],
)
def test_every_basemap_keeps_scripts_local(app, monkeypatch, basemap, env, tile_host):
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    open_map(app)
    app.selectbox(key="map_basemap").set_value(basemap).run()
    assert not app.exception, app.exception
    args = map_args(app)
    assert_local(args)
    if tile_host:
        assert tile_host in args["script"]
    else:
        assert "tileLayer" not in args["script"]


def test_tianditu_is_hidden_without_a_key(map_page, monkeypatch):
    monkeypatch.delenv("TIANDITU_KEY", raising=False)
    map_page.run()
    assert "tianditu" not in map_page.selectbox(key="map_basemap").options
    assert caption_with(map_page, "TIANDITU_KEY")


def test_local_basemap_asks_for_its_url(map_page, monkeypatch):
    monkeypatch.delenv("PARKPLAN_TILE_URL", raising=False)
    map_page.selectbox(key="map_basemap").set_value("local").run()
    assert "瓦片地址" in map_page.warning[0].value
    assert "tileLayer" not in map_args(map_page)["script"]
    map_page.text_input(key="map_tile_url").set_value("http://gis.intra/{z}/{x}/{y}.png").run()
    assert "gis.intra" in map_args(map_page)["script"]


def test_every_layer_on_stays_local_and_small(map_page):
    map_page.pills(key="map_layers").set_value(
        [
            "irradiance",
            "landuse",
            "towns",
            "renewal",
            "parks",
            "parcels",
            "heat_sources",
            "sewage_plants",
            "enterprises",
        ]
    ).run()
    assert not map_page.exception
    args = map_args(map_page)
    assert_local(args)
    assert args["_bytes"] <= 1.5 * MB
    assert "data:image/png;base64," in args["script"]
    assert map_page.slider(key="map_opacity").value == 0.6


def test_town_filter_redraws_fewer_features(map_page):
    before = caption_with(map_page, "显示 ")
    map_page.multiselect(key="map_towns").set_value(["石碁"]).run()
    after = caption_with(map_page, "显示 ")
    assert after != before
    parks = int(after.split("显示 ")[1].split(" 个园区")[0])
    assert 0 < parks < 242


def test_colourings_are_offered_from_the_registry(map_page):
    assert map_page.selectbox(key="map_colour_parks").options == [
        "面积",
        "所在镇街",
        "企业数",
        "三旧地块占地比例",
        "厂房加层节约用地",  # registered by ui/land/map.py (issue 21), imported first by app.py
        "循环化改造评分",  # registered by ui/retrofit/map.py (issue 9)
    ]
    map_page.selectbox(key="map_colour_parks").set_value("sanjiu_share").run()
    assert "三旧地块占地比例" in map_args(map_page)["script"]


def test_search_opens_the_card_and_comparison_follows_to_other_pages(map_page):
    map_page.text_input(key="map_search").set_value("旧水坑").run()
    assert not map_page.exception
    park = map_page.session_state["map_park"]
    assert park.startswith("PY-")
    card = " ".join([m.value for m in map_page.markdown] + [h.value for h in map_page.html])
    assert "旧水坑村工业园" in card
    assert " 亩" in card
    assert " 公顷" in card
    assert "flyToBounds" in map_args(map_page)["feature_group"]
    map_page.button(key="map_add_compare").click().run()
    assert map_page.session_state["selected_parks"] == [park]
    table = compare_table(map_page)
    assert list(table.columns) == ["旧水坑村工业园"]
    assert "面积（公顷）" in table.index
    open_page(map_page, "home")
    open_page(map_page, "map")
    assert map_page.session_state["selected_parks"] == [park]
    assert map_page.multiselect(key="map_compare").value == [park]


def test_search_by_uscc_finds_the_firm(map_page, app_workspace):
    from store.workspace import Workspace

    firm = Workspace.open(app_workspace).read("enterprises").dropna(subset=["park_id"]).iloc[0]
    map_page.text_input(key="map_search").set_value(firm["uscc"]).run()
    assert map_page.selectbox(key="map_hit").value == f"enterprise:{firm['uscc']}"
    assert "pp-found" in map_args(map_page)["feature_group"]


def test_search_without_result_says_so(map_page):
    map_page.text_input(key="map_search").set_value("没有这个园区").run()
    assert caption_with(map_page, "未找到")


def test_english(map_page):
    # AppTest does not capture the entry script's sidebar after switch_page: use the state key
    map_page.session_state["lang"] = "en"
    map_page.run()
    assert map_page.title[0].value == "Map"
    assert "Village industrial parks · Area" in map_args(map_page)["script"]


def test_filters_and_layers_are_kept_across_pages(map_page):
    map_page.multiselect(key="map_towns").set_value(["石碁"]).run()
    map_page.pills(key="map_layers").set_value(["parks", "heat_sources"]).run()
    open_page(map_page, "data")
    open_page(map_page, "map")
    assert map_page.multiselect(key="map_towns").value == ["石碁"]
    assert map_page.pills(key="map_layers").value == ["parks", "heat_sources"]
    assert "pp-heat" in map_args(map_page)["script"]


def test_renewal_areas_layer_draws_the_areas_with_their_colouring(map_page):
    assert "连片改造区" not in map_args(map_page)["script"]  # off by default
    map_page.pills(key="map_layers").set_value(["towns", "renewal", "parks"]).run()
    assert not map_page.exception
    colour = map_page.selectbox(key="map_colour_renewal")
    assert colour.label == "连片改造区着色"
    assert colour.options == ["面积", "淘汰候选企业用地"]
    script = map_args(map_page)["script"]
    assert "连片改造区 · 面积" in script
    assert "RA-001 " in script
    colour.set_value("phase_out_land").run()
    script = map_args(map_page)["script"]
    assert "连片改造区 · 淘汰候选企业用地" in script
    assert "淘汰候选用地" in script  # the tooltip row: the workspace's screen was applied
    everywhere = script.count("RA-")
    map_page.multiselect(key="map_towns").set_value(["石碁"]).run()
    assert 0 < map_args(map_page)["script"].count("RA-") < everywhere
