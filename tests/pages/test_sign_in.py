"""Sign-in before any data (AppTest, signing in through the form): the visitor's page, wrong
passwords and the lock-out, the one-time password, idle expiry, what each role is shown, a town's
import on the data page, the admin page and the audit of a download."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pandas as pd
import pytest

from config import load_settings
from errors import AccessDeniedError
from store.accounts import Account, add_account, get_account
from store.actions import import_as, save_scenario_as
from store.audit import read_audit
from store.sessions import ensure_admin
from store.workspace import Workspace
from tests.conftest import workspace_digest
from tests.pages.conftest import new_app, open_page, sign_in
from tests.store.test_actions import survey_file

AUTH = load_settings().auth


def _table(at, column: str) -> pd.DataFrame:
    return next(d.value for d in at.dataframe if column in d.value.columns)


def _everything(at) -> str:
    return repr(at.main) + repr(at.sidebar)


def test_a_visitor_sees_the_sign_in_form_and_nothing_of_the_data(app_workspace):
    at = new_app()
    parks = Workspace.open(app_workspace).read("parks")
    shown = _everything(at)
    assert at.text_input(key="login_user").label == "用户名"
    assert at.text_input(key="login_password").label == "密码"
    assert at.text_input(key="login_password").proto.type == 1  # PASSWORD
    assert not at.dataframe
    assert not at.metric
    leaked = [n for n in parks["name"] if n in shown] + [p for p in parks["park_id"] if p in shown]
    assert not leaked
    assert "工作库" not in shown  # not even the workspace's name and version
    for page in ("map", "data", "export"):
        at.switch_page(f"app_pages/{page}.py").run()
        assert at.text_input(key="login_user")  # every address leads to the form
        assert not at.dataframe


def test_a_wrong_password_is_refused_and_five_lock_the_account(app_workspace):
    ws = Workspace.open(app_workspace)
    add_account(ws, "试错", "right-password-1", role="viewer", config=AUTH,
                by=Account("pytest", "admin"))  # fmt: skip
    at = new_app()
    for i in range(AUTH.max_failures):
        sign_in(at, "试错", f"wrong-{i}-password")
        assert at.text_input(key="login_user")  # still the form
    assert "锁定" in at.warning[0].value
    sign_in(at, "试错", "right-password-1")  # the right password, too late
    assert "锁定" in at.warning[0].value
    assert at.text_input(key="login_user")
    rows = read_audit(ws, user="试错")
    assert list(rows["action"]).count("sign_in_failed") == AUTH.max_failures
    assert "lock_out" in set(rows["action"])
    assert "right-password-1" not in _everything(at)


def test_the_one_time_admin_password_must_be_changed_first(tmp_path, monkeypatch):
    from tests.conftest import workspace_location

    location = workspace_location(tmp_path, "first")
    ws = Workspace.open(location)
    once = ensure_admin(ws, config=AUTH, by=Account("run.sh", "admin"))
    assert once
    assert ensure_admin(ws, config=AUTH, by=Account("run.sh", "admin")) is None
    monkeypatch.setenv("PARKPLAN_WORKSPACE", location)
    at = sign_in(new_app(), "admin", once)
    assert at.text_input(key="new_password")  # the change form, no page
    assert not at.dataframe
    at.text_input(key="new_password").input("a-new-secret-2026")
    at.text_input(key="repeat_password").input("a-new-secret-2026")
    at.button[0].click().run()
    assert not at.exception
    assert not get_account(ws, "admin").must_change
    assert at.title[0].value == "ParkPlan · 园区升级规划台"  # the home page now
    assert at.dataframe or at.metric
    again = sign_in(new_app(), "admin", once)  # the one-time password is spent
    assert again.text_input(key="login_user")


def test_an_idle_session_must_sign_in_again(app):
    session = app.session_state["auth_session"]
    idle = timedelta(hours=AUTH.idle_hours, minutes=1)
    app.session_state["auth_session"] = replace(
        session, last_active=datetime.now(UTC) - idle
    )  # the clock moved on
    app.run()
    assert app.text_input(key="login_user")
    assert "小时未操作" in app.warning[0].value
    assert not app.dataframe


def test_a_viewer_is_shown_no_control_that_writes_and_a_forced_call_is_refused(
    app_as, app_workspace
):
    at = app_as("只读王")
    ws = Workspace.open(app_workspace)
    before = workspace_digest(ws)
    open_page(at, "data")
    assert not at.get("file_uploader")
    keys = {b.key for b in at.button}
    assert not {"undo_button", "restore_0", "import_confirm"} & keys
    assert any("只可查看数据" in i.value for i in at.info)
    open_page(at, "retrofit")
    assert not {"rf.save", "rf.delete"} & {b.key for b in at.button}
    open_page(at, "targets")
    assert not {"targets_save", "targets_reset"} & {b.key for b in at.button}
    assert not at.get("download_button")
    assert workspace_digest(ws) == before  # nothing written by visiting
    viewer = get_account(ws, "只读王")
    with pytest.raises(AccessDeniedError, match="只读"):
        save_scenario_as(ws, viewer, "强行", parks=["PY-SB-001"], parameters={})
    assert workspace_digest(ws) == before


def test_a_town_import_on_the_data_page_refuses_another_towns_rows_by_number(
    app_as, app_workspace, tmp_path
):
    ws = Workspace.open(app_workspace)
    path = survey_file(ws, tmp_path / "mixed.csv", {"化龙": 2, "石楼": 3})
    at = open_page(app_as("化龙_clerk"), "data")  # signing in is audited: digest after it
    before = workspace_digest(ws)
    assert at.selectbox(key="import_layer").options == ["企业"]  # a town imports its survey only
    at.number_input(key="import_year").set_value(2015).run()
    at.get("file_uploader")[0].set_value(("mixed.csv", path.read_bytes(), "text/csv")).run()
    assert not at.exception
    problems = next(d.value for d in at.dataframe if "要求" in d.value.columns)
    assert sorted(problems["行"].dropna().astype(int)) == [4, 5, 6]  # the 石楼 rows (header = 1)
    assert not at.get("button") or "import_confirm" not in {b.key for b in at.button}
    assert workspace_digest(ws) == before


def test_only_an_admin_sees_the_admin_page(app_as):
    planner = app_as("李规划")
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        planner.switch_page("app_pages/admin.py")  # a planner's app has no such page
    at = app_as("管理员")
    open_page(at, "admin")
    accounts = _table(at, "用户名")
    assert {"李规划", "化龙_clerk", "只读王"} <= set(accounts["用户名"])
    assert not any("argon2" in str(v) for v in accounts.to_numpy().ravel())
    log = _table(at, "操作")
    assert "登录" in set(log["操作"])
    assert at.get("download_button")[0].proto.label == "下载审计记录（CSV）"
    # the download itself (deferred, audited when clicked) is clicked in tests/e2e/test_sign_in


def test_no_password_or_hash_reaches_a_page(app_as, app_workspace):
    at = app_as("管理员")
    seen = ""
    for page in ("home", "data", "admin"):
        if page != "home":
            open_page(at, page)
        seen += _everything(at)
    assert "$argon2" not in seen
    assert not any(pw in seen for pw in _passwords())
    ws = Workspace.open(app_workspace)
    assert "password_hash" not in pd.Series(read_audit(ws).to_numpy().ravel()).astype(str).str.cat()


def _passwords() -> list[str]:
    from tests.accounts import PASSWORDS

    return list(PASSWORDS.values())


def test_a_forced_import_by_a_land_account_is_refused_naming_the_role(app_workspace, tmp_path):
    ws = Workspace.open(app_workspace)
    land = get_account(ws, "国土张")
    path = survey_file(ws, tmp_path / "s.csv", {"化龙": 1})
    with pytest.raises(AccessDeniedError, match="国土/城市更新"):
        import_as(ws, land, path, layer="enterprises")


def test_with_an_identity_provider_the_page_offers_its_sign_in_and_no_password_form(
    monkeypatch,
):
    import ui.auth

    monkeypatch.setattr(
        ui.auth, "_config", lambda: AUTH.model_copy(update={"provider": "intranet"})
    )
    at = new_app()
    assert at.button(key="provider_sign_in").label == "通过单位统一身份认证登录"
    assert not at.get("text_input")  # no password is typed into ParkPlan
    assert not at.dataframe


def test_every_audited_action_has_a_name_on_the_admin_page():
    """The admin page names each audited action in Chinese and English (an action added
    without a name broke the page: KeyError 'audit.evaluate')."""
    from store.audit import AUDITED
    from ui.text_auth import AUTH_STRINGS

    missing = [a for a in AUDITED if f"audit.{a}" not in AUTH_STRINGS]
    assert missing == []
    for action in AUDITED:
        zh, en = AUTH_STRINGS[f"audit.{action}"]
        assert zh
        assert en
