"""The technical-retrofit project library (二(一)1) in the workspace: the ``projects`` table and
the ``project_stages`` log, on either back end (``Workspace.write_many`` / ``read_table``).

``projects`` — one row per project, the columns of :data:`COLUMNS` (money in 万元, dates as ISO
``YYYY-MM-DD`` text, ``city_key`` a flag, ``year`` the library year the row was filed). A
project's park and town are NOT stored: they follow from its firm (the firm's latest survey
row's ``park_id`` and ``town``) whenever they are wanted (:func:`projects_with_places`), so they
can never go stale when a firm moves or a park is redrawn.

``project_stages`` — every stage change and every matching approval, with who made it and when:
``project_id``, ``stage`` (one of :data:`STAGES`, or :data:`APPROVAL` for an approval), ``date``
(the stage's or approval's date), ``user``, ``at`` (ISO time of the write) and ``note``.

Both are data tables (:data:`geo.schema.DATA_TABLES`): part of the data version and of the
history's snapshots, so an import of the library can be undone like any other.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from geo.schema import PROJECTS
from store.workspace import Workspace

__all__ = [
    "APPROVAL",
    "BOOL_COLUMNS",
    "COLUMNS",
    "DATE_COLUMNS",
    "MONEY_COLUMNS",
    "STAGES",
    "STAGES_TABLE",
    "STAGE_COLUMNS",
    "STAGE_DATE",
    "TABLE",
    "TEXT_COLUMNS",
    "normalised",
    "normalised_stages",
    "placed_projects",
    "projects_with_places",
    "read_projects",
    "read_stages",
    "stage_changes",
]

TABLE = "projects"
STAGES_TABLE = "project_stages"
# the stages in the order a project passes them; 终止 ends a project at any point
STAGES = ("储备", "落地", "开工", "投产", "终止")
# the date each stage must carry (a project at a stage has that stage's date)
STAGE_DATE: Mapping[str, str] = {
    "储备": "reserve_date",
    "落地": "landing_date",
    "开工": "start_date",
    "投产": "production_date",
    "终止": "terminated_date",
}
# the stage log's marker of a matching approval (not a stage)
APPROVAL = "核准"

COLUMNS: list[str] = PROJECTS.names
MONEY_COLUMNS = [f.name for f in PROJECTS.fields if f.unit == "万元"]
DATE_COLUMNS = [f.name for f in PROJECTS.fields if f.kind == "date"]
BOOL_COLUMNS = ["city_key"]
TEXT_COLUMNS = [
    c for c in COLUMNS if c not in {*MONEY_COLUMNS, *DATE_COLUMNS, *BOOL_COLUMNS, "year"}
]
STAGE_COLUMNS = ["project_id", "stage", "date", "user", "at", "note"]


def _text(values: pd.Series) -> pd.Series:
    """Text as object: stripped strings, ``None`` where missing or blank."""
    text = values.astype("string").str.strip()
    return text.astype(object).where(text.notna() & text.ne(""), None)


def _flags(values: pd.Series) -> pd.Series:
    if pd.api.types.is_bool_dtype(values):
        return values.fillna(False).astype(bool)
    numbers = pd.to_numeric(values, errors="coerce")
    if numbers.notna().all() or values.isna().all():
        return numbers.fillna(0).astype(float).ne(0)
    text = values.astype("string").str.strip().str.lower()
    return text.isin(["true", "1", "1.0", "是", "yes"]).fillna(False).astype(bool)


def normalised(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` as the ``projects`` table stores it: exactly :data:`COLUMNS`, in order; money
    float64 (NaN missing), ``city_key`` bool, ``year`` int64, the rest text or ``None``; the
    index 0..n-1. A new frame; the same frame read back from either back end comes out equal."""
    out = pd.DataFrame(index=pd.RangeIndex(len(frame)))
    rows = frame.reset_index(drop=True)
    for column in COLUMNS:
        values = rows[column] if column in rows else pd.Series([None] * len(rows), dtype=object)
        if column in MONEY_COLUMNS:
            out[column] = pd.to_numeric(values, errors="coerce").astype("float64")
        elif column in BOOL_COLUMNS:
            out[column] = _flags(values)
        elif column == "year":
            out[column] = pd.to_numeric(values, errors="coerce").fillna(0).astype("int64")
        else:
            out[column] = _text(values)
    return out


