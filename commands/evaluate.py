"""``cli.py evaluate --year Y --batch NAME [--config C] [--out OUT.csv|.xlsx]``: the yearly 亩均
evaluation of survey year ``Y`` run as batch ``NAME`` (a draft, 草稿; a draft of that name is
replaced, a batch past its draft is refused with the reason, exit 3). ``--out`` writes the
batch's grades (CSV with BOM or Excel, Chinese headers, provenance). Checked against ``--as``
(``evaluate``: planner, admin) and audited.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from commands import EXIT_OK, EXIT_USAGE, add_workspace_argument
from commands._actor import actor_of, add_actor_argument, export_file
from config import load_settings
from exports.evaluation_tables import LABELS, batch_provenance
from exports.tables import write_csv, write_xlsx
from store.evaluation import GRADES, batch_rows
from store.evaluation_actions import run_batch_as
from store.workspace import Workspace

NAME = "evaluate"
HELP = "run the yearly 亩均 evaluation of a survey year as a named batch (a draft)"
SUFFIXES = (".csv", ".xlsx")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--year", type=int, required=True, help="survey year to evaluate")
    parser.add_argument("--batch", required=True, help="name of the batch")
    parser.add_argument("--config", help="TOML merged over the defaults ([evaluation] …)")
    parser.add_argument("--out", help="also write the batch's grades: .csv or .xlsx")
    add_workspace_argument(parser)
    add_actor_argument(parser)


def run(args: argparse.Namespace) -> int:
    """Run the batch; print its grade counts."""
    out = Path(args.out) if args.out else None
    if out is not None and out.suffix.lower() not in SUFFIXES:
        print(f"error: --out {out.name!r}: use one of {', '.join(SUFFIXES)}", file=sys.stderr)
        return EXIT_USAGE
    settings = load_settings(args.config)
    ws = Workspace.open(args.workspace)
    actor = actor_of(args, ws)
    batch = run_batch_as(ws, actor, args.batch, year=args.year, settings=settings)
    grades = batch_rows(ws, batch.name, GRADES)
    counts = grades["grade"].value_counts().reindex(list("ABCDT"), fill_value=0)
    print(
        f"批次 batch {batch.name}: {batch.year}, {batch.status}; {len(grades):,} firms; "
        + " ".join(f"{g} {int(n):,}" for g, n in counts.items())
    )
    if out is not None:
        provenance = batch_provenance(ws, batch, "亩均效益评价结果 evaluation grades", actor.name)

        def write() -> object:
            if out.suffix.lower() == ".csv":
                return write_csv(grades, out, provenance=provenance, labels=LABELS)
            write_xlsx({"评价结果 Grades": grades}, out, provenance=provenance, labels=LABELS)
            return None

        export_file(args, ws, "table", out, write)
        print(f"写入 wrote {out}")
    return EXIT_OK
