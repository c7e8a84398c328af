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

from exports.atomic import ExportTargetError, atomic_path, atomic_write_text
from exports.safe import neutralise, neutralise_frame
from geo.checksum import sha256_file

__all__ = ["ABOUT_SHEET", "CODE_HEADER", "Provenance", "write_csv", "write_xlsx"]

ABOUT_SHEET = "说明 About"
# the header of the About sheet's column table: sheet, column label, short code
CODE_HEADER = ("表 Sheet", "列 Column", "代码 Code")

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
    with atomic_path(path) as tmp:
        with open(tmp, "wb") as fh:
            fh.write(BOM)
            pacsv.write_csv(table, fh, write_options=pacsv.WriteOptions(quoting_style="needed"))
        digest = sha256_file(tmp)
    sidecar = path.with_name(path.name + ".provenance.json")
    record = {**asdict(provenance), "file": path.name, "sha256": digest}
    return atomic_write_text(sidecar, json.dumps(record, ensure_ascii=False, indent=2, default=str))


def write_xlsx(
    sheets: Mapping[str, pd.DataFrame],
    path: str | Path | BinaryIO,
    *,
    provenance: Provenance,
    labels: Mapping[str, str] | None = None,
) -> None:
    """Write one sheet per frame: one header row of labels (e.g. Chinese), then the data.

    Every reader that takes the first row as the header (pandas, a land system's import,
    Excel's filter and pivot) reads exactly the rows of the frame. A last sheet "说明 About"
    holds the provenance, the SHA-256 of each sheet's data (as CSV bytes) so a reader can check
    that nothing was edited, and the short code of each labelled column. Text cells are
    neutralised, and the writer is told never to turn text into formulas, numbers or links.
    A file is written atomically (:mod:`exports.atomic`); a stream is written in place.

    XlsxWriter in constant-memory mode (3–4× faster than openpyxl's write-only mode here:
    100 000 parcels × 15 fields in a few seconds, against 27 s of CPU).
    """
    if isinstance(path, BinaryIO | io.IOBase):
        _write_book(sheets, path, provenance, labels)
        return
    from xlsxwriter.exceptions import FileCreateError

    with atomic_path(path) as tmp:
        try:
            _write_book(sheets, str(tmp), provenance, labels)
        except FileCreateError as exc:  # XlsxWriter's wrapper of the OS error
            cause = exc.args[0] if exc.args else exc
            why = getattr(cause, "strerror", None) or str(cause)
            raise ExportTargetError(f"cannot write {path}: {why}") from exc


def _write_book(
    sheets: Mapping[str, pd.DataFrame],
    target: str | BinaryIO | io.IOBase,
    provenance: Provenance,
    labels: Mapping[str, str] | None,
) -> None:
    import xlsxwriter

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
    columns: list[list[str]] = []
    try:
        for name, frame in sheets.items():
            sheet = book.add_worksheet(name[:31])
            header = _header(frame, labels)
            sheet.write_row(0, 0, [neutralise(h) for h in header])
            for i, row in enumerate(_cells(neutralise_frame(frame)), start=1):
                sheet.write_row(i, 0, row)
            data = frame.to_csv(index=False).encode("utf-8")
            checks.append((f"SHA-256 {name}", hashlib.sha256(data).hexdigest()))
            columns += [[name, h, str(c)] for h, c in zip(header, frame.columns, strict=True)]
        about = book.add_worksheet(ABOUT_SHEET)
        rows = [*provenance.as_rows(), *checks]
        for i, (label, value) in enumerate(rows):
            about.write_row(i, 0, [label, neutralise(value)])
        if labels:
            first = len(rows) + 1
            about.write_row(first, 0, list(CODE_HEADER))
            for i, entry in enumerate(columns, start=first + 1):
                about.write_row(i, 0, [neutralise(v) for v in entry])
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
