"""Cells that are safe to open in Excel: formula-injection neutralisation (CWE-1236).

A spreadsheet evaluates a cell that starts with ``=``, ``+``, ``-`` or ``@`` as a formula, and
tab or carriage return can smuggle one in. Every text cell ParkPlan writes to Excel or CSV passes
through :func:`neutralise`: such a cell gets a leading apostrophe (OWASP's advice), which Excel
shows as plain text and a reader can strip. Numbers are left alone (a negative *number* is not a
formula); only text is touched.
"""

from __future__ import annotations

import pandas as pd

__all__ = ["DANGEROUS_PREFIXES", "is_dangerous", "neutralise", "neutralise_frame"]

DANGEROUS_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def is_dangerous(value: object) -> bool:
    """True for a text value a spreadsheet could read as a formula."""
    return isinstance(value, str) and value.startswith(DANGEROUS_PREFIXES)


def neutralise(value: object) -> object:
    """``value`` with a leading apostrophe when it is dangerous text; anything else unchanged."""
    return f"'{value}" if is_dangerous(value) else value


def neutralise_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` whose text cells (and column names) are neutralised.

    Vectorised per column: only object/string columns are scanned.
    """
    out = frame.copy()
    for column in out.columns:
        series = out[column]
        if pd.api.types.is_object_dtype(series) or pd.api.types.is_string_dtype(series):
            text = series.astype("string")
            bad = text.str.startswith(DANGEROUS_PREFIXES).fillna(False).astype(bool)
            if bad.any():
                series = series.astype(object).copy()
                series[bad.to_numpy()] = "'" + text[bad].astype(str)
                out[column] = series
    out.columns = [neutralise(str(c)) for c in out.columns]
    return out
