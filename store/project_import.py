"""Import a town's project-library file: check every row, preview what changes, then write once.

1. :func:`plan_projects_import` reads the file through the confined reader (a worker process
   within the ``[import]`` limits, :func:`geo.read_budget.read_budgeted`), checks every row at
   once (:func:`store.project_checks.check_projects`) and compares the result with what is
   stored: the file replaces the stored projects of its library years (a town account's, those
   of its own town's firms only: ``town``); a column the file does not have keeps its stored
   values for the projects it holds (a file without 区配套核准 keeps the approvals made in
   ParkPlan). It also refuses a year whose approved matching would then exceed the district's
   budget of that year. Nothing is written.
2. :func:`apply_projects_import` takes the workspace lock, checks that the data are those the
   plan was made on, and writes the library, its stage log (a row per changed stage, by the user)
   and the history row as one atomic write (:func:`store.history.commit_change`): undo and
   restore bring both tables back.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd

from config.settings import ProjectsSettings
from errors import ImportStateError, Problem, ValidationError
from geo.checksum import sha256_file
from geo.read_budget import read_budgeted
from scoring.projects.budget import budget_by_year
from store.changes import Changes
from store.history import commit_change, now
from store.imports import ImportSettings
from store.lock import workspace_lock
from store.project_checks import check_projects, field_names
from store.projects import (
    COLUMNS,
    STAGES_TABLE,
    TABLE,
    normalised,
    normalised_stages,
    projects_with_places,
    read_projects,
    read_stages,
    stage_changes,
)
from store.workspace import Workspace

__all__ = [
    "HISTORY_LAYER",
    "ProjectsPlan",
    "ProjectsReport",
    "apply_projects_import",
    "compare_projects",
    "plan_projects_import",
]

log = logging.getLogger(__name__)

# what the history row names as the import's layer: both tables, restored together by undo
HISTORY_LAYER = f"{TABLE}, {STAGES_TABLE}"
_SUFFIXES = (".csv", ".xlsx", ".xlsm")


@dataclass(frozen=True)
class ProjectsPlan:
    """A checked library file and what storing it would change (nothing written yet).

    ``incoming`` the file's rows (typed), ``result`` the whole ``projects`` table after the
    import, ``replaced`` the stored rows it replaces, ``changes`` new / changed / removed
    (``changes.table``: ``key``, ``name``, ``change``, ``fields``), ``town`` the town a town
    account's import is limited to (``None``: the district)."""

    source: str
    sha256: str
    years: tuple[int, ...]
    incoming: pd.DataFrame
    result: pd.DataFrame
    replaced: int
    changes: Changes
    warnings: tuple[Problem, ...]
    base_version: str
    town: str | None = None
    layer: str = TABLE

    @property
    def rows(self) -> int:
        return len(self.incoming)


@dataclass(frozen=True)
class ProjectsReport:
    """What an import of the library did: rows, counts, the history entry."""

    source: str
    rows: int
    replaced: int
    years: tuple[int, ...]
    counts: dict[str, int]
    entry: int
    layer: str = TABLE


def _same(a: pd.Series, b: pd.Series) -> np.ndarray:
    if pd.api.types.is_numeric_dtype(a) and pd.api.types.is_numeric_dtype(b):
        x, y = a.astype("float64").to_numpy(), b.astype("float64").to_numpy()
        return np.isclose(x, y, rtol=1e-9, atol=0) | (np.isnan(x) & np.isnan(y))
    left = a.astype(object).where(a.notna(), None).to_numpy()
    right = b.astype(object).where(b.notna(), None).to_numpy()
    return np.array([p == q for p, q in zip(left, right, strict=True)], dtype=bool)


