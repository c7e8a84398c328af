"""Local accounts kept in the workspace (``accounts`` table, both back ends), signed in with
Argon2id password hashes (``argon2-cffi``'s :class:`~argon2.PasswordHasher`).

Only the hash is stored, never the password. ``[auth]`` sets the rules: a password of at least
``min_password_length`` characters; ``max_failures`` failed sign-ins in a row lock the account for
``lockout_minutes``; a :class:`Session` left idle for ``idle_hours`` must sign in again. Every
sign-in, failed sign-in, lock-out and account change is written to the audit
(:mod:`store.audit`) in the same atomic step as the account table. Times are injectable
(``now=``) so that tests can move the clock.
"""

from __future__ import annotations

import secrets
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache

import pandas as pd
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from config.settings import AuthSettings
from errors import Problem, SignInError, UnknownKeyError, ValidationError
from store import audit
from store.lock import workspace_lock
from store.roles import ROLES, Actor
from store.workspace import Workspace

__all__ = [
    "ADMIN",
    "COLUMNS",
    "EXTERNAL",
    "TABLE",
    "Account",
    "Session",
    "add_account",
    "authenticate",
    "disable_account",
    "get_account",
    "list_accounts",
    "set_password",
    "set_role",
    "sign_in_external",
]

TABLE = "accounts"
COLUMNS = [
    "name",
    "role",
    "town",
    "password_hash",
    "failures",
    "locked_until",
    "disabled",
    "must_change",
    "created",
]
ADMIN = "admin"
_SOURCE = "账户 accounts"
_HASHER = PasswordHasher()  # Argon2id, RFC 9106 low-memory profile


@cache
def _dummy() -> str:
    """A hash to check unknown names against: they cost as much as wrong passwords (made on
    first use, not at import: every command would pay half a second)."""
    return _HASHER.hash(secrets.token_urlsafe(16))


_WRONG = "用户名或密码错误 / wrong user name or password"
EXTERNAL = "external:oidc"  # the hash field of an account of the identity provider: no password


@dataclass(frozen=True)
class Account:
    """One account as the rest of ParkPlan sees it (no hash)."""

    name: str
    role: str
    town: str | None = None
    disabled: bool = False
    must_change: bool = False
    locked_until: str = ""


@dataclass(frozen=True)
class Session:
    """A signed-in account and when it was last active (UTC)."""

    account: Account
    last_active: datetime


def _now(now: datetime | None) -> datetime:
    return (now or datetime.now(UTC)).astimezone(UTC)


def _table(workspace: Workspace) -> pd.DataFrame:
    if TABLE not in workspace.tables():
        return pd.DataFrame({c: pd.Series(dtype=object) for c in COLUMNS})
    table = workspace.read_table(TABLE)[COLUMNS].copy()
    for column in ("name", "role", "town", "password_hash", "locked_until", "created"):
        table[column] = table[column].fillna("").astype(str)
    for column in ("failures", "disabled", "must_change"):
        table[column] = table[column].fillna(0).astype("int64")
    return table.reset_index(drop=True)


def _account(row: pd.Series) -> Account:
    return Account(
        name=str(row["name"]),
        role=str(row["role"]),
        town=str(row["town"]) or None,
        disabled=bool(row["disabled"]),
        must_change=bool(row["must_change"]),
        locked_until=str(row["locked_until"]),
    )


def list_accounts(workspace: Workspace) -> list[Account]:
    """Every account, by name."""
    table = _table(workspace).sort_values("name")
    return [_account(r) for _, r in table.iterrows()]


def get_account(workspace: Workspace, name: str) -> Account:
    """The account ``name``; an unknown name lists the known ones."""
    table = _table(workspace)
    match = table.loc[table["name"] == name]
    if match.empty:
        raise UnknownKeyError("account", name, table["name"].tolist())
    return _account(match.iloc[0])


def _problem(field: str, value: object, zh: str, en: str) -> Problem:
    return Problem(_SOURCE, None, field, value, f"{zh} / {en}")


def _role_problems(workspace: Workspace, role: str, town: str | None) -> list[Problem]:
    if role not in ROLES:
        return [
            _problem("role", role, f"须为 {'、'.join(ROLES)}", f"must be one of {', '.join(ROLES)}")
        ]
    if role != "town":
        if town:
            return [_problem("town", town, "只有镇街角色有镇街", "only a town account has a town")]
        return []
    towns = workspace.read("towns", columns=["name"])["name"].astype(str).tolist()
    if town not in towns:
        return [_problem("town", town, f"须为本区镇街：{'、'.join(towns)}", "must be a town")]
    return []


