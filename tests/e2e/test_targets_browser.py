"""The targets page in headless Chromium, offline: editing one town's target moves its rank."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect

from tests.e2e.conftest import goto, screenshot

pytestmark = pytest.mark.e2e
WAIT = 60_000
ROW = 35  # px: header and row height of Streamlit's grid (ui.targets.view._ROW)
TOWNS = ["市桥", "沙头", "东环", "桥南", "小谷围", "大石", "洛浦", "石壁",
         "钟村", "大龙", "南村", "新造", "化龙", "石楼", "沙湾", "石碁"]  # fmt: skip


def _metric(page, label: str) -> str:
    box = page.locator('[data-testid="stMetric"]', has_text=label).first
    return box.locator('[data-testid="stMetricValue"]').inner_text().strip()


def _edit_cell(page, *, row: int, value: str) -> None:
    """Type ``value`` into the investment cell of ``row`` (the grid is a canvas: click by
    position, open the cell's editor with Enter, fill it, commit with Enter)."""
    grid = page.locator(".st-key-targets_editor_2015")
    cell_editor = page.locator("#portal input, #portal textarea").first
    for _ in range(5):  # the grid may still be redrawing after a rerun: retry
        grid.scroll_into_view_if_needed()
        box = grid.bounding_box()
        assert box is not None
        # the town column is about 60 px wide: the investment cell is beside it
        page.mouse.click(box["x"] + 130, box["y"] + ROW * (row + 1) + ROW / 2)
        page.keyboard.press("Enter")
        try:
            cell_editor.wait_for(timeout=3_000)
            break
        except PlaywrightTimeoutError:
            page.keyboard.press("Escape")
    cell_editor.fill(value)
    page.keyboard.press("Enter")


def _rank(page) -> int:
    return int(re.match(r"(\d+)", _metric(page, "排名")).group(1))


def test_editing_a_town_target_changes_its_completion_and_rank(server, offline_page):
    page = offline_page.page
    goto(page, f"{server}/targets")
    page.get_by_role("heading", name="镇街目标（可编辑）").wait_for(timeout=WAIT)
    page.locator('[data-testid="stDownloadButton"]').wait_for(timeout=WAIT)
    # the town card shows the best-ranked town first
    select = page.get_by_role("combobox", name="查看镇街")
    expect(select).to_have_value(re.compile("^(" + "|".join(TOWNS) + ")$"), timeout=WAIT)
    town = select.input_value()
    assert _metric(page, "排名") == "1 / 16"
    before = float(_metric(page, "综合完成率"))

    # raise that town's industrial-investment target to 10 000 亿元 in the editable grid
    _edit_cell(page, row=TOWNS.index(town), value="10000")
    page.get_by_text("有未保存的修改").wait_for(timeout=WAIT)
    page.wait_for_function(
        f"() => {{ const m = [...document.querySelectorAll('[data-testid=stMetric]')]"
        f".find(e => e.innerText.includes('综合完成率'));"
        f" return m && !m.innerText.includes('{before:.1f}'); }}",
        timeout=WAIT,
    )
    after_rank, after = _rank(page), float(_metric(page, "综合完成率"))
    assert after < before
    assert after_rank > 1
    # the towns no longer add up to the district's 103.09 亿元: the page says so
    page.get_by_text("各镇街目标与区目标不一致").wait_for(timeout=WAIT)
    screenshot(page, "targets_edited")
    assert offline_page.blocked == []
