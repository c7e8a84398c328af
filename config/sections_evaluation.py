"""Typed settings of the yearly 亩均 evaluation (issue 25): ``[evaluation]``.

Cohorts (each with its own weights and class rule), the vetoes (一票否决) that force D, the
exemptions to T, the objection period of a batch and the water surcharge of C and D firms.
"""

from __future__ import annotations

from typing import Annotated, Literal, get_args

from pydantic import Field, model_validator

from config.fields import DIVISIONS, Division, NonNegative, OpenShare, Section, msg, positive_sum

__all__ = [
    "COHORTS",
    "TERMS",
    "VETO_KINDS",
    "CohortSettings",
    "EvaluationSettings",
    "ExemptionSettings",
    "WaterSurchargeSettings",
]

# the cohorts, in the order a firm is tested for them (the first that fits is its cohort)
COHORTS = ("renting", "above_scale", "below_scale_large", "below_scale_small")
# the veto kinds of the violations table
VETO_KINDS = ("safety_accident", "environmental_penalty", "illegal_land")

# the terms a cohort may weigh: the screen's indicators (scoring.screen.indicators.INDICATORS)
# and the renting cohort's tax per 亩 of rented floor area
Term = Literal[
    "tax_per_mu",
    "va_per_mu",
    "labour_productivity",
    "va_rate",
    "plot_ratio",
    "energy_per_va",
    "emission_per_va",
    "va_per_energy",
    "va_per_emission",
    "rd_share",
    "tax_per_kwh",
    "tax_per_rented_mu",
]
TERMS: tuple[str, ...] = get_args(Term)


class CohortSettings(Section):
    """One cohort: weights of its terms and its class rule.

    ``method = "quota"``: by rank within the cohort, A the best ``A`` share, B to ``B``, C to
    ``C``, D the rest (ties share the better class). ``"threshold"``: A at a score ≥
    ``A_score``, B ≥ ``B_score``, C ≥ ``C_score``, D below.
    """

    weights: dict[Term, NonNegative]
    method: Literal["quota", "threshold"] = Field(
        description=msg('须为 "quota" 或 "threshold"', 'must be "quota" or "threshold"')
    )
    A: OpenShare
    B: OpenShare
    C: OpenShare
    A_score: NonNegative
    B_score: NonNegative
    C_score: NonNegative

    @model_validator(mode="after")
    def _check(self) -> CohortSettings:
        positive_sum({str(k): v for k, v in self.weights.items()}, "cohort")
        if not self.A < self.B < self.C:
            raise ValueError(msg("须 0 < A < B < C ≤ 1", "must be 0 < A < B < C ≤ 1"))
        if not self.A_score > self.B_score > self.C_score:
            raise ValueError(
                msg("须 A_score > B_score > C_score", "must be A_score > B_score > C_score")
            )
        return self


class ExemptionSettings(Section):
    """``[evaluation.exemptions]``: who is T (not graded)."""

    min_age_years: NonNegative
    utility_divisions: list[Division] = Field(description=DIVISIONS)
    key_retrofit: bool


class WaterSurchargeSettings(Section):
    """``[evaluation.water]``: the water surcharge above the base price, by grade."""

    base_yuan_per_m3: NonNegative
    C_share: NonNegative
    D_share: NonNegative


class EvaluationSettings(Section):
    """``[evaluation]``: cohorts, vetoes, exemptions, objection period, water surcharge."""

    own_land_min_mu: Annotated[
        float,
        Field(gt=0, allow_inf_nan=False, description=msg("须为数值 > 0 亩", "must be > 0 mu")),
    ]
    vetoes: list[Literal["safety_accident", "environmental_penalty", "illegal_land"]] = Field(
        description=msg(
            "须为否决类别列表（safety_accident、environmental_penalty、illegal_land）",
            "must be a list of veto kinds (safety_accident, environmental_penalty, illegal_land)",
        )
    )
    objection_days: Annotated[
        int, Field(ge=1, le=60, description=msg("须为整数 1–60 天", "must be 1–60 days"))
    ]
    exemptions: ExemptionSettings
    water: WaterSurchargeSettings
    cohorts: dict[
        Literal["renting", "above_scale", "below_scale_large", "below_scale_small"],
        CohortSettings,
    ]

    @model_validator(mode="after")
    def _all_cohorts(self) -> EvaluationSettings:
        missing = [c for c in COHORTS if c not in self.cohorts]
        if missing:
            raise ValueError(
                msg(f"缺少组别：{', '.join(missing)}", f"cohorts missing: {', '.join(missing)}")
            )
        return self

    def cohort(self, key: str) -> CohortSettings:
        """The settings of cohort ``key``."""
        return self.cohorts[key]  # type: ignore[index]