def _password_problems(password: str, config: AuthSettings) -> list[Problem]:
    if len(password) < config.min_password_length:
        n = config.min_password_length
        # the value shown is the length, never the password
        return [
            _problem(
                "password", f"{len(password)} 字符", f"至少 {n} 个字符", f"at least {n} characters"
            )
        ]
    return []


def _write(
    workspace: Workspace,
    table: pd.DataFrame,
    actor: Actor,
    action: str,
    name: str,
    now: datetime,
    detail: str = "",
) -> None:
    """Store the account table and its audit row in one atomic step (the lock is held)."""
    log = audit.appended(workspace, actor, action, target=name, detail=detail, now=now)
    workspace.write_many({TABLE: table[COLUMNS].reset_index(drop=True), audit.TABLE: log})


def add_account(
    workspace: Workspace,
    name: str,
    password: str,
    *,
    role: str,
    town: str | None = None,
    config: AuthSettings,
    by: Actor,
    must_change: bool = False,
    external: bool = False,
    now: datetime | None = None,
) -> Account:
    """Create an account. Every problem (name taken or empty, role, town, password) at once.

    An ``external`` account (``password`` ignored) signs in through the intranet's identity
    provider only (:func:`sign_in_external`): its name is the provider's user (an e-mail), its
    row maps it to a role; no password of it exists, so the form refuses it."""
    moment = _now(now)
    name = name.strip()
    town = (town or "").strip() or None
    with workspace_lock(workspace, what="accounts"):
        table = _table(workspace)
        problems = [] if name else [_problem("name", name, "须填写用户名", "a name is needed")]
        if any(unicodedata.category(c)[0] in "CZ" and c != " " for c in name) or len(name) > 64:
            problems.append(
                _problem(
                    "name", name.encode("unicode_escape").decode()[:80],
                    "用户名须为 64 个以内的可见字符", "at most 64 visible characters",
                )
            )  # fmt: skip
        if name in set(table["name"]):
            problems.append(_problem("name", name, "该用户名已存在", "this name is taken"))
        problems += _role_problems(workspace, role, town)
        problems += [] if external else _password_problems(password, config)
        if problems:
            raise ValidationError(problems, source=_SOURCE)
        row = {
            "name": name,
            "role": role,
            "town": town or "",
            "password_hash": EXTERNAL if external else _HASHER.hash(password),
            "failures": 0,
            "locked_until": "",
            "disabled": 0,
            "must_change": int(must_change),
            "created": audit.stamp(moment),
        }
        table = pd.concat([table, pd.DataFrame([row])], ignore_index=True)
        detail = role if town is None else f"{role}:{town}"
        _write(workspace, table, by, "account_add", name, moment, detail)
    return get_account(workspace, name)


def _change(
    workspace: Workspace,
    name: str,
    by: Actor,
    action: str,
    now: datetime | None,
    detail: str = "",
    **values: object,
) -> Account:
    moment = _now(now)
    with workspace_lock(workspace, what="accounts"):
        get_account(workspace, name)
        table = _table(workspace)
        at = table.index[table["name"] == name][0]
        for column, value in values.items():
            table.loc[at, column] = value  # type: ignore[call-overload]
        _write(workspace, table, by, action, name, moment, detail)
    return get_account(workspace, name)


def set_password(
    workspace: Workspace,
    name: str,
    password: str,
    *,
    config: AuthSettings,
    by: Actor,
    must_change: bool = False,
    now: datetime | None = None,
) -> Account:
    """Give ``name`` a new password (and unlock it)."""
    if problems := _password_problems(password, config):
        raise ValidationError(problems, source=_SOURCE)
    return _change(
        workspace, name, by, "account_password", now,
        password_hash=_HASHER.hash(password), failures=0, locked_until="",
        must_change=int(must_change),
    )  # fmt: skip


def disable_account(
    workspace: Workspace, name: str, *, by: Actor, now: datetime | None = None
) -> Account:
    """Disable ``name``: it can no longer sign in (its audit rows stay)."""
    return _change(workspace, name, by, "account_disable", now, disabled=1)


