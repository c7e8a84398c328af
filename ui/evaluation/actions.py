"""The evaluation page's actions: run a batch, advance it, record an objection, accept or
reject it. Each goes through :mod:`store.evaluation_actions` (role-checked, audited); a refusal
is shown with its reason and stores nothing."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from errors import ParkPlanError
from scoring.evaluation.labels import field_label
from scoring.evaluation.run import objection_fields
from store.evaluation import OBJECTIONS, STATUS_EN, STATUSES, Batch
from store.evaluation_actions import (
    add_objection_as,
    advance_as,
    decide_objection_as,
    run_batch_as,
)
from ui.auth import current_account, may_do
from ui.errors import show_error
from ui.evaluation.view import rows
from ui.i18n import lang, t
from ui.loaders import load_layer, workspace

__all__ = ["DONE", "advance_button", "decide_panel", "objection_panel", "run_panel"]

DONE = "ev.done_text"


def _done(text: str) -> None:
    st.session_state[DONE] = text
    st.rerun()


def run_panel() -> None:
    """Run a new batch of a survey year (planner, admin)."""
    if not may_do("evaluate"):
        return
    with st.expander(t("ev.run")):
        firms = load_layer("enterprises")
        years = sorted(int(y) for y in pd.to_numeric(firms["survey_year"]).dropna().unique())
        left, right = st.columns(2)
        year = left.selectbox(t("ev.run_year"), years, index=len(years) - 1, key="ev_run_year")
        name = right.text_input(t("ev.run_name"), value=f"{year}年度亩均评价", key="ev_run_name")
        if st.button(t("ev.run_button"), key="ev_run", type="primary"):
            try:
                with st.spinner(t("ev.run_button")):
                    run_batch_as(workspace(), current_account(), name, year=int(year))
            except ParkPlanError as exc:
                show_error(exc)
                return
            st.session_state["ev_batch"] = name.strip()
            _done(t("ev.ran", name=name.strip()))


def advance_button(batch: Batch) -> None:
    """Move the batch to its next step (planner, admin)."""
    if batch.final or not may_do("batch_advance"):
        return
    step = STATUSES[STATUSES.index(batch.status) + 1]
    shown = step if lang() == "zh" else STATUS_EN[step]
    if st.button(t("ev.advance", step=shown), key="ev_advance"):
        try:
            advance_as(workspace(), current_account(), batch.name)
        except ParkPlanError as exc:
            show_error(exc)
            return
        _done(t("ev.advanced", step=shown))


def objection_panel(batch: Batch, grades: pd.DataFrame) -> None:
    """Record an objection during 征求意见 (a town for its own town's firms, the planner)."""
    if batch.status != "征求意见" or not may_do("objection_record", current_account().town):
        return
    st.subheader(t("ev.objection"))
    st.caption(t("ev.objection_help"))
    account = current_account()
    mine = grades if account.role != "town" else grades[grades["town"] == account.town]
    names = dict(zip(mine["uscc"].astype(str), mine["name"].astype(str), strict=True))
    firm = st.selectbox(
        t("ev.firm"), list(names), index=None, key="ev_obj_firm",
        format_func=lambda u: f"{names[u]}（{u}）", placeholder=t("ev.firm"),
    )  # fmt: skip
    fields = list(objection_fields())
    field = st.selectbox(t("ev.field"), fields, key="ev_obj_field",
                         format_func=lambda f: field_label(f, lang()))  # fmt: skip
    left, middle, right = st.columns(3)
    value = left.number_input(t("ev.claimed"), min_value=0.0, value=None, key="ev_obj_value")
    upload = middle.file_uploader(t("ev.evidence"), key="ev_obj_evidence")
    named = right.text_input(t("ev.evidence_name"), key="ev_obj_evidence_name")
    evidence = upload.name if upload is not None else named
    if st.button(t("ev.add_button"), key="ev_obj_add", type="primary"):
        try:
            row = add_objection_as(
                workspace(), account, batch.name, str(firm or ""), str(field),
                value if value is not None else "", evidence or "",
            )  # fmt: skip
        except ParkPlanError as exc:
            show_error(exc)
            return
        _done(t("ev.added", id=int(row["id"])))


def decide_panel(batch: Batch) -> None:
    """Accept or reject a pending objection, with a reason (planner, admin)."""
    if batch.status not in ("征求意见", "公示") or not may_do("objection_decide"):
        return
    stored = rows(batch.name, OBJECTIONS)
    pending = stored[stored["status"] == "pending"] if len(stored) else stored
    if pending.empty:
        return
    st.subheader(t("ev.decide"))
    labels = {
        int(r["id"]): f"#{int(r['id'])} {r['name']} · {field_label(str(r['field']), lang())} "
        f"{float(r['stored_value']):g} → {float(r['claimed_value']):g}"
        for _, r in pending.iterrows()
    }
    picked = st.selectbox(t("ev.decide_pick"), list(labels), key="ev_dec_id",
                          format_func=lambda i: labels[i])  # fmt: skip
    reason = st.text_input(t("ev.reason"), key="ev_dec_reason")
    left, right = st.columns(2)
    accept = left.button(t("ev.accept"), key="ev_accept", type="primary")
    reject = right.button(t("ev.reject"), key="ev_reject")
    if accept or reject:
        try:
            row = decide_objection_as(
                workspace(), current_account(), batch.name, int(picked), accept=accept,
                reason=reason,
            )  # fmt: skip
        except ParkPlanError as exc:
            show_error(exc)
            return
        _done(
            t("ev.decided", id=int(row["id"]), what=t("ev.accept" if accept else "ev.reject"),
              before=row["grade_before"], after=row["grade_after"],
              s_before=float(row["surcharge_before"]), s_after=float(row["surcharge_after"]))
        )  # fmt: skip
