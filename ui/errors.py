"""One place where pages show errors meant for the user; never a traceback."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pandas as pd
import streamlit as st

from errors import SUMMARY_FROM, ParkPlanError, ValidationError
from store.errorlog import record_failure, scrub
from store.workspace import resolve_workspace
from ui.i18n import t

__all__ = ["error_box", "page_guard", "show_error"]


def show_error(exc: ParkPlanError) -> None:
    """Show ``exc``: a table of every problem for a ValidationError, else its message."""
    if isinstance(exc, ValidationError):
        st.error(f"{t('error.title')} {exc.source} — {exc.total:,}")
        if exc.total > SUMMARY_FROM:
            _summary(exc)
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


def _summary(exc: ValidationError) -> None:
    """Many problems: how many of each field and rule, and their first rows, above the list."""
    counts = exc.by_rule()
    shown = pd.DataFrame(
        {
            t("error.field"): counts["field"],
            t("error.allowed"): counts["allowed"],
            t("error.count"): counts["n"],
            t("error.first_rows"): counts["rows"].map(", ".join),
        }
    )
    st.caption(t("error.summary"))
    st.dataframe(shown, hide_index=True, width="stretch", key="error_summary")


@contextmanager
def error_box() -> Iterator[None]:
    """Run a block; show a ParkPlanError as a message instead of a traceback."""
    try:
        yield
    except ParkPlanError as exc:
        show_error(exc)


@contextmanager
def page_guard(page: str) -> Iterator[None]:
    """The app's one top-level handler: a ParkPlanError is shown as its message; anything else
    is a bug, whose traceback goes to the workspace's errors log while the page shows one line.
    Streamlit's own stop and rerun signals are not exceptions of this kind and pass through."""
    try:
        yield
    except ParkPlanError as exc:
        show_error(exc)
    except Exception as exc:
        logged = record_failure(exc, location=str(resolve_workspace()), what=f"page {page}")
        first = scrub((str(exc).splitlines() or [""])[0])
        st.error(t("error.unexpected", kind=type(exc).__name__, first=first, log=logged or "—"))
