"""The land page in real headless Chromium, offline: the balance opens with its figures and
chart; a planner picks the largest renewal area,
builds it as a GeoPackage and downloads it; the file holds that area's outline and the download
is audited with the bytes' SHA-256."""

from __future__ import annotations

import hashlib

import geopandas as gpd
import pytest

from geo.renewal import renewal_areas
from store.audit import read_audit
from store.workspace import Workspace
from tests.conftest import workspace_location
from tests.e2e.conftest import goto, run_server, screenshot

pytestmark = pytest.mark.e2e
WAIT = 90_000


def test_a_planner_downloads_the_largest_renewal_area_as_a_geopackage(tmp_path, offline_page):
    ws = Workspace.open(workspace_location(tmp_path, "e2e"))
    areas = renewal_areas(ws.read("parks"), ws.read("parcels"), ws.read("enterprises"))
    first = areas.table.iloc[0]
    page = offline_page.page
    with run_server(tmp_path, ws.location) as url:
        goto(page, f"{url}/land")
        page.get_by_role("heading", name="土地利用与连片改造").wait_for(timeout=WAIT)
        # the balance tab opens first: the district's figures and the towns' chart
        freed = page.locator('[data-testid="stMetric"]', has_text="腾退用地").first
        freed.wait_for(timeout=WAIT)
        assert "公顷）" in freed.inner_text()  # the label
        assert freed.locator('[data-testid="stMetricValue"]').inner_text().endswith(" 亩")
        page.locator('[data-testid="stVegaLiteChart"]').first.wait_for(timeout=WAIT)
        screenshot(page, "land_balance")
        page.get_by_role("tab", name="连片改造区").click()
        page.locator('[data-testid="stVegaLiteChart"]').last.wait_for(timeout=WAIT)
        picker = page.locator(".st-key-land_renewal_ids")
        picker.scroll_into_view_if_needed()
        picker.click()
        page.get_by_role("option", name=f"{first['area_id']} {first['name']}").click()
        page.keyboard.press("Escape")
        # the choice reruns the page: the build button appears once the rerun is drawn
        page.get_by_role("button", name="生成文件").wait_for(timeout=WAIT)
        page.locator(".st-key-land_renewal_format").click()
        page.get_by_role("option", name="GeoPackage").click(timeout=WAIT)
        page.get_by_role("button", name="生成文件").click()
        button = page.get_by_role("button", name="下载 renewal_areas.gpkg")
        button.wait_for(timeout=WAIT)
        screenshot(page, "land_renewal")
        with page.expect_download(timeout=WAIT) as caught:
            button.click()
        saved = tmp_path / "renewal_areas.gpkg"
        caught.value.save_as(saved)
    data = saved.read_bytes()
    read = gpd.read_file(saved)
    assert len(read) == 1
    area = read.to_crs("EPSG:4547").geometry.area.iloc[0]
    assert area == pytest.approx(first["area_m2"], rel=1e-3)
    last = read_audit(ws).iloc[-1]
    assert (last["user"], last["action"], last["object"]) == ("李规划", "export", saved.name)
    assert last["checksum"] == f"{saved.name}={hashlib.sha256(data).hexdigest()}"
    assert offline_page.blocked == []
