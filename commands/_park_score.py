"""What ``cli.py parks`` and ``cli.py select`` share: options, and scoring a workspace.

A leading underscore keeps this module out of :func:`commands.discover` (it is no command).
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from typing import Any

from commands import add_workspace_argument
from config import load_config
from scoring.park_indicators import ParkLayers, park_indicators
from scoring.park_score import ParkScores, rank_parks
from store.workspace import Workspace

__all__ = ["Scored", "add_score_arguments", "score_workspace"]


def add_score_arguments(parser: argparse.ArgumentParser) -> None:
    """``--workspace``, ``--config`` and ``--year``."""
    add_workspace_argument(parser)
    parser.add_argument("--config", help="TOML file merged over config/defaults.toml")
    parser.add_argument(
        "--year",
        type=int,
        help="survey year of the firms (default: [park_score] survey_year, 0 = the latest)",
    )


@dataclass(frozen=True)
class Scored:
    """A workspace, its configuration and its park scores."""

    workspace: Workspace
    config: dict[str, Any]
    scores: ParkScores


def score_workspace(args: argparse.Namespace) -> Scored:
    """Score every park of ``--workspace`` with ``--config`` for ``--year``."""
    ws = Workspace.open(args.workspace)
    cfg = load_config(args.config)
    settings = cfg["park_score"]
    year = args.year if args.year is not None else int(settings["survey_year"])
    indicators = park_indicators(
        ParkLayers.from_workspace(ws),
        settings=settings,
        energy_factors=cfg["energy"],
        year=year or None,
    )
    return Scored(ws, cfg, rank_parks(indicators, settings))
