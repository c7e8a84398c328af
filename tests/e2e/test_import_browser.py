"""A town clerk's import in real headless Chromium, offline: a bad file shows its problems, the
corrected file shows the preview, the confirmation stores it, and the firms are on the map."""

from __future__ import annotations

import pytest

from store.workspace import Workspace
from tests.conftest import workspace_location
from tests.e2e.conftest import goto, run_server, screenshot
from tests.store.test_imports import survey_table

pytestmark = pytest.mark.e2e
WAIT = 90_000
NAMES = ["导入测试甲公司", "导入测试乙公司", "导入测试丙公司", "导入测试丁公司"]


def test_upload_problems_fix_preview_confirm_and_find_on_the_map(tmp_path, offline_page):
    ws = Workspace.open(workspace_location(tmp_path, "e2e"))  # the server's, created first
    table, _ = survey_table(ws, 2018, n=4)  # a year after the sample's last survey (2017)
    table["企业名称"] = NAMES
    bad = table.copy()
    bad.loc[2, "行业代码"] = "9999"
    bad_path, good_path = tmp_path / "石碁_错误.csv", tmp_path / "石碁_2018.csv"
    bad.to_csv(bad_path, index=False, encoding="gbk")
    table.to_csv(good_path, index=False, encoding="utf-8-sig")

    page = offline_page.page
    page.set_viewport_size({"width": 1400, "height": 1000})
    with run_server(tmp_path, ws.location) as url:
        goto(page, f"{url}/data")
        page.get_by_role("heading", name="数据与导入").wait_for(timeout=WAIT)
        year = page.get_by_label("调查年度（表中无此列时）")
        year.fill("2018")
        year.press("Enter")
        uploader = page.locator('[data-testid="stFileUploaderDropzoneInput"]')
        uploader.set_input_files(str(bad_path))
        page.get_by_text("输入有误，未写入任何数据").wait_for(timeout=WAIT)
        page.get_by_text("下载问题清单（Excel）").wait_for(timeout=WAIT)
        page.get_by_text("下载问题清单（Excel）").scroll_into_view_if_needed()
        screenshot(page, "import_problems")

        uploader.set_input_files(str(good_path))
        page.get_by_role("heading", name="导入预览：与工作库相比的变化").wait_for(timeout=WAIT)
        new = page.locator('[data-testid="stMetric"]', has_text="新增")
        assert new.inner_text().split()[-1] == "4"
        page.locator('[data-testid="stDeckGlJsonChart"]').wait_for(timeout=WAIT)
        page.locator('[data-testid="stDeckGlJsonChart"]').scroll_into_view_if_needed()
        screenshot(page, "import_preview")
        page.get_by_role("button", name="确认导入").click()
        page.get_by_text("已导入 石碁_2018.csv → enterprises：新增 4").wait_for(timeout=WAIT)

        goto(page, f"{url}/map")
        page.get_by_role("heading", name="地图", exact=True).wait_for(timeout=WAIT)
        page.get_by_text("家企业（2018年）").wait_for(timeout=WAIT)
        assert "4 家企业（2018年）" in page.get_by_text("家企业（2018年）").inner_text()
        search = page.get_by_label("搜索")
        search.fill("导入测试")
        search.press("Enter")
        page.get_by_text("搜索结果（4）").wait_for(timeout=WAIT)
        screenshot(page, "import_on_map")
    assert offline_page.blocked == []
    stored = Workspace.open(ws.location).read("enterprises").query("survey_year == 2018")
    assert sorted(stored["name"]) == sorted(NAMES)
