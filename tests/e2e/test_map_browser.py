"""The map in real headless Chromium with no internet: parks drawn, a click opens the park card,
nothing is fetched from another host, and names from data are shown as text."""

from __future__ import annotations

import pytest

from store.workspace import sample_workspace
from tests.e2e.conftest import goto, screenshot

pytestmark = pytest.mark.e2e
WAIT = 60_000
MAP_IFRAME = 'iframe[title="streamlit_folium.st_folium"]'
EVIL = "<img src=x onerror=alert(1)>"

PARKS_DRAWN = """() => window.map && Object.values(window.map._layers).some(
    l => l.feature && l.feature.properties && typeof l.feature.properties.i === 'string'
         && l._parts && l._parts.length > 0)"""

# the first point (container pixels) where a park lies under nothing but the canvas
FIND_CLICKABLE = """(candidates) => {
    const size = window.map.getSize();
    for (const [lat, lng, id] of candidates) {
        const p = window.map.latLngToContainerPoint([lat, lng]);
        if (p.x < 30 || p.y < 30 || p.x > size.x - 30 || p.y > size.y - 30) continue;
        const el = document.elementFromPoint(p.x, p.y);
        if (el && el.tagName === 'CANVAS') return {x: p.x, y: p.y, id: id};
    }
    return null;
}"""


def _map_frame(page):
    """The map's iframe once its Leaflet map exists."""
    for _ in range(WAIT // 250):
        frames = [f for f in page.frames if "streamlit_folium" in f.url]
        if frames:
            frames[0].wait_for_function("() => !!window.map", timeout=WAIT)
            return frames[0]
        page.wait_for_timeout(250)
    raise AssertionError(f"no map frame among {[f.url for f in page.frames]}")


@pytest.fixture(scope="module")
def sample_parks():
    parks = sample_workspace().read("parks")  # the bundled sample, read only
    points = parks.geometry.representative_point()
    parks = parks.assign(lat=points.y, lng=points.x)
    return parks.sort_values("park_id")


def test_map_draws_parks_offline_and_a_click_opens_the_card(server, offline_page, sample_parks):
    page = offline_page.page
    page.set_viewport_size({"width": 1600, "height": 1000})
    # the entry script runs first, as for any planner who opens the app
    goto(page, server)
    page.get_by_role("heading", name="ParkPlan · 园区升级规划台").wait_for(timeout=WAIT)
    goto(page, f"{server}/map")
    page.get_by_role("heading", name="地图", exact=True).wait_for(timeout=WAIT)
    page.locator(MAP_IFRAME).wait_for(timeout=WAIT)
    frame = _map_frame(page)
    frame.wait_for_function(PARKS_DRAWN, timeout=WAIT)
    assert frame.locator(".leaflet-overlay-pane canvas").count() >= 1
    assert frame.locator(".pp-legend").inner_text().startswith("▼") is False  # a real legend
    assert "村级工业园 · 面积" in frame.locator(".pp-legend").inner_text()

    candidates = sample_parks[["lat", "lng", "park_id"]].values.tolist()
    # the map is 72 % of the window high, below the filters: bring all of it into view
    page.locator(MAP_IFRAME).scroll_into_view_if_needed()
    spot = frame.evaluate(FIND_CLICKABLE, candidates)
    assert spot, "no park could be clicked"
    box = page.locator(MAP_IFRAME).bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + spot["x"], box["y"] + spot["y"])

    name = sample_parks.set_index("park_id").loc[spot["id"], "name"]
    card = page.locator(".st-key-park_card")
    card.wait_for(timeout=WAIT)
    card.get_by_text(name, exact=True).wait_for(timeout=WAIT)
    card.locator(".pp-figs").wait_for(timeout=WAIT)
    text = card.inner_text()
    assert "亩" in text
    assert "公顷" in text
    assert spot["id"] in text
    # the clicked park is outlined without redrawing the map
    _map_frame(page).wait_for_function(
        "() => (window.feature_group || []).length > 0", timeout=WAIT
    )
    page.mouse.move(box["x"] + 40, box["y"] + box["height"] - 40)  # let the tooltip close
    page.locator(MAP_IFRAME).scroll_into_view_if_needed()
    page.wait_for_timeout(800)
    screenshot(page, "map")

    kinds = {kind for kind, _ in offline_page.blocked}
    assert not kinds & {"script", "stylesheet", "font"}, offline_page.blocked
    assert offline_page.blocked == []


