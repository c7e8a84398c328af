"""The project library page's actions: approve district matching within the cap (the rule and
its figures shown first), update a project's stage with its history, import the towns'
tables with a preview. Each goes through :mod:`store.project_actions` (role-checked, audited);
a refusal is shown with its reason and stores nothing."""

from __future__ import annotations

import datetime as dt
import hashlib
import tempfile
from pathlib import Path

import pandas as pd
import streamlit as st

from config.sections_projects import ProjectsSettings
from errors import ParkPlanError
from scoring.projects.budget import remaining_budget
from scoring.projects.rules import max_district_matching
from store.project_actions import (
    apply_projects_import_as,
    approve_matching_as,
    plan_projects_import_as,
    set_stage_as,
)
from store.projects import read_stages
from ui.auth import current_account, may_do
from ui.errors import show_error
from ui.i18n import t
from ui.loaders import data_version, workspace

__all__ = ["STAGES", "approve_panel", "import_panel", "stage_panel"]

STAGES = ("储备", "落地", "开工", "投产", "终止")
_PLAN = "proj.plan"


def _number(row: pd.Series, column: str) -> float:
    value = pd.to_numeric(pd.Series([row.get(column)]), errors="coerce").iloc[0]
    return 0.0 if pd.isna(value) else float(value)


def _name(table: pd.DataFrame) -> dict[str, str]:
    return dict(zip(table["project_id"].astype(str), table["name"].astype(str), strict=True))


def approve_panel(
    table: pd.DataFrame, with_places: pd.DataFrame, settings: ProjectsSettings
) -> None:
    """Approve matching for one project of ``table`` (those that asked and are not ended)."""
    st.subheader(t("proj.approve"))
    if not may_do("approve_matching"):
        st.caption(t("proj.role_cannot"))
        return
    asked = table[
        (pd.to_numeric(table["matching_requested_wan"], errors="coerce").fillna(0) > 0)
        & (table["stage"] != "终止")
    ]
    names = _name(asked)
    project = st.selectbox(
        t("proj.approve_project"), list(names), index=None, key="proj_approve_id",
        format_func=lambda p: f"{p} {names[p]}", placeholder=t("proj.approve_placeholder"),
    )  # fmt: skip
    if project is None:
        return
    row = asked[asked["project_id"] == project].iloc[0]
    rule = max_district_matching(asked.loc[[row.name]], cap_share=settings.subsidy_cap_share)
    cap = float(rule.iloc[0])
    year = int(row["year"])
    remaining = remaining_budget(with_places, settings=settings, year=year)
    st.markdown(
        t(
            "proj.approve_rule",
            total=_number(row, "total_investment_wan"),
            province=_number(row, "subsidy_province_wan"),
            city=_number(row, "subsidy_city_wan"),
            cap=cap,
            requested=_number(row, "matching_requested_wan"),
            approved=_number(row, "matching_approved_wan"),
            remaining=remaining,
        )
    )
    if cap <= 0:
        st.info(t("proj.approve_zero"))
    left, middle, right = st.columns([2, 2, 1])
    amount = left.number_input(
        t("proj.amount"), min_value=0.0, value=None, step=10.0, key="proj_amount"
    )
    day = middle.date_input(t("proj.date"), value=dt.date.today(), key="proj_approve_date")
    if right.button(t("proj.approve_button"), key="proj_approve", type="primary"):
        try:
            approve_matching_as(
                workspace(), current_account(), str(project), float(amount or 0.0),
                day.isoformat(), settings=settings,
            )  # fmt: skip
        except ParkPlanError as exc:
            show_error(exc)
            return
        done = t("proj.approved", project=project, amount=float(amount or 0))
        st.session_state["proj.done"] = done
        st.rerun()


def stage_panel(table: pd.DataFrame) -> None:
    """Move one project to a new stage on a date; its stage history below."""
    st.subheader(t("proj.stage"))
    names = _name(table)
    project = st.selectbox(
        t("proj.approve_project"), list(names), index=None, key="proj_stage_id",
        format_func=lambda p: f"{p} {names[p]}", placeholder=t("proj.approve_placeholder"),
    )  # fmt: skip
    if project is None:
        return
    if may_do("import_projects", _town_of_project(table, project)):
        left, middle, right = st.columns([2, 2, 1])
        stage = left.selectbox(t("proj.stage_new"), list(STAGES), key="proj_stage")
        day = middle.date_input(t("proj.date"), value=dt.date.today(), key="proj_stage_date")
        if right.button(t("proj.stage_button"), key="proj_stage_save"):
            try:
                set_stage_as(workspace(), current_account(), str(project), stage, day.isoformat())
            except ParkPlanError as exc:
                show_error(exc)
                return
            st.session_state["proj.done"] = t("proj.stage_saved", project=project, stage=stage)
            st.rerun()
    st.markdown(f"**{t('proj.history')}**")
    stages = read_stages(workspace())
    mine = stages[stages["project_id"].astype(str) == str(project)]
    if mine.empty:
        st.caption(t("proj.history_none"))
    else:
        st.dataframe(mine, hide_index=True, width="stretch", key="proj_history")


def _town_of_project(table: pd.DataFrame, project: str) -> str | None:
    town = table.loc[table["project_id"] == project, "town"]
    return None if town.empty or pd.isna(town.iloc[0]) else str(town.iloc[0])


def import_panel() -> None:
    """Upload a town's table: every problem at once, or a preview and a confirm button."""
    st.subheader(t("proj.import"))
    st.caption(t("proj.import_help"))
    account = current_account()
    upload = st.file_uploader(t("proj.file"), key="proj_file", type=["xlsx", "csv"])
    if upload is None:
        st.session_state.pop(_PLAN, None)
        return
    data = upload.getvalue()
    key = (hashlib.sha256(data).hexdigest(), upload.name, data_version())
    kept = st.session_state.get(_PLAN)
    if kept is None or kept[0] != key:
        try:
            with (
                tempfile.TemporaryDirectory() as tmp,
                st.spinner(t("proj.checking", name=upload.name)),
            ):
                path = Path(tmp) / Path(upload.name).name
                path.write_bytes(data)
                plan = plan_projects_import_as(workspace(), account, path)
        except ParkPlanError as exc:
            st.session_state.pop(_PLAN, None)
            show_error(exc)
            return
        kept = (key, plan)
        st.session_state[_PLAN] = kept
    plan = kept[1]
    counts = plan.changes.counts
    st.markdown(
        t(
            "proj.preview", name=upload.name, rows=plan.rows, new=counts.get("new", 0),
            changed=counts.get("changed", 0), removed=counts.get("removed", 0),
        )
    )  # fmt: skip
    if st.button(t("proj.confirm"), key="proj_confirm", type="primary"):
        try:
            report = apply_projects_import_as(workspace(), account, plan)
        except ParkPlanError as exc:
            show_error(exc)
            return
        st.session_state.pop(_PLAN, None)
        st.session_state["proj.done"] = t("proj.imported", rows=report.rows, entry=report.entry)
        st.rerun()
