"""The app in real headless Chromium with no internet: pages render, language switches."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import goto, run_server, screenshot

pytestmark = pytest.mark.e2e
WAIT = 60_000


def test_home_renders_offline_with_district_figures(server, offline_page):
    page = offline_page.page
    goto(page, server)
    page.get_by_role("heading", name="ParkPlan · 园区升级规划台").wait_for(timeout=WAIT)
    towns = page.locator('[data-testid="stMetric"]', has_text="镇街")
    towns.wait_for(timeout=WAIT)
    assert "16" in towns.inner_text()
    page.locator('[data-testid="stVegaLiteChart"]').first.wait_for(timeout=WAIT)
    screenshot(page, "home")
    assert offline_page.blocked == []


@pytest.mark.parametrize(
    ("path", "heading"),
    [
        ("map", "地图"),
        ("retrofit", "循环化改造选园"),
        ("screen", "“五过”企业筛查"),
        ("firm", "企业档案"),
        ("export", "地块清单导出"),
        ("targets", "镇街目标"),
        ("progress", "规划进度"),
        ("land", "土地利用与连片改造"),
        ("projects", "技改项目库"),
        ("evaluation", "亩均评价"),
        ("data", "数据与导入"),
    ],
)
def test_every_page_has_its_url(server, offline_page, path, heading):
    page = offline_page.page
    goto(page, f"{server}/{path}")
    page.get_by_role("heading", name=heading, exact=True).wait_for(timeout=WAIT)
    assert offline_page.blocked == []


def test_language_switch(server, offline_page):
    page = offline_page.page
    goto(page, server)
    page.get_by_role("heading", name="ParkPlan · 园区升级规划台").wait_for(timeout=WAIT)
    page.get_by_text("English", exact=True).click()
    page.get_by_role("heading", name="ParkPlan · Park upgrade planner").wait_for(timeout=WAIT)
    page.get_by_role("link", name="Data & import").click()
    page.get_by_role("heading", name="Data & import").wait_for(timeout=WAIT)
    screenshot(page, "data_en")
    assert offline_page.blocked == []


def test_a_first_request_straight_to_a_page_runs_the_entry_script(tmp_path, offline_page):
    """A bookmarked /data on a server nobody has visited yet still gets the shared sidebar and
    the language switch (a pages/ folder would make Streamlit bypass app.py here)."""
    page = offline_page.page
    with run_server(tmp_path) as url:
        goto(page, f"{url}/data")
        page.get_by_role("heading", name="数据与导入").wait_for(timeout=WAIT)
        page.get_by_text("语言 / Language").wait_for(timeout=WAIT)
        links = page.locator('[data-testid="stSidebarNavLink"]').all_inner_texts()
        assert any("地图" in link for link in links)
        assert not any(link.strip() == "app" for link in links)
    assert offline_page.blocked == []
