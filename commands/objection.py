"""``cli.py objection add|accept|reject``: a firm's objection to an evaluation batch.

- ``add --batch NAME --uscc U --field F --value V --evidence FILE``: during 征求意见 (a town
  account for its own town's firms, the planner);
- ``accept --batch NAME --id N --reason R``: the value is corrected and the batch recomputed;
- ``reject --batch NAME --id N --reason R`` (``objection_decide``: planner, admin).

A refused step (a final batch, outside its period, an unknown field …) exits 3 with the reason.
"""

from __future__ import annotations

import argparse
import sys

from commands import EXIT_OK, EXIT_USAGE, add_workspace_argument
from commands._actor import actor_of, add_actor_argument
from scoring.evaluation.run import objection_fields
from store.evaluation_actions import add_objection_as, decide_objection_as
from store.workspace import Workspace

NAME = "objection"
HELP = "record, accept or reject a firm's objection to an evaluation batch"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("step", choices=("add", "accept", "reject"))
    parser.add_argument("--batch", required=True, help="the batch's name")
    parser.add_argument("--uscc", help="add: the firm")
    parser.add_argument("--field", help=f"add: one of {', '.join(objection_fields())}")
    parser.add_argument("--value", help="add: the claimed value")
    parser.add_argument("--evidence", help="add: the evidence file's name")
    parser.add_argument("--id", type=int, help="accept/reject: the objection's number")
    parser.add_argument("--reason", help="accept/reject: the reason (kept)")
    add_workspace_argument(parser)
    add_actor_argument(parser)


def run(args: argparse.Namespace) -> int:
    """Take the step; print the objection."""
    needed = ("uscc", "field", "value", "evidence") if args.step == "add" else ("id", "reason")
    missing = [f"--{n}" for n in needed if getattr(args, n) in (None, "")]
    if missing:
        print(f"error: objection {args.step}: {', '.join(missing)} required", file=sys.stderr)
        return EXIT_USAGE
    ws = Workspace.open(args.workspace)
    actor = actor_of(args, ws)
    if args.step == "add":
        row = add_objection_as(
            ws, actor, args.batch, args.uscc, args.field, args.value, args.evidence
        )
        print(
            f"异议 objection #{int(row['id'])} {row['uscc']} {row['field']}: "
            f"{row['stored_value']} → {row['claimed_value']} (pending)"
        )
        return EXIT_OK
    row = decide_objection_as(
        ws, actor, args.batch, args.id, accept=args.step == "accept", reason=args.reason
    )
    print(
        f"异议 objection #{int(row['id'])} {row['status']}: grade {row['grade_before']} → "
        f"{row['grade_after']}, surcharge {float(row['surcharge_before']):,.2f} → "
        f"{float(row['surcharge_after']):,.2f} 元"
    )
    return EXIT_OK
