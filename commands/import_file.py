"""``cli.py import``: validate a file, show what it changes, and store it (or, ``--dry-run``, not).

``--layer projects`` imports a town's technical-retrofit project library (an attribute table:
CSV or Excel with the Chinese headers of DATA_MODEL.md; ``store.project_actions``), checked
against ``[projects]`` of ``--config``; ``--year`` is then the library year of rows without one.
``--layer violations`` imports the yearly violations table (一票否决: USCC, year, kind, date,
document number; ``store.violation_import``), replacing the stored rows of the file's years.

Exit 3 when the file breaks the contract or is refused as hostile (nothing written), 1 when the
workspace is busy with another import or something unexpected happened (logged; nothing written).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

import pandas as pd

from commands import EXIT_OK, add_problems_argument, add_workspace_argument
from commands._actor import actor_of, add_actor_argument
from config import load_settings
from geo.chinese_offsets import COORD_SYSTEMS
from store.accounts import Account
from store.actions import apply_import_as, plan_import_as
from store.imports import IMPORTABLE, ImportPlan
from store.project_actions import apply_projects_import_as, plan_projects_import_as
from store.project_import import ProjectsPlan
from store.violation_import import (
    ViolationsPlan,
    apply_violations_import_as,
    plan_violations_import_as,
)
from store.workspace import Workspace

NAME = "import"
HELP = "validate a file, show what it would change, and store it in the workspace"
SHOWN_CHANGES = 30
PROJECTS_LAYER = "projects"
VIOLATIONS_LAYER = "violations"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "file", help="CSV, Excel, GeoPackage, GeoJSON, Shapefile or zipped Shapefile"
    )
    parser.add_argument(
        "--layer", required=True, choices=(*IMPORTABLE, PROJECTS_LAYER, VIOLATIONS_LAYER)
    )
    parser.add_argument(
        "--coords",
        default="wgs84",
        choices=COORD_SYSTEMS,
        help="coordinate system of lon/lat columns or of a lon/lat layer (default wgs84)",
    )
    parser.add_argument(
        "--year",
        type=int,
        help="survey year of an enterprise file; library year of project rows that give none",
    )
    parser.add_argument("--config", help="TOML merged over the defaults ([projects] for projects)")
    add_workspace_argument(parser)
    parser.add_argument("--dry-run", action="store_true", help="check and compare; store nothing")
    add_actor_argument(parser)
    add_problems_argument(parser)
    parser.add_argument("--changes", help="write every change to this CSV (UTF-8 with BOM)")


def _print_plan(plan: ImportPlan | ProjectsPlan | ViolationsPlan) -> None:
    for warning in plan.warnings:
        print(f"注意 warning: {warning.describe()}")
    print(f"变化 changes: {plan.changes.summary()}")
    table = plan.changes.table
    if len(table):
        shown = table.head(SHOWN_CHANGES)
        print(shown.to_string(index=False))
        if len(table) > SHOWN_CHANGES:
            print(f"… {len(table) - SHOWN_CHANGES:,} more (--changes FILE writes them all)")


def _write_changes(
    plan: ImportPlan | ProjectsPlan | ViolationsPlan, path: str, ws: Workspace
) -> None:
    from exports.tables import Provenance, write_csv

    labels = {"key": "编号", "name": "名称", "change": "变化", "fields": "变化字段"}
    what = f"import preview of {plan.source} → {plan.layer}"
    frame = pd.DataFrame(plan.changes.table)
    write_csv(frame, path, provenance=Provenance(what, ws.data_version()), labels=labels)


def run(args: argparse.Namespace) -> int:
    """Validate a file and store it in the workspace (nothing is stored if any row is wrong)."""
    ws = Workspace.open(args.workspace)
    actor = actor_of(args, ws)
    if args.layer == PROJECTS_LAYER:
        return _run_projects(args, ws, actor)
    if args.layer == VIOLATIONS_LAYER:
        return _run_violations(args, ws, actor)
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


def _run_table(
    args: argparse.Namespace,
    ws: Workspace,
    plan: Any,
    apply: Callable[[Any], Any],
    words: tuple[str, str, str],
) -> int:
    """Preview, dry run or write a data table's import (the project library, the violations):
    ``words`` name the table, its years and its rows in the messages."""
    table, years_word, rows_word = words
    _print_plan(plan)
    if args.changes:
        _write_changes(plan, args.changes, ws)
    years = ", ".join(map(str, plan.years))
    if args.dry_run:
        print(
            f"检查通过 checked: {plan.source} → {table}: {plan.rows:,} rows, {years_word} "
            f"{years}; {plan.replaced:,} stored {rows_word} would be replaced (nothing stored)"
        )
        return EXIT_OK
    report = apply(plan)
    print(
        f"已导入 imported: {report.source} → {table}: {report.rows:,} rows, {years_word} "
        f"{years}; {report.replaced:,} stored {rows_word} replaced (history entry {report.entry}; "
        "cli.py undo takes it back)"
    )
    return EXIT_OK


def _run_projects(args: argparse.Namespace, ws: Workspace, actor: Account) -> int:
    settings = load_settings(args.config).projects
    plan = plan_projects_import_as(ws, actor, args.file, settings=settings, year=args.year)
    return _run_table(
        args,
        ws,
        plan,
        lambda p: apply_projects_import_as(ws, actor, p),
        ("projects", "library years", "projects"),
    )


def _run_violations(args: argparse.Namespace, ws: Workspace, actor: Account) -> int:
    plan = plan_violations_import_as(ws, actor, args.file)
    return _run_table(
        args,
        ws,
        plan,
        lambda p: apply_violations_import_as(ws, actor, p),
        ("violations", "years", "rows"),
    )
