"""The pieces of the targets page: the editable split, the ranking, the chart, the panel.

Streamlit only; the arithmetic is ``scoring.targets.split`` / ``scoring.targets.report`` and
the storage ``store.targets``. Widget keys are stable (``targets_*``) for AppTest and the
browser test.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import altair as alt
import pandas as pd
import streamlit as st

from config import load_settings
from config.settings import TargetsSettings
from errors import AccessDeniedError, ParkPlanError, ValidationError
from exports.tables import Provenance, write_xlsx
from scoring.targets.completion import TargetReport, evaluate_year
from scoring.targets.report import district_panel, report_sheets, yearly_series
from scoring.targets.split import INDICATORS, KEYS, clean_start_year, industrial_base
from store.actions import reset_targets_as, save_targets_as, town_of
from store.targets import (
    TargetSplit,
    edit_log,
    load_split,
    read_survey,
    replace_year,
    split_warnings,
    validate_split,
)
from store.workspace import Workspace
from ui.auth import current_account, may_do
from ui.downloads import audited_download
from ui.errors import show_error
from ui.i18n import lang, t
from ui.loaders import data_version, workspace

__all__ = [
    "State",
    "download",
    "editor",
    "load",
    "method",
    "show_chart",
    "show_clean",
    "show_log",
    "show_panel",
    "show_ranking",
    "show_town",
    "year_select",
]

_BEHIND = "background-color: #fde2e1"
_EDITOR = "targets_editor_{year}"
_ROW = 35  # px, the grid's row height: the editor shows every town without scrolling


@dataclass(frozen=True)
class State:
    """What the page reads once per run."""

    workspace: Workspace
    config: TargetsSettings
    firms: pd.DataFrame
    towns: list[str]
    split: TargetSplit


def _i() -> int:
    return 0 if lang() == "zh" else 1


def _label(key: str) -> str:
    item = INDICATORS[key]
    return f"{item.label[_i()]}（{item.unit[_i()]}）"


def load() -> State:
    """The workspace, the ``[targets]`` settings, the survey and the stored (or default) split."""
    ws = workspace()
    config = load_settings().targets
    firms, towns = read_survey(ws)
    return State(ws, config, firms, towns, load_split(ws, config=config))


def year_select(state: State) -> int:
    years = sorted(int(y) for y in state.split.frame["year"].unique())
    return int(st.selectbox(t("targets.year"), years, key="targets_year"))


def method(state: State) -> None:
    """How the default split is made, the industrial base and the district figures."""
    cfg = state.config
    with st.expander(t("targets.method")):
        base_year, goal = cfg.base_year, cfg.goal_year
        st.markdown(
            t(
                "targets.method_text",
                base=base_year,
                start=clean_start_year(state.firms, cfg),
                unit=cfg.amount_unit,
                y1=base_year + 1,
                y2=goal,
                cap=cfg.cap * 100,
            )
        )
        try:
            base = industrial_base(state.firms, year=base_year, towns=state.towns) * 100
        except ParkPlanError as exc:
            st.warning(str(exc))
            return
        st.dataframe(
            base.round(2).rename(t("targets.base")).rename_axis(t("col.town")),
            key="targets_base",
        )


def editor(state: State, year: int) -> pd.DataFrame:
    """The year's targets in an editable table; returns the whole split with the edits."""
    st.subheader(t("targets.editor"))
    frame = state.split.frame
    if state.split.stored:
        edited_rows = frame[frame["edited_at"] != ""].sort_values("edited_at")
        if len(edited_rows):
            last = edited_rows.iloc[-1]
            st.caption(t("targets.stored_note", who=last["edited_by"], when=last["edited_at"]))
    else:
        st.caption(t("targets.default_note"))
    st.caption(t("targets.editor_help"))
    rows = frame.loc[frame["year"] == year, ["town", *KEYS]].reset_index(drop=True)
    config = {"town": st.column_config.TextColumn(t("col.town"), disabled=True)}
    for key in KEYS:
        fmt = "%.0f" if INDICATORS[key].kind == "count" else "%.2f"
        config[key] = st.column_config.NumberColumn(_label(key), format=fmt)
    edited = st.data_editor(
        rows,
        column_config=config,
        hide_index=True,
        num_rows="fixed",
        height=_ROW * (len(rows) + 1) + 3,
        key=_EDITOR.format(year=year),
    )
    whole = replace_year(frame, year, edited)
    _validate(state, whole)
    _save_controls(state, whole, changed=not edited.equals(rows), year=year)
    return whole


