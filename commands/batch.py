"""``cli.py batch NAME [--advance] [--publicity OUT.xlsx --town T] [--record OUT.xlsx]``: an
evaluation batch's step and counts; ``--advance`` moves it on (草稿 → 征求意见 → 公示 → 定稿;
``batch_advance``: planner, admin; a final batch, or 定稿 with an objection undecided, is refused
with the reason, exit 3); ``--publicity`` writes the 公示 list of ``--town`` (Excel);
``--record`` writes the batch with every objection and its outcome and every change (Excel).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from commands import EXIT_OK, EXIT_USAGE, add_workspace_argument
from commands._actor import actor_of, add_actor_argument, export_file
from exports.evaluation_tables import write_publicity, write_record
from store.evaluation import GRADES, OBJECTIONS, batch_rows, load_batch
from store.evaluation_actions import advance_as
from store.workspace import Workspace

NAME = "batch"
HELP = "an evaluation batch: its step, --advance it, write its 公示 list or its record"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("name", help="the batch's name")
    parser.add_argument("--advance", action="store_true", help="move the batch to its next step")
    parser.add_argument("--publicity", help="write the 公示 list of --town to this .xlsx")
    parser.add_argument("--town", help="the town of --publicity (default: the whole district)")
    parser.add_argument("--record", help="write the batch's record to this .xlsx")
    add_workspace_argument(parser)
    add_actor_argument(parser)


def run(args: argparse.Namespace) -> int:
    """Show, advance or write the batch."""
    for option in (args.publicity, args.record):
        if option and Path(option).suffix.lower() != ".xlsx":
            print(f"error: {option!r}: use .xlsx", file=sys.stderr)
            return EXIT_USAGE
    ws = Workspace.open(args.workspace)
    batch = load_batch(ws, args.name)
    if args.advance:
        before = batch.status
        batch = advance_as(ws, actor_of(args, ws), args.name)
        print(f"批次 batch {batch.name}: {before} → {batch.status}")
    grades = batch_rows(ws, batch.name, GRADES)
    objections = batch_rows(ws, batch.name, OBJECTIONS)
    counts = grades["grade"].value_counts().to_dict()
    pending = int((objections["status"] == "pending").sum()) if len(objections) else 0
    until = f"; objections until {batch.objection_until}" if batch.objection_until else ""
    print(
        f"批次 batch {batch.name}: {batch.year}, {batch.status}{until}; {len(grades):,} firms ("
        + ", ".join(f"{g} {counts.get(g, 0):,}" for g in "ABCDT")
        + f"); objections {len(objections)} ({pending} pending)"
    )
    if args.publicity:
        out = Path(args.publicity)
        towns = {args.town} if args.town else set()
        export_file(args, ws, "table", out, lambda: write_publicity(ws, batch, args.town, out),
                    towns=towns)  # fmt: skip
        print(f"写入 wrote {out}")
    if args.record:
        out = Path(args.record)
        export_file(args, ws, "table", out, lambda: write_record(ws, batch, out))
        print(f"写入 wrote {out}")
    return EXIT_OK
