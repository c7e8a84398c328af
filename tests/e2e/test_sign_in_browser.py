"""Sign-in in real headless Chromium, offline: a visitor's websocket carries no park of the
sample, a 化龙 town clerk's mixed file is refused row by row, a viewer has no writing control,
and an admin's download of the audit is itself audited with the bytes' SHA-256."""

from __future__ import annotations

import hashlib

import pytest

from benchmarks.map_time import sign_in
from store.audit import read_audit
from store.workspace import Workspace
from tests.accounts import PASSWORDS
from tests.conftest import workspace_digest, workspace_location
from tests.e2e.conftest import goto, run_server, screenshot
from tests.store.test_actions import survey_file

pytestmark = pytest.mark.e2e
WAIT = 90_000


def _frames(page) -> list[bytes]:
    """Every websocket message the page receives from now on (Streamlit's protobuf deltas)."""
    got: list[bytes] = []

    def listen(ws) -> None:
        ws.on("framereceived", lambda f: got.append(f if isinstance(f, bytes) else f.encode()))

    page.on("websocket", listen)
    return got


def test_a_visitor_receives_nothing_of_the_data_and_a_signed_in_planner_does(
    tmp_path, offline_page
):
    ws = Workspace.open(workspace_location(tmp_path, "e2e"))
    names = [n.encode() for n in ws.read("parks")["name"]] + [b"PY-SB-001"]
    page = offline_page.page
    frames = _frames(page)
    with run_server(tmp_path, ws.location) as url:
        page.goto(f"{url}/map", wait_until="domcontentloaded")
        page.locator(".st-key-login_user input").wait_for(timeout=WAIT)
        page.wait_for_timeout(1500)  # let every delta of the run arrive
        assert frames, "no websocket message seen"
        before = b"".join(frames)
        assert not [n for n in names if n in before]
        assert page.get_by_label("用户名").is_visible()
        assert page.get_by_label("密码").is_visible()
        screenshot(page, "sign_in")
        sign_in(page, "李规划", PASSWORDS["李规划"], timeout_ms=WAIT)
        page.get_by_role("heading", name="地图", exact=True).wait_for(timeout=WAIT)
        for _ in range(WAIT // 250):  # the map's data follow the heading (on a busy server, late)
            after = b"".join(frames)
            if any(n in after for n in names):
                break
            page.wait_for_timeout(250)
        assert [n for n in names if n in after]  # the check sees park names once they are sent
    assert offline_page.blocked == []


def test_a_town_clerk_mixed_file_is_refused_row_by_row_and_nothing_stored(tmp_path, offline_page):
    ws = Workspace.open(workspace_location(tmp_path, "e2e"))
    path = survey_file(ws, tmp_path / "化龙_2015.csv", {"化龙": 2, "石楼": 3})
    page = offline_page.page
    page.set_viewport_size({"width": 1400, "height": 1000})
    with run_server(tmp_path, ws.location) as url:
        goto(page, f"{url}/data", as_user="化龙_clerk")
        page.get_by_role("heading", name="数据与导入").wait_for(timeout=WAIT)
        before = workspace_digest(ws)
        year = page.get_by_label("调查年度（表中无此列时）")
        year.fill("2015")
        year.press("Enter")
        page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(path))
        refusal = page.get_by_text("输入有误，未写入任何数据")
        refusal.wait_for(timeout=WAIT)
        assert refusal.inner_text().endswith("— 3")  # the three 石楼 rows (numbers: page test)
        screenshot(page, "town_refused")
        assert page.get_by_role("button", name="确认导入").count() == 0
        assert workspace_digest(ws) == before
    assert offline_page.blocked == []


def test_a_viewer_has_no_writing_control(server, offline_page):
    page = offline_page.page
    goto(page, f"{server}/data", as_user="只读王")
    page.get_by_role("heading", name="数据与导入").wait_for(timeout=WAIT)
    page.get_by_text("您的角色只可查看数据").wait_for(timeout=WAIT)
    assert page.locator('[data-testid="stFileUploader"]').count() == 0
    assert page.get_by_role("button", name="撤销最近一次导入").count() == 0
    goto(page, f"{server}/retrofit", as_user="只读王")
    page.get_by_role("heading", name="循环化改造选园").wait_for(timeout=WAIT)
    page.get_by_role("heading", name="方案").wait_for(timeout=WAIT)
    assert page.locator(".st-key-rf\\.save").count() == 0
    goto(page, f"{server}/targets", as_user="只读王")
    page.get_by_role("heading", name="镇街目标", exact=True).wait_for(timeout=WAIT)
    assert page.locator(".st-key-targets_save").count() == 0
    assert offline_page.blocked == []


def test_the_admin_downloads_the_audit_and_the_download_is_audited(tmp_path, offline_page):
    ws = Workspace.open(workspace_location(tmp_path, "e2e"))
    page = offline_page.page
    with run_server(tmp_path, ws.location) as url:
        goto(page, f"{url}/admin", as_user="管理员")
        page.get_by_role("heading", name="账户与审计").wait_for(timeout=WAIT)
        with page.expect_download(timeout=WAIT) as caught:
            page.get_by_role("button", name="下载审计记录（CSV）").click()
        data = _saved(caught.value, tmp_path)
    assert data.startswith("\ufeff".encode())
    assert "管理员".encode() in data
    last = read_audit(ws).iloc[-1]
    assert (last["user"], last["action"], last["object"]) == ("管理员", "export", "audit.csv")
    assert last["checksum"] == f"audit.csv={hashlib.sha256(data).hexdigest()}"
    assert offline_page.blocked == []


def _saved(download, folder) -> bytes:
    target = folder / "downloaded.csv"
    download.save_as(str(target))
    return target.read_bytes()
