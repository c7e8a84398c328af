"""``cli.py undo``: restore the layer of the last import to its content before it, atomically."""

from __future__ import annotations

import argparse
import getpass

from commands import EXIT_OK, add_workspace_argument
from store.history import undo_last
from store.workspace import Workspace

NAME = "undo"
HELP = "take back the last import (restores that layer as it was before, atomically)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_workspace_argument(parser)
    parser.add_argument("--user", help="name recorded in the import history (default: login)")


def run(args: argparse.Namespace) -> int:
    """Undo the last import; refuse when there is none or the data changed since."""
    entry = undo_last(Workspace.open(args.workspace), user=args.user or getpass.getuser())
    print(
        f"已撤销 undone: import {entry['undoes']} of {entry['file']} → {entry['layer']}; "
        f"{entry['rows']:,} rows restored (history entry {entry['entry']})"
    )
    return EXIT_OK
