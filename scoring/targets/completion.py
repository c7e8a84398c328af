"""Completion of the town targets: per indicator and overall, rank, behind, for one year.

Reads the split and the survey through :mod:`scoring.targets.split`; a year without a survey gives a
report whose status says so (targets shown, no actual, completion or rank — never zeros).
Plain pandas, vectorised.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, cast

import numpy as np
import pandas as pd

from config.settings import TargetsSettings
from errors import UnknownKeyError
from scoring.projects.actuals import retrofit_actuals
from scoring.targets.split import (
    KEYS,
    plan_district,
    split_check,
    survey_years,
    town_actuals,
)

__all__ = ["TargetReport", "completion_table", "evaluate_year"]


def completion_table(targets: pd.DataFrame, actuals: pd.DataFrame, *, cap: float) -> pd.DataFrame:
    """Completion per indicator and overall, rank and behind, one row per town.

    ``targets`` and ``actuals`` are indexed by town with the indicator columns. Completion of an
    indicator = actual / target × 100 (%); a zero target or a missing actual is not evaluated
    (NaN). ``completion`` = mean of the evaluated indicator completions, each capped at ``cap``
    × 100 %; ``indicators`` = how many were evaluated; ``rank`` 1 = highest completion (ties
    share the best rank); ``behind`` = completion < 100 %. Towns without any evaluated
    indicator have no completion, rank or behind.
    """
    index = targets.index
    t = targets[list(KEYS)].apply(pd.to_numeric, errors="coerce").astype(float)
    a = actuals.reindex(index)[list(KEYS)].astype(float)
    ratio = (a / t.where(t > 0)) * 100.0
    capped = ratio.clip(upper=cap * 100.0)
    out = pd.DataFrame(index=index)
    for key in KEYS:
        out[f"{key}_target"] = t[key]
        out[f"{key}_actual"] = a[key]
        out[f"{key}_completion"] = ratio[key]
    out["completion"] = capped.mean(axis=1, skipna=True)
    out["indicators"] = capped.notna().sum(axis=1).astype(int)
    out["rank"] = out["completion"].rank(ascending=False, method="min").astype("Int64")
    behind = pd.array((out["completion"] < 100.0).to_numpy(), dtype="boolean")
    behind[out["completion"].isna().to_numpy()] = pd.NA
    out["behind"] = behind
    return out


@dataclass(frozen=True)
class TargetReport:
    """The targets of one year measured against its survey.

    ``status`` is ``"ok"`` or ``"no_survey"`` (the workspace has no survey for ``year``: the
    table then holds the targets and no actual, completion or rank — never zeros).
    """

    year: int
    status: Literal["ok", "no_survey"]
    table: pd.DataFrame
    actuals: pd.DataFrame
    check: pd.DataFrame
    survey_years: tuple[int, ...]
    parameters: dict[str, Any] = field(default_factory=dict)

    @property
    def has_survey(self) -> bool:
        return self.status == "ok"

    def message(self, lang: str = "zh") -> str:
        """One line saying what the report rests on."""
        years = "、".join(str(y) for y in self.survey_years) or "—"
        if self.has_survey:
            zh = f"{self.year} 年调查数据；调查年度：{years}"
            en = f"survey of {self.year}; survey years: {', '.join(map(str, self.survey_years))}"
        else:
            zh = f"工作库中没有 {self.year} 年的企业调查数据，无法计算完成情况（调查年度：{years}）"
            en = (
                f"the workspace holds no enterprise survey for {self.year}, so completion cannot "
                f"be computed (survey years: {', '.join(map(str, self.survey_years)) or '—'})"
            )
        return zh if lang == "zh" else en


def evaluate_year(
    firms: pd.DataFrame,
    split: pd.DataFrame,
    *,
    year: int,
    towns: Sequence[str],
    config: TargetsSettings,
    projects: pd.DataFrame | None = None,
) -> TargetReport:
    """Measure ``year``'s town targets (rows of ``split``) against ``year``'s survey; with
    ``projects`` (the library with its firms' places, :func:`store.projects.projects_with_places`)
    the two retrofit actuals come from the projects completed in ``year`` instead
    (:func:`scoring.projects.actuals.retrofit_actuals`), and ``parameters`` say so."""
    years = sorted({int(y) for y in split["year"]})
    if year not in years:
        raise UnknownKeyError("target year", year, [str(y) for y in years])
    targets = split.loc[split["year"] == year].set_index("town").reindex(list(towns))
    present = survey_years(firms)
    base = config.base_year
    district, weights = plan_district(firms, towns=towns, config=config)
    figures = cast(pd.Series, district.loc[year])
    check = split_check(targets, figures, weights=weights, unit=config.amount_unit)
    if year in present:
        actuals = town_actuals(firms, year=year, towns=towns, config=config)
        if projects is not None:
            actuals = retrofit_actuals(actuals, projects, year=year, source="projects")
            actuals = actuals.drop(columns="retrofit_source")
        status: Literal["ok", "no_survey"] = "ok"
    else:
        actuals = pd.DataFrame(np.nan, index=targets.index, columns=list(KEYS))
        status = "no_survey"
    table = completion_table(targets, actuals, cap=config.cap)
    parameters = {
        "year": year,
        "cap": config.cap,
        "base_year": base,
        "industrial_base": "share of above-scale gross output in the base-year survey",
        "key_divisions": list(config.key_divisions),
        "retrofit_actuals": "survey" if projects is None else "projects",
    }
    return TargetReport(year, status, table, actuals, check, tuple(present), parameters)
