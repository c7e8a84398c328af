"""Typed settings of the technical-retrofit project library (二(一)1) and the district's matching
funds (三(一)): ``[projects]``."""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import Field, field_validator

from config.fields import NonNegative, Section, msg

__all__ = ["MAX_KEY_THRESHOLD_WAN", "ProjectsSettings"]

# a key-project threshold above 1 000 000 万元 (100 亿元) would make no project of a district key
MAX_KEY_THRESHOLD_WAN = 1_000_000.0


class ProjectsSettings(Section):
    """``[projects]``: the project types, the key-project threshold (万元), the subsidy cap
    (province + city + district as a share of the firm's own investment), the district's
    matching budget per year (万元) and where the towns' retrofit actuals come from."""

    types: list[Annotated[str, Field(min_length=1)]] = Field(
        description=msg("须为非空的项目类型列表", "must be a non-empty list of project types")
    )
    key_threshold_wan: Annotated[
        float,
        Field(
            gt=0,
            le=MAX_KEY_THRESHOLD_WAN,
            allow_inf_nan=False,
            description=msg("须为 (0, 1000000] 万元", "must be in (0, 1 000 000] 万元"),
        ),
    ]
    subsidy_cap_share: Annotated[
        float,
        Field(
            gt=0,
            le=1,
            allow_inf_nan=False,
            description=msg("须为 (0, 1] 之间的比例", "must be a share in (0, 1]"),
        ),
    ]
    district_budget_wan: dict[str, NonNegative]
    actuals_source: Literal["survey", "projects"] = Field(
        description=msg('须为 "survey" 或 "projects"', 'must be "survey" or "projects"')
    )

    @field_validator("types")
    @classmethod
    def _types(cls, types: list[str]) -> list[str]:
        if not types:
            raise ValueError(msg("须至少有一个项目类型", "needs at least one project type"))
        if len(set(types)) != len(types):
            raise ValueError(msg("项目类型不可重复", "the project types must be distinct"))
        return types

    @field_validator("district_budget_wan")
    @classmethod
    def _years(cls, budget: dict[str, float]) -> dict[str, float]:
        wrong = [k for k in budget if not re.fullmatch(r"(19|20)\d\d", k)]
        if wrong:
            raise ValueError(
                msg(
                    f'年份须为 "2015" 这样的字符串，不是 {", ".join(wrong)}',
                    f'years must be strings like "2015", not {", ".join(wrong)}',
                )
            )
        return budget

    def budget(self, year: int) -> float:
        """The district's matching budget of ``year`` (万元; 0 when the year has none)."""
        return float(self.district_budget_wan.get(str(int(year)), 0.0))
