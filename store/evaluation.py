"""The evaluation batches (issue 25) in the workspace: what each batch is and holds.

A batch is a named run of the yearly evaluation: its year, the settings it ran with (the whole
typed configuration, as JSON), the data version and who ran it, and its step of
:data:`STATUSES` (草稿 → 征求意见 → 公示 → 定稿). Tables, one row per batch and firm / objection /
change (the batch's name in ``batch``), on either back end (``write_many`` / ``read_table``):

- ``eval_batches``: :data:`BATCH_COLUMNS`;
- ``eval_inputs``: the batch's firms as they were evaluated (:data:`INPUT_COLUMNS`), so an
  accepted objection recomputes against the same data whatever was imported since;
- ``eval_violations``: the violations the batch ran with;
- ``eval_grades``: the current grades (:data:`scoring.evaluation.run.TABLE_COLUMNS` and the terms);
- ``eval_benchmarks``: the cohorts' benchmarks per term;
- ``eval_objections``: :data:`OBJECTION_COLUMNS` (status ``pending`` / ``accepted`` /
  ``rejected``; the grade and surcharge before and after a decision);
- ``eval_log``: every change, oldest first: ``batch``, ``seq``, ``at``, ``user``, ``action``,
  ``detail`` (nothing here is ever deleted).

These are records, not data: they do not change the data version (as scenarios do not).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from config.settings import Settings, as_settings
from errors import Problem, UnknownKeyError, ValidationError
from store.workspace import Workspace

__all__ = [
    "BATCHES",
    "BATCH_COLUMNS",
    "BENCHMARKS",
    "GRADES",
    "INPUTS",
    "INPUT_COLUMNS",
    "LOG",
    "LOG_COLUMNS",
    "OBJECTIONS",
    "OBJECTION_COLUMNS",
    "OBJECTION_STATUS",
    "STATUSES",
    "STATUS_EN",
    "VIOLATIONS",
    "Batch",
    "batch_rows",
    "list_batches",
    "load_batch",
    "log_rows",
    "refuse",
    "table",
]

BATCHES = "eval_batches"
INPUTS = "eval_inputs"
VIOLATIONS = "eval_violations"
GRADES = "eval_grades"
BENCHMARKS = "eval_benchmarks"
OBJECTIONS = "eval_objections"
LOG = "eval_log"

STATUSES = ("草稿", "征求意见", "公示", "定稿")
STATUS_EN = {"草稿": "draft", "征求意见": "review", "公示": "published", "定稿": "final"}
OBJECTION_STATUS = {
    "pending": ("待处理", "pending"),
    "accepted": ("采纳", "accepted"),
    "rejected": ("驳回", "rejected"),
}
BATCH_COLUMNS = [
    "name", "year", "status", "settings", "data_version", "created_by", "created_at",
    "review_from", "objection_until", "published_at", "final_at", "retrofit",
]  # fmt: skip
INPUT_COLUMNS = [
    "uscc", "name", "town", "park_id", "industry_code", "above_scale", "founded_year",
    "survey_year", "years_in_d", "employees", "land_area_m2", "floor_area_m2", "gross_output",
    "value_added", "revenue", "tax", "rd_spend", "electricity_kwh", "natural_gas_m3", "coal_t",
    "diesel_t", "fuel_oil_t", "lpg_t", "heat_gj", "water_m3", "cod_t", "nh3n_t", "so2_t",
    "nox_t", "permitted_emissions_t",
]  # fmt: skip
OBJECTION_COLUMNS = [
    "batch", "id", "uscc", "name", "town", "field", "stored_value", "claimed_value",
    "evidence", "by", "at", "status", "decided_by", "decided_at", "reason",
    "grade_before", "grade_after", "surcharge_before", "surcharge_after",
]  # fmt: skip
LOG_COLUMNS = ["batch", "seq", "at", "user", "action", "detail"]


@dataclass(frozen=True)
class Batch:
    """One batch's record (a row of ``eval_batches``)."""

    name: str
    year: int
    status: str
    settings_json: str
    data_version: str
    created_by: str
    created_at: str
    review_from: str = ""
    objection_until: str = ""
    published_at: str = ""
    final_at: str = ""
    retrofit: tuple[str, ...] = ()

    @property
    def final(self) -> bool:
        return self.status == STATUSES[-1]

    def settings(self) -> Settings:
        """The settings the batch ran with."""
        return as_settings(json.loads(self.settings_json), source=f"batch {self.name}")

    def row(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "year": int(self.year),
            "status": self.status,
            "settings": self.settings_json,
            "data_version": self.data_version,
            "created_by": self.created_by,
            "created_at": self.created_at,
            "review_from": self.review_from,
            "objection_until": self.objection_until,
            "published_at": self.published_at,
            "final_at": self.final_at,
            "retrofit": json.dumps(list(self.retrofit)),
        }


def table(ws: Workspace, name: str, columns: list[str] | None = None) -> pd.DataFrame:
    """A stored table (empty with ``columns`` when there is none)."""
    if name in ws.tables():
        return ws.read_table(name)
    return pd.DataFrame({c: pd.Series(dtype=object) for c in columns or []})


def _text(value: Any) -> str:
    return "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)


def _from_row(row: Mapping[str, Any]) -> Batch:
    return Batch(
        name=str(row["name"]),
        year=int(row["year"]),
        status=str(row["status"]),
        settings_json=str(row["settings"]),
        data_version=_text(row["data_version"]),
        created_by=_text(row["created_by"]),
        created_at=_text(row["created_at"]),
        review_from=_text(row.get("review_from")),
        objection_until=_text(row.get("objection_until")),
        published_at=_text(row.get("published_at")),
        final_at=_text(row.get("final_at")),
        retrofit=tuple(json.loads(_text(row.get("retrofit")) or "[]")),
    )


def list_batches(ws: Workspace) -> list[Batch]:
    """Every batch, newest first."""
    rows = table(ws, BATCHES, BATCH_COLUMNS).sort_values("created_at", ascending=False)
    return [_from_row({str(k): v for k, v in r.items()}) for r in rows.to_dict("records")]


def load_batch(ws: Workspace, name: str) -> Batch:
    """The batch called ``name``; an unknown name lists the stored ones."""
    rows = table(ws, BATCHES, BATCH_COLUMNS)
    match = rows[rows["name"].astype(str) == name]
    if match.empty:
        raise UnknownKeyError("batch", name, rows["name"].astype(str).tolist())
    return _from_row({str(k): v for k, v in match.iloc[0].to_dict().items()})


def batch_rows(ws: Workspace, name: str, what: str) -> pd.DataFrame:
    """The rows of batch ``name`` in table ``what`` (without the ``batch`` column)."""
    rows = table(ws, what)
    if rows.empty or "batch" not in rows.columns:
        return rows.drop(columns="batch", errors="ignore")
    mine = rows[rows["batch"].astype(str) == name].drop(columns="batch")
    return mine.reset_index(drop=True)


def log_rows(ws: Workspace, name: str) -> pd.DataFrame:
    """Batch ``name``'s change log, oldest first."""
    rows = batch_rows(ws, name, LOG)
    if rows.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in LOG_COLUMNS[1:]})
    rows["seq"] = pd.to_numeric(rows["seq"]).astype("int64")
    return rows.sort_values("seq", kind="stable").reset_index(drop=True)


def refuse(batch: str, field: str, value: object, reason: str) -> ValidationError:
    """A refusal of a batch step with its reason (nothing written)."""
    return ValidationError([Problem(f"batch {batch}", None, field, value, reason)], source=batch)
