"""The evaluation batches' steps as a signed-in account (issue 25): role checked first (a
refusal writes nothing), then done and audited in ONE atomic write under the workspace lock.

- :func:`run_batch_as` (``evaluate``: planner, admin): evaluate a year as a named batch (草稿);
  a draft of that name is replaced, a batch past its draft is refused with the reason;
- :func:`advance_as` (``batch_advance``): 草稿 → 征求意见 (the objection period opens for
  ``[evaluation] objection_days``) → 公示 → 定稿 (refused while an objection is undecided);
- :func:`add_objection_as` and :func:`decide_objection_as`: the objections
  (:mod:`store.objections`, re-exported here).

A final (定稿) batch refuses every change with the reason. :func:`final_surcharges` gives the
surcharges of a final batch only. Every step is a row of the batch's log.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any

import pandas as pd

from config.settings import Settings
from scoring.evaluation.exemptions import retrofit_firms
from store import audit
from store.evaluation import (
    BATCH_COLUMNS,
    BATCHES,
    BENCHMARKS,
    GRADES,
    INPUT_COLUMNS,
    INPUTS,
    LOG,
    OBJECTION_COLUMNS,
    OBJECTIONS,
    STATUSES,
    VIOLATIONS,
    Batch,
    batch_rows,
    load_batch,
    refuse,
    table,
)
from store.evaluation_common import grades_frame, logged, not_final, recomputed, with_batch
from store.history import now
from store.lock import workspace_lock
from store.objections import add_objection_as, decide_objection_as
from store.projects import read_projects
from store.roles import Actor, require
from store.violations import COLUMNS as VIOLATION_COLUMNS
from store.violations import read_violations
from store.workspace import Workspace

__all__ = [
    "add_objection_as",
    "advance_as",
    "decide_objection_as",
    "final_surcharges",
    "run_batch_as",
]


def _defaults() -> Settings:
    from config import load_settings

    return load_settings()


def _batches_with(ws: Workspace, batch: Batch) -> pd.DataFrame:
    stored = table(ws, BATCHES, BATCH_COLUMNS)
    others = stored[stored["name"].astype(str) != batch.name]
    row = pd.DataFrame([batch.row()], columns=BATCH_COLUMNS)
    return pd.concat([others[BATCH_COLUMNS], row], ignore_index=True) if len(others) else row


def _existing(ws: Workspace, name: str) -> Batch | None:
    rows = table(ws, BATCHES, BATCH_COLUMNS)
    return load_batch(ws, name) if (rows["name"].astype(str) == name).any() else None


def run_batch_as(
    ws: Workspace,
    actor: Actor,
    name: str,
    *,
    year: int,
    settings: Settings | None = None,
    lock_timeout: float | None = None,
) -> Batch:
    """Evaluate survey ``year`` as batch ``name`` (a draft) for ``actor``; return the batch.

    Raises
    ------
    errors.AccessDeniedError
        The role may not run a batch (nothing written).
    errors.ValidationError
        A blank name, a year without firms, or a batch of that name past its draft.
    """
    require(actor, "evaluate")
    name = name.strip()
    if not name:
        raise refuse(name, "name", name, "批次须有名称 / a batch needs a name")
    settings = settings or _defaults()
    with workspace_lock(ws, timeout=lock_timeout, what="evaluation"):
        old = _existing(ws, name)
        if old is not None:
            not_final(old)
            if old.status != STATUSES[0]:
                raise refuse(
                    name,
                    "status",
                    old.status,
                    f"批次已进入{old.status}，不可重新运行（异议记录将丢失）；请另建批次 / "
                    "the batch is past its draft and cannot be re-run (its objections would "
                    "be lost); run a new batch",
                )
        firms = pd.DataFrame(ws.read("enterprises")).drop(columns="geometry", errors="ignore")
        years = pd.to_numeric(firms["survey_year"], errors="coerce")
        mine = firms.loc[years == year]
        if mine.empty:
            known = ", ".join(str(int(y)) for y in sorted(years.dropna().unique()))
            raise refuse(name, "year", year, f"该年度没有企业 / no firms surveyed (years: {known})")
        inputs = mine[[c for c in INPUT_COLUMNS if c in mine.columns]].reset_index(drop=True)
        violations = read_violations(ws)
        violations = violations[violations["year"] == year].reset_index(drop=True)
        retrofit = retrofit_firms(
            read_projects(ws), year=year, threshold_wan=settings.projects.key_threshold_wan
        )
        batch = Batch(
            name=name,
            year=int(year),
            status=STATUSES[0],
            settings_json=json.dumps(settings.model_dump(by_alias=True, mode="json")),
            data_version=ws.data_version(),
            created_by=actor.name,
            created_at=now(),
            retrofit=tuple(sorted(retrofit)),
        )
        result = recomputed(batch, inputs, violations, pd.DataFrame())
        counts = result.table["grade"].value_counts().reindex(list("ABCDT"), fill_value=0)
        summary = " ".join(f"{g} {int(n)}" for g, n in counts.items())
        tables = {
            BATCHES: _batches_with(ws, batch),
            INPUTS: with_batch(ws, INPUTS, name, inputs),
            VIOLATIONS: with_batch(
                ws, VIOLATIONS, name, violations.reindex(columns=VIOLATION_COLUMNS)
            ),
            GRADES: with_batch(ws, GRADES, name, grades_frame(result)),
            BENCHMARKS: with_batch(ws, BENCHMARKS, name, result.benchmarks),
            LOG: logged(
                ws, name, actor.name, [("evaluate", f"{year}: {len(inputs)} firms; {summary}")]
            ),
        }
        if OBJECTIONS not in ws.tables():
            tables[OBJECTIONS] = pd.DataFrame(
                {c: pd.Series(dtype=object) for c in OBJECTION_COLUMNS}
            )
        with audit.along(ws, actor, "evaluate", target=name, detail=f"{year}; {summary}"):
            ws.write_many(tables)
    return load_batch(ws, name)


def advance_as(
    ws: Workspace,
    actor: Actor,
    name: str,
    *,
    today: date | None = None,
    lock_timeout: float | None = None,
) -> Batch:
    """Move batch ``name`` to its next step for ``actor``; return the batch.

    Raises
    ------
    errors.ValidationError
        A final batch, or a batch going to 定稿 while an objection is undecided.
    """
    require(actor, "batch_advance")
    day = today or date.today()
    with workspace_lock(ws, timeout=lock_timeout, what="evaluation"):
        batch = load_batch(ws, name)
        not_final(batch)
        step = STATUSES[STATUSES.index(batch.status) + 1]
        update: dict[str, Any] = {"status": step}
        if step == "征求意见":
            days = batch.settings().evaluation.objection_days
            update["review_from"] = day.isoformat()
            update["objection_until"] = (day + timedelta(days=days)).isoformat()
        elif step == "公示":
            update["published_at"] = now()
        else:
            objections = batch_rows(ws, name, OBJECTIONS)
            pending = int((objections["status"] == "pending").sum()) if len(objections) else 0
            if pending:
                raise refuse(
                    name,
                    "status",
                    batch.status,
                    f"尚有 {pending} 条异议未处理，不可定稿 / {pending} objection(s) "
                    "not decided yet: decide them before the batch is final",
                )
            update["final_at"] = now()
        moved = Batch(**{**batch.__dict__, **update})
        tables = {
            BATCHES: _batches_with(ws, moved),
            LOG: logged(ws, name, actor.name, [("advance", f"{batch.status} → {step}")]),
        }
        with audit.along(
            ws, actor, "batch_advance", target=name, detail=f"{batch.status} → {step}"
        ):
            ws.write_many(tables)
    return load_batch(ws, name)


def final_surcharges(ws: Workspace, name: str) -> pd.DataFrame:
    """The surcharges of final batch ``name`` (uscc, name, town, grade and the four surcharge
    columns); a batch that is not final is refused: surcharges come from a final batch only."""
    batch = load_batch(ws, name)
    if not batch.final:
        raise refuse(
            name, "status", batch.status,
            "加价只按定稿批次计算 / surcharges are computed from a final (定稿) batch only",
        )  # fmt: skip
    grades = batch_rows(ws, name, GRADES)
    columns = ["uscc", "name", "town", "grade", "surcharge_electricity_yuan",
               "surcharge_gas_yuan", "surcharge_water_yuan", "surcharge_yuan"]  # fmt: skip
    return grades[columns]
