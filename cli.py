"""ParkPlan without a browser: the same computations the app shows.

Exit status: 0 done; 2 wrong usage; 3 the input broke the contract (the message names file,
row, field and the allowed values; nothing was written); 1 anything else.

Each sub-command is a module of the ``commands`` package (a registry found by name); this file
only parses, dispatches and turns ParkPlan errors into messages and exit codes.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from commands import EXIT_CONTRACT, EXIT_ERROR, EXIT_USAGE, discover
from errors import SUMMARY_FROM, ParkPlanError, ValidationError, WorkspaceLocationError
from store.errorlog import record_failure, scrub
from store.workspace import ENV_VAR

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
        print(_refusal(exc, getattr(args, "problems", None)), file=sys.stderr)
        return EXIT_CONTRACT
    except WorkspaceLocationError as exc:
        print(f"error: {scrub(str(exc))}", file=sys.stderr)
        return EXIT_USAGE
    except ParkPlanError as exc:
        print(f"error: {scrub(str(exc))}", file=sys.stderr)
        return EXIT_ERROR
    except OSError as exc:  # a path the OS refuses (unwritable, /proc, a full disk): one line
        print(f"error: {scrub(str(exc))}", file=sys.stderr)
        return EXIT_USAGE
    except Exception as exc:  # a bug: the traceback to the errors log, one line here
        where = _location(args)
        logged = record_failure(exc, location=where, what=f"cli.py {args.command}")
        first = scrub((str(exc).splitlines() or [""])[0])
        print(
            f"error: 意外失败 / an unexpected failure ({type(exc).__name__}: {first}); "
            f"details in {logged or 'the process log'}",
            file=sys.stderr,
        )
        return EXIT_ERROR


def _refusal(exc: ValidationError, problems: str | None) -> str:
    """The refusal as the terminal shows it: every problem when there are few, else a summary
    by field and rule (never more than ~40 lines); the full list goes to ``--problems``."""
    text = str(exc) if exc.total <= SUMMARY_FROM else exc.summary()
    if problems:
        from exports.problems import write_problems

        out = write_problems(exc, Path(problems))
        return f"{text}\n全部 {exc.total:,} 个问题已写入 / every problem written to {out}"
    if exc.total > SUMMARY_FROM:
        return f"{text}\n加 --problems 问题.csv 可写出全部问题 / add --problems OUT.csv for all"
    return text


def _location(args: argparse.Namespace) -> str | None:
    where = getattr(args, "workspace", None) or os.environ.get(ENV_VAR)
    return str(where) if where else None


if __name__ == "__main__":
    sys.exit(main())
