"""Tables out: CSV in UTF-8 with BOM and Excel workbooks, injection-safe, with provenance.

Every table file ParkPlan writes says what produced it: a :class:`Provenance` (what, scenario,
parameters, data version, time, user) goes into the workbook's "说明 About" sheet, or into a
``<file>.provenance.json`` beside a CSV (a CSV has no room for it without breaking importers),
together with the SHA-256 of the data.

Seams: :func:`write_csv` (Arrow's CSV writer — pandas' ``to_csv`` of 1 M rows takes 24 s here),
:func:`write_xlsx` (XlsxWriter, constant memory).
"""

from __future__ import annotations

import hashlib
import io
import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, BinaryIO

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv

from exports.safe import neutralise, neutralise_frame
from geo.checksum import sha256_file

__all__ = ["Provenance", "write_csv", "write_xlsx"]

BOM = "\ufeff".encode()


@dataclass(frozen=True)
class Provenance:
    """What produced a file: recorded in every export."""

    what: str
    data_version: str
    scenario: str = ""
    parameters: Mapping[str, Any] = field(default_factory=dict)
    created: str = field(default_factory=lambda: _now())
    user: str = ""
    tool: str = "ParkPlan"

    def as_rows(self) -> list[tuple[str, str]]:
        """(label, value) pairs for an "About" sheet, Chinese label first."""
        params = json.dumps(dict(self.parameters), ensure_ascii=False, sort_keys=True, default=str)
        return [
            ("内容 What", self.what),
            ("方案 Scenario", self.scenario),
            ("数据版本 Data version", self.data_version),
            ("生成时间 Created", self.created),
            ("操作人 User", self.user),
            ("工具 Tool", self.tool),
            ("参数 Parameters", params),
        ]


def _now() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")


def _header(frame: pd.DataFrame, labels: Mapping[str, str] | None) -> list[str]:
    return [str((labels or {}).get(str(c), c)) for c in frame.columns]


def write_csv(
    frame: pd.DataFrame,
    path: str | Path,
    *,
    provenance: Provenance,
    labels: Mapping[str, str] | None = None,
) -> Path:
    """Write ``frame`` as CSV in UTF-8 with BOM, text cells neutralised; provenance beside it.

    ``labels`` renames columns for the header (e.g. Chinese labels); returns the sidecar path.
    """
    path = Path(path)
    safe = neutralise_frame(frame)
    safe.columns = [str(neutralise(h)) for h in _header(frame, labels)]
    table = pa.Table.from_pandas(safe, preserve_index=False)
    with open(path, "wb") as fh:
        fh.write(BOM)
        pacsv.write_csv(table, fh, write_options=pacsv.WriteOptions(quoting_style="needed"))
    sidecar = path.with_name(path.name + ".provenance.json")
    record = {**asdict(provenance), "file": path.name, "sha256": sha256_file(path)}
    sidecar.write_text(json.dumps(record, ensure_ascii=False, indent=2, default=str), "utf-8")
    return sidecar


def write_xlsx(
    sheets: Mapping[str, pd.DataFrame],
    path: str | Path | BinaryIO,
    *,
    provenance: Provenance,
    labels: Mapping[str, str] | None = None,
) -> None:
    """Write one sheet per frame: row 1 the Chinese labels, row 2 the field codes, then data.

    A last sheet "说明 About" holds the provenance and the SHA-256 of each sheet's data (as CSV
    bytes), so a reader can check that nothing was edited. Text cells are neutralised, and the
    writer is told never to turn text into formulas, numbers or links.

    XlsxWriter in constant-memory mode (3–4× faster than openpyxl's write-only mode here:
    100 000 parcels × 15 fields in a few seconds, against 27 s of CPU).
    """
    import xlsxwriter

    target = path if isinstance(path, BinaryIO | io.IOBase) else str(path)
    book = xlsxwriter.Workbook(
        target,
        {
            "constant_memory": True,
            "strings_to_formulas": False,
            "strings_to_numbers": False,
            "strings_to_urls": False,
        },
    )
    checks: list[tuple[str, str]] = []
    try:
        for name, frame in sheets.items():
            sheet = book.add_worksheet(name[:31])
            sheet.write_row(0, 0, [neutralise(h) for h in _header(frame, labels)])
            sheet.write_row(1, 0, [neutralise(str(c)) for c in frame.columns])
            for i, row in enumerate(_cells(neutralise_frame(frame)), start=2):
                sheet.write_row(i, 0, row)
            data = frame.to_csv(index=False).encode("utf-8")
            checks.append((f"SHA-256 {name}", hashlib.sha256(data).hexdigest()))
        about = book.add_worksheet("说明 About")
        for i, (label, value) in enumerate([*provenance.as_rows(), *checks]):
            about.write_row(i, 0, [label, neutralise(value)])
    finally:
        book.close()


def _cells(frame: pd.DataFrame) -> list[list[object]]:
    """Rows of plain Python values (None for missing), converted column by column."""
    columns = []
    for column in frame.columns:
        series = frame[column]
        if pd.api.types.is_datetime64_any_dtype(series):
            series = series.astype("string")
        values = series.astype(object).to_numpy()
        columns.append([None if _missing(v) else _plain(v) for v in values])
    return [list(row) for row in zip(*columns, strict=True)] if columns else []


def _missing(value: object) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, float | np.floating) and bool(np.isnan(value))


def _plain(value: object) -> object:
    """numpy scalars → Python scalars (openpyxl writes only plain types)."""
    item = getattr(value, "item", None)
    return item() if callable(item) else value
