"""Typed, frozen settings: one pydantic model per section of ``config/defaults.toml``.

:func:`validate` checks a merged configuration (``config.load_config``) once, at load, and
refuses every bad value at once as one :class:`errors.ValidationError` whose problems name the
dotted key, the value and what is allowed. No field has a default here: every default lives in
``config/defaults.toml`` and nowhere else.

The sections' models live in :mod:`config.sections_screen`, :mod:`config.sections_parks`,
:mod:`config.sections_auth`, :mod:`config.sections_land` and
:mod:`config.sections_projects`
(targets and maps here), their field types in :mod:`config.fields`, the messages in
:mod:`config.validation`; this module names them all.

The ``[import]`` section belongs to the import readers (``geo.readers_guard`` keeps its typed
limits); it passes through here, only ``lock_timeout_s`` is read.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Any

import pydantic
from pydantic import BaseModel, ConfigDict, Field, model_validator

from config.fields import (
    DIVISIONS,
    Count,
    Division,
    Finite,
    NonNegative,
    Positive,
    Section,
    Year,
    msg,
)
from config.sections_auth import AuthSettings
from config.sections_evaluation import EvaluationSettings
from config.sections_land import LandSettings
from config.sections_parks import (
    AhpSettings,
    ChoiceSettings,
    GateSettings,
    IndicatorSettings,
    ParkScoreSettings,
    ParkWeights,
    RecyclingPair,
    RobustnessSettings,
    RouteSettings,
)
from config.sections_projects import ProjectsSettings
from config.sections_screen import (
    EnergySettings,
    FiveExcessSettings,
    FlagSettings,
    GradeClasses,
    GradeSettings,
    PricesSettings,
)
from config.validation import problems_of, validate_section
from errors import Problem

__all__ = [
    "AhpSettings",
    "AuthSettings",
    "ChoiceSettings",
    "EnergySettings",
    "EvaluationSettings",
    "FiveExcessSettings",
    "FlagSettings",
    "GateSettings",
    "GradeClasses",
    "GradeSettings",
    "ImportSection",
    "IndicatorSettings",
    "LandSettings",
    "MapSettings",
    "ParkScoreSettings",
    "ParkWeights",
    "PricesSettings",
    "ProjectsSettings",
    "RecyclingPair",
    "RobustnessSettings",
    "RouteSettings",
    "Settings",
    "TargetDistrict",
    "TargetPanel",
    "TargetsSettings",
    "as_settings",
    "load_settings",
    "settings_problems",
    "validate",
    "validate_section",
]


# -- targets --------------------------------------------------------------------------------------


class TargetDistrict(Section):
    """``[targets.district]``: the plan's base-year district figures."""

    industrial_investment: NonNegative
    tech_retrofit_investment: NonNegative
    tech_retrofit_firms: NonNegative
    robot_firms: NonNegative
    rd_share: Annotated[
        float,
        Field(
            ge=0, le=100, allow_inf_nan=False, description=msg("须为 0–100 %", "must be 0–100 %")
        ),
    ]
    clean_production_share: Annotated[
        float,
        Field(
            ge=0, le=100, allow_inf_nan=False, description=msg("须为 0–100 %", "must be 0–100 %")
        ),
    ]


class TargetPanel(Section):
    """``[targets.panel]``: district goals for the goal year the survey can measure."""

    high_tech_share: NonNegative
    high_tech_points_per_year: Finite
    value_added_growth: Finite
    patent_applications: NonNegative
    patent_growth: Finite
    new_high_tech_firms: NonNegative


class TargetsSettings(Section):
    """``[targets]``: plan years, completion cap, rounding, key divisions, figures, growth."""

    base_year: Year
    goal_year: Year
    cap: Positive
    amount_unit: Positive
    key_divisions: list[Division] = Field(description=DIVISIONS)
    district: TargetDistrict
    growth: dict[
        str,
        Annotated[
            list[Finite],
            Field(description=msg("须为每年一个增长率的列表", "must be a list of yearly rates")),
        ],
    ]
    panel: TargetPanel

    @model_validator(mode="after")
    def _years(self) -> TargetsSettings:
        if self.goal_year < self.base_year:
            raise ValueError(msg("goal_year 须 ≥ base_year", "goal_year must be ≥ base_year"))
        return self