def _validate(state: State, whole: pd.DataFrame) -> None:
    years = sorted(int(y) for y in whole["year"].unique())
    problems = validate_split(whole, towns=state.towns, years=years)
    st.session_state["targets_problems"] = bool(problems)
    if problems:
        show_error(ValidationError(problems, source=t("targets.editor")))
        return
    warnings = split_warnings(whole, state.firms, towns=state.towns, config=state.config)
    if warnings:
        lines = "\n".join(f"- {w.describe(lang())}" for w in warnings)
        st.warning(f"{t('targets.sum_warning')}\n\n{lines}")


def _save(state: State, whole: pd.DataFrame, year: int, *, reset: bool = False) -> None:
    account = current_account()
    try:
        if reset:
            result = reset_targets_as(state.workspace, account, config=state.config)
        else:
            result = save_targets_as(state.workspace, account, whole, config=state.config)
    except (ValidationError, AccessDeniedError) as exc:
        st.session_state["targets_error"] = exc
        return
    st.session_state["targets_flash"] = t("targets.saved", n=result.changes)
    st.session_state.pop(_EDITOR.format(year=year), None)


def _save_controls(state: State, whole: pd.DataFrame, *, changed: bool, year: int) -> None:
    if changed:
        st.info(t("targets.unsaved"))
    error = st.session_state.pop("targets_error", None)
    if error is not None:
        show_error(error)
    flash = st.session_state.pop("targets_flash", None)
    if flash:
        st.success(flash)
    left, mid, right = st.columns([2, 1, 1], vertical_alignment="bottom")
    account = current_account()
    left.caption(t("targets.user") + f"：{account.name}")
    if not may_do("target_edit", town_of(account)):
        return
    mid.button(
        t("targets.save"),
        key="targets_save",
        type="primary",
        disabled=bool(st.session_state.get("targets_problems")) or not changed,
        on_click=_save,
        args=(state, whole, year),
    )
    right.button(
        t("targets.reset"),
        key="targets_reset",
        disabled=not state.split.stored,
        on_click=_save,
        args=(state, whole, year),
        kwargs={"reset": True},
    )


def report(
    state: State, whole: pd.DataFrame, year: int, projects: pd.DataFrame | None = None
) -> TargetReport:
    """The year's targets (with the unsaved edits) against its survey (the retrofit actuals
    from ``projects`` when given)."""
    result = evaluate_year(
        state.firms, whole, year=year, towns=state.towns, config=state.config, projects=projects
    )
    if not result.has_survey:
        st.warning(result.message(lang()))
    return result


def show_ranking(result: TargetReport) -> None:
    st.subheader(t("targets.ranking", year=result.year))
    table = result.table
    shown = pd.DataFrame({t("col.town"): table.index})
    shown[t("col.rank")] = table["rank"].to_numpy()
    shown[t("col.completion")] = table["completion"].round(1).to_numpy()
    shown[t("col.behind")] = table["behind"].to_numpy()
    for key in KEYS:
        name = INDICATORS[key].label[_i()]
        shown[t("col.completion_of", name=name)] = table[f"{key}_completion"].round(1).to_numpy()
    shown = shown.sort_values(t("col.rank"), na_position="last").reset_index(drop=True)
    behind = shown[t("col.behind")].fillna(False).astype(bool)
    styled = shown.style.apply(
        lambda row: [_BEHIND if behind[row.name] else "" for _ in row], axis=1
    ).format(precision=1, na_rep=t("targets.no_data"))
    st.dataframe(styled, hide_index=True, key="targets_ranking")
    if result.has_survey:
        st.caption(t("targets.behind_note", n=int(behind.sum())))
    st.caption(t("targets.tie_note"))


def show_town(state: State, result: TargetReport) -> None:
    """One town's completion, rank and whether it is behind (the best-ranked town first)."""
    ranked = result.table["rank"].dropna().sort_values()
    first = state.towns.index(str(ranked.index[0])) if len(ranked) else 0
    town = st.selectbox(t("targets.town"), state.towns, index=first, key="targets_town")
    row = result.table.loc[town]
    no_data = t("targets.no_data")
    cols = st.columns(3)
    completion = row["completion"]
    cols[0].metric(t("col.completion"), no_data if pd.isna(completion) else f"{completion:.1f}")
    cols[1].metric(
        t("col.rank"),
        no_data if pd.isna(row["rank"]) else f"{int(row['rank'])} / {result.table['rank'].count()}",
    )
    behind = row["behind"]
    cols[2].metric(
        t("col.behind"),
        no_data if pd.isna(behind) else t("targets.yes") if behind else t("targets.no"),
    )


