"""One firm's profile (一企一档): each topic a table with one row per survey year.

The figures are the screens' (:func:`scoring.screen.run.screen` of each survey year, so a
profile never recomputes an indicator, flag, grade or surcharge its own way); the survey fields
(retrofit, 机器换人, clean-production audit, land demand) are the firm's rows; park and town are
the ones its location gives (the caller derives them, :func:`store.derived.assign_firms`).
A year the workspace holds but the firm was not surveyed in shows in the overview only
(``surveyed`` false).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from geo.crs import M2_PER_MU
from scoring.screen.five_excess import FLAG_RULES
from scoring.screen.run import ScreenResult

__all__ = [
    "INDICATOR_COLUMNS",
    "TOPIC_COLUMNS",
    "FirmProfile",
    "firm_profile",
    "flag_lines",
]

INDICATOR_COLUMNS: tuple[str, ...] = (
    "labour_productivity", "tax_per_mu", "va_per_mu", "va_rate", "plot_ratio", "energy_tce",
    "energy_per_va", "emission_per_va",
)  # fmt: skip
_FLAGS = tuple(column for key in FLAG_RULES for column in (f"flag_{key}", f"reason_{key}"))
# topic → its columns (after survey_year); "places" and "projects" are assembled apart
TOPIC_COLUMNS: dict[str, tuple[str, ...]] = {
    "places": (
        "surveyed", "name", "industry_code", "division", "above_scale", "founded_year",
        "employees", "town", "park_id", "park_name",
    ),
    "indicators": (*INDICATOR_COLUMNS, "value_added", "tax", "employees", "land_mu"),
    "flags": (*_FLAGS, "flag_count", "phase_out"),
    "grade": ("grade", "score", "grade_group", "grade_missing"),
    "surcharge": (
        "grade", "d_year", "surcharge_electricity_yuan", "surcharge_gas_yuan",
        "surcharge_water_yuan", "surcharge_yuan",
    ),
    "retrofit": (
        "tech_retrofit", "robot_retrofit", "tech_retrofit_investment", "industrial_investment",
    ),
    "audit": ("clean_production_audit",),
    "land": ("land_area_m2", "land_mu", "floor_area_m2", "land_demand_m2", "land_demand_mu"),
    "projects": (
        "project_id", "project_name", "type", "stage", "total_investment_wan", "year",
        "town", "park_id",
    ),
}  # fmt: skip


@dataclass(frozen=True)
class FirmProfile:
    """A firm's profile: its USCC and latest name, the workspace's survey years and the ones
    it was surveyed in, and one table per topic (:data:`TOPIC_COLUMNS`)."""

    uscc: str
    name: str
    survey_years: tuple[int, ...]
    years: tuple[int, ...]
    topics: Mapping[str, pd.DataFrame] = field(default_factory=dict)


def flag_lines(reasons: object, *, lang: str = "zh") -> dict[str, str]:
    """The screen's ``reasons`` of one firm split by flag: ``{flag key: its line}`` (a raised
    flag's comparison, or why it was not evaluated); flags with no line are absent."""
    if not isinstance(reasons, str) or not reasons:
        return {}
    sep = "；" if lang == "zh" else "; "
    out: dict[str, str] = {}
    for line in reasons.split(sep):
        for key, rule in FLAG_RULES.items():
            label = rule.label[0 if lang == "zh" else 1]
            if line.startswith(label + ("：" if lang == "zh" else ":")):
                out[key] = line
    return out


def _screen_row(result: ScreenResult, uscc: str) -> pd.Series | None:
    table = result.table
    hit = np.flatnonzero(table["uscc"].astype(str).str.upper().to_numpy() == uscc)
    return table.iloc[hit[0]] if len(hit) else None


def _number(value: object) -> float:
    number = pd.to_numeric(pd.Series([value]), errors="coerce").iloc[0]
    return float(number) if pd.notna(number) else float("nan")


