"""``cli.py restore ENTRY``: bring the data layers back to what they were after a history entry,
as one write that is itself recorded in the history."""

from __future__ import annotations

import argparse

from commands import EXIT_OK, add_workspace_argument
from commands._actor import actor_of, add_actor_argument
from store.actions import restore_as
from store.workspace import Workspace

NAME = "restore"
HELP = "bring the layers back to their state after a history entry (see `history`), atomically"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "entry", type=int, help="the history entry to go back to (0: before the first change)"
    )
    add_workspace_argument(parser)
    add_actor_argument(parser)


def run(args: argparse.Namespace) -> int:
    """Restore to ``args.entry``; refuse (with the reason) when no snapshot reaches it or a
    layer's columns changed since."""
    ws = Workspace.open(args.workspace)
    entry = restore_as(ws, actor_of(args, ws), args.entry)
    print(
        f"已恢复 restored: {entry['layer']} as after entry {entry['undoes']} "
        f"({entry['rows']:,} rows; history entry {entry['entry']})"
    )
    return EXIT_OK
