"""What the evaluation batches' steps share (:mod:`store.evaluation_actions`,
:mod:`store.objections`): a batch's rows replaced in a table, the change log with new rows, the
refusal of a final batch, and a batch recomputed with its accepted objections."""

from __future__ import annotations

import pandas as pd

from scoring.evaluation.run import Evaluation, evaluate
from store.evaluation import LOG, LOG_COLUMNS, Batch, refuse, table
from store.history import now
from store.workspace import Workspace

__all__ = ["FINAL", "grades_frame", "logged", "not_final", "recomputed", "with_batch"]

FINAL = (
    "定稿的批次不可更改（已于 {at} 定稿）；请另建批次 / a final (定稿) batch cannot be changed "
    "(final since {at}); run a new batch"
)


def with_batch(ws: Workspace, what: str, name: str, rows: pd.DataFrame) -> pd.DataFrame:
    """Table ``what`` with batch ``name``'s rows replaced by ``rows``."""
    stored = table(ws, what)
    others = stored[stored["batch"].astype(str) != name] if "batch" in stored else stored.iloc[:0]
    mine = rows.assign(batch=name)
    mine = mine[["batch", *[c for c in mine.columns if c != "batch"]]]
    if others.empty:
        return mine.reset_index(drop=True)
    return pd.concat([others, mine], ignore_index=True)


def logged(ws: Workspace, name: str, user: str, entries: list[tuple[str, str]]) -> pd.DataFrame:
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


def not_final(batch: Batch) -> None:
    if batch.final:
        raise refuse(batch.name, "status", batch.status, FINAL.format(at=batch.final_at))


def grades_frame(result: Evaluation) -> pd.DataFrame:
    out = result.table.copy()
    for column in ("rank", "cohort_n"):
        out[column] = out[column].astype("float64")
    return out


def recomputed(
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