def compare_projects(stored: pd.DataFrame, incoming: pd.DataFrame) -> Changes:
    """New, changed (which fields) and removed projects, matched by ``project_id``."""
    old = stored.set_index("project_id")
    new = incoming.set_index("project_id")
    both = new.index.intersection(old.index)
    fields = pd.Series("", index=both, dtype=object)
    for column in (c for c in COLUMNS if c != "project_id"):
        diff = ~_same(old.loc[both, column], new.loc[both, column])
        fields = fields.where(~diff, fields + column + ", ")
    fields = fields.str.rstrip(", ")
    changed = fields[fields.ne("")]
    added = new.index.difference(old.index, sort=False)
    removed = old.index.difference(new.index, sort=False)

    def rows(ids: pd.Index, frame: pd.DataFrame, change: str, what: object) -> pd.DataFrame:
        return pd.DataFrame(
            {
                "key": list(ids),
                "name": frame.loc[ids, "name"].to_numpy(),
                "change": change,
                "fields": what,
            },
        )

    table = pd.concat(
        [
            rows(added, new, "new", ""),
            rows(changed.index, new, "changed", changed.to_numpy()),
            rows(removed, old, "removed", ""),
        ],
        ignore_index=True,
    )
    counts = {
        "new": len(added),
        "changed": len(changed),
        "removed": len(removed),
        "unchanged": len(both) - len(changed),
    }
    features = gpd.GeoDataFrame({"key": [], "name": [], "change": []}, geometry=[], crs=4326)
    return Changes(table=table, features=features, counts=counts)


def _keep_absent(incoming: pd.DataFrame, stored: pd.DataFrame, given: set[str]) -> pd.DataFrame:
    """``incoming`` with the columns the file lacks taken from the stored rows of its ids."""
    absent = [c for c in COLUMNS if c not in given]
    if not absent or stored.empty:
        return incoming
    old = stored.set_index("project_id")
    ids = incoming["project_id"]
    known = ids.isin(old.index).to_numpy()
    out = incoming.copy()
    for column in absent:
        values = ids.map(old[column])
        out[column] = out[column].where(~known, values) if known.any() else out[column]
    return normalised(out)


def _budget_problems(
    result: pd.DataFrame, years: tuple[int, ...], settings: ProjectsSettings, source: str
) -> list[Problem]:
    table = budget_by_year(result, settings=settings, years=years)
    over = table[table["remaining_wan"] < -1e-6]
    out = []
    for year, approved, budget in zip(
        over["year"].astype(int),
        over["approved_wan"].astype(float),
        over["budget_wan"].astype(float),
        strict=True,
    ):
        out.append(
            Problem(
                source,
                None,
                "matching_approved_wan（区配套核准）",
                approved,
                f"{year} 年区配套核准合计不得超过当年预算 {budget:,.0f} 万元 / the approved "
                f"matching of {year} must not exceed that year's budget ({budget:,.0f} 万元, "
                "[projects] district_budget_wan)",
            )
        )
    return out


