"""``cli.py projects``: the technical-retrofit projects of a library year, with their place (the
firm's park and town), key flag, the most district matching the 50 % cap allows and their
follow-up state (on time / late start / late production / done / terminated) as of ``--as-of``.

``.csv``: the project rows (UTF-8 with BOM, Chinese headers, provenance beside it); ``.xlsx``: a
workbook with the projects (项目 Projects), the year's budget per town (预算 Budget) and the late
key projects (逾期 Late), and the 说明 About sheet. The export is checked against the account of
``--as`` (``export_table``: planners; a town account with ``--town`` its own town) and audited
with the file's SHA-256. An unsupported suffix, a bad date or a target that is the workspace is
refused in one line with exit 2, and nothing is written.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

import pandas as pd

from commands import EXIT_OK, EXIT_USAGE, add_workspace_argument
from commands._actor import add_actor_argument, export_file
from config import load_settings
from exports.atomic import ExportTargetError, refuse_protected, workspace_files
from exports.tables import Provenance, write_csv, write_xlsx
from scoring.projects.budget import budget_by_town
from scoring.projects.labels import BUDGET_LABELS, LABELS
from scoring.projects.report import project_table
from scoring.projects.rules import late_projects
from store.projects import placed_projects
from store.workspace import Workspace

NAME = "projects"
HELP = "retrofit projects of a year: place, key flag, allowed matching, follow-up state"
SUFFIXES = (".csv", ".xlsx")
KIND = "table"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--year", type=int, required=True, help="library year of the projects")
    parser.add_argument("--out", required=True, help="output file: .csv or .xlsx")
    parser.add_argument("--as-of", help="follow-up date YYYY-MM-DD (default: today)")
    parser.add_argument("--town", help="only the projects of this town's firms")
    parser.add_argument("--config", help="TOML merged over the defaults ([projects])")
    add_workspace_argument(parser)
    add_actor_argument(parser)


def run(args: argparse.Namespace) -> int:
    """Write the projects of ``--year`` to ``--out``; print their counts."""
    out = Path(args.out)
    if out.suffix.lower() not in SUFFIXES or out.name in ("", ".", ".."):
        print(f"error: --out {out.name!r}: use one of {', '.join(SUFFIXES)}", file=sys.stderr)
        return EXIT_USAGE
    as_of = pd.to_datetime(args.as_of or date.today().isoformat(), errors="coerce")
    if pd.isna(as_of):
        print(f"error: --as-of {args.as_of!r}: use a date YYYY-MM-DD", file=sys.stderr)
        return EXIT_USAGE
    try:
        return _run(args, out, as_of.strftime("%Y-%m-%d"))
    except ExportTargetError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE


def _run(args: argparse.Namespace, out: Path, as_of: str) -> int:
    settings = load_settings(args.config).projects
    workspace = Workspace.open(args.workspace)
    refuse_protected(
        [out, out.with_name(out.name + ".provenance.json")], workspace_files(workspace)
    )
    placed = placed_projects(workspace, workspace.read("enterprises"))
    if args.town:
        placed = placed[placed["town"].astype(object).eq(args.town)]
    table = project_table(placed, settings=settings, as_of=as_of, year=args.year)
    provenance = Provenance(
        what=f"技改项目库 retrofit projects {args.year} (follow-up as of {as_of})",
        data_version=workspace.data_version(),
        parameters={
            "year": args.year,
            "as_of": as_of,
            "town": args.town or "",
            "key_threshold_wan": settings.key_threshold_wan,
            "subsidy_cap_share": settings.subsidy_cap_share,
            "district_budget_wan": settings.budget(args.year),
        },
    )

    def write() -> object:
        if out.suffix.lower() == ".csv":
            return write_csv(table, out, provenance=provenance, labels=LABELS)
        year_rows = placed[pd.to_numeric(placed["year"], errors="coerce").eq(args.year)]
        budget = budget_by_town(year_rows, settings=settings, years=[args.year])
        late = late_projects(year_rows, as_of=as_of, threshold_wan=settings.key_threshold_wan)
        sheets = {"项目 Projects": table, "预算 Budget": budget, "逾期 Late": late}
        write_xlsx(sheets, out, provenance=provenance, labels={**LABELS, **BUDGET_LABELS})
        return None

    towns = set(table["town"].dropna().astype(str)) or ({args.town} if args.town else set())
    export_file(args, workspace, KIND, out, write, towns=towns)
    counts = table["follow_up"].value_counts().to_dict()
    shown = ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))
    print(
        f"技改项目 projects {args.year}: {len(table):,} ({int(table['key'].sum()):,} key); "
        f"{shown or 'none'}\n写入 wrote {out}"
    )
    return EXIT_OK
