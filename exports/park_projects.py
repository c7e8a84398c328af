"""The chosen parks' technical-retrofit projects, for the decision pack: the parks' circular
retrofit projects (园区循环化改造, plan 二(二)3) first, then every project of the parks' firms,
with the district matching the cap allows and the follow-up state (issue 24's library)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from config.sections_projects import ProjectsSettings
from exports.tables import Provenance, write_xlsx
from scoring.projects.labels import LABELS
from scoring.projects.report import project_table
from store.projects import placed_projects
from store.workspace import Workspace

__all__ = ["CIRCULAR", "COLUMNS", "park_projects", "write_park_projects"]

CIRCULAR = "园区循环化改造"
COLUMNS = (
    "park_id", "project_id", "name", "firm_name", "uscc", "type", "stage", "follow_up_label",
    "key", "total_investment_wan", "subsidy_province_wan", "subsidy_city_wan",
    "max_district_matching_wan", "matching_requested_wan", "matching_approved_wan",
    "planned_start_date", "planned_production_date",
)  # fmt: skip
SHEETS = ("园区循环化改造项目 circular", "园区企业技改项目 projects")


def park_projects(
    workspace: Workspace, parks: Sequence[str], *, settings: ProjectsSettings, as_of: str
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The circular-retrofit projects and all projects of the firms in ``parks`` (by park, then
    project id)."""
    places = placed_projects(workspace)
    table = project_table(places, settings=settings, as_of=as_of)
    inside = table[table["park_id"].isin(list(parks))]
    inside = inside.sort_values(["park_id", "project_id"], kind="stable").loc[:, list(COLUMNS)]
    circular = inside[inside["type"] == CIRCULAR]
    return circular.reset_index(drop=True), inside.reset_index(drop=True)


def write_park_projects(
    path: Path,
    workspace: Workspace,
    parks: Sequence[str],
    *,
    provenance: Provenance,
    settings: ProjectsSettings,
    as_of: str,
) -> Path:
    """Write the parks' projects as an Excel workbook (one header row, Chinese labels)."""
    circular, every = park_projects(workspace, parks, settings=settings, as_of=as_of)
    write_xlsx(
        dict(zip(SHEETS, (circular, every), strict=True)),
        path,
        provenance=provenance,
        labels=dict(LABELS),
    )
    return path
