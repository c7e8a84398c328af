"""The evaluation page's views: the batch picker and its step, the grades with the rule that
decided each, the objections with their outcome, the change log and the downloads."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from exports.evaluation_tables import LABELS, objection_table
from scoring.evaluation.labels import column_label
from store.evaluation import (
    GRADES,
    OBJECTIONS,
    STATUS_EN,
    Batch,
    batch_rows,
    list_batches,
    log_rows,
)
from ui.i18n import lang, t
from ui.loaders import workspace, workspace_key

__all__ = [
    "GRADE_COLUMNS",
    "batch_select",
    "downloads",
    "grade_table",
    "labelled",
    "log_table",
    "objections_table",
    "rows",
    "screen_batch_panel",
    "summary",
]

GRADE_COLUMNS = ["uscc", "name", "town", "cohort_label", "score", "rank", "grade", "rule_text",
                 "surcharge_yuan"]  # fmt: skip
OBJECTION_COLUMNS = ["id", "uscc", "name", "town", "field_label", "stored_value",
                     "claimed_value", "evidence", "by", "at", "status_label", "decided_by",
                     "reason", "grade_before", "grade_after", "surcharge_before",
                     "surcharge_after"]  # fmt: skip


@st.cache_data(show_spinner=False, max_entries=16)
def _rows(location: str, stamp: str, name: str, what: str) -> pd.DataFrame:
    return batch_rows(workspace(), name, what)


def rows(name: str, what: str) -> pd.DataFrame:
    """Batch ``name``'s rows of table ``what``, read once per change of the workspace."""
    return _rows(*workspace_key(), name, what).copy()


