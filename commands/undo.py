"""``cli.py undo``: restore the layer of the last import to its content before it, atomically."""

from __future__ import annotations

import argparse

from commands import EXIT_OK, add_workspace_argument
from commands._actor import actor_of, add_actor_argument
from store.actions import undo_as
from store.workspace import Workspace

NAME = "undo"
HELP = "take back the last import (restores that layer as it was before, atomically)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_workspace_argument(parser)
    add_actor_argument(parser)


def run(args: argparse.Namespace) -> int:
    """Undo the last import; refuse when there is none or the data changed since."""
    ws = Workspace.open(args.workspace)
    entry = undo_as(ws, actor_of(args, ws))
    print(
        f"已撤销 undone: import {entry['undoes']} of {entry['file']} → {entry['layer']}; "
        f"{entry['rows']:,} rows restored (history entry {entry['entry']})"
    )
    return EXIT_OK
