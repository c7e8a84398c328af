"""Typed settings of the sign-in: ``[auth]`` (local accounts, lock-out, idle expiry, or the
intranet's identity provider)."""

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
    # "" : local accounts (the form); a name: Streamlit's st.login with the [auth.<name>] block of
    # .streamlit/secrets.toml (OIDC), users mapped to roles by external accounts
    provider: Annotated[
        str,
        Field(
            max_length=64,
            pattern=r"^[A-Za-z0-9_-]*$",
            description=msg(
                "须为空或 secrets.toml 中 [auth.名称] 的名称",
                "must be empty or the name of an [auth.NAME] block of secrets.toml",
            ),
        ),
    ] = ""