def labelled(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with headers in the page's language (no raw field name on a Chinese page)."""
    if lang() == "zh":
        return frame.rename(columns=lambda c: LABELS.get(str(c), column_label(str(c))))
    return frame.rename(columns=lambda c: column_label(str(c), "en"))


def batch_select(key: str = "ev_batch", *, label: str | None = None) -> Batch | None:
    """A select box of the stored batches (newest first); ``None`` when there is none."""
    batches = list_batches(workspace())
    if not batches:
        return None
    names = [b.name for b in batches]
    by_name = {b.name: b for b in batches}
    picked = st.selectbox(
        label or t("ev.batch"), names, key=key,
        format_func=lambda n: f"{n}（{by_name[n].year}，{by_name[n].status}）"
        if lang() == "zh" else f"{n} ({by_name[n].year}, {STATUS_EN[by_name[n].status]})",
    )  # fmt: skip
    return by_name[str(picked)]


def summary(batch: Batch) -> pd.DataFrame:
    """The batch's step, counts and metadata as metrics; its grades returned."""
    grades = rows(batch.name, GRADES)
    objections = rows(batch.name, OBJECTIONS)
    pending = int((objections["status"] == "pending").sum()) if len(objections) else 0
    cols = st.columns(5)
    step = batch.status if lang() == "zh" else STATUS_EN[batch.status]
    cols[0].metric(t("ev.status"), step)
    cols[1].metric(t("ev.year"), str(batch.year))
    cols[2].metric(t("ev.firms"), f"{len(grades):,}")
    cols[3].metric(t("ev.objections"), f"{len(objections):,}")
    cols[4].metric(t("ev.pending"), f"{pending:,}")
    st.caption(
        t("ev.meta", user=batch.created_by, at=batch.created_at, version=batch.data_version,
          until=batch.objection_until or "—")
    )  # fmt: skip
    if batch.final:
        st.info(t("ev.final_note"))
    return grades


def grade_table(grades: pd.DataFrame) -> None:
    """The grades with the rule that decided each, filtered by town and grade."""
    st.subheader(t("ev.grades"))
    left, right = st.columns(2)
    towns = sorted(str(x) for x in grades["town"].dropna().unique())
    town = left.selectbox(t("ev.filter_town"), [t("ev.all"), *towns], key="ev_town")
    grade = right.selectbox(t("ev.filter_grade"), [t("ev.all"), *"ABCDT"], key="ev_grade")
    shown = grades
    if town != t("ev.all"):
        shown = shown[shown["town"].astype(object) == town]
    if grade != t("ev.all"):
        shown = shown[shown["grade"].astype(object) == grade]
    st.dataframe(labelled(shown[GRADE_COLUMNS]), hide_index=True, width="stretch",
                 key="ev_grades")  # fmt: skip


def objections_table(batch: Batch) -> None:
    """Every objection of the batch with its outcome."""
    st.subheader(t("ev.objection_list"))
    rows = objection_table(workspace(), batch, lang())
    if rows.empty:
        st.caption(t("ev.no_objection"))
        return
    st.dataframe(labelled(rows[OBJECTION_COLUMNS]), hide_index=True, width="stretch",
                 key="ev_objections")  # fmt: skip


def log_table(batch: Batch) -> None:
    """The batch's change log, oldest first."""
    with st.expander(t("ev.log")):
        log = log_rows(workspace(), batch.name)
        log = log.assign(action=[t(f"ev.action.{a}") for a in log["action"].astype(str)])
        shown = log[["seq", "at", "user", "action", "detail"]]
        st.dataframe(shown.rename(columns=lambda c: t(f"ev.col.{c}")), hide_index=True,
                     width="stretch", key="ev_log")  # fmt: skip


def downloads(batch: Batch, grades: pd.DataFrame) -> None:
    """Letters of one town (PDF), its 公示 list and the batch's record (Excel)."""
    import io
    import tempfile
    from pathlib import Path

    from exports.evaluation_letters import write_letters
    from exports.evaluation_tables import write_publicity, write_record
    from ui.downloads import audited_download

    st.subheader(t("ev.downloads"))
    towns = sorted(str(x) for x in grades["town"].dropna().unique())
    if not towns:
        return
    town = st.selectbox(t("ev.letters_town"), towns, key="ev_letters_town")
    count = int((grades["town"].astype(object) == town).sum())
    st.caption(t("ev.letters_for", town=town, n=count))
    ws = workspace()

    def made(write: object, suffix: str) -> bytes:
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / f"out{suffix}"
            write(path)  # type: ignore[operator]
            return io.BytesIO(path.read_bytes()).getvalue()

    left, middle, right = st.columns(3)
    audited_download(
        t("ev.letters"), lambda: made(lambda p: write_letters(ws, batch, town, p), ".pdf"),
        file_name=f"告知书_{batch.name}_{town}.pdf", kind="table", key="ev_dl_letters",
        where=left, town=town, mime="application/pdf",
    )  # fmt: skip
    audited_download(
        t("ev.publicity"), lambda: made(lambda p: write_publicity(ws, batch, town, p), ".xlsx"),
        file_name=f"公示名单_{batch.name}_{town}.xlsx", kind="table", key="ev_dl_publicity",
        where=middle, town=town,
    )  # fmt: skip
    audited_download(
        t("ev.record"), lambda: made(lambda p: write_record(ws, batch, p), ".xlsx"),
        file_name=f"批次记录_{batch.name}.xlsx", kind="table", key="ev_dl_record", where=right,
    )  # fmt: skip


def screen_batch_panel(year: int) -> None:
    """On the screen page: a batch of ``year`` chosen, its grades with the rule that decided
    each (nothing when no batch of that year exists)."""
    batches = [b for b in list_batches(workspace()) if b.year == year]
    if not batches:
        return
    st.subheader(t("ev.screen_batch"))
    by_name = {b.name: b for b in batches}
    none = t("ev.screen_none")
    picked = st.selectbox(
        t("ev.screen_pick"), [none, *by_name], key="screen_batch",
        format_func=lambda n: n if n == none else f"{n}（{by_name[n].status}）"
        if lang() == "zh" else f"{n} ({STATUS_EN[by_name[n].status]})",
    )  # fmt: skip
    if picked == none:
        return
    grades = rows(str(picked), GRADES)
    st.dataframe(labelled(grades[GRADE_COLUMNS]), hide_index=True, width="stretch",
                 key="screen_batch_grades")  # fmt: skip