def test_names_from_data_show_as_text(server, offline_page):
    """A park and a firm named like an HTML tag show that text in their tooltips; nothing runs."""
    import geopandas as gpd
    from shapely.geometry import Point, box

    from layers import enterprises, parks
    from layers.compose import MapData, MapOptions, build_map

    area = gpd.GeoDataFrame(
        {
            "park_id": ["P1"],
            "name": [EVIL],
            "town": ["石碁"],
            "area_ha": [6.0],
            "firms": [1],
            "sanjiu_share": [0.0],
        },
        geometry=[box(113.40, 22.95, 113.41, 22.96)],
        crs="EPSG:4326",
    )
    firm = gpd.GeoDataFrame(
        {
            "record_id": ["r"],
            "uscc": ["91440113MA59AAAA1X"],
            "name": [f"{EVIL}</script>"],
            "industry_code": ["3360"],
            "above_scale": [True],
            "survey_year": [2015],
            "employees": [10],
            "town": ["石碁"],
            "park_id": ["P1"],
        },
        geometry=[Point(113.43, 22.955)],
        crs="EPSG:4326",
    )
    data = MapData(
        parks=parks.prepare(area, area[["area_ha", "firms", "sanjiu_share"]]),
        enterprises=enterprises.prepare(firm),
        bounds=((22.94, 113.39), (22.97, 113.44)),
    )
    m = build_map(
        data, MapOptions(layers=("parks", "enterprises"), static_url=f"{server}/app/static")
    )
    page = offline_page.page
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.set_content(m.get_root().render())
    name = m.get_name()
    page.wait_for_function(f"() => window.{name} && window.{name}.getSize().x > 0", timeout=WAIT)
    for lat, lng, expected in ((22.955, 113.405, EVIL), (22.955, 113.43, f"{EVIL}</script>")):
        p = page.evaluate(f"() => window.{name}.latLngToContainerPoint([{lat}, {lng}])")
        page.mouse.move(p["x"], p["y"])
        tip = page.locator(".leaflet-tooltip .pp-tip-t")
        tip.wait_for(timeout=WAIT)
        assert tip.inner_text() == expected
        assert page.locator(".leaflet-tooltip img").count() == 0
        away = page.evaluate(f"() => window.{name}.latLngToContainerPoint([22.942, 113.392])")
        page.mouse.move(away["x"], away["y"], steps=4)  # an empty spot: the tooltip closes
        tip.wait_for(state="detached", timeout=WAIT)
    assert dialogs == []
    assert offline_page.blocked == []


def test_the_controls_follow_the_map_by_themselves_and_it_stays_put(server, offline_page):
    """A new visitor first gets the map alone; once its parks are drawn, the map's frame asks
    for the next run, which brings the filter bar, settings and comparison with no click, and
    the map is neither made again nor moved."""
    page = offline_page.page
    page.set_viewport_size({"width": 1400, "height": 1000})
    goto(page, f"{server}/map")
    page.locator(MAP_IFRAME).wait_for(timeout=WAIT)
    frame = _map_frame(page)
    frame.wait_for_function(PARKS_DRAWN, timeout=WAIT)
    frame.evaluate("() => { window.map.__first = true; }")
    top = page.locator(MAP_IFRAME).bounding_box()
    page.locator(".st-key-map_towns").wait_for(timeout=WAIT)  # the filter bar
    page.locator('[data-testid="stSidebar"] .st-key-map_layers').wait_for(timeout=WAIT)
    page.get_by_role("heading", name="园区比较").wait_for(timeout=WAIT)
    assert page.locator(MAP_IFRAME).count() == 1
    assert frame.evaluate("() => window.map.__first === true")  # the same Leaflet map
    assert page.locator(MAP_IFRAME).bounding_box() == top


def test_the_map_takes_the_page_width_and_most_of_the_window(server, offline_page):
    """On a 1400 × 1000 window: the map is as wide as the page's content, at least 70 % of the
    window high, fits the district and shows its legend open; on a small window the legend is
    collapsed."""
    page = offline_page.page
    page.set_viewport_size({"width": 1400, "height": 1000})
    goto(page, f"{server}/map")
    started = page.evaluate("() => performance.timeOrigin")
    page.locator(MAP_IFRAME).wait_for(timeout=WAIT)
    frame = _map_frame(page)
    frame.wait_for_function(PARKS_DRAWN, timeout=WAIT)
    drawn = page.evaluate("() => performance.timeOrigin + performance.now()")
    print(f"\ntime to parks (this test's server, 1400 x 1000): {(drawn - started) / 1000:.2f} s")

    box = page.locator(MAP_IFRAME).bounding_box()
    # the page's content width: the main block without its padding
    content = page.evaluate(
        """() => { const el = document.querySelector('[data-testid="stMainBlockContainer"]');
            const cs = getComputedStyle(el);
            return el.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight); }"""
    )
    assert box is not None
    assert box["width"] >= 0.98 * content, (box, content)
    assert box["height"] >= 700, box
    # the Leaflet map fills its frame
    size = frame.evaluate("() => window.map.getSize()")
    assert abs(size["y"] - box["height"]) <= 4, (size, box)
    assert abs(size["x"] - box["width"]) <= 4, (size, box)
    # the district is fitted: every town is in view, and the view is not much larger
    fit = frame.evaluate(
        """() => { const b = L.featureGroup(Object.values(window.map._layers).filter(
                l => l.feature && l.feature.properties && typeof l.feature.properties.i === 'string'
            )).getBounds(); const v = window.map.getBounds();
            return {inside: v.contains(b),
                    share: (b.getEast() - b.getWest()) / (v.getEast() - v.getWest())}; }"""
    )
    assert fit["inside"], fit
    assert fit["share"] > 0.5, fit  # the parks span more than half of the map's width
    assert frame.locator(".pp-legend details[open]").count() == 1

    page.set_viewport_size({"width": 900, "height": 600})
    goto(page, f"{server}/map")
    page.locator(MAP_IFRAME).wait_for(timeout=WAIT)
    small = _map_frame(page)
    small.wait_for_function(PARKS_DRAWN, timeout=WAIT)
    assert small.locator(".pp-legend details").count() == 1
    assert small.locator(".pp-legend details[open]").count() == 0
