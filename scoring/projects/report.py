"""The project library as one table per question: every project of a year with its place, key
flag, allowed matching and follow-up state (the CLI's and the page's project list)."""

from __future__ import annotations

import pandas as pd

from config.settings import ProjectsSettings
from scoring.projects.labels import FOLLOW_UP_LABELS
from scoring.projects.rules import follow_up, is_key, max_district_matching

__all__ = ["PLACE_COLUMNS", "project_table"]

PLACE_COLUMNS = ["firm_name", "park_id", "town"]
_DERIVED = ["key", "max_district_matching_wan", "follow_up", "follow_up_label"]


def project_table(
    with_places: pd.DataFrame,
    *,
    settings: ProjectsSettings,
    as_of: str | pd.Timestamp,
    year: int | None = None,
) -> pd.DataFrame:
    """The projects (of library year ``year``; all when ``None``) ordered by town then id, with
    ``key``, ``max_district_matching_wan`` (万元), ``follow_up`` (a code of
    :data:`scoring.projects.rules.FOLLOW_UP`) and ``follow_up_label`` (its Chinese name) as of
    ``as_of``. ``with_places`` is :func:`store.projects.projects_with_places`'s frame."""
    rows = with_places
    if year is not None:
        rows = rows[pd.to_numeric(rows["year"], errors="coerce").eq(year)]
    state = follow_up(rows, as_of=as_of)
    out = rows.assign(
        key=is_key(rows, threshold_wan=settings.key_threshold_wan),
        max_district_matching_wan=max_district_matching(rows, cap_share=settings.subsidy_cap_share),
        follow_up=state,
        follow_up_label=state.map(FOLLOW_UP_LABELS),
    )
    town = out["town"].astype(object).where(out["town"].notna(), "")
    out = out.assign(_town=town).sort_values(["_town", "project_id"], kind="stable")
    first = ["project_id", "uscc", *PLACE_COLUMNS]
    rest = [c for c in out.columns if c not in {*first, *_DERIVED, "_town"}]
    return out[[*first, *rest, *_DERIVED]].reset_index(drop=True)