def show_clean(result: TargetReport) -> None:
    with st.expander(t("targets.clean")):
        st.caption(t("targets.clean_help"))
        actual = result.actuals
        if "clean_production_key_share" not in actual:
            st.info(result.message(lang()))
            return
        frame = pd.DataFrame(
            {
                t("col.town"): actual.index,
                t("col.clean_all"): actual["clean_production_share"].round(1).to_numpy(),
                t("col.clean_key"): actual["clean_production_key_share"].round(1).to_numpy(),
                t("col.key_firms"): actual["key_industry_firms"].to_numpy(),
            }
        )
        st.dataframe(frame, hide_index=True, key="targets_clean")


def show_chart(state: State, whole: pd.DataFrame) -> None:
    st.subheader(t("targets.chart"))
    key = st.selectbox(
        t("targets.chart_indicator"), list(KEYS), format_func=_label, key="targets_chart_key"
    )
    series = yearly_series(state.firms, whole, towns=state.towns, config=state.config)
    data = series[series["indicator"] == key].copy()
    names = {"target": t("targets.series_target"), "actual": t("targets.series_actual")}
    data["series"] = data["series"].map(names)
    chart = (
        alt.Chart(data)
        .mark_line(point=True)
        .encode(
            x=alt.X("year:O", title=t("col.year")),
            y=alt.Y("value:Q", title=_label(key)),
            color=alt.Color("series:N", title=t("chart.series"), legend=alt.Legend(title=None)),
            tooltip=[
                alt.Tooltip("town:N", title=t("col.town")),
                alt.Tooltip("year:O", title=t("col.year")),
                alt.Tooltip("series:N", title=t("chart.series")),
                alt.Tooltip("value:Q", format=",.2f", title=_label(key)),
            ],
        )
        .properties(width=150, height=110)
        .facet(facet=alt.Facet("town:N", title=None, sort=state.towns), columns=4)
        .resolve_scale(y="independent")
    )
    st.altair_chart(chart, key="targets_chart")


def show_panel(state: State, year: int) -> pd.DataFrame:
    st.subheader(t("targets.panel"))
    panel = district_panel(state.firms, year=year, config=state.config)
    no_data = t("targets.no_data")
    frame = pd.DataFrame(
        {
            t("col.goal"): panel["label_zh" if lang() == "zh" else "label_en"].to_numpy(),
            t("col.unit"): panel["unit"].to_numpy(),
            t("col.target"): panel["target"].map("{:,.1f}".format).to_numpy(),
            t("col.actual"): [no_data if pd.isna(v) else f"{v:,.1f}" for v in panel["actual"]],
            t("col.note"): panel["note_zh" if lang() == "zh" else "note_en"].to_numpy(),
        }
    )
    st.dataframe(frame, hide_index=True, key="targets_panel")
    return panel


def download(state: State, result: TargetReport, panel: pd.DataFrame) -> None:
    sheets, labels = report_sheets(result, panel, lang=lang())
    provenance = Provenance(
        what=f"镇街目标完成情况 town targets {result.year}",
        data_version=data_version(),
        parameters={**result.parameters, "split": "stored" if state.split.stored else "default"},
        user=current_account().name,
    )
    buffer = io.BytesIO()
    write_xlsx(sheets, buffer, provenance=provenance, labels=labels)
    audited_download(
        t("targets.download"),
        buffer.getvalue(),
        file_name=f"town_targets_{result.year}.xlsx",
        kind="table",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key="targets_download",
    )


def show_log(state: State) -> None:
    log = edit_log(state.workspace)
    if not len(log):
        return
    with st.expander(t("targets.log")):
        names = {
            "edited_at": t("col.when"),
            "user": t("col.who"),
            "year": t("col.year"),
            "town": t("col.town"),
            "indicator": t("col.indicator"),
            "old": t("col.old"),
            "new": t("col.new"),
        }
        shown = log.assign(indicator=log["indicator"].map(_label)).rename(columns=names)
        st.dataframe(shown.iloc[::-1], hide_index=True, key="targets_log")
