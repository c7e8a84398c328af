"""The accounts the page and browser tests sign in with, one per role, and how to create them.

Tests sign in like a user: through the form (AppTest: the ``login_user``/``login_password``
inputs; the browser: the same inputs by their keys), never by writing the session state.
"""

from __future__ import annotations

from config import load_settings
from store.accounts import Account, add_account, list_accounts
from store.workspace import Workspace

__all__ = ["PASSWORDS", "ROLES_OF", "create_accounts"]

# name → (role, town); every password is the name's own line in PASSWORDS
ROLES_OF: dict[str, tuple[str, str | None]] = {
    "李规划": ("planner", None),
    "国土张": ("land", None),
    "化龙_clerk": ("town", "化龙"),
    "只读王": ("viewer", None),
    "管理员": ("admin", None),
}
PASSWORDS = {name: f"{name}-pw-2026!" for name in ROLES_OF}
_ROOT = Account(name="pytest", role="admin")


def create_accounts(location: str) -> None:
    """Add every test account the workspace at ``location`` does not have yet."""
    ws = Workspace.open(location)
    config = load_settings().auth
    have = {a.name for a in list_accounts(ws)}
    for name, (role, town) in ROLES_OF.items():
        if name not in have:
            add_account(ws, name, PASSWORDS[name], role=role, town=town, config=config, by=_ROOT)
