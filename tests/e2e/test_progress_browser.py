"""The progress page in headless Chromium, offline (issue 23): the six indicator charts draw
(with Chinese axis titles), choosing a town redraws them, no request leaves the machine."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import goto, screenshot

pytestmark = pytest.mark.e2e
WAIT = 90_000


def test_progress_charts_render_offline_and_follow_the_chosen_town(server, offline_page):
    page = offline_page.page
    goto(page, f"{server}/progress")
    page.get_by_role("heading", name="规划进度", exact=True).wait_for(timeout=WAIT)
    charts = page.locator('[data-testid="stVegaLiteChart"]')
    charts.nth(5).wait_for(timeout=WAIT)  # six indicators
    assert charts.count() == 6
    page.locator('[data-testid="stVegaLiteChart"] svg, [data-testid="stVegaLiteChart"] canvas')\
        .first.wait_for(timeout=WAIT)  # fmt: skip
    # the marks describe their fields in aria labels: Chinese titles, no raw field names
    labels = page.locator('[data-testid="stVegaLiteChart"] [aria-label]').evaluate_all(
        "els => els.map(e => e.getAttribute('aria-label'))"
    )
    text = " ".join(labels)
    assert "年度" in text
    assert "series:" not in text
    assert "value:" not in text
    assert "工业投资（亿元）: 103.09; 系列: 目标" in text  # the plan's 2015 district figure
    page.get_by_role("heading", name="镇街历年排名", exact=True).wait_for(timeout=WAIT)
    page.get_by_role("heading", name="2015 年淘汰/搬迁候选企业跟踪", exact=True).wait_for(
        timeout=WAIT
    )
    # choose a town: the charts redraw for it
    page.locator(".st-key-progress_place").click()
    page.keyboard.type("化龙")
    page.get_by_role("option", name="化龙", exact=True).click(timeout=WAIT)
    page.wait_for_function(
        """() => {
          const els = document.querySelectorAll('[data-testid="stVegaLiteChart"] [aria-label]');
          const text = Array.from(els).map(e => e.getAttribute('aria-label')).join(' ');
          return text.includes('工业投资') && !text.includes('103.09');
        }""",
        timeout=WAIT,
    )
    assert charts.count() == 6
    screenshot(page, "progress")
    assert offline_page.blocked == []
