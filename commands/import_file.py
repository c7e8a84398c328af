"""``cli.py import``: validate a file and store it in the workspace, or nothing."""

from __future__ import annotations

import argparse

from commands import EXIT_OK, add_workspace_argument
from geo.chinese_offsets import COORD_SYSTEMS
from store.imports import IMPORTABLE, import_file
from store.workspace import Workspace

NAME = "import"
HELP = "validate a file and store it in the workspace"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", help="CSV, Excel, GeoPackage, Shapefile or GeoJSON")
    parser.add_argument("--layer", required=True, choices=IMPORTABLE)
    parser.add_argument(
        "--coords",
        default="wgs84",
        choices=COORD_SYSTEMS,
        help="coordinate system of lon/lat columns (default wgs84)",
    )
    parser.add_argument("--year", type=int, help="survey year of an enterprise file")
    add_workspace_argument(parser)
    parser.add_argument("--dry-run", action="store_true", help="check only; store nothing")


def run(args: argparse.Namespace) -> int:
    """Validate a file and store it in the workspace (nothing is stored if any row is wrong)."""
    report = import_file(
        Workspace.open(args.workspace),
        args.file,
        layer=args.layer,
        coords=args.coords,
        year=args.year,
        dry_run=args.dry_run,
    )
    verb = "检查通过 checked" if report.dry_run else "已导入 imported"
    years = (
        f" survey years {', '.join(map(str, report.survey_years))}" if report.survey_years else ""
    )
    print(
        f"{verb}: {report.source} → {report.layer}: {report.rows:,} rows{years}; "
        f"{report.replaced:,} stored rows {'would be ' if report.dry_run else ''}replaced"
    )
    return EXIT_OK
