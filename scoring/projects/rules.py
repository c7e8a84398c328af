"""The rules of one project: key or not, the district matching it may get, how its follow-up
stands.

- **Key project** (二(一)1): marked 市重点 (``city_key``), or ``total_investment_wan`` ≥
  ``[projects] key_threshold_wan`` (5 000 万元: exactly 5 000 is key).
- **Most district matching** (三(一)): province + city + district ≤ ``subsidy_cap_share`` (50 %)
  of the firm's own investment (the project's total), so the district may add at most
  ``max(0, cap_share × total − province − city)``; when province and city alone reach the cap the
  district may add nothing (0, never negative).
- **Follow-up** as of a date: ``done`` (投产), ``terminated`` (终止), ``late_production`` (past
  its planned production date and not 投产), ``late_start`` (past its planned start date and
  still 储备 or 落地), else ``on_time``. "Past" is strict: on the planned date itself a project
  is on time. :func:`late_projects` lists the key projects that are late, per town.

Missing money counts as 0 (a subsidy not given); a missing planned date is never late.
"""

from __future__ import annotations

import pandas as pd

__all__ = [
    "FOLLOW_UP",
    "follow_up",
    "is_key",
    "late_projects",
    "max_district_matching",
    "money",
]

FOLLOW_UP = ("on_time", "late_start", "late_production", "done", "terminated")
_NOT_STARTED = ("储备", "落地")
_NOT_PRODUCING = ("储备", "落地", "开工")


def money(projects: pd.DataFrame, column: str) -> pd.Series:
    """A money column (万元) as float64, 0 where missing."""
    if column not in projects:
        return pd.Series(0.0, index=projects.index, name=column)
    return pd.to_numeric(projects[column], errors="coerce").fillna(0.0).astype("float64")


def is_key(projects: pd.DataFrame, *, threshold_wan: float) -> pd.Series:
    """True for a key project: 市重点, or a total investment of at least ``threshold_wan``."""
    total = pd.to_numeric(projects["total_investment_wan"], errors="coerce")
    city = projects["city_key"].fillna(False).astype(bool)
    return (city | total.ge(threshold_wan).fillna(False)).rename("key")


def max_district_matching(projects: pd.DataFrame, *, cap_share: float) -> pd.Series:
    """The most district matching (万元) the cap allows: ``max(0, cap_share × total − province
    − city)``."""
    room = (
        cap_share * money(projects, "total_investment_wan")
        - money(projects, "subsidy_province_wan")
        - money(projects, "subsidy_city_wan")
    )
    return room.clip(lower=0.0).rename("max_district_matching_wan")


def _dates(projects: pd.DataFrame, column: str) -> pd.Series:
    return pd.to_datetime(projects[column], errors="coerce", format="ISO8601")


def follow_up(projects: pd.DataFrame, *, as_of: str | pd.Timestamp) -> pd.Series:
    """Each project's follow-up state on ``as_of`` (one of :data:`FOLLOW_UP`)."""
    day = pd.Timestamp(as_of).normalize()
    stage = projects["stage"].astype(object)
    late_start = stage.isin(_NOT_STARTED) & _dates(projects, "planned_start_date").lt(day)
    late_production = stage.isin(_NOT_PRODUCING) & _dates(projects, "planned_production_date").lt(
        day
    )
    state = pd.Series("on_time", index=projects.index, name="follow_up", dtype=object)
    state = state.mask(late_start, "late_start").mask(late_production, "late_production")
    return state.mask(stage.eq("投产"), "done").mask(stage.eq("终止"), "terminated")


def late_projects(
    with_places: pd.DataFrame, *, as_of: str | pd.Timestamp, threshold_wan: float
) -> pd.DataFrame:
    """The key projects late on ``as_of`` (``late_start`` or ``late_production``), by town then
    project id, with their ``follow_up`` state and the planned date they missed
    (``missed_date``). ``with_places`` is :func:`store.projects.projects_with_places`'s frame."""
    state = follow_up(with_places, as_of=as_of)
    key = is_key(with_places, threshold_wan=threshold_wan)
    late = with_places[key & state.isin(["late_start", "late_production"])].assign(
        follow_up=state, key=key
    )
    missed = late["planned_start_date"].where(
        late["follow_up"].eq("late_start"), late["planned_production_date"]
    )
    late = late.assign(missed_date=missed)
    town = late["town"].astype(object).where(late["town"].notna(), "")
    return (
        late.assign(_town=town)
        .sort_values(["_town", "project_id"], kind="stable")
        .drop(columns="_town")
        .reset_index(drop=True)
    )