def normalised_stages(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` as the ``project_stages`` table stores it (text columns, ``None`` missing)."""
    rows = frame.reset_index(drop=True)
    out = pd.DataFrame(index=pd.RangeIndex(len(rows)))
    for column in STAGE_COLUMNS:
        values = rows[column] if column in rows else pd.Series([None] * len(rows), dtype=object)
        out[column] = _text(values)
    return out


def read_projects(ws: Workspace) -> pd.DataFrame:
    """The stored library (:func:`normalised`; empty with its columns when there is none)."""
    if TABLE not in ws.tables():
        return normalised(pd.DataFrame(columns=COLUMNS))
    return normalised(ws.read_table(TABLE))


def read_stages(ws: Workspace) -> pd.DataFrame:
    """The stage log, oldest first (empty with its columns when there is none)."""
    if STAGES_TABLE not in ws.tables():
        return normalised_stages(pd.DataFrame(columns=STAGE_COLUMNS))
    return normalised_stages(ws.read_table(STAGES_TABLE))


def projects_with_places(projects: pd.DataFrame, enterprises: pd.DataFrame) -> pd.DataFrame:
    """``projects`` with ``firm_name``, ``park_id`` and ``town`` of their firm's latest survey
    row (a new frame, on the projects' index). A firm without a survey row has none (``None``).
    """
    firms = pd.DataFrame(enterprises).drop(columns="geometry", errors="ignore")
    wanted = [c for c in ("uscc", "survey_year", "name", "park_id", "town") if c in firms]
    latest = (
        firms[wanted]
        .assign(_year=pd.to_numeric(firms["survey_year"], errors="coerce"))
        .sort_values("_year", kind="stable")
        .drop_duplicates("uscc", keep="last")
        .set_index("uscc")
    )
    uscc = projects["uscc"].astype(object)
    out = projects.copy()
    for source, name in (("name", "firm_name"), ("park_id", "park_id"), ("town", "town")):
        column = latest[source] if source in latest else pd.Series(dtype=object)
        values = uscc.map(column.astype(object).where(column.notna(), None))
        out[name] = values.astype(object).where(values.notna(), None)
    return out


def placed_projects(ws: Workspace, enterprises: pd.DataFrame | None = None) -> pd.DataFrame:
    """The stored library with its firms' places (:func:`read_projects` then
    :func:`projects_with_places`); ``enterprises`` default: the workspace's, the columns needed."""
    if enterprises is None:
        wanted = ["uscc", "survey_year", "name", "park_id", "town"]
        enterprises = ws.read("enterprises", columns=wanted)
    return projects_with_places(read_projects(ws), enterprises)


def stage_changes(
    before: pd.DataFrame, after: pd.DataFrame, *, user: str, at: str, note: str = ""
) -> pd.DataFrame:
    """The stage log rows of ``after``'s projects whose stage differs from ``before`` (or that
    ``before`` does not have): their new stage and its date, by ``user`` at ``at``."""
    old = before.set_index("project_id")["stage"] if len(before) else pd.Series(dtype=object)
    new = after[["project_id", "stage"]]
    was = new["project_id"].map(old)
    changed = after[was.isna().to_numpy() | (was.astype(object) != new["stage"]).to_numpy()]
    if changed.empty:
        return normalised_stages(pd.DataFrame(columns=STAGE_COLUMNS))
    column = changed["stage"].map(STAGE_DATE)
    dates = np.array(
        [changed.at[i, c] if isinstance(c, str) else None for i, c in column.items()],
        dtype=object,
    )
    rows = pd.DataFrame(
        {
            "project_id": changed["project_id"].to_numpy(),
            "stage": changed["stage"].to_numpy(),
            "date": dates,
            "user": user,
            "at": at,
            "note": note,
        }
    )
    return normalised_stages(rows)
