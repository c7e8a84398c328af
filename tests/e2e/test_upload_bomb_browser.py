"""A hostile upload does not hold up another planner: the styles-bomb workbook (3 MB, 477 MiB
inflated) is uploaded on the data page while a second browser context reloads the map, which
still draws its parks in under 5 s; the data page shows the refusal naming the part and setting.
"""

from __future__ import annotations

import time

import pytest

from tests.e2e.conftest import OfflinePage, goto, screenshot
from tests.e2e.test_map_browser import MAP_IFRAME, PARKS_DRAWN, _map_frame
from tests.geo.xlsxcraft import sheet_xml, workbook

pytestmark = pytest.mark.e2e
WAIT = 90_000


def _context(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 900}, locale="zh-CN")
    return context, OfflinePage(context.new_page())


def _map_with_parks(page, url: str) -> float:
    start = time.perf_counter()
    goto(page, f"{url}/map")  # a new visit: signing in is part of the time
    page.locator(MAP_IFRAME).wait_for(timeout=WAIT)
    _map_frame(page).wait_for_function(PARKS_DRAWN, timeout=WAIT)
    return time.perf_counter() - start


def test_a_styles_bomb_is_refused_on_the_page_while_another_map_draws_its_parks(
    server, browser, tmp_path
):
    sheet = sheet_xml("A1:B2", [(1, [(1, "name")]), (2, [(1, "甲")])])
    bomb = workbook(tmp_path / "styles_bomb.xlsx", sheet, bomb=("xl/styles.xml", 477, 480))
    clerk_context, clerk = _context(browser)
    planner_context, planner = _context(browser)
    try:
        _map_with_parks(planner.page, server)  # the planner's map, once drawn (caches warm)
        goto(clerk.page, f"{server}/data")
        clerk.page.get_by_role("heading", name="数据与导入").wait_for(timeout=WAIT)
        uploader = clerk.page.locator('[data-testid="stFileUploaderDropzoneInput"]')
        uploader.set_input_files(str(bomb))  # sent; the server checks it meanwhile
        seconds = _map_with_parks(planner.page, server)
        refusal = clerk.page.get_by_text("输入有误，未写入任何数据")
        refusal.wait_for(timeout=WAIT)
        assert "styles_bomb.xlsx" in refusal.inner_text()
        refusal.scroll_into_view_if_needed()
        screenshot(clerk.page, "upload_styles_bomb_refused")
        assert seconds < 5.0, f"the map took {seconds:.1f} s beside the upload"
        assert clerk.blocked == []
        assert planner.blocked == []
    finally:
        clerk_context.close()
        planner_context.close()
