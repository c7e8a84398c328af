"""One place where pages show errors meant for the user; never a traceback."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pandas as pd
import streamlit as st

from errors import ParkPlanError, ValidationError
from ui.i18n import t

__all__ = ["error_box", "show_error"]


def show_error(exc: ParkPlanError) -> None:
    """Show ``exc``: a table of every problem for a ValidationError, else its message."""
    if isinstance(exc, ValidationError):
        st.error(f"{t('error.title')} {exc.source} — {len(exc.problems)}")
        table = pd.DataFrame(
            {
                t("error.file"): [p.file for p in exc.problems],
                t("error.row"): [p.row for p in exc.problems],
                t("error.field"): [p.field for p in exc.problems],
                t("error.value"): ["" if p.value is None else str(p.value) for p in exc.problems],
                t("error.allowed"): [p.allowed for p in exc.problems],
            }
        )
        st.dataframe(table, hide_index=True, width="stretch", key="error_table")
    else:
        st.error(str(exc))


@contextmanager
def error_box() -> Iterator[None]:
    """Run a block; show a ParkPlanError as a message instead of a traceback."""
    try:
        yield
    except ParkPlanError as exc:
        show_error(exc)
