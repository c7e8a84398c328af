"""``cli.py letters --batch NAME [--town T] --out F.pdf``: the per-firm notification letters of
an evaluation batch (one A4 page per firm of ``--town``, Chinese, Noto Sans CJK embedded):
indicators beside the cohort's benchmarks, grade and deciding rule, surcharges, and how and until
when to object. Checked against ``--as`` (``export_table``; a town account for its own town)
and audited with the file's SHA-256.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from commands import EXIT_OK, EXIT_USAGE, add_workspace_argument
from commands._actor import add_actor_argument, export_file
from exports.atomic import refuse_protected, workspace_files
from exports.evaluation_letters import letter_rows, write_letters
from store.evaluation import load_batch
from store.workspace import Workspace

NAME = "letters"
HELP = "the per-firm notification letters of an evaluation batch, as one PDF per town"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--batch", required=True, help="the batch's name")
    parser.add_argument("--town", help="the town whose firms get letters")
    parser.add_argument("--out", required=True, help="the PDF to write")
    add_workspace_argument(parser)
    add_actor_argument(parser)


def run(args: argparse.Namespace) -> int:
    """Write the letters; print how many."""
    out = Path(args.out)
    if out.suffix.lower() != ".pdf":
        print(f"error: --out {out.name!r}: use .pdf", file=sys.stderr)
        return EXIT_USAGE
    ws = Workspace.open(args.workspace)
    refuse_protected([out], workspace_files(ws))
    batch = load_batch(ws, args.batch)
    n = len(letter_rows(ws, batch, args.town))
    towns = {args.town} if args.town else set()
    export_file(args, ws, "table", out, lambda: write_letters(ws, batch, args.town, out),
                towns=towns)  # fmt: skip
    print(f"告知书 letters: {n:,} firms of {args.town or '全区'} ({batch.name}, {batch.status})")
    print(f"写入 wrote {out}")
    return EXIT_OK
