"""Typed settings of the screen: ``[energy]``, ``[five_excess]``, ``[grade]``, ``[prices]``."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, model_validator

from config.fields import (
    DIVISIONS,
    Division,
    NonNegative,
    OpenShare,
    Positive,
    Section,
    msg,
    positive_sum,
)

__all__ = [
    "EnergySettings",
    "FiveExcessSettings",
    "FlagSettings",
    "GradeClasses",
    "GradeSettings",
    "PricesSettings",
]


class EnergySettings(Section):
    """``[energy]``: kgce per unit (GB/T 2589) and the electricity basis."""

    electricity_basis: Literal["calorific", "equivalent"]
    electricity_kgce_per_kwh: Positive
    electricity_equivalent_kgce_per_kwh: Positive
    natural_gas_kgce_per_m3: Positive
    coal_kgce_per_kg: Positive
    diesel_kgce_per_kg: Positive
    fuel_oil_kgce_per_kg: Positive
    lpg_kgce_per_kg: Positive
    heat_kgce_per_gj: Positive


class FlagSettings(Section):
    """One flag of the five-excess screen: relative (factor × group median) or absolute."""

    mode: Literal["relative", "absolute"]
    factor: Positive
    threshold: NonNegative


class FiveExcessSettings(Section):
    """``[five_excess]``: the flags, how many make a phase-out candidate, the group size."""

    min_flags: Annotated[
        int, Field(ge=1, le=5, description=msg("须为整数 1–5", "must be an integer 1–5"))
    ]
    group_min_size: Annotated[
        int, Field(ge=1, description=msg("须为整数 ≥ 1", "must be an integer ≥ 1"))
    ]
    labour: FlagSettings
    land: FlagSettings
    low_va: FlagSettings
    energy: FlagSettings
    pollution: FlagSettings

    def rule(self, key: str) -> FlagSettings:
        """The rule of flag ``key``: labour, land, low_va, energy or pollution."""
        value = getattr(self, key)
        assert isinstance(value, FlagSettings)
        return value


class GradeClasses(Section):
    """``[grade.classes]``: cumulative shares of A, B, C; the T (not graded) rules."""

    A: OpenShare
    B: OpenShare
    C: OpenShare
    min_age_years: NonNegative
    utility_divisions: list[Division] = Field(description=DIVISIONS)

    @model_validator(mode="after")
    def _increasing(self) -> GradeClasses:
        if not self.A < self.B < self.C:
            raise ValueError(msg("须 0 < A < B < C ≤ 1", "must be 0 < A < B < C ≤ 1"))
        return self


Weights = dict[str, NonNegative]


class GradeSettings(Section):
    """``[grade]``: 亩均效益 weights above and below scale, and the classes."""

    weights_above_scale: Weights
    weights_below_scale: Weights
    classes: GradeClasses

    @model_validator(mode="after")
    def _weights(self) -> GradeSettings:
        positive_sum(self.weights_above_scale, "weights_above_scale")
        positive_sum(self.weights_below_scale, "weights_below_scale")
        return self


Price = NonNegative | Annotated[list[NonNegative], Field(min_length=1)]


class PricesSettings(Section):
    """``[prices]``: D-class surcharges, a number or one per consecutive year in D."""

    electricity_yuan_per_kwh: Price = Field(
        description=msg(
            "须为 ≥ 0 的数值或按年的数值列表", "must be a number ≥ 0 or a list of them by year in D"
        )
    )
    gas_yuan_per_m3: Price = Field(
        description=msg(
            "须为 ≥ 0 的数值或按年的数值列表", "must be a number ≥ 0 or a list of them by year in D"
        )
    )
    water_yuan_per_m3: Price = Field(
        description=msg(
            "须为 ≥ 0 的数值或按年的数值列表", "must be a number ≥ 0 or a list of them by year in D"
        )
    )
