"""Typed settings of the parks: ``[park_score]`` and its tables."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import ConfigDict, Field, model_validator

from config.fields import (
    CODES,
    Code,
    NonNegative,
    OpenShare,
    Positive,
    Section,
    Share,
    msg,
    positive_sum,
)
from config.validation import validate_section

__all__ = [
    "MAX_DRAWS",
    "AhpSettings",
    "ChoiceSettings",
    "GateSettings",
    "IndicatorSettings",
    "ParkScoreSettings",
    "ParkWeights",
    "RecyclingPair",
    "RobustnessSettings",
    "RouteSettings",
]

MAX_DRAWS = 100_000  # SMAA-2 weight draws: 10 000 take ~1 s on the sample; 1e9 would run for hours


class ParkWeights(Section):
    """``[park_score.weights]``: relative weights of the six measures (normalised to sum 1)."""

    heat: NonNegative
    treatment: NonNegative
    water: NonNegative
    recycling: NonNegative
    pv: NonNegative
    chain: NonNegative

    @model_validator(mode="after")
    def _some(self) -> ParkWeights:
        positive_sum(self.model_dump(), "park_score")
        return self


class AhpSettings(Section):
    """``[park_score.ahp]``: a Saaty pairwise matrix (empty = not used) and the CR limit."""

    matrix: list[list[Positive]] = Field(
        description=msg(
            "须为 6×6 的正数矩阵（或空）", "must be a 6 × 6 matrix of positive numbers, or empty"
        )
    )
    max_cr: OpenShare


class GateSettings(Section):
    """``[park_score.gate]``: eligibility before ranking."""

    min_area_ha: Positive
    min_enterprises: Annotated[
        int,
        Field(
            ge=0, le=100_000, description=msg("须为整数 0–100 000", "must be an integer 0–100 000")
        ),
    ]
    require_industrial_block: bool
    max_demolition_share: Share


class IndicatorSettings(Section):
    """``[park_score.indicators]``: distances, PV constants and pollution-intensive codes."""

    heat_source_cutoff_km: Positive
    sewage_plant_cutoff_km: Positive
    irradiance_kwh_m2: Positive
    pv_usable_share: OpenShare
    pv_module_efficiency: OpenShare
    pv_performance_ratio: OpenShare
    pollution_intensive: list[Code] = Field(description=CODES)


class RecyclingPair(Section):
    """One waste-to-input pair (``from`` prefixes → ``to`` prefixes)."""

    model_config = ConfigDict(populate_by_name=True)

    name: str
    from_: list[Code] = Field(alias="from", min_length=1, description=CODES)
    to: list[Code] = Field(min_length=1, description=CODES)


class RobustnessSettings(Section):
    """``[park_score.robustness]``: SMAA-2 draws, seed, Dirichlet concentration, fragility."""

    draws: Annotated[
        int,
        Field(
            ge=1,
            le=MAX_DRAWS,
            description=msg(f"须为整数 1–{MAX_DRAWS:,}", f"must be an integer 1–{MAX_DRAWS:,}"),
        ),
    ]
    seed: Annotated[int, Field(ge=0, description=msg("须为整数 ≥ 0", "must be an integer ≥ 0"))]
    concentration: Positive
    min_p_top3: Share


class ChoiceSettings(Section):
    """``[park_score.choice]``: how many parks, at most one per town."""

    n: Annotated[
        int, Field(ge=1, le=50, description=msg("须为整数 1–50", "must be an integer 1–50"))
    ]
    one_per_town: bool


class RouteSettings(Section):
    """``[park_score.route]``: the shares that suggest 淘汰关停."""

    phase_out_share: Share
    d_share: Share


class ParkScoreSettings(Section):
    """``[park_score]``: the circular-retrofit score, its gate, robustness, choice and route."""

    method: Literal["wsm", "topsis"]
    normalization: Literal["minmax", "cdf"]
    weighting: Literal["given", "equal", "entropy", "ahp"]
    survey_year: Annotated[
        int,
        Field(
            ge=0, le=2100, description=msg("须为年份，0 = 最新", "must be a year, 0 = the latest")
        ),
    ]
    weights: ParkWeights
    ahp: AhpSettings
    gate: GateSettings
    indicators: IndicatorSettings
    chains: dict[str, Annotated[list[Code], Field(min_length=1, description=CODES)]]
    recycling_pairs: list[RecyclingPair]
    robustness: RobustnessSettings
    choice: ChoiceSettings
    route: RouteSettings

    def with_overrides(self, **overrides: Any) -> ParkScoreSettings:
        """A validated copy with dotted overrides, e.g. ``{"gate.min_area_ha": 5}``."""
        data = self.model_dump(by_alias=True)
        for dotted, value in overrides.items():
            *path, key = dotted.split(".")
            node = data
            for part in path:
                node = node[part]
            node[key] = value
        return validate_section(ParkScoreSettings, data, prefix="park_score")

    def dump(self) -> dict[str, Any]:
        """As the TOML table (``recycling_pairs`` keep their ``from`` key)."""
        return self.model_dump(by_alias=True)
