"""The firm profile in real headless Chromium with no internet: search a firm from the
sidebar, open its page, see every survey year and the indicator charts, download the workbook
(the sheets of ``cli.py firm``), all in Chinese with no raw field name; and a firm's popup on
the map opens its profile in a new tab."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import pytest
from openpyxl import load_workbook

from benchmarks.map_time import sign_in
from store.workspace import SAMPLE_GPKG
from tests.accounts import PASSWORDS
from tests.e2e.conftest import goto, screenshot
from tests.e2e.test_chinese_browser import IDLE, SHOWN
from tests.pages.test_chinese_pages import raw_names

pytestmark = pytest.mark.e2e
WAIT = 90_000


def test_search_open_a_profile_see_its_years_and_charts_and_download(
    server, offline_page, tmp_path
):
    firms = gpd.read_file(SAMPLE_GPKG, layer="enterprises", engine="pyogrio", use_arrow=True)
    years = sorted(int(y) for y in firms["survey_year"].unique())
    every = firms.groupby("uscc")["survey_year"].nunique() == len(years)
    latest = firms[(firms["survey_year"] == years[-1]) & firms["uscc"].map(every)]
    firm = latest.sort_values("uscc").iloc[0]
    page = offline_page.page
    page.set_viewport_size({"width": 1500, "height": 1000})
    goto(page, server)
    page.get_by_role("heading", name="ParkPlan · 园区升级规划台").wait_for(timeout=WAIT)

    box = page.get_by_placeholder("企业名称或统一社会信用代码")
    box.fill(str(firm["name"]))
    box.press("Enter")
    page.get_by_role("link", name=str(firm["name"])).first.click()
    page.get_by_role("heading", name=str(firm["name"])).wait_for(timeout=WAIT)
    assert f"uscc={firm['uscc']}" in page.url
    page.get_by_text(f"统一社会信用代码：{firm['uscc']}").wait_for(timeout=WAIT)
    page.get_by_text(f"{len(years)} / {len(years)} 年").wait_for(timeout=WAIT)
    charts = page.locator('[data-testid="stVegaLiteChart"]')
    charts.nth(7).wait_for(timeout=WAIT)
    assert charts.count() == 8
    page.wait_for_function(IDLE, timeout=WAIT)
    page.wait_for_timeout(1000)
    shown = page.evaluate(SHOWN)
    for year in years:
        assert str(year) in shown
    assert "调查年度" in shown
    wrong = sorted({name for line in shown.splitlines() for name in raw_names(line)})
    assert not wrong, wrong
    charts.first.scroll_into_view_if_needed()
    screenshot(page, "firm_profile")

    button = page.get_by_role("button", name="下载企业档案（Excel）")
    button.scroll_into_view_if_needed()
    with page.expect_download(timeout=WAIT) as info:
        button.click()
    book = tmp_path / "firm.xlsx"
    info.value.save_as(book)
    assert info.value.suggested_filename == f"firm_{firm['uscc']}.xlsx"
    assert load_workbook(book, read_only=True).sheetnames[:2] == [
        "概况 Overview",
        "指标 Indicators",
    ]
    indicators = pd.read_excel(book, sheet_name="指标 Indicators")
    assert indicators["调查年度"].tolist() == years
    assert offline_page.blocked == []


def test_a_firm_on_the_map_links_to_its_profile_in_a_new_tab(server, offline_page):
    page = offline_page.page
    goto(page, f"{server}/map")
    page.get_by_role("heading", name="地图", exact=True).wait_for(timeout=WAIT)
    frame = None
    for _ in range(90):
        frame = next((f for f in page.frames if "streamlit_folium" in f.url), None)
        if frame is not None and frame.evaluate(CLUSTER_READY):
            break
        page.wait_for_timeout(1000)
    assert frame is not None
    # zoom to the first firm (every firm is drawn from zoom 16 on) and click it
    frame.evaluate(
        """() => { const m = window[Object.keys(window).find(k => /^point_cluster/.test(k))]
            .getLayers()[0]; const map = m._map || Object.values(window).find(
            v => v && v instanceof L.Map); map.setView(m.getLatLng(), 18);
            m.fire('click', {latlng: m.getLatLng()}, true); }"""
    )
    link = frame.locator(".leaflet-popup a.pp-link")
    link.wait_for(timeout=WAIT)
    assert link.inner_text() == "企业档案"
    href = link.get_attribute("href") or ""
    assert href.startswith("/firm?uscc=")
    with page.context.expect_page(timeout=WAIT) as opened:
        link.click()
    tab = opened.value
    tab.route("**/*", offline_page._route)
    sign_in(tab, "李规划", PASSWORDS["李规划"], timeout_ms=WAIT)
    tab.get_by_text(f"统一社会信用代码：{href.split('=', 1)[1]}").wait_for(timeout=WAIT)
    assert offline_page.blocked == []


CLUSTER_READY = """() => { const k = Object.keys(window).find(k => /^point_cluster/.test(k));
  return !!k && window[k].getLayers().length > 0; }"""
