"""The building blocks of the typed settings: bounded number types, code strings, the frozen
:class:`Section` base, and bilingual "what is allowed" texts (shown in every refusal)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

__all__ = [
    "CODES",
    "DIVISIONS",
    "Code",
    "Count",
    "Division",
    "Finite",
    "NonNegative",
    "OpenShare",
    "Positive",
    "Section",
    "Share",
    "Year",
    "msg",
    "positive_sum",
]


def msg(zh: str, en: str) -> str:
    return f"{zh} / {en}"


Positive = Annotated[
    float,
    Field(
        gt=0,
        allow_inf_nan=False,
        description=msg("须为有限数值 > 0", "must be a finite number > 0"),
    ),
]
Count = Annotated[int, Field(gt=0, description=msg("须为正整数", "must be a whole number > 0"))]
NonNegative = Annotated[
    float,
    Field(
        ge=0,
        allow_inf_nan=False,
        description=msg("须为有限数值 ≥ 0", "must be a finite number ≥ 0"),
    ),
]
Share = Annotated[
    float,
    Field(
        ge=0,
        le=1,
        allow_inf_nan=False,
        description=msg("须为 0–1 之间的比例", "must be a share from 0 to 1"),
    ),
]
OpenShare = Annotated[
    float,
    Field(
        gt=0,
        le=1,
        allow_inf_nan=False,
        description=msg("须为 (0, 1] 之间的比例", "must be a share in (0, 1]"),
    ),
]
Finite = Annotated[
    float, Field(allow_inf_nan=False, description=msg("须为有限数值", "must be a finite number"))
]
Code = Annotated[
    str,
    Field(
        pattern=r"^\d{2,4}$",
        description=msg(
            "须为 GB/T 4754 代码（2–4 位数字的字符串）",
            "must be a GB/T 4754 code (a string of 2–4 digits)",
        ),
    ),
]
Division = Annotated[
    str,
    Field(
        pattern=r"^\d{2}$",
        description=msg('须为两位大类代码，如 "26"', 'must be a 2-digit division, e.g. "26"'),
    ),
]
Year = Annotated[
    int, Field(ge=1900, le=2100, description=msg("须为年份 1900–2100", "must be a year 1900–2100"))
]

CODES = msg(
    '须为 GB/T 4754 代码列表，如 ["26", "3360"]',
    'must be a list of GB/T 4754 codes, e.g. ["26", "3360"]',
)
DIVISIONS = msg(
    '须为两位大类代码列表，如 ["44", "45"]',
    'must be a list of 2-digit divisions, e.g. ["44", "45"]',
)


class Section(BaseModel):
    """A settings table: frozen, no unknown keys, no silent conversion ("26" is not a list)."""

    model_config = ConfigDict(frozen=True, extra="forbid", strict=True)


def positive_sum(weights: Mapping[str, float], what: str) -> None:
    if sum(weights.values()) <= 0:
        raise ValueError(
            msg(f"{what} 权重之和须 > 0", f"the {what} weights must sum to more than 0")
        )
