"""Read numbers as typed in a spreadsheet, strictly and for a whole column at once.

- Full-width digits, signs, points and commas (``１２，５００．５``) are normalised with Unicode
  NFKC first, as a Chinese input method types them;
- a comma is accepted only as a well-formed thousands separator: one to three digits, then
  groups of exactly three (``12,500.5`` is 12500.5); ``1,2,3`` or ``12,5`` (a decimal comma?)
  is a problem, never 123 or 125;
- everything else goes to :func:`pandas.to_numeric`; what it cannot read is a problem.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["COMMA_ALLOWED", "parse_numbers"]

_GROUPED = r"^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d*)?(?:[eE][+-]?\d+)?$"

COMMA_ALLOWED = (
    "逗号只能作千位分隔符（如 12,500.5），小数点须用 . / a comma may only separate "
    "thousands (as in 12,500.5); use . for decimals"
)


def parse_numbers(raw: pd.Series) -> tuple[pd.Series, np.ndarray]:
    """The column's numbers (``NaN`` where blank or unreadable) and where a comma was misused.

    Returns
    -------
    numbers
        float64, on ``raw``'s index.
    bad_comma
        A boolean array: cells with a comma that is not a thousands grouping (also NaN in
        ``numbers``), to be reported with :data:`COMMA_ALLOWED`.
    """
    text = raw.astype("string").str.normalize("NFKC").str.strip()
    has_comma = text.str.contains(",", regex=False).fillna(False)
    grouped = text.str.fullmatch(_GROUPED).fillna(False)
    cleaned = text.where(~grouped, text.str.replace(",", "", regex=False))
    cleaned = cleaned.where(~(has_comma & ~grouped), None)
    numbers = pd.to_numeric(cleaned, errors="coerce").astype("float64")
    return numbers, (has_comma & ~grouped).to_numpy(dtype=bool)
