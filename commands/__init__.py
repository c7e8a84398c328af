"""The sub-commands of ``cli.py``: one module per command, found by name.

Each module defines ``NAME`` (the sub-command), ``HELP`` (one line), ``add_arguments(parser)`` and
``run(args) -> int`` (the exit status). :func:`discover` lists them, so adding a command is adding a
module here; ``cli.py`` never changes. Plain Python: commands call ``geo``, ``scoring``, ``store``
and ``exports``, print their result and return an exit status.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType

__all__ = [
    "EXIT_CONTRACT",
    "EXIT_ERROR",
    "EXIT_OK",
    "EXIT_USAGE",
    "Command",
    "add_problems_argument",
    "add_workspace_argument",
    "discover",
]

EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_CONTRACT = 0, 1, 2, 3


@dataclass(frozen=True)
class Command:
    """One sub-command of ``cli.py``."""

    name: str
    help: str
    add_arguments: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace], int]


def _command(module: ModuleType) -> Command:
    return Command(
        name=module.NAME,
        help=module.HELP,
        add_arguments=module.add_arguments,
        run=module.run,
    )


def discover() -> dict[str, Command]:
    """Every command module of this package, by command name (in module-name order)."""
    found: dict[str, Command] = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        command = _command(module)
        found[command.name] = command
    return found


def add_problems_argument(parser: argparse.ArgumentParser) -> None:
    """The ``--problems`` option of every command that reads a file: where a refusal's full list
    of problems goes (the terminal shows a summary when there are more than 20)."""
    parser.add_argument(
        "--problems",
        metavar="OUT.csv",
        help="when the file is refused, write every problem here (.csv with BOM or .xlsx)",
    )


def add_workspace_argument(parser: argparse.ArgumentParser) -> None:
    """The ``--workspace`` option every command that reads the workspace shares."""
    parser.add_argument(
        "--workspace",
        help="GeoPackage path or postgresql:// address (created from the bundled sample if "
        "missing or empty); default $PARKPLAN_WORKSPACE or workspace/parkplan.gpkg",
    )
