"""The project library in real headless Chromium, offline: a planner uploads a town's table,
confirms it, approves district matching within the cap (the year's remaining budget moves by
the amount), and an approval above the cap is refused with nothing stored."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from store.projects import read_projects
from store.workspace import Workspace
from tests.conftest import workspace_location
from tests.e2e.conftest import goto, run_server, screenshot
from tests.store.projects_files import firms_of, library_file, row

pytestmark = pytest.mark.e2e
WAIT = 90_000


def _value(page, label: str):
    """The value of the page's figure ``label`` (in the figures' own container: while a run
    redraws the page, the elements of the last run linger beside the new ones)."""
    box = page.locator('.st-key-proj_figures [data-testid="stMetric"]', has_text=label)
    return box.locator('[data-testid="stMetricValue"]')


def _metric(page, label: str) -> float:
    return float(_value(page, label).inner_text().replace(",", ""))


def _choose(page, key: str, option: str) -> None:
    """Pick ``option`` of a selectbox, typed first: a long list draws only its first options."""
    page.locator(f".st-key-{key}").click()
    page.keyboard.type(option.split()[0])
    page.get_by_role("option", name=option).click(timeout=WAIT)


def _approve(page, amount: str) -> None:
    field = page.locator(".st-key-proj_amount input")
    field.fill(amount)
    field.press("Enter")
    page.get_by_role("button", name="核准", exact=True).click()


def test_import_then_approve_within_the_cap_and_refused_above_it(tmp_path, offline_page):
    ws = Workspace.open(workspace_location(tmp_path, "e2e"))
    (firm,) = firms_of(ws, "化龙", 1)
    upload = library_file(tmp_path / "化龙_项目.csv", [row("BR-1", firm)])
    page = offline_page.page
    with run_server(tmp_path, ws.location) as url:
        goto(page, f"{url}/projects")
        page.get_by_role("heading", name="技改项目库").wait_for(timeout=WAIT)
        page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(
            str(upload)
        )
        page.get_by_text("1 行，新增 1 个").wait_for(timeout=WAIT)
        page.get_by_role("button", name="确认导入").click()
        page.get_by_text("已导入 1 行").wait_for(timeout=WAIT)
        _choose(page, "proj_year", "2015")
        page.get_by_text("2015 年区配套预算").wait_for(timeout=WAIT)
        before = _metric(page, "区配套剩余预算")
        _choose(page, "proj_approve_id", "BR-1 项目BR-1")
        page.get_by_text("= 1,000.0 万元").wait_for(timeout=WAIT)
        _approve(page, "1500")
        page.get_by_text("输入有误，未写入任何数据").wait_for(timeout=WAIT)
        expect(_value(page, "区配套剩余预算")).to_have_text(f"{before:,.1f}")
        _approve(page, "700")
        page.get_by_text("已核准 BR-1 区配套 700.0 万元。").wait_for(timeout=WAIT)
        expect(_value(page, "区配套剩余预算")).to_have_text(f"{before - 700:,.1f}", timeout=WAIT)
        screenshot(page, "projects_approved")
    stored = read_projects(ws).set_index("project_id").loc["BR-1"]
    assert (stored["matching_approved_wan"], stored["approved_by"]) == (700.0, "李规划")
    assert offline_page.blocked == []
