"""``cli.py history``: every import, undo and restore of the workspace, oldest first."""

from __future__ import annotations

import argparse

from commands import EXIT_OK, add_workspace_argument
from store.history import COLUMNS, read_history
from store.workspace import Workspace

NAME = "history"
HELP = "list the imports, undos and restores of the workspace (who, when, file, SHA-256, counts)"
# the stored columns, without the data versions, with the (shortened) checksum last
SHOWN = [c for c in COLUMNS if c not in ("sha256", "version_before", "version_after")]
SHOWN.append("sha256")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_workspace_argument(parser)


def run(args: argparse.Namespace) -> int:
    """Print the import history."""
    history = read_history(Workspace.open(args.workspace))
    if history.empty:
        print("尚无导入 no imports yet")
        return EXIT_OK
    table = history[SHOWN].assign(
        sha256=history["sha256"].str[:12], undoes=history["undoes"].replace(0, "")
    )
    print(table.to_string(index=False))
    return EXIT_OK
