"""``cli.py restore ENTRY``: bring the data layers back to what they were after a history entry,
as one write that is itself recorded in the history."""

from __future__ import annotations

import argparse
import getpass

from commands import EXIT_OK, add_workspace_argument
from store.history import restore_to
from store.workspace import Workspace

NAME = "restore"
HELP = "bring the layers back to their state after a history entry (see `history`), atomically"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "entry", type=int, help="the history entry to go back to (0: before the first change)"
    )
    add_workspace_argument(parser)
    parser.add_argument("--user", help="name recorded in the import history (default: login)")


def run(args: argparse.Namespace) -> int:
    """Restore to ``args.entry``; refuse (with the reason) when no snapshot reaches it or a
    layer's columns changed since."""
    entry = restore_to(
        Workspace.open(args.workspace), args.entry, user=args.user or getpass.getuser()
    )
    print(
        f"已恢复 restored: {entry['layer']} as after entry {entry['undoes']} "
        f"({entry['rows']:,} rows; history entry {entry['entry']})"
    )
    return EXIT_OK
