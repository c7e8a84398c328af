"""Typed settings of the sign-in: ``[auth]`` (local accounts, lock-out, idle expiry)."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from config.fields import Positive, Section, msg

__all__ = ["AuthSettings"]

_COUNT = msg("须为整数 ≥ 1", "must be an integer ≥ 1")


class AuthSettings(Section):
    """``[auth]``: password length floor, failures before lock-out, lock time, idle expiry."""

    min_password_length: Annotated[
        int, Field(ge=8, le=256, description=msg("须为整数 8–256", "must be an integer 8–256"))
    ]
    max_failures: Annotated[int, Field(ge=1, description=_COUNT)]
    lockout_minutes: Annotated[int, Field(ge=1, description=_COUNT)]
    idle_hours: Positive
