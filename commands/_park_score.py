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
from scoring.park_scenario import settings_from_parameters
from scoring.park_score import ParkScores, rank_parks
from store.scenarios import Scenario
from store.workspace import Workspace

__all__ = ["Scored", "add_score_arguments", "score_scenario", "score_workspace"]


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
    return Scored(ws, cfg, _score(ws, cfg, cfg["park_score"], year=args.year))


def score_scenario(workspace: Workspace, scenario: Scenario) -> ParkScores:
    """Score every park again with the settings a saved scenario recorded (for its briefing)."""
    cfg = load_config()
    settings = settings_from_parameters(scenario.parameters, cfg["park_score"])
    return _score(workspace, cfg, settings, year=None)


def _score(
    ws: Workspace, cfg: dict[str, Any], settings: dict[str, Any], *, year: int | None
) -> ParkScores:
    chosen = year if year is not None else int(settings["survey_year"])
    indicators = park_indicators(
        ParkLayers.from_workspace(ws),
        settings=settings,
        energy_factors=cfg["energy"],
        year=chosen or None,
    )
    return rank_parks(indicators, settings)
