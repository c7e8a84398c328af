"""ParkPlan without a browser: the same computations the app shows.

Exit status: 0 done; 2 wrong usage; 3 the input broke the contract (the message names file,
row, field and the allowed values; nothing was written); 1 anything else.

Each sub-command is a module of the ``commands`` package (a registry found by name); this file
only parses, dispatches and turns ParkPlan errors into messages and exit codes.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from commands import EXIT_CONTRACT, EXIT_ERROR, discover
from errors import ParkPlanError, ValidationError

__all__ = ["build_parser", "main"]

log = logging.getLogger("parkplan")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="cli.py", description=__doc__.splitlines()[0])
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress")
    sub = parser.add_subparsers(dest="command", required=True)
    for command in discover().values():
        command.add_arguments(sub.add_parser(command.name, help=command.help))
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on wrong usage, 0 on --help
        return int(exc.code or 0)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    try:
        return discover()[args.command].run(args)
    except ValidationError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_CONTRACT
    except ParkPlanError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_ERROR


if __name__ == "__main__":
    sys.exit(main())
