"""Read the first sheet of a workbook as text cells, within limits checked before parsing.

A workbook is a zip of XML parts. Before openpyxl parses anything, the central directory (read
by :func:`geo.readers_guard.inspect_zip`) gives each part's inflated size, and each is held to
its ``[import]`` limit: a worksheet to ``max_sheet_mb``, the shared strings (which openpyxl keeps
in memory) to ``max_shared_strings_mb``, every other part (styles, workbook, theme …) to
``max_other_part_mb``, all of them to ``max_workbook_mb``. Python's zip reader stops a part at
its declared size, so lying headers cannot inflate past these limits.

The sheet's declared ``<dimension>`` is ignored (``reset_dimensions``): a sheet that declares
``A1:XFD1048576`` is not padded to 16 384 columns, and one that declares ``A1:AQ101`` over 6 112
rows is read in full. Rows × columns is counted while reading and refused past ``max_cells``.

openpyxl runs in read-only, data-only mode: cached values are read, no formula is evaluated, no
macro or external link is loaded; defusedxml (installed) refuses XML entity bombs.
"""

from __future__ import annotations

import datetime as dt
import logging
import zipfile
from pathlib import Path

import pandas as pd

from errors import Problem, ValidationError
from geo.readers_guard import ReadLimits, inspect_zip, mib, refusal
from geo.readers_types import RawFile

__all__ = ["check_parts", "read_excel"]

log = logging.getLogger(__name__)


def _part_limit(name: str, limits: ReadLimits) -> tuple[int, str]:
    lower = name.lower()
    if "sharedstrings" in lower:
        return limits.max_shared_strings, "max_shared_strings_mb"
    if lower.startswith("xl/worksheets/") and lower.endswith(".xml"):
        return limits.max_sheet, "max_sheet_mb"
    return limits.max_other_part, "max_other_part_mb"


def check_parts(path: Path, infos: list[zipfile.ZipInfo], limits: ReadLimits) -> None:
    """Refuse a workbook whose parts inflate past their limits (from the central directory)."""
    problems = []
    for info in infos:
        limit, setting = _part_limit(info.filename, limits)
        if info.file_size > limit:
            problems.append(
                Problem(
                    path.name,
                    None,
                    "part",
                    f"{info.filename} ({mib(info.file_size)})",
                    f"工作簿的这一部分解压后不得超过 {mib(limit)} / this part of a workbook may "
                    f"inflate to at most {mib(limit)} ([import] {setting})",
                )
            )
    total = sum(i.file_size for i in infos)
    if total > limits.max_workbook:
        problems.append(
            Problem(
                path.name,
                None,
                "workbook",
                mib(total),
                f"工作簿解压后不得超过 {mib(limits.max_workbook)} / a workbook may inflate to at "
                f"most {mib(limits.max_workbook)} ([import] max_workbook_mb)",
            )
        )
    if problems:
        raise ValidationError(problems, source=path.name)


def _cell_text(value: object) -> str:
    """A cell as text, the way the user sees it: 3360 not 3360.0, dates as ISO."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    return str(value)


def _too_many(path: Path, rows: int, width: int, limits: ReadLimits) -> ValidationError:
    return refusal(
        path,
        "sheet",
        f"{rows:,} rows × {width:,} columns",
        f"工作表最多 {limits.max_cells:,} 个单元格（行 × 列）/ a sheet may have at most "
        f"{limits.max_cells:,} cells (rows × columns; [import] max_cells)",
    )


def _sheet_cells(path: Path, limits: ReadLimits) -> tuple[list[str], list[list[str]]]:
    from openpyxl import load_workbook

    with path.open("rb") as fh:  # ours to close, even when openpyxl fails half-way
        book = load_workbook(fh, read_only=True, data_only=True, keep_links=False, keep_vba=False)
        try:
            sheet = book.worksheets[0]
            sheet.reset_dimensions()  # the declared <dimension> is not trusted
            rows = sheet.iter_rows(values_only=True)
            header = next(rows, None)
            if header is None or all(v is None for v in header):
                raise refusal(
                    path, "header", None, "首行须为表头 / the first row must be the header"
                )
            width, count = len(header), 1
            body: list[list[str]] = []
            for row in rows:
                count += 1
                width = max(width, len(row))
                if count * width > limits.max_cells:
                    raise _too_many(path, count, width, limits)
                if any(v is not None for v in row):
                    body.append([_cell_text(v) for v in row])
            return [_cell_text(v) for v in header], body
        finally:
            book.close()


def read_excel(path: Path, limits: ReadLimits, layer: str | None = None) -> RawFile:
    """The first sheet of a workbook as text cells; nothing in the workbook is evaluated."""
    infos = inspect_zip(path, limits, what=(" Excel 工作簿", "workbook"))
    if not any(i.filename == "[Content_Types].xml" for i in infos):
        raise refusal(
            path,
            "file",
            None,
            "内容不是 Excel 工作簿（缺少 [Content_Types].xml）/ the content is not an Excel "
            "workbook (no [Content_Types].xml)",
        )
    check_parts(path, infos, limits)
    # openpyxl and the XML parser raise many types for a bad workbook: geo.readers.read_file
    # turns each into one refusal (and logs its traceback)
    names, body = _sheet_cells(path, limits)
    width = len(names)
    body = [(r + [""] * width)[:width] for r in body if any(v != "" for v in r)]
    frame = pd.DataFrame(body, columns=pd.Index(names), dtype=object)
    return RawFile(frame, (), row_offset=2)
