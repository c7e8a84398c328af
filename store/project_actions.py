"""The project library's writing actions as a signed-in account: role checked first (a refusal
writes nothing), then done, recorded in the history and audited in ONE atomic write.

- :func:`plan_projects_import_as` / :func:`apply_projects_import_as`: a town's library file
  (``import_projects``: planner, admin; a town account only for its own town's firms);
- :func:`approve_matching_as`: the district matching of one project (``approve_matching``:
  planner, admin), refused with its reason above the most the 50 % cap allows
  (:func:`scoring.projects.rules.max_district_matching`), above the year's remaining budget
  (:func:`scoring.projects.budget.remaining_budget`, this project's own earlier approval given
  back first), above the amount requested, or for a terminated project; stores the amount, the
  date and the approver (the account's name), a ``核准`` row in the stage log, the history row
  and the audit row together;
- :func:`set_stage_as`: a project's stage and its date (``import_projects``), refused when the
  stage is unknown or its date comes before an earlier stage's; logged with who made it.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from config.settings import ProjectsSettings
from errors import Problem, ValidationError
from scoring.projects.budget import remaining_budget
from scoring.projects.rules import max_district_matching
from store import audit
from store.history import commit_change, now
from store.imports import ImportSettings
from store.lock import workspace_lock
from store.project_checks import ORDERED_DATES
from store.project_import import (
    HISTORY_LAYER,
    ProjectsPlan,
    ProjectsReport,
    apply_projects_import,
    plan_projects_import,
)
from store.projects import (
    APPROVAL,
    STAGE_DATE,
    STAGES,
    STAGES_TABLE,
    TABLE,
    normalised_stages,
    projects_with_places,
    read_projects,
    read_stages,
)
from store.roles import Actor, require
from store.workspace import Workspace

__all__ = [
    "apply_projects_import_as",
    "approve_matching_as",
    "plan_projects_import_as",
    "set_stage_as",
]

_SOURCE = "区配套核准 / matching approval"
_STAGE_SOURCE = "项目阶段 / project stage"


def _defaults() -> ProjectsSettings:
    from config import load_settings

    return load_settings().projects


def _town(actor: Actor) -> str | None:
    return actor.town if actor.role == "town" else None


def plan_projects_import_as(
    ws: Workspace,
    actor: Actor,
    path: str | Path,
    *,
    settings: ProjectsSettings | None = None,
    year: int | None = None,
    limits: ImportSettings | None = None,
) -> ProjectsPlan:
    """Check ``path`` as the project library for ``actor`` (nothing stored); a town account's
    plan is limited to its own town's firms (a row of another town's firm is refused).
    ``settings`` default: ``[projects]`` of config/defaults.toml."""
    require(actor, "import_projects", town=_town(actor))
    settings = settings or _defaults()
    return plan_projects_import(
        ws, path, settings=settings, year=year, town=_town(actor), limits=limits
    )


def apply_projects_import_as(
    ws: Workspace, actor: Actor, plan: ProjectsPlan, *, limits: ImportSettings | None = None
) -> ProjectsReport:
    """Store a plan of :func:`plan_projects_import_as` for ``actor``, audited in the same write."""
    require(actor, "import_projects", town=_town(actor))
    if plan.town != _town(actor):
        raise ValidationError(
            [
                Problem(
                    plan.source,
                    None,
                    "town",
                    plan.town,
                    "计划须由同一账户制定 / the plan must be made by the same account",
                )
            ],
            source=plan.source,
        )
    summary = f"{plan.rows} rows, {plan.changes.summary()}"

    def detail(written: Mapping[str, pd.DataFrame]) -> str:
        history = written.get("import_history")
        entry = "?" if history is None or history.empty else int(history.iloc[-1]["entry"])
        return f"history entry {entry}; {summary}"

    with audit.along(
        ws,
        actor,
        "import",
        target=f"{plan.source} → {HISTORY_LAYER}",
        checksum=plan.sha256,
        detail=detail,
    ):
        return apply_projects_import(ws, plan, user=actor.name, limits=limits)


def _refuse(field: str, value: object, reason: str) -> ValidationError:
    return ValidationError([Problem(_SOURCE, None, field, value, reason)], source=_SOURCE)


def _day(text: str, source: str) -> str:
    day = pd.to_datetime(str(text), errors="coerce", format="%Y-%m-%d")
    if pd.isna(day):
        problem = Problem(
            source, None, "date", text, "须为日期 YYYY-MM-DD / must be a date YYYY-MM-DD"
        )
        raise ValidationError([problem], source=source)
    return str(day.strftime("%Y-%m-%d"))


def _row(projects: pd.DataFrame, project_id: str, source: str) -> int:
    where = projects.index[projects["project_id"] == project_id]
    if not len(where):
        known = ", ".join(projects["project_id"].head(20).astype(str))
        problem = Problem(
            source,
            None,
            "project_id",
            project_id,
            f"没有此项目 / no such project (known: {known}{' …' if len(projects) > 20 else ''})",
        )
        raise ValidationError([problem], source=source)
    return int(where[0])


def _stored(ws: Workspace, project_id: str) -> pd.Series:
    projects = read_projects(ws)
    return projects[projects["project_id"] == project_id].iloc[0]


def _write(
    ws: Workspace, projects: pd.DataFrame, log_row: pd.DataFrame, row: Mapping[str, object]
) -> None:
    stages = normalised_stages(pd.concat([read_stages(ws), log_row], ignore_index=True))
    commit_change(
        ws, {TABLE: projects, STAGES_TABLE: stages}, {**row, "version_before": ws.data_version()}
    )


def approve_matching_as(
    ws: Workspace,
    actor: Actor,
    project_id: str,
    amount: float,
    date: str,
    *,
    settings: ProjectsSettings | None = None,
    lock_timeout: float | None = None,
) -> pd.Series:
    """Approve ``amount`` 万元 of district matching for ``project_id`` on ``date`` (ISO) for
    ``actor``; return the project's stored row. ``settings`` default: ``[projects]`` of
    config/defaults.toml.

    Raises
    ------
    errors.AccessDeniedError
        The role may not approve matching (nothing written).
    errors.ValidationError
        The reason the approval is refused (nothing written): an unknown project, a terminated
        one, an amount not a number ≥ 0, above the cap's maximum, above the year's remaining
        budget or above the amount requested.
    """
    require(actor, "approve_matching")
    settings = settings or _defaults()
    day = _day(date, _SOURCE)
    real = isinstance(amount, numbers.Real) and not isinstance(amount, bool)
    if not real or not math.isfinite(float(amount)) or float(amount) < 0:
        raise _refuse("matching_approved_wan", amount, "须为数字 ≥ 0 万元 / must be a number ≥ 0")
    amount = float(amount)
    with workspace_lock(ws, timeout=lock_timeout, what="approval"):
        projects = read_projects(ws)
        i = _row(projects, project_id, _SOURCE)
        project = projects.loc[[i]]
        if project.at[i, "stage"] == "终止":
            raise _refuse(
                "stage", "终止", "已终止的项目不能核准配套 / a terminated project gets no matching"
            )
        most = float(max_district_matching(project, cap_share=settings.subsidy_cap_share).iloc[0])
        if amount > most + 1e-6:
            share = f"{settings.subsidy_cap_share:.0%}"
            raise _refuse(
                "matching_approved_wan",
                amount,
                f"超过上限 {most:,.2f} 万元：省级 + 市级 + 区配套不得超过总投资的 {share}（三(一)）"
                f" / above the most the cap allows, {most:,.2f} 万元: province + city + district "
                f"must not exceed {share} of the total investment",
            )
        year = int(project["year"].iloc[0])
        earlier = project["matching_approved_wan"].fillna(0.0).iloc[0]
        left = remaining_budget(projects, settings=settings, year=year) + float(earlier)
        if amount > left + 1e-6:
            raise _refuse(
                "matching_approved_wan",
                amount,
                f"超过 {year} 年剩余预算 {left:,.2f} 万元 / above the remaining budget of {year}, "
                f"{left:,.2f} 万元 ([projects] district_budget_wan)",
            )
        asked = project["matching_requested_wan"].iloc[0]
        if pd.notna(asked) and amount > float(asked) + 1e-6:
            raise _refuse(
                "matching_approved_wan",
                amount,
                f"超过申请额 {float(asked):,.2f} 万元 "
                f"/ above the amount requested, {float(asked):,.2f} 万元",
            )
        projects.loc[i, "matching_approved_wan"] = float(amount)
        projects.loc[i, "approval_date"] = day
        projects.loc[i, "approved_by"] = actor.name
        note = f"区配套核准 {amount:,.2f} 万元 / matching approved {amount:,.2f} 万元"
        log_row = pd.DataFrame(
            [
                {
                    "project_id": project_id,
                    "stage": APPROVAL,
                    "date": day,
                    "user": actor.name,
                    "at": now(),
                    "note": note,
                }
            ]
        )
        row = {
            "when": now(),
            "user": actor.name,
            "action": "approve_matching",
            "file": project_id,
            "layer": HISTORY_LAYER,
            "years": str(year),
            "rows": 1,
            "changed": 1,
        }
        with audit.along(
            ws,
            actor,
            "approve_matching",
            target=project_id,
            detail=f"{amount:,.2f} 万元 on {day} (most {most:,.2f}, budget "
            f"{year} left {left:,.2f})",
        ):
            _write(ws, projects, log_row, row)
    return _stored(ws, project_id)


def set_stage_as(
    ws: Workspace,
    actor: Actor,
    project_id: str,
    stage: str,
    date: str,
    *,
    lock_timeout: float | None = None,
) -> pd.Series:
    """Set ``project_id``'s stage to ``stage`` as of ``date`` (ISO) for ``actor`` (a town account:
    projects of its own town's firms); return the project's stored row.

    Raises
    ------
    errors.ValidationError
        An unknown project or stage, or a date before an earlier stage's date (nothing written).
    """
    require(actor, "import_projects", town=_town(actor))
    day = _day(date, _STAGE_SOURCE)
    if stage not in STAGES:
        problem = Problem(
            _STAGE_SOURCE, None, "stage", stage, f"须为 / must be one of: {' / '.join(STAGES)}"
        )
        raise ValidationError([problem], source=_STAGE_SOURCE)
    with workspace_lock(ws, timeout=lock_timeout, what="stage"):
        projects = read_projects(ws)
        i = _row(projects, project_id, _STAGE_SOURCE)
        if _town(actor) is not None:
            town = projects_with_places(projects.loc[[i]], ws.read("enterprises"))["town"]
            require(actor, "import_projects", town=str(town.iloc[0] or ""))
        column = STAGE_DATE[stage]
        earlier = (
            [c for c in ORDERED_DATES[: ORDERED_DATES.index(column)]]
            if (column in ORDERED_DATES)
            else ["reserve_date"]
        )
        before = [str(projects.at[i, c]) for c in earlier if projects.at[i, c]]
        if before and day < max(before):
            problem = Problem(
                _STAGE_SOURCE,
                None,
                column,
                day,
                f"不得早于 {max(before)}（之前阶段的"
                f"日期） / must not be before {max(before)}, an earlier stage's date",
            )
            raise ValidationError([problem], source=_STAGE_SOURCE)
        projects.loc[i, ["stage", column]] = [stage, day]
        log_row = pd.DataFrame(
            [
                {
                    "project_id": project_id,
                    "stage": stage,
                    "date": day,
                    "user": actor.name,
                    "at": now(),
                    "note": "",
                }
            ]
        )
        row = {
            "when": now(),
            "user": actor.name,
            "action": "set_stage",
            "file": project_id,
            "layer": HISTORY_LAYER,
            "years": str(projects["year"].iloc[i]),
            "rows": 1,
            "changed": 1,
        }
        with audit.along(ws, actor, "stage_change", target=project_id, detail=f"{stage} {day}"):
            _write(ws, projects, log_row, row)
    return _stored(ws, project_id)
