"""``cli.py import``: validate a file, show what it changes, and store it (or, ``--dry-run``, not).

Exit 3 when the file breaks the contract or is refused as hostile (nothing written), 1 when the
workspace is busy with another import or something unexpected happened (logged; nothing written).
"""

from __future__ import annotations

import argparse

import pandas as pd

from commands import EXIT_OK, add_workspace_argument
from commands._actor import actor_of, add_actor_argument
from geo.chinese_offsets import COORD_SYSTEMS
from store.actions import apply_import_as, plan_import_as
from store.imports import IMPORTABLE, ImportPlan
from store.workspace import Workspace

NAME = "import"
HELP = "validate a file, show what it would change, and store it in the workspace"
SHOWN_CHANGES = 30


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "file", help="CSV, Excel, GeoPackage, GeoJSON, Shapefile or zipped Shapefile"
    )
    parser.add_argument("--layer", required=True, choices=IMPORTABLE)
    parser.add_argument(
        "--coords",
        default="wgs84",
        choices=COORD_SYSTEMS,
        help="coordinate system of lon/lat columns or of a lon/lat layer (default wgs84)",
    )
    parser.add_argument("--year", type=int, help="survey year of an enterprise file")
    add_workspace_argument(parser)
    parser.add_argument("--dry-run", action="store_true", help="check and compare; store nothing")
    add_actor_argument(parser)
    parser.add_argument("--changes", help="write every change to this CSV (UTF-8 with BOM)")


def _print_plan(plan: ImportPlan) -> None:
    for warning in plan.warnings:
        print(f"注意 warning: {warning.describe()}")
    print(f"变化 changes: {plan.changes.summary()}")
    table = plan.changes.table
    if len(table):
        shown = table.head(SHOWN_CHANGES)
        print(shown.to_string(index=False))
        if len(table) > SHOWN_CHANGES:
            print(f"… {len(table) - SHOWN_CHANGES:,} more (--changes FILE writes them all)")


def _write_changes(plan: ImportPlan, path: str, ws: Workspace) -> None:
    from exports.tables import Provenance, write_csv

    labels = {"key": "编号", "name": "名称", "change": "变化", "fields": "变化字段"}
    what = f"import preview of {plan.source} → {plan.layer}"
    frame = pd.DataFrame(plan.changes.table)
    write_csv(frame, path, provenance=Provenance(what, ws.data_version()), labels=labels)


def run(args: argparse.Namespace) -> int:
    """Validate a file and store it in the workspace (nothing is stored if any row is wrong)."""
    ws = Workspace.open(args.workspace)
    actor = actor_of(args, ws)
    plan = plan_import_as(
        ws, actor, args.file, layer=args.layer, coords=args.coords, year=args.year
    )
    _print_plan(plan)
    if args.changes:
        _write_changes(plan, args.changes, ws)
    years = f" survey years {', '.join(map(str, plan.years))}" if plan.years else ""
    if args.dry_run:
        print(
            f"检查通过 checked: {plan.source} → {plan.layer}: {plan.rows:,} rows{years}; "
            f"{plan.replaced:,} stored rows would be replaced (nothing stored)"
        )
        return EXIT_OK
    report = apply_import_as(ws, actor, plan)
    print(
        f"已导入 imported: {report.source} → {report.layer}: {report.rows:,} rows{years}; "
        f"{report.replaced:,} stored rows replaced (history entry {report.entry}; "
        "cli.py undo takes it back)"
    )
    return EXIT_OK
