"""What ``cli.py parks``, ``cli.py select`` and ``cli.py export`` share: options, and scoring
a workspace with :func:`scoring.parks.pipeline.score_parks`.

A leading underscore keeps this module out of :func:`commands.discover` (it is no command).
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass

from commands import add_workspace_argument
from config import load_settings
from config.settings import Settings
from scoring.parks.pipeline import score_parks
from scoring.parks.scenario import settings_from_parameters
from scoring.parks.score import ParkScores
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
    """A workspace, its settings and its park scores."""

    workspace: Workspace
    settings: Settings
    scores: ParkScores


def score_workspace(args: argparse.Namespace) -> Scored:
    """Score every park of ``--workspace`` with ``--config`` for ``--year``."""
    ws = Workspace.open(args.workspace)
    settings = load_settings(args.config)
    return Scored(ws, settings, score_parks(ws, settings, args.year))


def score_scenario(workspace: Workspace, scenario: Scenario) -> ParkScores:
    """Score every park again with the settings a saved scenario recorded (for its briefing)."""
    settings = load_settings()
    park_score = settings_from_parameters(scenario.parameters, settings.park_score)
    return score_parks(workspace, settings.with_park_score(park_score))
