"""Any account asked for is either stored as asked or refused with a clear message, and a
refusal writes nothing; no role and action make :func:`require` fail in another way."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from config import load_settings
from errors import AccessDeniedError, ValidationError
from store.accounts import TABLE, Account, add_account, get_account
from store.roles import ACTIONS, ROLES, require
from tests.conftest import workspace_digest

CFG = load_settings().auth
ROOT = Account("ops", "admin")
TOWNS = ["化龙", "石楼", "北京", ""]
names = st.text(min_size=0, max_size=12)
passwords = st.text(min_size=0, max_size=16)
roles = st.sampled_from([*ROLES, "boss", ""])
towns = st.one_of(st.none(), st.sampled_from(TOWNS), st.text(max_size=4))


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(name=names, password=passwords, role=roles, town=towns)
def test_an_account_is_stored_as_asked_or_refused_untouched(
    session_workspace, name, password, role, town
):
    ws = session_workspace
    before = workspace_digest(ws)
    refusal: ValidationError | None = None
    try:
        account = add_account(ws, name, password, role=role, town=town, config=CFG, by=ROOT)
    except ValidationError as exc:
        refusal = exc
    if refusal is not None:
        assert refusal.problems
        assert all(p.allowed for p in refusal.problems)
        shown = [p.value for p in refusal.problems if p.field == "password"]
        assert shown == ([f"{len(password)} 字符"] if len(password) < 10 else [])  # never itself
        assert workspace_digest(ws) == before
        return
    assert len(password) >= CFG.min_password_length
    assert role in ROLES
    assert (account.town is not None) == (role == "town")
    assert get_account(ws, account.name) == account
    assert password not in ws.read_table(TABLE)["password_hash"].tolist()


@given(
    role=st.text(max_size=8) | st.sampled_from(list(ROLES)),
    action=st.sampled_from(list(ACTIONS)),
    own=st.sampled_from(TOWNS),
    town=st.one_of(st.none(), st.sampled_from(TOWNS)),
)
def test_require_allows_or_refuses_with_the_role_named(role, action, own, town):
    actor = Account("x", role, own or None)
    message = ""
    try:
        require(actor, action, town=town)
    except AccessDeniedError as exc:
        message = str(exc)
    if message:
        assert repr(role) in message or f"role {role}" in message
        return
    assert role in ROLES
    assert action in ROLES[role].actions


def test_an_unknown_action_is_a_programming_error():
    with pytest.raises(KeyError):
        require(ROOT, "launch")