def _year_row(
    year: int, survey: pd.Series, screened: pd.Series, park_names: Mapping[str, str], lang: str
) -> dict[str, object]:
    lines = flag_lines(screened.get("reasons"), lang=lang)
    demand = _number(survey.get("land_demand_m2"))
    park = survey.get("park_id")
    park = park if isinstance(park, str) and park else None
    row: dict[str, object] = {
        **{c: survey.get(c) for c in survey.index},
        **{c: screened[c] for c in screened.index if c not in ("town", "park_id")},
        "survey_year": year,
        "surveyed": True,
        "town": survey.get("town"),
        "park_id": park,
        "park_name": park_names.get(park) if park else None,
        "land_demand_mu": demand / M2_PER_MU,
        "division": None if pd.isna(screened["division"]) else str(screened["division"]),
        "grade": None if pd.isna(screened["grade"]) else str(screened["grade"]),
        "grade_group": None if pd.isna(screened["grade_group"]) else str(screened["grade_group"]),
    }
    for key in FLAG_RULES:
        row[f"reason_{key}"] = lines.get(key, "")
    return row


def _frame(rows: Sequence[Mapping[str, object]], columns: Sequence[str]) -> pd.DataFrame:
    wanted = ["survey_year", *columns]
    return pd.DataFrame([{c: r.get(c) for c in wanted} for r in rows], columns=wanted)


def _projects(projects: pd.DataFrame | None, uscc: str) -> pd.DataFrame:
    columns = list(TOPIC_COLUMNS["projects"])
    if projects is None or projects.empty:
        return pd.DataFrame(columns=columns)
    mine = projects[projects["uscc"].astype(str).str.upper() == uscc]
    mine = mine.rename(columns={"name": "project_name"})
    for column in columns:
        if column not in mine:
            mine = mine.assign(**{column: None})
    return mine.loc[:, columns].sort_values(["year", "project_id"]).reset_index(drop=True)


def firm_profile(
    rows: pd.DataFrame,
    screens: Mapping[int, ScreenResult],
    *,
    park_names: Mapping[str, str] | None = None,
    projects: pd.DataFrame | None = None,
    lang: str = "zh",
) -> FirmProfile:
    """The profile of the firm whose survey rows are ``rows`` (every year, ``town`` and
    ``park_id`` as its location gives them).

    Parameters
    ----------
    rows
        The firm's survey rows (:func:`scoring.profile.search.firm_rows`), at least one.
    screens
        The screen of every survey year of the workspace, by year (their ``lang`` is the
        reasons' language and must equal ``lang``).
    park_names
        Park id → park name.
    projects
        The project library with places (:func:`store.projects.placed_projects`).
    """
    if rows.empty:
        raise ValueError("firm_profile: no survey row given")
    uscc = str(rows["uscc"].iloc[0]).strip().upper()
    names = park_names or {}
    by_year = {int(rows["survey_year"].iloc[i]): rows.iloc[i] for i in range(len(rows))}
    survey_years = tuple(sorted(int(y) for y in screens))
    surveyed: list[dict[str, object]] = []
    overview: list[dict[str, object]] = []
    for year in survey_years:
        screened = _screen_row(screens[year], uscc)
        if year not in by_year or screened is None:
            overview.append({"survey_year": year, "surveyed": False})
            continue
        survey = by_year[year]
        row = _year_row(year, survey.drop(labels=["geometry"], errors="ignore"), screened,
                        names, lang)  # fmt: skip
        surveyed.append(row)
        overview.append(row)
    topics = {
        topic: _frame(surveyed if topic != "places" else overview, columns)
        for topic, columns in TOPIC_COLUMNS.items()
        if topic != "projects"
    }
    topics["projects"] = _projects(projects, uscc)
    years = tuple(int(r["survey_year"]) for r in surveyed)  # type: ignore[call-overload]
    name = str(surveyed[-1]["name"]) if surveyed else str(rows["name"].iloc[-1])
    return FirmProfile(uscc, name, survey_years, years, topics)