def plan_projects_import(
    ws: Workspace,
    path: str | Path,
    *,
    settings: ProjectsSettings,
    year: int | None = None,
    town: str | None = None,
    limits: ImportSettings | None = None,
) -> ProjectsPlan:
    """Read, check and compare ``path`` as the project library; write nothing.

    ``town``: limit the import to the projects of that town's firms (a town account's): a row of
    a firm elsewhere is refused, and only that town's stored projects of the file's years are
    replaced.

    Raises
    ------
    errors.ValidationError
        Every problem of the file at once (or the one reason a hostile file is refused).
    """
    path = Path(path)
    limits = limits or ImportSettings.from_config()
    if path.suffix.lower() not in _SUFFIXES:
        allowed = "须为 / must be one of: " + ", ".join(_SUFFIXES)
        raise ValidationError(
            [Problem(path.name, None, "file type", path.suffix, allowed)], source=path.name
        )
    raw = read_budgeted(path, layer=None, limits=limits.limits)
    base_version = ws.data_version()
    enterprises = ws.read("enterprises")
    firms = set(enterprises["uscc"].astype("string").str.strip().str.upper().dropna())
    incoming = check_projects(
        raw.frame,
        source=path.name,
        firms=firms,
        settings=settings,
        row_offset=raw.row_offset,
        year=year,
    )
    placed = projects_with_places(incoming, enterprises)
    if town is not None:
        where_of = [str(t) if t else "" for t in placed["town"].tolist()]
        wrong = np.flatnonzero(placed["town"].astype(object).ne(town).to_numpy())
        if len(wrong):
            raise ValidationError(
                [
                    Problem(
                        path.name,
                        int(i) + raw.row_offset,
                        "uscc（统一社会信用代码）",
                        incoming.at[int(i), "uscc"],
                        f"企业位于 {where_of[int(i)] or '区外'}；镇街账户只可导入本镇街 "
                        f"{town} 企业的项目 / the firm lies in {where_of[int(i)]}; a "
                        f"town account imports the projects of {town}'s firms only",
                    )
                    for i in wrong
                ],
                source=path.name,
            )
    given = field_names(raw.frame.columns) | {"year"}
    stored = read_projects(ws)
    years = tuple(sorted({int(y) for y in incoming["year"]}))
    in_scope = stored["year"].isin(years).to_numpy()
    if town is not None:
        where = projects_with_places(stored, enterprises)["town"].astype(object)
        in_scope = in_scope & where.eq(town).to_numpy()
    elsewhere = stored[~in_scope & ~stored["project_id"].isin(incoming["project_id"]).to_numpy()]
    clash = stored[~in_scope & stored["project_id"].isin(incoming["project_id"]).to_numpy()]
    incoming = _keep_absent(incoming, stored, given)
    problems = [
        Problem(
            path.name,
            None,
            "project_id（项目编号）",
            pid,
            "该编号已用于另一年度或镇街的项目 / this id belongs to a project of another year "
            "or town",
        )
        for pid in clash["project_id"]
    ]
    result = normalised(pd.concat([elsewhere, incoming], ignore_index=True))
    problems += _budget_problems(result, years, settings, path.name)
    if problems:
        raise ValidationError(problems, source=path.name)
    replaced = stored[in_scope]
    changes = compare_projects(replaced, incoming)
    log.info("planned %s → projects: %s", path.name, changes.summary())
    return ProjectsPlan(
        source=path.name,
        sha256=sha256_file(path),
        years=years,
        incoming=incoming,
        result=result,
        replaced=len(replaced),
        changes=changes,
        warnings=raw.warnings,
        base_version=base_version,
        town=town,
    )


def apply_projects_import(
    ws: Workspace, plan: ProjectsPlan, *, user: str = "", limits: ImportSettings | None = None
) -> ProjectsReport:
    """Store a plan: the library, its stage log and the history row, in one atomic write.

    Raises
    ------
    errors.ImportStateError
        The data changed since the plan was made: check the file again.
    """
    limits = limits or ImportSettings.from_config()
    with workspace_lock(ws, timeout=limits.lock_timeout_s):
        current = ws.data_version()
        if current != plan.base_version:
            raise ImportStateError(
                f"{plan.source}: 检查之后工作库已变化，请重新检查 / the workspace changed since "
                f"this file was checked (version {plan.base_version} → {current}); check it again"
            )
        at = now()
        stored = read_projects(ws)
        log_rows = stage_changes(
            stored, plan.incoming, user=user.strip(), at=at, note=f"import {plan.source}"
        )
        stages = normalised_stages(pd.concat([read_stages(ws), log_rows], ignore_index=True))
        row = {
            "when": at,
            "user": user.strip(),
            "action": "import",
            "file": plan.source,
            "sha256": plan.sha256,
            "layer": HISTORY_LAYER,
            "years": ", ".join(map(str, plan.years)),
            "rows": plan.rows,
            "new": plan.changes.counts["new"],
            "changed": plan.changes.counts["changed"],
            "removed": plan.changes.counts["removed"],
            "version_before": current,
        }
        written = commit_change(ws, {TABLE: plan.result, STAGES_TABLE: stages}, row)
    entry = int(written["entry"])
    log.info("imported %s → projects: %s (entry %d)", plan.source, plan.changes.summary(), entry)
    return ProjectsReport(
        source=plan.source,
        rows=plan.rows,
        replaced=plan.replaced,
        years=plan.years,
        counts=dict(plan.changes.counts),
        entry=entry,
    )
