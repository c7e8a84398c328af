"""One firm's profile read from the workspace (一企一档): its survey rows of every year with the
town and park its location gives (never the stored fields, which a redrawn park could have left
behind), the screen of every survey year, its parks' names and its projects.

What the profile holds is :mod:`scoring.profile.topics`; this module only reads and derives.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from config.settings import Settings
from errors import UnknownKeyError
from scoring.profile.search import firm_rows, near_matches
from scoring.profile.topics import FirmProfile, firm_profile
from scoring.screen.run import ScreenResult, screen
from store.derived import assign_firms
from store.projects import placed_projects
from store.workspace import Workspace

__all__ = ["load_profile", "screens_of", "survey_years"]


def survey_years(enterprises: pd.DataFrame) -> list[int]:
    """The survey years of ``enterprises``, oldest first."""
    years = pd.to_numeric(enterprises["survey_year"], errors="coerce").dropna()
    return sorted(int(y) for y in years.unique())


def screens_of(
    enterprises: pd.DataFrame,
    *,
    config: Settings | Mapping[str, Any] | None = None,
    lang: str = "zh",
) -> dict[int, ScreenResult]:
    """The screen of every survey year of ``enterprises`` (:func:`scoring.screen.run.screen`,
    given every year, so a screen that reads a firm's history sees it)."""
    return {
        year: screen(enterprises, config=config, year=year, lang=lang)
        for year in survey_years(enterprises)
    }


def load_profile(
    ws: Workspace,
    uscc: str,
    *,
    config: Settings | Mapping[str, Any] | None = None,
    lang: str = "zh",
    enterprises: pd.DataFrame | None = None,
    screens: Mapping[int, ScreenResult] | None = None,
) -> FirmProfile:
    """The profile of the firm ``uscc`` in ``ws``.

    ``enterprises`` and ``screens`` default to the workspace's layer and :func:`screens_of` it
    (the page passes its cached ones). An unknown USCC raises
    :class:`errors.UnknownKeyError` whose ``known`` are the near matches (maybe none).
    """
    firms = ws.read("enterprises") if enterprises is None else enterprises
    rows = firm_rows(firms, uscc)
    if rows.empty:
        raise UnknownKeyError("firm (USCC)", uscc, near_matches(firms, uscc))
    parks = ws.read("parks", columns=["park_id", "name"])
    if "geometry" in rows and rows.geometry.notna().all():
        rows = assign_firms(rows, ws.read("towns", columns=["name"]), parks)
    names = dict(zip(parks["park_id"].astype(str), parks["name"].astype(str), strict=True))
    results = screens if screens is not None else screens_of(firms, config=config, lang=lang)
    projects = placed_projects(ws, firms.loc[:, ["uscc", "survey_year", "name", "park_id", "town"]])
    return firm_profile(rows, results, park_names=names, projects=projects, lang=lang)
