"""``cli.py users``: local accounts of the workspace — add, list, passwd, disable, role.

The CLI is run by whoever administers the server and acts as admin: the audit records the OS
user (``getpass.getuser()``) with the role ``admin``. A password is never an argument: it is read
from standard input (one line, for scripts) or asked twice at a terminal prompt.
"""

from __future__ import annotations

import argparse
import getpass
import sys

from commands import EXIT_OK, add_workspace_argument
from commands._actor import administrator
from config import load_settings
from errors import Problem, ValidationError
from store.accounts import (
    Account,
    add_account,
    disable_account,
    list_accounts,
    set_password,
    set_role,
)
from store.roles import ROLES
from store.sessions import ensure_admin
from store.workspace import Workspace

NAME = "users"
HELP = "local accounts: add, list, passwd, disable, role, ensure-admin (acts as admin; audited)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="users_command", required=True)
    add = sub.add_parser("add", help="create an account (password from stdin or a prompt)")
    add.add_argument("name")
    add.add_argument("--role", required=True, choices=list(ROLES))
    add.add_argument("--town", help="the town of a town account (e.g. 化龙)")
    add.add_argument(
        "--oidc",
        action="store_true",
        help="a user of the identity provider ([auth] provider): NAME is its e-mail; no password",
    )
    listing = sub.add_parser("list", help="every account with its role, town and state")
    passwd = sub.add_parser("passwd", help="set a new password (and unlock the account)")
    passwd.add_argument("name")
    disable = sub.add_parser("disable", help="the account can no longer sign in")
    disable.add_argument("name")
    role = sub.add_parser("role", help="give an account another role")
    role.add_argument("name")
    role.add_argument("role", choices=list(ROLES))
    role.add_argument("--town", help="the town of a town account")
    first = sub.add_parser(
        "ensure-admin",
        help="on a workspace without accounts, create admin with a one-time password printed "
        "once (scripts/run.sh runs it)",
    )
    for p in (add, listing, passwd, disable, role, first):
        add_workspace_argument(p)


def read_password(what: str) -> str:
    """A password from standard input (first line) or, at a terminal, asked twice."""
    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass(f"{what} 密码 / password: ")
    if getpass.getpass("再输入一次 / again: ") != first:
        problem = Problem("账户 accounts", None, "password", None, "两次输入不一致 / not the same")
        raise ValidationError([problem], source="账户 accounts")
    return first


def _list(ws: Workspace) -> None:
    accounts = list_accounts(ws)
    if not accounts:
        print("没有账户 / no accounts")
        return
    print(f"{'name':<20} {'role':<8} {'town':<6} state")
    for a in accounts:
        state = ", ".join(
            s
            for s, on in (
                ("disabled", a.disabled),
                (f"locked until {a.locked_until}", bool(a.locked_until)),
                ("must change password", a.must_change),
            )
            if on
        )
        print(f"{a.name:<20} {a.role:<8} {a.town or '':<6} {state or 'active'}")


def _role(account: Account) -> str:
    return account.role if account.town is None else f"{account.role} {account.town}"


def run(args: argparse.Namespace) -> int:
    """Do the account change asked for and print what it did."""
    ws = Workspace.open(args.workspace)
    config = load_settings().auth
    by = administrator()
    command = args.users_command
    if command == "list":
        _list(ws)
        return EXIT_OK
    if command == "ensure-admin":
        once = ensure_admin(ws, config=config, by=by)
        if once is not None:  # printed here once, written nowhere
            print(
                "==> 首次启动：已创建管理员账户 admin，一次性密码（首次登录须修改）/ first start: "
                f"account admin created, one-time password (change it at first sign-in): {once}"
            )
        return EXIT_OK
    if command == "add":
        password = "" if args.oidc else read_password(args.name)
        account = add_account(
            ws, args.name, password, role=args.role, town=args.town, config=config, by=by,
            external=args.oidc,
        )  # fmt: skip
        print(f"已添加 added: {account.name} ({_role(account)})")
    elif command == "passwd":
        password = read_password(args.name)
        account = set_password(ws, args.name, password, config=config, by=by)
        print(f"已更改密码 password changed: {account.name}")
    elif command == "disable":
        account = disable_account(ws, args.name, by=by)
        print(f"已停用 disabled: {account.name}")
    else:
        account = set_role(ws, args.name, args.role, town=args.town, by=by)
        print(f"已更改角色 role changed: {account.name} → {_role(account)}")
    return EXIT_OK
