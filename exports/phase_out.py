"""The phase-out candidates inside the chosen parks, for the decision pack.

The parks picked for circular retrofit are also where the plan's "五过" firms are to leave first
(番府〔2015〕84号): the pack carries the five-excess screen's phase-out candidates of the survey's
latest year that lie in those parks, each with its indicators, flags, reasons and grade, beside
the thresholds that made them — the same rows and labels as ``cli.py screen``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from exports.tables import Provenance, write_xlsx
from scoring.screen.labels import screen_labels
from scoring.screen.run import SCREEN_COLUMNS, screen, thresholds_table

__all__ = ["phase_out_in_parks", "write_phase_out"]

SHEET = "淘汰候选 phase-out"


def phase_out_in_parks(
    enterprises: pd.DataFrame,
    parks: Sequence[str],
    *,
    config: Mapping[str, Any] | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The phase-out candidates of the latest survey year in ``parks`` (park, then flags
    descending), and the thresholds table of the screen that found them."""
    result = screen(enterprises, config=config)
    table = result.table
    inside = table["park_id"].isin(list(parks)) & table["phase_out"].astype(bool)
    rows = table.loc[inside, ["park_id", *SCREEN_COLUMNS]]
    rows = rows.sort_values(["park_id", "flag_count", "uscc"], ascending=[True, False, True])
    return rows.reset_index(drop=True), thresholds_table(result)


def write_phase_out(
    path: Path,
    enterprises: pd.DataFrame,
    parks: Sequence[str],
    *,
    provenance: Provenance,
    config: Mapping[str, Any] | None = None,
) -> Path:
    """Write the candidates and the thresholds as an Excel workbook; return ``path``."""
    rows, thresholds = phase_out_in_parks(enterprises, parks, config=config)
    sheets = {SHEET: rows, "阈值 thresholds": thresholds}
    write_xlsx(sheets, path, provenance=provenance, labels=screen_labels("zh"))
    return path
