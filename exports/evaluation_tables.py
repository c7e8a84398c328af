"""The evaluation's tables out (issue 25): a batch's 公示 list of one town and a batch's record
(grades, objections and their outcome, every change, the cohorts' benchmarks), as Excel with
Chinese headers, formulas neutralised and provenance (:func:`exports.tables.write_xlsx`)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from exports.tables import Provenance, write_xlsx
from scoring.evaluation.labels import COLUMN_LABELS, TERM_LABELS, cohort_label, text
from store.evaluation import (
    BENCHMARKS,
    GRADES,
    OBJECTION_STATUS,
    OBJECTIONS,
    STATUS_EN,
    Batch,
    batch_rows,
    log_rows,
)
from store.workspace import Workspace

__all__ = [
    "LABELS",
    "PUBLICITY_COLUMNS",
    "batch_provenance",
    "objection_table",
    "publicity_list",
    "write_publicity",
    "write_record",
]

PUBLICITY_COLUMNS = ["uscc", "name", "town", "cohort_label", "score", "rank", "cohort_n",
                     "grade", "rule_text"]  # fmt: skip
LABELS: dict[str, str] = {
    **{k: v[0] for k, v in COLUMN_LABELS.items()},
    "id": "异议编号",
    "field": "异议指标",
    "field_label": "异议指标名称",
    "stored_value": "原值",
    "claimed_value": "主张值",
    "evidence": "证明材料",
    "by": "登记人",
    "at": "登记时间",
    "status": "处理状态",
    "status_label": "处理结果",
    "decided_by": "处理人",
    "decided_at": "处理时间",
    "reason": "理由",
    "grade_before": "原评价类别",
    "grade_after": "处理后评价类别",
    "surcharge_before": "原加价合计（元）",
    "surcharge_after": "处理后加价合计（元）",
    "seq": "序号",
    "user": "操作人",
    "action": "操作",
    "detail": "内容",
    "term": "指标",
    "term_label": "指标名称",
    "weight": "权重",
    "benchmark": "组内基准（均值）",
    "n": "参与基准企业数",
    "veto_date": "否决事项日期",
    "veto_doc": "否决事项文号",
}


def batch_provenance(ws: Workspace, batch: Batch, what: str, user: str = "") -> Provenance:
    """The provenance of a batch's output: batch, year, status, the batch's data version."""
    return Provenance(
        what=f"{what} — 批次 batch {batch.name} ({batch.year}, {batch.status} "
        f"{STATUS_EN[batch.status]})",
        data_version=batch.data_version,
        scenario=batch.name,
        parameters={
            "batch": batch.name,
            "year": batch.year,
            "status": batch.status,
            "created_by": batch.created_by,
            "created_at": batch.created_at,
            "objection_until": batch.objection_until,
            "final_at": batch.final_at,
            "workspace_version": ws.data_version(),
        },
        user=user,
    )


def publicity_list(ws: Workspace, batch: Batch, town: str | None) -> pd.DataFrame:
    """The 公示 list: every graded firm of ``town`` (all towns when ``None``) by cohort and rank."""
    grades = batch_rows(ws, batch.name, GRADES)
    if town:
        grades = grades[grades["town"].astype(object) == town]
    order = grades.assign(_r=pd.to_numeric(grades["rank"], errors="coerce"))
    order = order.sort_values(["cohort", "_r", "uscc"], kind="stable", na_position="last")
    return order[PUBLICITY_COLUMNS].reset_index(drop=True)


def objection_table(ws: Workspace, batch: Batch, lang: str = "zh") -> pd.DataFrame:
    """The batch's objections with the field's and the outcome's names."""
    rows = batch_rows(ws, batch.name, OBJECTIONS)
    if rows.empty:
        return pd.DataFrame(columns=["id", "uscc", "name", "field", "status"])
    return rows.assign(
        field_label=[text(TERM_LABELS[f], lang) if f in TERM_LABELS else LABELS.get(f, f)
                     for f in rows["field"].astype(str)],
        status_label=[text(OBJECTION_STATUS[s], lang) for s in rows["status"].astype(str)],
    )  # fmt: skip


def write_publicity(ws: Workspace, batch: Batch, town: str | None, out: Path) -> Path:
    """The 公示 list of ``town`` as one Excel sheet (with the 说明 About sheet)."""
    frame = publicity_list(ws, batch, town)
    provenance = batch_provenance(ws, batch, f"亩均效益评价公示名单 {town or '全区'}")
    write_xlsx({"公示名单 Publicity": frame}, out, provenance=provenance, labels=LABELS)
    return out


def write_record(ws: Workspace, batch: Batch, out: Path) -> Path:
    """The batch's record: grades and surcharges, objections and outcomes, the change log and
    the cohorts' benchmarks, one sheet each."""
    grades = batch_rows(ws, batch.name, GRADES)
    settings = batch.settings().evaluation
    bench = batch_rows(ws, batch.name, BENCHMARKS)
    if len(bench):
        bench = bench.assign(
            cohort_label=[cohort_label(str(c), own_land_min_mu=settings.own_land_min_mu)
                          for c in bench["cohort"]],
            term_label=[text(TERM_LABELS[str(t)], "zh") for t in bench["term"]],
        )  # fmt: skip
    sheets = {
        "评价结果 Grades": grades,
        "异议 Objections": objection_table(ws, batch),
        "变更记录 Changes": log_rows(ws, batch.name),
        "组内基准 Benchmarks": bench,
    }
    provenance = batch_provenance(ws, batch, "亩均效益评价批次记录 evaluation batch record")
    write_xlsx(sheets, out, provenance=provenance, labels=LABELS)
    return out
