"""``cli.py progress``: the plan's progress 2015–2017 per town, year and indicator, and the
follow-up of the base year's phase-out candidates.

``python cli.py progress [--workspace W] [--parks] --out F.csv|F.xlsx [--as ACCOUNT]``

Per town (and the district, 全区), target year and indicator: target, actual, completion (%),
rank (competition ranking of the overall completion: ties share a rank) and its change from the
year before (positive = up); the ranking of every year side by side; each 2015 phase-out
candidate followed into 2016–2017 (仍为候选 / 改善 / 迁出 / 关停) with the land it freed, and a
summary. ``--parks`` adds the parks' retrofit scores of every year (slower: one park scoring a
year). ``.xlsx``: one sheet per table and an About sheet; ``.csv``: the progress table at
``F.csv``, the others beside it (``F.ranking.csv``, ``F.follow_up.csv``,
``F.follow_up_summary.csv``, ``F.parks.csv``), UTF-8 with BOM, provenance beside each.
Chinese headers, neutralised cells; checked against the account's role and audited.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from commands import EXIT_OK, EXIT_USAGE, add_workspace_argument
from commands._actor import add_actor_argument, export_file
from config import load_settings
from exports.progress import progress_sheets, write_progress
from exports.tables import Provenance
from scoring.progress.follow_up import follow_up, follow_up_summary
from scoring.progress.parks import park_scores_by_year, park_scores_wide
from scoring.progress.towns import ranking_wide, town_progress
from scoring.targets.split import target_years
from store.projects import placed_projects
from store.targets import load_split, read_survey
from store.workspace import Workspace

NAME = "progress"
HELP = "the plan's progress 2015-2017: targets per town and year, ranks, phase-out follow-up"
SUFFIXES = (".csv", ".xlsx")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_workspace_argument(parser)
    add_actor_argument(parser)
    parser.add_argument("--config", help="TOML file merged over config/defaults.toml")
    parser.add_argument(
        "--parks", action="store_true", help="add the parks' retrofit scores of every year"
    )
    parser.add_argument("--out", required=True, help="output file: .csv or .xlsx")


def run(args: argparse.Namespace) -> int:
    """Write the progress tables to ``--out`` (and its sibling CSV files)."""
    out = Path(args.out)
    if out.suffix.lower() not in SUFFIXES:
        print(f"error: --out {out.name}: use one of {', '.join(SUFFIXES)}", file=sys.stderr)
        return EXIT_USAGE
    settings = load_settings(args.config)
    config = settings.targets
    workspace = Workspace.open(args.workspace)
    firms, towns = read_survey(workspace)
    split = load_split(workspace, config=config)
    projects = (
        placed_projects(workspace) if settings.projects.actuals_source == "projects" else None
    )
    progress = town_progress(firms, split.frame, towns=towns, config=config, projects=projects)
    enterprises = workspace.read("enterprises")
    follow = follow_up(enterprises, config=settings, base_year=config.base_year)
    years = target_years(config)
    parks = None
    if args.parks:
        parks = park_scores_wide(park_scores_by_year(workspace, settings, years))
    tables = progress_sheets(progress, ranking_wide(progress), follow, follow_up_summary(follow),
                             parks)  # fmt: skip
    provenance = Provenance(
        what=f"规划进度 plan progress {years[0]}–{years[-1]}",
        data_version=workspace.data_version(),
        parameters={
            "years": years,
            "base_year": config.base_year,
            "cap": config.cap,
            "ranking": "competition ranking of the overall completion (ties share a rank)",
            "split": "stored" if split.stored else "default",
            "retrofit_actuals": "survey" if projects is None else "projects",
            "follow_up": "phase-out candidates of the base year, by USCC",
        },
    )
    export_file(
        args, workspace, "table", out, lambda: write_progress(tables, out, provenance=provenance)
    )
    summary = tables["summary"]
    last = summary[summary["year"] == summary["year"].max()] if len(summary) else summary
    freed = float(last["land_freed_mu"].sum()) if len(last) else 0.0
    print(
        f"{out}: {progress['town'].nunique()} towns (with 全区) × {len(years)} years; "
        f"{len(follow)} phase-out candidates of {config.base_year} followed, "
        f"{freed:,.0f} 亩 freed by {years[-1]}"
    )
    return EXIT_OK
