"""Local accounts: Argon2id hashes only, lock-out after 5 failures for 15 min, idle expiry,
the one-time admin password, and an audit row for every attempt (on the suite's back end)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from argon2 import PasswordHasher

from config import load_settings
from errors import SignInError, UnknownKeyError, ValidationError
from store.accounts import (
    TABLE,
    Account,
    add_account,
    authenticate,
    disable_account,
    get_account,
    list_accounts,
    set_password,
    set_role,
)
from store.audit import read_audit
from store.sessions import ensure_admin, touch

CFG = load_settings().auth
T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
ROOT = Account(name="ops", role="admin")
PASSWORD = "化龙-survey-2026"


@pytest.fixture
def ws(fresh_workspace):
    add_account(
        fresh_workspace, "clerk", PASSWORD, role="town", town="化龙", config=CFG, by=ROOT, now=T0
    )
    return fresh_workspace


def test_the_defaults_are_those_of_the_issue():
    assert (CFG.min_password_length, CFG.max_failures, CFG.lockout_minutes, CFG.idle_hours) == (
        10, 5, 15, 8.0,
    )  # fmt: skip


def test_only_an_argon2id_hash_is_stored(ws):
    raw = ws.read_table(TABLE)
    text = raw.astype(str).to_string()
    assert PASSWORD not in text
    stored = str(raw.loc[raw["name"] == "clerk", "password_hash"].iloc[0])
    assert stored.startswith("$argon2id$")
    assert PasswordHasher().verify(stored, PASSWORD)  # an independent verifier accepts it
    assert get_account(ws, "clerk") == Account("clerk", "town", "化龙")
    session = authenticate(ws, "clerk", PASSWORD, config=CFG, now=T0)
    assert session.account.town == "化龙"
    assert PASSWORD not in read_audit(ws).to_string()


def test_a_short_password_a_taken_name_and_a_bad_town_are_refused_at_once(ws):
    with pytest.raises(ValidationError) as info:
        add_account(ws, "clerk", "short9chr", role="town", town="北京", config=CFG, by=ROOT)
    fields = [p.field for p in info.value.problems]
    assert fields == ["name", "town", "password"]
    assert "short9chr" not in str(info.value)  # the length is shown, not the password
    assert "9 字符" in str(info.value)
    with pytest.raises(ValidationError, match="role"):
        add_account(ws, "x", PASSWORD, role="boss", config=CFG, by=ROOT)
    with pytest.raises(ValidationError, match="only a town account"):
        add_account(ws, "y", PASSWORD, role="planner", town="化龙", config=CFG, by=ROOT)
    assert [a.name for a in list_accounts(ws)] == ["clerk"]  # nothing written


def test_five_failures_lock_the_account_for_fifteen_minutes(ws):
    for i in range(4):
        with pytest.raises(SignInError, match="wrong user name or password"):
            authenticate(ws, "clerk", "wrong-password", config=CFG, now=T0 + timedelta(minutes=i))
    with pytest.raises(SignInError, match="locked until 2026-03-02T09:19:00"):
        authenticate(ws, "clerk", "wrong-password", config=CFG, now=T0 + timedelta(minutes=4))
    # the right password does not open a locked account …
    with pytest.raises(SignInError, match="locked"):
        authenticate(ws, "clerk", PASSWORD, config=CFG, now=T0 + timedelta(minutes=18))
    # … until the 15 minutes are over
    session = authenticate(ws, "clerk", PASSWORD, config=CFG, now=T0 + timedelta(minutes=19))
    assert session.account.name == "clerk"
    actions = read_audit(ws)["action"].tolist()
    assert actions == [
        "account_add",
        *["sign_in_failed"] * 4,
        "lock_out",
        "sign_in_failed",
        "sign_in",
    ]


def test_a_success_resets_the_count_of_failures(ws):
    for _i in range(4):
        with pytest.raises(SignInError):
            authenticate(ws, "clerk", "wrong-password", config=CFG, now=T0)
    authenticate(ws, "clerk", PASSWORD, config=CFG, now=T0)
    for _i in range(4):  # four more are not five in a row
        with pytest.raises(SignInError, match="wrong"):
            authenticate(ws, "clerk", "wrong-password", config=CFG, now=T0)
    authenticate(ws, "clerk", PASSWORD, config=CFG, now=T0)


def test_an_unknown_name_gets_the_same_message_and_is_audited(ws):
    with pytest.raises(SignInError) as info:
        authenticate(ws, "nobody", PASSWORD, config=CFG, now=T0)
    assert str(info.value) == "用户名或密码错误 / wrong user name or password"
    last = read_audit(ws).iloc[-1]
    assert (last["user"], last["action"], last["detail"]) == (
        "nobody",
        "sign_in_failed",
        "unknown name",
    )


def test_a_session_expires_after_eight_idle_hours(ws):
    session = authenticate(ws, "clerk", PASSWORD, config=CFG, now=T0)
    later = touch(session, config=CFG, now=T0 + timedelta(hours=7, minutes=59))
    assert later.last_active == T0 + timedelta(hours=7, minutes=59)
    still = touch(later, config=CFG, now=T0 + timedelta(hours=15, minutes=58))  # idle 7 h 59
    with pytest.raises(SignInError, match="idle for more than 8 h"):
        touch(still, config=CFG, now=still.last_active + timedelta(hours=8, seconds=1))


def test_disable_passwd_and_role_change_the_account_and_are_audited(ws):
    set_password(ws, "clerk", "another-long-one", config=CFG, by=ROOT, now=T0)
    with pytest.raises(SignInError):
        authenticate(ws, "clerk", PASSWORD, config=CFG, now=T0)
    authenticate(ws, "clerk", "another-long-one", config=CFG, now=T0)
    assert set_role(ws, "clerk", "viewer", by=ROOT, now=T0) == Account("clerk", "viewer")
    with pytest.raises(ValidationError, match="must be a town"):
        set_role(ws, "clerk", "town", by=ROOT)
    disable_account(ws, "clerk", by=ROOT, now=T0)
    with pytest.raises(SignInError, match="disabled"):
        authenticate(ws, "clerk", "another-long-one", config=CFG, now=T0)
    with pytest.raises(UnknownKeyError):
        disable_account(ws, "nobody", by=ROOT)
    audit = read_audit(ws)
    changes = audit.loc[audit["action"].str.startswith("account_"), ["user", "action", "object"]]
    assert changes.values.tolist() == [
        ["ops", "account_add", "clerk"],
        ["ops", "account_password", "clerk"],
        ["ops", "account_role", "clerk"],
        ["ops", "account_disable", "clerk"],
    ]


def test_the_first_run_makes_one_admin_with_a_one_time_password(fresh_workspace):
    password = ensure_admin(fresh_workspace, config=CFG, by=ROOT, now=T0)
    assert password is not None
    assert len(password) >= CFG.min_password_length
    assert ensure_admin(fresh_workspace, config=CFG, by=ROOT) is None  # only once
    admin = get_account(fresh_workspace, "admin")
    assert (admin.role, admin.must_change) == ("admin", True)
    assert password not in fresh_workspace.read_table(TABLE).astype(str).to_string()
    session = authenticate(fresh_workspace, "admin", password, config=CFG, now=T0)
    assert session.account.must_change
    set_password(fresh_workspace, "admin", "a-new-admin-pass", config=CFG, by=session.account)
    assert not get_account(fresh_workspace, "admin").must_change


def test_the_identity_providers_user_gets_the_role_of_its_external_account(fresh_workspace):
    from store.accounts import sign_in_external

    ws = fresh_workspace
    add_account(ws, "li@panyu.gov.cn", "", role="land", config=CFG, by=ROOT, external=True)
    session = sign_in_external(ws, "li@panyu.gov.cn", now=T0)
    assert (session.account.name, session.account.role) == ("li@panyu.gov.cn", "land")
    assert session.last_active == T0
    with pytest.raises(SignInError, match="not mapped to a role"):
        sign_in_external(ws, "stranger@example.org", now=T0)
    for password in ("", "external:oidc", "anything-long-enough"):  # no password opens it
        with pytest.raises(SignInError, match="wrong user name or password"):
            authenticate(ws, "li@panyu.gov.cn", password, config=CFG, now=T0)
    log = read_audit(ws)
    assert list(log["action"][-5:]) == [
        "sign_in", "sign_in_failed", "sign_in_failed", "sign_in_failed", "sign_in_failed"
    ]  # fmt: skip
    assert log.iloc[-5]["detail"] == "identity provider"
    assert log.iloc[-4]["object"] == "stranger@example.org"
    disable_account(ws, "li@panyu.gov.cn", by=ROOT)
    with pytest.raises(SignInError, match="disabled"):
        sign_in_external(ws, "li@panyu.gov.cn", now=T0)


def test_a_name_with_control_characters_is_refused(fresh_workspace):
    with pytest.raises(ValidationError, match="visible characters"):
        add_account(fresh_workspace, "a\x00b", PASSWORD, role="viewer", config=CFG, by=ROOT)
