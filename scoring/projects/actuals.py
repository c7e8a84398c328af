"""The towns' retrofit actuals from the completed projects, and the choice of their source.

A project counts in the year of its ``production_date`` (the year it reached 投产), for the town
of its firm: ``tech_retrofit_firms`` the distinct firms (USCC) with at least one project
completed that year, ``tech_retrofit_investment`` the sum of those projects' total investment in
亿元 (the targets' unit: :data:`scoring.targets.split.WAN_PER_YI` 万元 to the 亿元). Unlike the
survey's count (above-scale firms whose 完成技改 is true) the library counts every firm it holds.

``[projects] actuals_source`` chooses: ``"survey"`` keeps the survey's actuals
(:func:`scoring.targets.split.town_actuals`), ``"projects"`` puts these in their place; the
column ``retrofit_source`` says which (:func:`retrofit_actuals`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

import numpy as np
import pandas as pd

from scoring.projects.rules import money

__all__ = ["RETROFIT_KEYS", "project_actuals", "retrofit_actuals"]

RETROFIT_KEYS = ("tech_retrofit_firms", "tech_retrofit_investment")
_WAN_PER_YI = 10_000.0  # 1 亿元 = 10 000 万元, as scoring.targets.split


def project_actuals(
    with_places: pd.DataFrame,
    *,
    years: Iterable[int] | None = None,
    towns: Iterable[str] | None = None,
) -> pd.DataFrame:
    """Per year and town: ``tech_retrofit_firms`` (int), ``tech_retrofit_investment`` (亿元) and
    ``source`` = ``"projects"``, from the 投产 projects; every (year, town) of ``years`` ×
    ``towns`` when given (zeros where nothing was completed)."""
    done = with_places[with_places["stage"].astype(object).eq("投产")]
    year = pd.to_datetime(done["production_date"], errors="coerce", format="ISO8601").dt.year
    rows = pd.DataFrame(
        {
            "year": year.astype("Int64"),
            "town": done["town"].astype(object).where(done["town"].notna(), ""),
            "uscc": done["uscc"].astype(object),
            "investment": money(done, "total_investment_wan") / _WAN_PER_YI,
        }
    ).dropna(subset=["year"])
    grouped = rows.groupby(["year", "town"])
    out = pd.DataFrame(
        {
            "tech_retrofit_firms": grouped["uscc"].nunique(),
            "tech_retrofit_investment": grouped["investment"].sum(),
        }
    )
    if years is not None or towns is not None:
        all_years = (
            sorted({int(y) for y in years})
            if years is not None
            else sorted({int(y) for y in rows["year"]})
        )
        all_towns = list(towns) if towns is not None else sorted(set(rows["town"]))
        full = pd.MultiIndex.from_product([all_years, all_towns], names=["year", "town"])
        out = out.reindex(full, fill_value=0)
    out = out.reset_index()
    out["year"] = out["year"].astype("int64")
    out["tech_retrofit_firms"] = out["tech_retrofit_firms"].astype("int64")
    out["tech_retrofit_investment"] = out["tech_retrofit_investment"].astype("float64")
    out["source"] = "projects"
    return out[["year", "town", *RETROFIT_KEYS, "source"]]


def retrofit_actuals(
    survey: pd.DataFrame,
    with_places: pd.DataFrame,
    *,
    year: int,
    source: Literal["survey", "projects"],
) -> pd.DataFrame:
    """``survey`` (:func:`scoring.targets.split.town_actuals`, indexed by town) with its two
    retrofit actuals from the projects when ``source`` is ``"projects"``, and a
    ``retrofit_source`` column naming where they come from (a new frame)."""
    out = survey.copy()
    if source == "projects":
        mine = project_actuals(with_places, years=[year], towns=list(out.index))
        mine = mine.set_index("town")
        for key in RETROFIT_KEYS:
            out[key] = mine[key].reindex(out.index).to_numpy(dtype=np.float64)
    out["retrofit_source"] = source
    return out
