"""The district's matching budget (三(一)) shared out case by case, per year and per town.

A project draws on the budget of its library year (``year``, the year it was filed). Per year:

- ``budget_wan``: ``[projects] district_budget_wan`` of the year (0 when the year has none);
- ``requested_wan``: district matching requested (区配套申请) by the year's projects;
- ``approved_wan``: district matching approved (区配套核准) so far;
- ``paid_wan``: approved matching of the projects that reached 投产 — the district pays its
  matching once the project produces (事后奖补; an approval of a project not yet producing is a
  commitment, not a payment, and one of a terminated project is never paid);
- ``remaining_wan``: budget − approved (negative only when the settings' budget was lowered
  below what was already approved).

Per year and town the same columns, the town being the firm's (:func:`store.projects.
projects_with_places`); the budget is the district's one pot, so a town's ``remaining_wan`` is
its year's district remaining (it moves when any town's project is approved). Terminated
projects' requests are left out of ``requested_wan`` (no longer asked for); their approvals stay
in ``approved_wan`` (the decision was made) until a planner sets the approval to 0.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from config.settings import ProjectsSettings
from scoring.projects.rules import money

__all__ = ["BUDGET_COLUMNS", "budget_by_town", "budget_by_year", "remaining_budget"]

BUDGET_COLUMNS = ["budget_wan", "requested_wan", "approved_wan", "paid_wan", "remaining_wan"]
_SUMS = ["requested_wan", "approved_wan", "paid_wan"]


def _parts(projects: pd.DataFrame) -> pd.DataFrame:
    stage = projects["stage"].astype(object)
    approved = money(projects, "matching_approved_wan")
    return pd.DataFrame(
        {
            "year": pd.to_numeric(projects["year"], errors="coerce").astype("Int64"),
            "requested_wan": money(projects, "matching_requested_wan").where(stage.ne("终止"), 0.0),
            "approved_wan": approved,
            "paid_wan": approved.where(stage.eq("投产"), 0.0),
        },
        index=projects.index,
    )


def _years(
    projects: pd.DataFrame, settings: ProjectsSettings, years: Iterable[int] | None
) -> list[int]:
    if years is not None:
        return sorted({int(y) for y in years})
    found = pd.to_numeric(projects["year"], errors="coerce").dropna().astype(int)
    return sorted({*found.tolist(), *(int(y) for y in settings.district_budget_wan)})


def budget_by_year(
    projects: pd.DataFrame, *, settings: ProjectsSettings, years: Iterable[int] | None = None
) -> pd.DataFrame:
    """One row per year (``years``, default every year of the budget or of a project), the
    columns ``year`` and :data:`BUDGET_COLUMNS`."""
    wanted = _years(projects, settings, years)
    sums = _parts(projects).groupby("year")[_SUMS].sum().reindex(wanted, fill_value=0.0)
    out = sums.astype("float64")
    out.insert(0, "budget_wan", [settings.budget(y) for y in wanted])
    out["remaining_wan"] = out["budget_wan"] - out["approved_wan"]
    out.index = pd.Index(wanted, name="year")
    return out.reset_index()[["year", *BUDGET_COLUMNS]]


def budget_by_town(
    with_places: pd.DataFrame,
    *,
    settings: ProjectsSettings,
    towns: Iterable[str] | None = None,
    years: Iterable[int] | None = None,
) -> pd.DataFrame:
    """One row per year and town (every town of ``towns``, default those with projects; a town
    with none has zeros), the columns ``year``, ``town`` and :data:`BUDGET_COLUMNS` (the year's
    district budget and remaining beside the town's own sums)."""
    yearly = budget_by_year(with_places, settings=settings, years=years).set_index("year")
    parts = _parts(with_places).assign(
        town=with_places["town"].astype(object).where(with_places["town"].notna(), "")
    )
    names = sorted(set(parts["town"])) if towns is None else list(towns)
    full = pd.MultiIndex.from_product([list(yearly.index), names], names=["year", "town"])
    sums = parts.groupby(["year", "town"])[_SUMS].sum().reindex(full, fill_value=0.0)
    out = sums.astype("float64").reset_index()
    out["budget_wan"] = out["year"].map(yearly["budget_wan"])
    out["remaining_wan"] = out["year"].map(yearly["remaining_wan"])
    return out[["year", "town", *BUDGET_COLUMNS]]


def remaining_budget(projects: pd.DataFrame, *, settings: ProjectsSettings, year: int) -> float:
    """The district budget of ``year`` not yet approved (万元)."""
    table = budget_by_year(projects, settings=settings, years=[year])
    return float(table["remaining_wan"].iloc[0])
