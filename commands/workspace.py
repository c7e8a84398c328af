"""``cli.py workspace copy SRC DST``: copy a workspace between back ends, with a count check.

SRC and DST are each a GeoPackage path or a ``postgresql://`` address (see README, "A shared
workspace on PostGIS"). DST must be new or empty. Prints the rows of every layer and table on
both sides; exits 1 when they differ.
"""

from __future__ import annotations

import argparse
import sys

from commands import EXIT_OK
from store.copy import copy_workspace
from store.pg_connection import parse_address
from store.workspace import is_database_location

NAME = "workspace"
HELP = "copy a workspace between GeoPackage and PostGIS (workspace copy SRC DST)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="action", required=True)
    copy = actions.add_parser("copy", help="copy every layer, table and raster; check counts")
    copy.add_argument("source", help="GeoPackage path or postgresql:// address to copy from")
    copy.add_argument("target", help="new GeoPackage path or empty postgresql:// schema")


def _shown(location: str) -> str:
    return parse_address(location).safe if is_database_location(location) else location


def run(args: argparse.Namespace) -> int:
    """Copy ``source`` into ``target`` and print the row counts of both."""

    def report(fraction: float, message: str) -> None:
        print(f"  {fraction:4.0%} {message}", file=sys.stderr)

    counts = copy_workspace(args.source, args.target, on_progress=report)
    print(f"已复制 copied {_shown(args.source)} → {_shown(args.target)}")
    print(f"  {'layer / table':<28} {'source':>10} {'target':>10}")
    for name, (before, after) in counts.items():
        print(f"  {name:<28} {before:>10,} {after:>10,}")
    print(f"行数一致 counts match: {len(counts)} layers and tables")
    return EXIT_OK
