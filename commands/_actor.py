"""Who a writing command acts as: ``--as NAME`` (that account's role; its password on standard
input, never an argument), else the OS user as admin — whoever administers the server runs the
CLI (issue 20). Every writing command and every export takes the option and passes the account
to :mod:`store.actions`, which checks the role and writes the audit."""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Callable, Collection
from pathlib import Path

from config import load_settings
from store.accounts import Account, authenticate
from store.actions import export_as
from store.workspace import Workspace

__all__ = ["actor_of", "add_actor_argument", "administrator", "export_file"]


def add_actor_argument(parser: argparse.ArgumentParser) -> None:
    """The ``--as NAME`` option: act with that account's role (password on stdin)."""
    parser.add_argument(
        "--as",
        dest="as_user",
        metavar="NAME",
        help="act as this account, with its role (its password on standard input); default: "
        "the OS user, as admin",
    )


def administrator() -> Account:
    """Who the CLI acts as without ``--as``: the OS user, with the role admin."""
    return Account(name=getpass.getuser(), role="admin")


def actor_of(args: argparse.Namespace, workspace: Workspace) -> Account:
    """The account of ``--as`` signed in with the password read from standard input (audited
    like a sign-in on the page; a wrong one is refused), else :func:`administrator`."""
    name = getattr(args, "as_user", None)
    if not name:
        return administrator()
    password = sys.stdin.readline().rstrip("\r\n")
    session = authenticate(workspace, name, password, config=load_settings().auth)
    return session.account


def export_file(
    args: argparse.Namespace,
    workspace: Workspace,
    kind: str,
    out: Path,
    write: Callable[[], object],
    *,
    towns: Collection[str] = (),
) -> None:
    """Write ``out`` with ``write`` as an export of ``kind`` by the account of ``--as``:
    checked against its role first, audited with the file's SHA-256 after.

    When ``write`` returns a list of paths (a table written as several files), each is
    audited; otherwise ``out``. ``towns`` are the towns the export concerns: a town account
    may export it when that is its own town alone (``store.roles.TOWN_SCOPED``).
    """

    def files() -> list[Path]:
        written = write()
        if isinstance(written, list) and all(isinstance(p, Path) for p in written):
            return written
        return [out]

    actor = actor_of(args, workspace)
    town = actor.town if actor.role == "town" and set(towns) == {actor.town} else None
    export_as(workspace, actor, kind, files, town=town, target=str(out))
