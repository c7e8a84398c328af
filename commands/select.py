"""``cli.py select``: choose the parks for circular retrofit; optionally save the scenario."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from commands import EXIT_OK, EXIT_USAGE
from commands._actor import actor_of, add_actor_argument
from commands._park_score import add_score_arguments, score_workspace
from scoring.parks.pipeline import ChoiceRules, retrofit
from scoring.parks.scenario import choice_parameters
from scoring.parks.score import describe_picks, parameters
from store.actions import save_scenario_as

NAME = "select"
HELP = "choose the parks for circular retrofit (JSON); --save keeps the scenario"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_score_arguments(parser)
    parser.add_argument("--n", type=int, help="parks to pick (default [park_score.choice] n, 3)")
    parser.add_argument(
        "--one-per-town", action="store_true", default=None, help="at most one park per town"
    )
    parser.add_argument("--pin", action="append", default=[], metavar="ID", help="must pick")
    parser.add_argument("--exclude", action="append", default=[], metavar="ID", help="never pick")
    parser.add_argument("--save", metavar="NAME", help="save as a named scenario in the workspace")
    add_actor_argument(parser)  # who decided: recorded with a saved scenario and audited
    parser.add_argument("--out", required=True, help="output .json")


def run(args: argparse.Namespace) -> int:
    """Pick the parks and write {"parks": [...], "scenario": {...}}."""
    out = Path(args.out)
    if out.suffix.lower() != ".json":
        print(f"--out {out.name}: select writes a .json file")
        return EXIT_USAGE
    scored = score_workspace(args)
    rules = ChoiceRules.of(
        scored.settings,
        n=args.n,
        one_per_town=args.one_per_town,
        pins=args.pin,
        excludes=args.exclude,
    )
    n, one = rules.n, rules.one_per_town
    choice = retrofit(scored.scores, rules).choice
    params = parameters(
        scored.scores,
        choice=choice_parameters(n=n, one_per_town=one, pins=args.pin, excludes=args.exclude),
    )
    scenario: dict[str, Any] = {"data_version": scored.workspace.data_version(), **params}
    if args.save:
        actor = actor_of(args, scored.workspace)
        saved = save_scenario_as(
            scored.workspace, actor, args.save, parks=choice.parks, parameters=params
        )
        scenario.update(name=saved.name, created=saved.created, user=saved.user)
    picks = [
        {
            "park_id": p.park_id,
            "why": choice.why[p.park_id],
            "p_top3": p.p_top3,
            "fragile": p.fragile,
            "displaced_by": p.displaced_by,
        }
        for p in describe_picks(scored.scores, choice.parks)
    ]
    doc = {"parks": list(choice.parks), "scenario": scenario, "picks": picks}
    out.write_text(json.dumps(doc, ensure_ascii=False, indent=2, default=str), encoding="utf-8")
    table = scored.scores.table
    names = dict(zip(table["park_id"], table["name"].astype(str), strict=True))
    for pick in picks:
        flag = " 脆弱 fragile" if pick["fragile"] else ""
        print(
            f"{pick['park_id']} {names[pick['park_id']]}: {pick['why']}, "
            f"p_top3 {pick['p_top3']:.2f}{flag}"
        )
    if choice.short:
        print(f"注意 note: only {len(choice.parks)} eligible park(s) for {n} places")
    if args.save:
        print(f"方案已保存 scenario saved: {args.save}")
    print(f"→ {out}")
    return EXIT_OK
