"""Every problem of a file, kept as columns: a million bad rows cost arrays, not a million objects.

A validator adds problems one at a time (:meth:`ProblemLog.add`, a whole-file problem or a
single cell) or a column's worth at once (:meth:`ProblemLog.add_positions`, the positions a
vectorised check found). :meth:`ProblemLog.error` sorts them (whole-file problems first, then by
row), lists the first ``cap`` as :class:`errors.Problem` and hands the full list to
:class:`errors.ValidationError` as a table, which the command line summarises and writes with
``--problems`` and the data page offers as a download (issue 22).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from errors import PROBLEM_COLUMNS, Problem, ValidationError

__all__ = ["ProblemLog"]

_NO_ROW = -1  # a whole-file problem (a missing column): no row number


def _plain(value: object) -> object:
    """A cell value as the user typed it (NumPy scalars → Python, NaN → None)."""
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and value != value:
        return None
    return value


class ProblemLog:
    """The problems of one file, with the row numbers the user sees (0-based position +
    ``row_offset``)."""

    def __init__(self, source: str, row_offset: int) -> None:
        self.source, self.row_offset = source, row_offset
        self._chunks: list[tuple[np.ndarray, str, np.ndarray, str]] = []
        self.total = 0

    def add(self, pos: int | None, field: str, value: object, allowed: str) -> None:
        """One problem: a cell (``pos``) or the whole file (``pos=None``)."""
        row = _NO_ROW if pos is None else pos + self.row_offset
        values = np.empty(1, dtype=object)
        values[0] = value
        self._chunks.append((np.array([row], dtype=np.int64), field, values, allowed))
        self.total += 1

    def add_positions(
        self, positions: np.ndarray, values: np.ndarray, field: str, allowed: str
    ) -> None:
        """One problem per position (0-based), with the cell value at the same place."""
        if len(positions) == 0:
            return
        rows = np.asarray(positions, dtype=np.int64) + self.row_offset
        self._chunks.append((rows, field, np.asarray(values, dtype=object), allowed))
        self.total += len(rows)

    def table(self) -> pd.DataFrame:
        """Every problem, whole-file ones first, then by row (stable within a row)."""
        if not self._chunks:
            return pd.DataFrame({c: pd.Series(dtype=object) for c in PROBLEM_COLUMNS})
        rows = np.concatenate([c[0] for c in self._chunks])
        fields = np.concatenate([np.full(len(c[0]), c[1], dtype=object) for c in self._chunks])
        values = np.concatenate([c[2] for c in self._chunks])
        allowed = np.concatenate([np.full(len(c[0]), c[3], dtype=object) for c in self._chunks])
        order = np.argsort(rows, kind="stable")  # _NO_ROW (-1) sorts first
        row = pd.array(rows[order], dtype="Int64")
        frame = pd.DataFrame(
            {
                "file": self.source,
                "row": row,
                "field": fields[order],
                "value": values[order],
                "allowed": allowed[order],
            }
        )
        frame.loc[frame["row"] == _NO_ROW, "row"] = pd.NA
        return frame

    def error(self, cap: int) -> ValidationError:
        """The problems as one error: the first ``cap`` listed, every one in its table."""
        table = self.table()
        head = table.head(cap)
        listed = [
            Problem(
                self.source,
                None if pd.isna(r) else int(r),
                str(f),
                _plain(v),
                str(a),
            )
            for r, f, v, a in zip(
                head["row"], head["field"], head["value"], head["allowed"], strict=True
            )
        ]
        return ValidationError(
            listed, source=self.source, more=len(table) - len(listed), table=table
        )
