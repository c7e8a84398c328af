"""Objections to an evaluation batch (issue 25), as a signed-in account: role checked first,
then stored and audited in ONE atomic write under the workspace lock.

- :func:`add_objection_as` (``objection_record``: a town for its own town's firms, the
  planner): during 征求意见, until the last day of the period;
- :func:`decide_objection_as` (``objection_decide``: planner, admin): accept (the claimed value
  replaces the firm's, every grade of the batch is recomputed, the reason kept) or reject
  (reason kept), during 征求意见 or 公示. A final batch refuses both with the reason.
"""

from __future__ import annotations

import math
from datetime import date

import pandas as pd

from scoring.evaluation.labels import field_label
from scoring.evaluation.run import objection_fields
from store import audit
from store.evaluation import (
    BENCHMARKS,
    GRADES,
    INPUTS,
    LOG,
    OBJECTION_COLUMNS,
    OBJECTIONS,
    VIOLATIONS,
    batch_rows,
    load_batch,
    refuse,
    table,
)
from store.evaluation_common import grades_frame, logged, not_final, recomputed, with_batch
from store.history import now
from store.lock import workspace_lock
from store.roles import Actor, require
from store.workspace import Workspace

__all__ = ["add_objection_as", "decide_objection_as"]


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
        not_final(batch)
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
        tables = {OBJECTIONS: out, LOG: logged(ws, name, actor.name, [("objection_add", detail)])}
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
        not_final(batch)
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
            result = recomputed(
                batch, batch_rows(ws, name, INPUTS), batch_rows(ws, name, VIOLATIONS), mine
            )
            new = grades_frame(result)
            tables[GRADES] = with_batch(ws, GRADES, name, new)
            tables[BENCHMARKS] = with_batch(ws, BENCHMARKS, name, result.benchmarks)
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
        tables[LOG] = logged(ws, name, actor.name, entries)
        with audit.along(ws, actor, action, target=name, detail=detail):
            ws.write_many(tables)
    return _objection(ws, name, objection_id)