# -- map, imports, the whole --------------------------------------------------------------------


class MapSettings(Section):
    """``[map]``: what a map shows before the planner chooses."""

    raster_opacity: Annotated[
        float,
        Field(ge=0.1, le=1, allow_inf_nan=False, description=msg("须为 0.1–1", "must be 0.1–1")),
    ]
    district_bounds: tuple[tuple[Finite, Finite], tuple[Finite, Finite]] = Field(
        description=msg(
            "须为 [[南纬, 西经], [北纬, 东经]]", "must be [[south, west], [north, east]] in degrees"
        )
    )

    @model_validator(mode="before")
    @classmethod
    def _tuples(cls, data: Any) -> Any:  # TOML has arrays, not tuples
        if isinstance(data, dict) and isinstance(data.get("district_bounds"), list):
            bounds = data["district_bounds"]
            data = {
                **data,
                "district_bounds": tuple(tuple(p) if isinstance(p, list) else p for p in bounds),
            }
        return data


class ImportSection(BaseModel):
    """``[import]``: passes through (its limits are typed by ``geo.readers_guard``)."""

    model_config = ConfigDict(frozen=True, extra="allow", strict=True)

    lock_timeout_s: Positive
    max_problems: Count
    max_sheet_mb: Positive
    max_shared_strings_mb: Positive
    max_other_part_mb: Positive
    max_workbook_mb: Positive
    max_cells: Count
    max_text_chars: Count
    max_gpkg_tables: Count
    gpkg_schema_timeout_s: Positive
    max_vertices: Count
    read_timeout_s: Positive
    read_memory_mb: Positive


class Settings(Section):
    """The whole configuration, validated.

    A section of ``config/defaults.toml`` without a model here (another package's, typed where
    it is read) is left out rather than refused: a user file cannot add one, since
    ``config.merge`` refuses every key the defaults do not have.
    """

    model_config = ConfigDict(populate_by_name=True, extra="ignore")

    energy: EnergySettings
    five_excess: FiveExcessSettings
    plot_ratio_min: dict[str, Positive]
    grade: GradeSettings
    prices: PricesSettings
    park_score: ParkScoreSettings
    targets: TargetsSettings
    map: MapSettings
    import_: ImportSection = Field(alias="import")
    auth: AuthSettings
    land: LandSettings
    projects: ProjectsSettings
    evaluation: EvaluationSettings

    def with_park_score(self, park_score: ParkScoreSettings) -> Settings:
        """These settings with another (already validated) ``[park_score]``."""
        return self.model_copy(update={"park_score": park_score})

    @model_validator(mode="after")
    def _plot_default(self) -> Settings:
        if "default" not in self.plot_ratio_min:
            raise ValueError(msg("plot_ratio_min 须有 default", "plot_ratio_min needs a default"))
        return self


def settings_problems(config: Mapping[str, Any], *, source: str = "config") -> list[Problem]:
    """Every problem of a merged configuration (empty when it is fine)."""
    try:
        Settings.model_validate(dict(config))
    except pydantic.ValidationError as exc:
        return problems_of(Settings, exc, source=source, prefix="")
    return []


def as_settings(config: Settings | Mapping[str, Any], *, source: str = "config") -> Settings:
    """``config`` typed: a :class:`Settings` as it is, a merged mapping validated."""
    return config if isinstance(config, Settings) else validate(config, source=source)


def validate(config: Mapping[str, Any], *, source: str = "config") -> Settings:
    """A merged configuration as :class:`Settings`, validated once."""
    return validate_section(Settings, config, source=source)


def load_settings(path: str | Path | None = None) -> Settings:
    """The defaults with the TOML at ``path`` (if any) merged over them, typed."""
    from config import merged_config

    return validate(merged_config(path), source=Path(path).name if path else "defaults.toml")
