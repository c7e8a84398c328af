"""The park pipeline, assembled once: a workspace and its settings → indicators → ranking →
choice and suggested routes. The CLI (``parks``, ``select``, ``export``), the retrofit page,
the map's retrofit colouring, the export page and the benchmarks all call these.

:func:`score_parks` takes the heavy, weight-independent indicators precomputed when a caller
caches them (the page does, per workspace change and indicator settings), so a weight change
only re-ranks.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import geopandas as gpd
import pandas as pd

from config.settings import Settings
from scoring.parks.choice import Choice, choose
from scoring.parks.indicators import IndicatorTable, ParkLayers, park_indicators
from scoring.parks.score import ParkScores, rank_parks
from scoring.parks.upgrade_route import screen_shares, upgrade_routes

__all__ = [
    "ChoiceRules",
    "Retrofit",
    "indicators_of",
    "park_routes",
    "retrofit",
    "score_parks",
    "survey_year",
]


class _Source(Protocol):
    def read(self, layer: str, *, columns: list[str] | None = None) -> gpd.GeoDataFrame: ...

    def raster_path(self, kind: str) -> Path: ...


def survey_year(settings: Settings, year: int | None = None) -> int | None:
    """The survey year to score: ``year``, else ``[park_score] survey_year``; ``None`` = the
    latest in the workspace."""
    chosen = year if year is not None else settings.park_score.survey_year
    return int(chosen) or None


def indicators_of(
    workspace: _Source, settings: Settings, year: int | None = None
) -> IndicatorTable:
    """The weight-independent indicators of every park (the heavy stage)."""
    return park_indicators(
        ParkLayers.from_workspace(workspace),
        settings=settings.park_score,
        energy_factors=settings.energy.model_dump(),
        year=survey_year(settings, year),
    )


def score_parks(
    workspace: _Source,
    settings: Settings,
    year: int | None = None,
    *,
    indicators: IndicatorTable | None = None,
) -> ParkScores:
    """Gate, measures, weights, score, rank and SMAA-2 of every park of ``workspace``.

    ``year`` (default ``[park_score] survey_year``, 0 = the latest) is the firms' survey year;
    ``indicators``, when given, are :func:`indicators_of` of the same workspace, settings and
    year (a caller's cache).
    """
    table = indicators if indicators is not None else indicators_of(workspace, settings, year)
    return rank_parks(table, settings.park_score)


def park_routes(scores: ParkScores, screen: pd.DataFrame | None) -> pd.DataFrame:
    """The suggested upgrade route of every park
    (:func:`scoring.parks.upgrade_route.upgrade_routes`) from its ranking and, when given, the
    five-excess screen table of the same survey year (its park shares of D-class firms and
    phase-out candidates)."""
    parks = scores.indicators.table.join(scores.table[["score", "rank"]])
    shares = None if screen is None else screen_shares(screen)
    return upgrade_routes(parks, scores.settings, screen=shares)


@dataclass(frozen=True)
class ChoiceRules:
    """How many parks to pick, at most one per town, which must and which must not be picked."""

    n: int
    one_per_town: bool
    pins: tuple[str, ...] = ()
    excludes: tuple[str, ...] = ()

    @classmethod
    def of(
        cls,
        settings: Settings,
        *,
        n: int | None = None,
        one_per_town: bool | None = None,
        pins: Sequence[str] = (),
        excludes: Sequence[str] = (),
    ) -> ChoiceRules:
        """The given rules, ``[park_score.choice]`` for those left ``None``."""
        rules = settings.park_score.choice
        return cls(
            int(rules.n if n is None else n),
            bool(rules.one_per_town if one_per_town is None else one_per_town),
            tuple(str(p) for p in pins),
            tuple(str(p) for p in excludes),
        )


@dataclass(frozen=True)
class Retrofit:
    """A scoring run with its choice and the suggested routes (on the ranking's index)."""

    scores: ParkScores
    choice: Choice
    routes: pd.DataFrame


def retrofit(
    scores: ParkScores, rules: ChoiceRules, *, screen: pd.DataFrame | None = None
) -> Retrofit:
    """Choose the parks by ``rules`` and suggest a route for each park."""
    choice = choose(
        scores.table,
        n=rules.n,
        one_per_town=rules.one_per_town,
        pins=list(rules.pins),
        excludes=list(rules.excludes),
    )
    return Retrofit(scores, choice, park_routes(scores, screen))
