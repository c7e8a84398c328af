"""Every problem of a refused file as a table people open: CSV with BOM or Excel, Chinese headers.

The command line writes it with ``--problems OUT.csv`` (the terminal shows a summary only) and the
data page offers it as a download. The cells are the user's own values: :mod:`exports.tables`
neutralises those that would run as formulas.
"""

from __future__ import annotations

from pathlib import Path

from errors import ValidationError
from exports.tables import Provenance, write_csv, write_xlsx

__all__ = ["PROBLEM_LABELS", "write_problems"]

PROBLEM_LABELS = {"file": "文件", "row": "行", "field": "字段", "value": "值", "allowed": "要求"}
PROBLEM_LABELS_EN = {
    "file": "File", "row": "Row", "field": "Field", "value": "Value", "allowed": "Allowed",
}  # fmt: skip


def write_problems(
    exc: ValidationError, out: Path, *, data_version: str = "", lang: str = "zh"
) -> Path:
    """Write every problem of ``exc`` to ``out`` (``.csv`` or ``.xlsx``), atomically."""
    frame = exc.frame()
    frame = frame.assign(value=frame["value"].map(lambda v: "" if v is None else str(v)))
    labels = PROBLEM_LABELS if lang == "zh" else PROBLEM_LABELS_EN
    provenance = Provenance(
        what=f"问题清单 problems of {exc.source}",
        data_version=data_version,
        parameters={"problems": exc.total},
    )
    if out.suffix.lower() == ".xlsx":
        write_xlsx({"问题 Problems": frame}, out, provenance=provenance, labels=labels)
    else:
        write_csv(frame, out, provenance=provenance, labels=labels)
    return out