def set_role(
    workspace: Workspace,
    name: str,
    role: str,
    *,
    town: str | None = None,
    by: Actor,
    now: datetime | None = None,
) -> Account:
    """Give ``name`` another role (a town account: with its town)."""
    town = (town or "").strip() or None
    if problems := _role_problems(workspace, role, town):
        raise ValidationError(problems, source=_SOURCE)
    detail = role if town is None else f"{role}:{town}"
    return _change(workspace, name, by, "account_role", now, detail, role=role, town=town or "")


def authenticate(
    workspace: Workspace,
    name: str,
    password: str,
    *,
    config: AuthSettings,
    now: datetime | None = None,
) -> Session:
    """Sign ``name`` in; every attempt is audited.

    Raises
    ------
    errors.SignInError
        A wrong name or password (one message for both), a locked or a disabled account.
    """
    moment = _now(now)
    with workspace_lock(workspace, what="sign-in"):
        table = _table(workspace)
        match = table.index[table["name"] == name]
        if match.empty:
            _verify(_dummy(), password)
            stranger = Account(name=name, role="")
            _write(workspace, table, stranger, "sign_in_failed", name, moment, "unknown name")
            raise SignInError(_WRONG)
        at = match[0]
        account = _account(table.loc[at])
        if account.disabled:
            _write(workspace, table, account, "sign_in_failed", name, moment, "disabled")
            raise SignInError(f"{name}: 账户已停用 / this account is disabled")
        locked = account.locked_until and datetime.fromisoformat(account.locked_until) > moment
        if locked:
            _write(workspace, table, account, "sign_in_failed", name, moment, "locked")
            raise SignInError(_locked_message(name, account.locked_until))
        stored = str(table.at[at, "password_hash"])
        if not _verify(stored, password):
            failures = int(table.loc[at, "failures"]) + 1
            table.at[at, "failures"] = failures
            if failures >= config.max_failures:
                until = audit.stamp(moment + timedelta(minutes=config.lockout_minutes))
                table.at[at, "failures"] = 0
                table.at[at, "locked_until"] = until
                _write(workspace, table, account, "lock_out", name, moment, f"until {until}")
                raise SignInError(_locked_message(name, until))
            _write(workspace, table, account, "sign_in_failed", name, moment, f"failure {failures}")
            raise SignInError(_WRONG)
        table.at[at, "failures"] = 0
        table.at[at, "locked_until"] = ""
        if _HASHER.check_needs_rehash(stored):
            table.at[at, "password_hash"] = _HASHER.hash(password)
        _write(workspace, table, account, "sign_in", name, moment)
    return Session(_account(table.loc[at]), moment)


def sign_in_external(
    workspace: Workspace, identity: str, *, now: datetime | None = None
) -> Session:
    """Sign in the identity provider's user ``identity`` (already authenticated by it) with the
    role its external account maps it to; audited like a form sign-in.

    Raises
    ------
    errors.SignInError
        No external account maps ``identity`` (the administrator adds one with
        ``cli.py users add NAME --role R --oidc``), or it is disabled.
    """
    moment = _now(now)
    with workspace_lock(workspace, what="sign-in"):
        table = _table(workspace)
        match = table.index[(table["name"] == identity) & (table["password_hash"] == EXTERNAL)]
        if match.empty:
            stranger = Account(name=identity, role="")
            _write(workspace, table, stranger, "sign_in_failed", identity, moment, "no mapping")
            raise SignInError(
                f"{identity}: 未授权使用 ParkPlan，请管理员为其分配角色 / not mapped to a role: "
                "ask the administrator (cli.py users add NAME --role R --oidc)"
            )
        account = _account(table.loc[match[0]])
        if account.disabled:
            _write(workspace, table, account, "sign_in_failed", identity, moment, "disabled")
            raise SignInError(f"{identity}: 账户已停用 / this account is disabled")
        _write(workspace, table, account, "sign_in", identity, moment, "identity provider")
    return Session(account, moment)


def _verify(stored: str, password: str) -> bool:
    try:
        return _HASHER.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False


def _locked_message(name: str, until: str) -> str:
    return (
        f"{name}: 多次密码错误，账户锁定至 {until} / too many failed sign-ins: the account is "
        f"locked until {until}"
    )
