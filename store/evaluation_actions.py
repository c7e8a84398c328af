"""The evaluation batches' steps as a signed-in account (issue 25): role checked first (a
refusal writes nothing), then done and audited in ONE atomic write under the workspace lock.

- :func:`run_batch_as` (``evaluate``: planner, admin): evaluate a year as a named batch (草稿);
  a draft of that name is replaced, a batch past its draft is refused with the reason;
- :func:`advance_as` (``batch_advance``): 草稿 → 征求意见 (the objection period opens for
  ``[evaluation] objection_days``) → 公示 → 定稿 (refused while an objection is undecided);
- :func:`add_objection_as` (``objection_record``: a town for its own town's firms, the
  planner): during 征求意见, until the last day of the period;
- :func:`decide_objection_as` (``objection_decide``: planner, admin): accept (the claimed value
  replaces the firm's, every grade of the batch is recomputed, the reason kept) or reject
  (reason kept), during 征求意见 or 公示.

A final (定稿) batch refuses every change with the reason. :func:`final_surcharges` gives the
surcharges of a final batch only. Every step is a row of the batch's log.
"""

from __future__ import annotations

import json
import math
from datetime import date, timedelta
from typing import Any

import pandas as pd

from config.settings import Settings
from scoring.evaluation.exemptions import retrofit_firms
from scoring.evaluation.labels import field_label
from scoring.evaluation.run import Evaluation, evaluate, objection_fields
from store import audit
from store.evaluation import (
    BATCH_COLUMNS,
    BATCHES,
    BENCHMARKS,
    GRADES,
    INPUT_COLUMNS,
    INPUTS,
    LOG,
    LOG_COLUMNS,
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
from store.history import now
from store.lock import workspace_lock
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

_FINAL = (
    "定稿的批次不可更改（已于 {at} 定稿）；请另建批次 / a final (定稿) batch cannot be changed "
    "(final since {at}); run a new batch"
)


def _defaults() -> Settings:
    from config import load_settings

    return load_settings()


def _with_batch(ws: Workspace, what: str, name: str, rows: pd.DataFrame) -> pd.DataFrame:
    """Table ``what`` with batch ``name``'s rows replaced by ``rows``."""
    stored = table(ws, what)
    others = stored[stored["batch"].astype(str) != name] if "batch" in stored else stored.iloc[:0]
    mine = rows.assign(batch=name)
    mine = mine[["batch", *[c for c in mine.columns if c != "batch"]]]
    if others.empty:
        return mine.reset_index(drop=True)
    return pd.concat([others, mine], ignore_index=True)


def _log(ws: Workspace, name: str, user: str, entries: list[tuple[str, str]]) -> pd.DataFrame:
    stored = table(ws, LOG, LOG_COLUMNS)
    seq = pd.to_numeric(stored["seq"], errors="coerce")
    start = int(seq.max()) + 1 if len(stored) else 1
    at = now()
    rows = pd.DataFrame(
        [
            {"batch": name, "seq": start + k, "at": at, "user": user, "action": a, "detail": d}
            for k, (a, d) in enumerate(entries)
        ],
        columns=LOG_COLUMNS,
    )
    out = pd.concat([stored[LOG_COLUMNS], rows], ignore_index=True) if len(stored) else rows
    out["seq"] = pd.to_numeric(out["seq"]).astype("int64")
    return out


def _batches_with(ws: Workspace, batch: Batch) -> pd.DataFrame:
    stored = table(ws, BATCHES, BATCH_COLUMNS)
    others = stored[stored["name"].astype(str) != batch.name]
    row = pd.DataFrame([batch.row()], columns=BATCH_COLUMNS)
    return pd.concat([others[BATCH_COLUMNS], row], ignore_index=True) if len(others) else row


def _existing(ws: Workspace, name: str) -> Batch | None:
    rows = table(ws, BATCHES, BATCH_COLUMNS)
    return load_batch(ws, name) if (rows["name"].astype(str) == name).any() else None


def _not_final(batch: Batch) -> None:
    if batch.final:
        raise refuse(batch.name, "status", batch.status, _FINAL.format(at=batch.final_at))


def _grades_frame(result: Evaluation) -> pd.DataFrame:
    out = result.table.copy()
    for column in ("rank", "cohort_n"):
        out[column] = out[column].astype("float64")
    return out


def _evaluated(
    batch: Batch, inputs: pd.DataFrame, violations: pd.DataFrame, objections: pd.DataFrame
) -> Evaluation:
    """The batch recomputed with its accepted objections' values (in the order accepted)."""
    overrides: dict[str, dict[str, float]] = {}
    if len(objections):
        accepted = objections[objections["status"] == "accepted"]
        accepted = accepted.sort_values("decided_at", kind="stable")
        for row in accepted.itertuples():
            value = float(str(row.claimed_value))
            overrides.setdefault(str(row.uscc), {})[str(row.field)] = value
    return evaluate(
        inputs,
        violations,
        settings=batch.settings(),
        year=batch.year,
        retrofit=set(batch.retrofit),
        overrides=overrides,
    )


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
            _not_final(old)
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
        result = _evaluated(batch, inputs, violations, pd.DataFrame())
        counts = result.table["grade"].value_counts().reindex(list("ABCDT"), fill_value=0)
        summary = " ".join(f"{g} {int(n)}" for g, n in counts.items())
        tables = {
            BATCHES: _batches_with(ws, batch),
            INPUTS: _with_batch(ws, INPUTS, name, inputs),
            VIOLATIONS: _with_batch(
                ws, VIOLATIONS, name, violations.reindex(columns=VIOLATION_COLUMNS)
            ),
            GRADES: _with_batch(ws, GRADES, name, _grades_frame(result)),
            BENCHMARKS: _with_batch(ws, BENCHMARKS, name, result.benchmarks),
            LOG: _log(
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
        _not_final(batch)
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
            LOG: _log(ws, name, actor.name, [("advance", f"{batch.status} → {step}")]),
        }
        with audit.along(
            ws, actor, "batch_advance", target=name, detail=f"{batch.status} → {step}"
        ):
            ws.write_many(tables)
    return load_batch(ws, name)


def _number(value: object) -> float | None:
    try:
        out = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return out if math.isfinite(out) and out >= 0 else None


def add_objection_as(
    ws: Workspace,
    actor: Actor,
    name: str,
    uscc: str,
    field: str,
    claimed: object,
    evidence: str,
    *,
    today: date | None = None,
    lock_timeout: float | None = None,
) -> pd.Series:
    """Record a firm's objection to batch ``name``: ``field`` (a survey input or a term) should
    be ``claimed``, shown by the ``evidence`` file; return the stored objection.

    Raises
    ------
    errors.AccessDeniedError
        The role may not record objections, or a town account for another town's firm.
    errors.ValidationError
        The batch is not in 征求意见 (or its period is over), an unknown firm or field, a
        claimed value that is not a number ≥ 0, no evidence.
    """
    require(actor, "objection_record", town=actor.town if actor.role == "town" else None)
    day = today or date.today()
    with workspace_lock(ws, timeout=lock_timeout, what="evaluation"):
        batch = load_batch(ws, name)
        _not_final(batch)
        if batch.status != "征求意见":
            raise refuse(
                name,
                "status",
                batch.status,
                "只可在征求意见阶段登记异议 / objections are recorded during 征求意见 only",
            )
        if batch.objection_until and day.isoformat() > batch.objection_until:
            raise refuse(
                name,
                "date",
                day.isoformat(),
                f"异议期已于 {batch.objection_until} 结束 / the objection period ended on "
                f"{batch.objection_until}",
            )
        grades = batch_rows(ws, name, GRADES)
        inputs = batch_rows(ws, name, INPUTS)
        uscc = uscc.strip().upper()
        firm = grades[grades["uscc"].astype(str) == uscc]
        if firm.empty:
            raise refuse(name, "uscc", uscc, "不是本批次的企业 / not a firm of this batch")
        town = "" if pd.isna(firm["town"].iloc[0]) else str(firm["town"].iloc[0])
        if actor.role == "town":
            require(actor, "objection_record", town=town)
        if field not in objection_fields():
            raise refuse(
                name, "field", field, "须为 / must be one of: " + ", ".join(objection_fields())
            )
        value = _number(claimed)
        if value is None:
            raise refuse(name, "claimed_value", claimed, "须为数字 ≥ 0 / must be a number ≥ 0")
        if not str(evidence or "").strip():
            raise refuse(name, "evidence", evidence, "须附证明材料 / an evidence file is required")
        source = inputs if field in inputs.columns else grades
        mine = source[source["uscc"].astype(str) == uscc]
        stored_value = (
            float(pd.to_numeric(mine[field], errors="coerce").iloc[0])
            if field in mine.columns and len(mine)
            else float("nan")
        )
        objections = table(ws, OBJECTIONS, OBJECTION_COLUMNS)
        ids = pd.to_numeric(objections["id"], errors="coerce")
        new_id = int(ids.max()) + 1 if len(objections) and ids.notna().any() else 1
        row = {
            "batch": name, "id": new_id, "uscc": uscc, "name": str(firm["name"].iloc[0]),
            "town": town, "field": field, "stored_value": stored_value, "claimed_value": value,
            "evidence": str(evidence).strip(), "by": actor.name, "at": now(), "status": "pending",
            "decided_by": "", "decided_at": "", "reason": "",
            "grade_before": str(firm["grade"].iloc[0]), "grade_after": "",
            "surcharge_before": float(firm["surcharge_yuan"].iloc[0]),
            "surcharge_after": float("nan"),
        }  # fmt: skip
        out = pd.concat(
            [objections[OBJECTION_COLUMNS], pd.DataFrame([row], columns=OBJECTION_COLUMNS)],
            ignore_index=True,
        ) if len(objections) else pd.DataFrame([row], columns=OBJECTION_COLUMNS)  # fmt: skip
        what = field_label(field)
        detail = f"#{new_id} {uscc} {what}: {stored_value:g} → {value:g}（{row['evidence']}）"
        tables = {OBJECTIONS: out, LOG: _log(ws, name, actor.name, [("objection_add", detail)])}
        with audit.along(ws, actor, "objection_add", target=name, detail=detail):
            ws.write_many(tables)
    return _objection(ws, name, new_id)


def _set(frame: pd.DataFrame, at: pd.Series, columns: list[str], values: list[object]) -> None:
    for column, value in zip(columns, values, strict=True):
        frame[column] = frame[column].astype(object).where(~at, value)


def _objection(ws: Workspace, name: str, objection_id: int) -> pd.Series:
    rows = batch_rows(ws, name, OBJECTIONS)
    match = rows[pd.to_numeric(rows["id"], errors="coerce") == objection_id]
    if match.empty:
        known = ", ".join(str(i) for i in rows["id"].tolist()) if len(rows) else "none"
        raise refuse(
            name, "id", objection_id, f"本批次没有此异议 / no such objection (known: {known})"
        )
    return match.iloc[0]


def decide_objection_as(
    ws: Workspace,
    actor: Actor,
    name: str,
    objection_id: int,
    *,
    accept: bool,
    reason: str,
    lock_timeout: float | None = None,
) -> pd.Series:
    """Accept or reject objection ``objection_id`` of batch ``name`` with ``reason``; an
    accepted one corrects the value and recomputes the batch. Return the stored objection.

    Raises
    ------
    errors.ValidationError
        A final batch, a batch not in 征求意见 or 公示, an unknown or decided objection, no reason.
    """
    require(actor, "objection_decide")
    with workspace_lock(ws, timeout=lock_timeout, what="evaluation"):
        batch = load_batch(ws, name)
        _not_final(batch)
        if batch.status not in ("征求意见", "公示"):
            raise refuse(
                name, "status", batch.status,
                "只可在征求意见或公示阶段处理异议 / objections are decided during 征求意见 or 公示",
            )  # fmt: skip
        if not reason.strip():
            raise refuse(name, "reason", reason, "须说明理由 / a reason is required")
        row = _objection(ws, name, objection_id)
        if row["status"] != "pending":
            raise refuse(
                name, "id", objection_id,
                f"此异议已处理（{row['status']}） / this objection is already {row['status']}",
            )  # fmt: skip
        objections = table(ws, OBJECTIONS, OBJECTION_COLUMNS)
        at = (objections["batch"].astype(str) == name) & (
            pd.to_numeric(objections["id"], errors="coerce") == objection_id
        )
        _set(
            objections,
            at,
            ["status", "decided_by", "decided_at", "reason"],
            ["accepted" if accept else "rejected", actor.name, now(), reason.strip()],
        )
        uscc = str(row["uscc"])
        old = batch_rows(ws, name, GRADES)
        entries: list[tuple[str, str]] = []
        tables: dict[str, pd.DataFrame] = {}
        action = "objection_accept" if accept else "objection_reject"
        if accept:
            mine = objections[objections["batch"].astype(str) == name]
            result = _evaluated(
                batch, batch_rows(ws, name, INPUTS), batch_rows(ws, name, VIOLATIONS), mine
            )
            new = _grades_frame(result)
            tables[GRADES] = _with_batch(ws, GRADES, name, new)
            tables[BENCHMARKS] = _with_batch(ws, BENCHMARKS, name, result.benchmarks)
            before = old.set_index("uscc")["grade"]
            after = new.set_index("uscc")["grade"]
            moved = after[before.reindex(after.index).astype(object) != after.astype(object)]
            entries += [("grade_change", f"{u}: {before.get(u)} → {g}") for u, g in moved.items()]
            firm = new[new["uscc"].astype(str) == uscc].iloc[0]
            _set(
                objections,
                at,
                ["grade_after", "surcharge_after"],
                [str(firm["grade"]), float(firm["surcharge_yuan"])],
            )
        else:
            firm = old[old["uscc"].astype(str) == uscc].iloc[0]
            _set(
                objections,
                at,
                ["grade_after", "surcharge_after"],
                [str(firm["grade"]), float(firm["surcharge_yuan"])],
            )
        detail = f"#{objection_id} {uscc} {field_label(str(row['field']))}: {reason.strip()}"
        entries.insert(0, (action, detail))
        tables[OBJECTIONS] = objections[OBJECTION_COLUMNS]
        tables[LOG] = _log(ws, name, actor.name, entries)
        with audit.along(ws, actor, action, target=name, detail=detail):
            ws.write_many(tables)
    return _objection(ws, name, objection_id)


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
