"""A signed-in session's life and the first start: :func:`touch` (idle expiry, ``[auth]
idle_hours``) and :func:`ensure_admin` (the one-time admin password of a new workspace).

The accounts themselves, their hashes and the sign-in are :mod:`store.accounts`.
"""

from __future__ import annotations

import secrets
from dataclasses import replace
from datetime import UTC, datetime, timedelta

from config.settings import AuthSettings
from errors import SignInError
from store.accounts import ADMIN, Session, add_account, list_accounts
from store.roles import Actor
from store.workspace import Workspace

__all__ = ["ensure_admin", "touch"]


def _now(now: datetime | None) -> datetime:
    return (now or datetime.now(UTC)).astimezone(UTC)


def touch(session: Session, *, config: AuthSettings, now: datetime | None = None) -> Session:
    """The session, active again at ``now``; refused when it was idle for ``idle_hours``.

    Raises
    ------
    errors.SignInError
        The session expired: sign in again.
    """
    moment = _now(now)
    if moment - session.last_active > timedelta(hours=config.idle_hours):
        raise SignInError(
            f"{session.account.name}: 超过 {config.idle_hours:g} 小时未操作，请重新登录 / idle for "
            f"more than {config.idle_hours:g} h: sign in again"
        )
    return replace(session, last_active=moment)


def ensure_admin(
    workspace: Workspace, *, config: AuthSettings, by: Actor, now: datetime | None = None
) -> str | None:
    """On a workspace without accounts, create ``admin`` with a random one-time password and
    return it (to be printed once; it must be changed at first sign-in). ``None`` otherwise."""
    if list_accounts(workspace):
        return None
    password = secrets.token_urlsafe(max(12, config.min_password_length))
    add_account(
        workspace, ADMIN, password, role="admin", config=config, by=by, must_change=True, now=now
    )
    return password
