"""``cli.py parks``: the circular-retrofit score of every park, as CSV (DATA_MODEL.md)."""

from __future__ import annotations

import argparse
from pathlib import Path

from commands import EXIT_OK, EXIT_USAGE
from commands._actor import add_actor_argument, export_file
from commands._park_score import add_score_arguments, score_workspace
from exports.tables import Provenance, write_csv
from scoring.parks.score import parameters

NAME = "parks"
HELP = "circular-retrofit score, gate, rank and robustness of every park (CSV)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_score_arguments(parser)
    parser.add_argument("--out", required=True, help="output .csv (UTF-8 with BOM)")
    add_actor_argument(parser)


def run(args: argparse.Namespace) -> int:
    """Write one row per park: gate, six measure scores, score, rank and SMAA-2 figures."""
    out = Path(args.out)
    if out.suffix.lower() != ".csv":
        print(f"--out {out.name}: parks writes a .csv file")
        return EXIT_USAGE
    scored = score_workspace(args)
    scores = scored.scores
    table = scores.table
    provenance = Provenance(
        what="园区循环化改造评分 park circular-retrofit score",
        data_version=scored.workspace.data_version(),
        parameters=parameters(scores),
    )
    export_file(args, scored.workspace, "table", out,
                lambda: write_csv(table, out, provenance=provenance))  # fmt: skip
    eligible = table[table["eligible"]].sort_values("rank")
    top = ", ".join(f"{r.park_id} {r.name}" for r in eligible.head(3).itertuples())
    print(f"园区 parks: {len(table):,}; 合格 eligible: {len(eligible):,}; 前三 top three: {top}")
    print(
        f"方法 method: {scores.settings.method}; 权重 weights: "
        + ", ".join(f"{k} {v:.3f}" for k, v in scores.weights.items())
    )
    for note in scores.indicators.notes:
        print(f"注意 note: {note}")
    print(f"→ {out}")
    return EXIT_OK
