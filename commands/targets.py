"""``cli.py targets``: town targets of a year, their completion from the survey, and the rank.

Writes one row per town: ``town``, then for each indicator ``<key>_target`` and ``<key>_actual``
(amounts in 亿元, counts in firms, shares in %), then ``completion`` (%), ``rank`` (1 = best) and
``behind``. ``.csv`` is UTF-8 with BOM and a provenance file beside it; ``.xlsx`` holds one sheet
per indicator with Chinese headers, the ranking and the district goals. A year without survey
data is refused with a message (never a table of zeros).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from commands import EXIT_ERROR, EXIT_OK, EXIT_USAGE, add_workspace_argument
from commands._actor import add_actor_argument, export_file
from config import load_settings
from exports.tables import Provenance, write_csv, write_xlsx
from scoring.targets.completion import evaluate_year
from scoring.targets.report import cli_table, district_panel, report_sheets
from scoring.targets.split import target_years
from store.projects import placed_projects
from store.targets import load_split, read_survey
from store.workspace import Workspace

NAME = "targets"
HELP = "town targets of a year: completion from the survey, rank, towns behind"
SUFFIXES = (".csv", ".xlsx")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--year", type=int, required=True, help="target year (2015–2017)")
    add_workspace_argument(parser)
    add_actor_argument(parser)
    parser.add_argument("--config", help="TOML file merged over config/defaults.toml")
    parser.add_argument("--out", required=True, help="output file: .csv or .xlsx")


def run(args: argparse.Namespace) -> int:
    """Write the year's town targets, actual values, completion and rank to ``--out``."""
    out = Path(args.out)
    if out.suffix.lower() not in SUFFIXES:
        print(f"error: --out {out.name}: use one of {', '.join(SUFFIXES)}", file=sys.stderr)
        return EXIT_USAGE
    settings = load_settings(args.config)
    config = settings.targets
    years = target_years(config)
    if args.year not in years:
        known = ", ".join(map(str, years))
        print(f"error: --year {args.year}: the plan sets targets for {known}", file=sys.stderr)
        return EXIT_USAGE
    workspace = Workspace.open(args.workspace)
    firms, towns = read_survey(workspace)
    split = load_split(workspace, config=config)
    # [projects] actuals_source = "projects": the retrofit actuals from the completed projects
    projects = None
    if settings.projects.actuals_source == "projects":
        projects = placed_projects(workspace)
    report = evaluate_year(
        firms, split.frame, year=args.year, towns=towns, config=config, projects=projects
    )
    if not report.has_survey:
        print(f"error: {report.message('en')} / {report.message('zh')}", file=sys.stderr)
        return EXIT_ERROR
    provenance = Provenance(
        what=f"镇街目标完成情况 town targets {args.year}",
        data_version=workspace.data_version(),
        parameters={**report.parameters, "split": "stored" if split.stored else "default"},
    )

    def write() -> None:
        if out.suffix.lower() == ".csv":
            write_csv(cli_table(report), out, provenance=provenance)
        else:
            panel = district_panel(firms, year=args.year, config=config)
            sheets, labels = report_sheets(report, panel, lang="zh")
            write_xlsx(sheets, out, provenance=provenance, labels=labels)

    export_file(args, workspace, "table", out, write)
    behind = int(report.table["behind"].fillna(False).sum())
    print(f"{out}: {len(report.table)} towns, {behind} behind target ({args.year})")
    return EXIT_OK
