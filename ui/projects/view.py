"""The project library page's figures: the year's counts, the district matching per town (table
and chart), the project list with its follow-up state, the late key projects and the workbook.
The rules are :mod:`scoring.projects`; this module only shows them."""

from __future__ import annotations

import io

import altair as alt
import pandas as pd
import streamlit as st

from config.sections_projects import ProjectsSettings
from exports.tables import Provenance, write_xlsx
from scoring.projects.budget import budget_by_town, budget_by_year
from scoring.projects.labels import BUDGET_LABELS, LABELS
from scoring.projects.report import project_table
from scoring.projects.rules import late_projects
from ui.auth import current_account
from ui.downloads import audited_download
from ui.i18n import lang, t
from ui.loaders import data_version

__all__ = ["LIST_COLUMNS", "labelled", "show_budget", "show_figures", "show_late", "show_list"]

LIST_COLUMNS = (
    "project_id", "name", "firm_name", "town", "park_id", "type", "stage", "follow_up_label",
    "key", "total_investment_wan", "subsidy_province_wan", "subsidy_city_wan",
    "max_district_matching_wan", "matching_requested_wan", "matching_approved_wan",
    "planned_start_date", "planned_production_date",
)  # fmt: skip
_LATE_COLUMNS = ("town", "project_id", "name", "firm_name", "stage", "follow_up_label",
                 "missed_date", "total_investment_wan")  # fmt: skip


def _label(column: str) -> str:
    """A column's label: Chinese on a Chinese page; its words on an English one."""
    zh = {**LABELS, **BUDGET_LABELS}.get(column)
    if lang() == "zh" and zh:
        return zh
    return column.removesuffix("_wan").replace("_", " ") + (
        " (万元)" if column.endswith("_wan") else ""
    )


def labelled(frame: pd.DataFrame, columns: tuple[str, ...]) -> pd.DataFrame:
    """``columns`` of ``frame`` under the page's labels, money rounded to 0.1 万元."""
    out = frame.loc[:, [c for c in columns if c in frame.columns]].copy()
    yes, no = ("是", "否") if lang() == "zh" else ("yes", "no")
    for column in out.columns:
        if column.endswith("_wan"):
            out[column] = pd.to_numeric(out[column], errors="coerce").round(1)
        elif column in ("key", "city_key"):
            out[column] = [yes if bool(v) else no for v in out[column]]
    return out.rename(columns={c: _label(c) for c in out.columns})


def show_figures(
    with_places: pd.DataFrame, settings: ProjectsSettings, year: int, as_of: str
) -> None:
    """The year's projects, key projects, key projects late on ``as_of``, the budget left."""
    table = project_table(with_places, settings=settings, as_of=as_of, year=year)
    late = late_projects(with_places, as_of=as_of, threshold_wan=settings.key_threshold_wan)
    remaining = budget_by_year(with_places, settings=settings, years=[year])["remaining_wan"]
    c1, c2, c3, c4 = st.container(key="proj_figures").columns(4)
    c1.metric(t("proj.count"), f"{len(table):,}")
    c2.metric(t("proj.key"), f"{int(table['key'].astype(bool).sum()):,}")
    c3.metric(t("proj.late"), f"{len(late):,}")
    c4.metric(t("proj.remaining"), f"{float(remaining.iloc[0]):,.1f}")


def show_budget(
    with_places: pd.DataFrame, settings: ProjectsSettings, year: int, towns: list[str]
) -> None:
    """The district matching of ``year`` per town (requested, approved, paid) as a chart and a
    table."""
    st.subheader(t("proj.budget"))
    yearly = budget_by_year(with_places, settings=settings, years=[year])
    row = yearly.iloc[0]
    st.caption(
        t(
            "proj.budget_caption",
            year=year,
            budget=float(row["budget_wan"]),
            approved=float(row["approved_wan"]),
            remaining=float(row["remaining_wan"]),
        )
    )
    by_town = budget_by_town(with_places, settings=settings, towns=towns, years=[year])
    long = by_town.melt(
        id_vars=["town"], value_vars=["requested_wan", "approved_wan", "paid_wan"],
        var_name="kind", value_name="wan",
    )  # fmt: skip
    long["kind"] = long["kind"].map(_label)
    chart = (
        alt.Chart(long, title=t("proj.chart_title"))
        .mark_bar()
        .encode(
            x=alt.X("town:N", title=_label("town"), axis=alt.Axis(title=None), sort=towns),
            xOffset=alt.XOffset("kind:N", title=t("proj.series")),
            y=alt.Y("wan:Q", title="万元"),
            color=alt.Color("kind:N", title=t("proj.series")),
            tooltip=[
                alt.Tooltip("town:N", title=_label("town")),
                alt.Tooltip("kind:N", title=t("proj.series")),
                alt.Tooltip("wan:Q", format=",.1f", title="万元"),
            ],
        )
        .properties(height=280)
    )
    st.altair_chart(chart, key="proj_budget_chart")
    shown = by_town.drop(columns=["year", "budget_wan", "remaining_wan"])
    st.dataframe(
        labelled(shown, tuple(shown.columns)), hide_index=True, width="stretch", key="proj_budget"
    )


def show_list(
    with_places: pd.DataFrame, settings: ProjectsSettings, year: int, as_of: str
) -> pd.DataFrame:
    """The year's projects with their follow-up state, filterable by town; the workbook."""
    st.subheader(t("proj.list"))
    table = project_table(with_places, settings=settings, as_of=as_of, year=year)
    towns = sorted(str(x) for x in table["town"].dropna().unique())
    chosen = st.multiselect(
        t("proj.filter_town"), towns, key="proj_towns",
        placeholder=t("proj.filter_town_placeholder"),
    )  # fmt: skip
    shown = table[table["town"].isin(chosen)] if chosen else table
    st.dataframe(labelled(shown, LIST_COLUMNS), hide_index=True, width="stretch", key="proj_table")
    provenance = Provenance(
        what=f"技改项目库 project library {year}",
        data_version=data_version(),
        parameters={"year": year, "as_of": as_of, "subsidy_cap_share": settings.subsidy_cap_share},
        user=current_account().name,
    )
    buffer = io.BytesIO()
    labels = {c: _label(c) for c in LIST_COLUMNS}
    write_xlsx(
        {"项目 projects": table.loc[:, list(LIST_COLUMNS)]}, buffer, provenance=provenance,
        labels=labels,
    )  # fmt: skip
    audited_download(
        t("proj.download"), buffer.getvalue(), file_name=f"projects_{year}.xlsx", kind="table",
        key="proj_download",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )  # fmt: skip
    return table


def show_late(with_places: pd.DataFrame, settings: ProjectsSettings, as_of: str) -> pd.DataFrame:
    """The key projects late on ``as_of``, per town (全过程跟踪)."""
    st.subheader(t("proj.late_title"))
    late = late_projects(with_places, as_of=as_of, threshold_wan=settings.key_threshold_wan)
    if late.empty:
        st.info(t("proj.late_none"))
    else:
        st.dataframe(
            labelled(late, _LATE_COLUMNS), hide_index=True, width="stretch", key="proj_late"
        )
    return late
