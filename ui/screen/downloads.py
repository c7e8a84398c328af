"""The screen page's downloads: the firms of the table as CSV or Excel, with the columns of
``cli.py screen``, formula-injection safe and carrying their provenance (exports/tables.py)."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import streamlit as st

from exports.tables import Provenance, write_csv, write_xlsx
from scoring.screen.labels import screen_labels
from scoring.screen.run import ScreenResult
from ui.downloads import audited_download
from ui.i18n import t
from ui.loaders import data_version

__all__ = ["downloads"]


def _exporter(frame: pd.DataFrame, suffix: str, result: ScreenResult) -> Callable[[], bytes]:
    """The file's bytes, made only when the planner clicks (Streamlit's deferred download)."""
    prov = Provenance(
        what=f"“五过”企业筛查 five-excess screen {result.year}",
        data_version=data_version(),
        parameters=result.parameters(),
    )

    def make() -> bytes:
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / f"screen{suffix}"
            if suffix == ".csv":
                write_csv(frame, path, provenance=prov)
            else:
                sheets = {"五过筛查 screen": frame}
                write_xlsx(sheets, path, provenance=prov, labels=screen_labels("zh"))
            return path.read_bytes()

    return make


def downloads(result: ScreenResult, shown: pd.DataFrame) -> None:
    """The firms of the table (phase-out candidates only by default), as CSV or Excel with
    the columns of ``cli.py screen``."""
    only = st.checkbox(t("screen.only_candidates"), value=True, key="screen_only_candidates")
    rows = shown[shown["phase_out"]] if only else shown
    frame = result.output().loc[rows.index]  # the columns cli.py screen writes
    name = f"screen_{result.year}{'_candidates' if only else ''}"
    cols = st.columns(2)
    audited_download(
        t("screen.download_csv"),
        _exporter(frame, ".csv", result),
        file_name=f"{name}.csv",
        kind="table",
        where=cols[0],
        mime="text/csv",
        key="screen_download_csv",
    )
    audited_download(
        t("screen.download_xlsx"),
        _exporter(frame, ".xlsx", result),
        file_name=f"{name}.xlsx",
        kind="table",
        where=cols[1],
        key="screen_download_xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
