"""The pieces of the progress page: the cached computations of :mod:`scoring.progress` and
the charts, tables and download built from them."""

from __future__ import annotations

import io
from typing import Any

import pandas as pd
import streamlit as st

from config import load_settings
from exports.progress import progress_sheets, write_progress_book
from exports.tables import Provenance
from scoring.progress.follow_up import STATUSES, follow_up, follow_up_summary, status_label
from scoring.progress.towns import DISTRICT, OVERALL, indicator_label, ranking_wide
from scoring.targets.split import KEYS
from ui.auth import current_account
from ui.downloads import audited_download
from ui.i18n import lang, t
from ui.loaders import data_version, workspace, workspace_key
from ui.progress.charts import indicator_chart, series_frame

__all__ = [
    "download",
    "follow_up_frames",
    "place_select",
    "progress_frame",
    "show_charts",
    "show_follow_up",
    "show_parks",
    "show_ranking",
    "show_table",
]

TOP_PARKS = 10


@st.cache_data(show_spinner=False, max_entries=4)
def _progress(path: str, stamp: str) -> pd.DataFrame:
    from scoring.progress.towns import town_progress
    from store.projects import placed_projects
    from store.targets import load_split, read_survey

    ws = workspace()
    settings = load_settings()
    firms, towns = read_survey(ws)
    split = load_split(ws, config=settings.targets)
    projects = placed_projects(ws) if settings.projects.actuals_source == "projects" else None
    return town_progress(
        firms, split.frame, towns=towns, config=settings.targets, projects=projects
    )


def progress_frame() -> pd.DataFrame:
    """:func:`scoring.progress.towns.town_progress` of the workspace (cached)."""
    return _progress(*workspace_key())


@st.cache_data(show_spinner=False, max_entries=4)
def _follow(path: str, stamp: str) -> pd.DataFrame:
    settings = load_settings()
    firms = workspace().read("enterprises")
    return follow_up(firms, config=settings, base_year=settings.targets.base_year)


def follow_up_frames() -> tuple[pd.DataFrame, pd.DataFrame]:
    """The base year's candidates followed, and the summary (cached)."""
    follow = _follow(*workspace_key())
    return follow, follow_up_summary(follow)


@st.cache_data(show_spinner=False, max_entries=2)
def _parks(path: str, stamp: str) -> pd.DataFrame:
    from scoring.progress.parks import park_scores_by_year
    from scoring.targets.split import target_years

    settings = load_settings()
    return park_scores_by_year(workspace(), settings, target_years(settings.targets))


def place_select(progress: pd.DataFrame) -> str:
    places = [DISTRICT, *[p for p in pd.unique(progress["town"]) if p != DISTRICT]]
    return str(
        st.selectbox(
            t("progress.where"),
            places,
            format_func=lambda p: t("progress.district") if p == DISTRICT else p,
            key="progress_place",
        )
    )


def _chart_labels() -> dict[str, str]:
    return {
        "year": t("col.p_year"),
        "series": t("col.p_series"),
        "series_target": t("progress.series_target"),
        "series_actual": t("progress.series_actual"),
    }


def show_charts(progress: pd.DataFrame, place: str) -> None:
    """A line chart per target indicator: actual against target across the years."""
    st.subheader(t("progress.indicators"))
    st.caption(t("progress.indicators_help"))
    labels = _chart_labels()
    columns = st.columns(3)
    for i, key in enumerate(KEYS):
        spec = indicator_chart(series_frame(progress, place, key), key, labels=labels, lang=lang())
        with columns[i % 3]:
            st.vega_lite_chart(spec=spec, key=f"progress_chart_{key}", width="stretch")


def show_table(progress: pd.DataFrame, place: str) -> None:
    st.subheader(t("progress.table"))
    rows = progress[progress["town"] == place]
    frame = pd.DataFrame(
        {
            t("col.p_year"): rows["year"].to_numpy(),
            t("col.p_indicator"): [indicator_label(k, lang()) for k in rows["indicator"]],
            t("col.p_target"): rows["target"].round(2).to_numpy(),
            t("col.p_actual"): rows["actual"].round(2).to_numpy(),
            t("col.p_completion"): rows["completion"].round(1).to_numpy(),
            t("col.p_rank"): rows["rank"].to_numpy(),
            t("col.p_change"): rows["rank_change"].to_numpy(),
        }
    )
    st.dataframe(frame, hide_index=True, key="progress_table")


def show_ranking(progress: pd.DataFrame) -> None:
    """The towns' ranking of every year side by side, with the change in rank."""
    st.subheader(t("progress.ranking"))
    wide = ranking_wide(progress)
    names = {"town": t("col.p_town")}
    for column in wide.columns:
        head, _, year = str(column).rpartition("_")
        if year.isdigit():
            key = {"completion": "year_completion", "rank": "year_rank",
                   "rank_change": "year_change"}[head]  # fmt: skip
            names[str(column)] = t(f"progress.{key}", year=year)
    shown = wide.copy()
    for column in [c for c in shown.columns if str(c).startswith("completion_")]:
        shown[column] = shown[column].round(1)
    st.dataframe(shown.rename(columns=names), hide_index=True, key="progress_ranking")
    st.caption(t("progress.ranking_help"))


def show_follow_up(follow: pd.DataFrame, summary: pd.DataFrame) -> None:
    """Where the base year's phase-out candidates went, and the land freed."""
    st.subheader(t("progress.follow"))
    st.caption(t("progress.follow_help"))
    table = pd.DataFrame(
        {
            t("col.p_year"): summary["year"].to_numpy(),
            t("col.p_status"): [status_label(k, lang()) for k in summary["status"]],
            t("col.p_firms"): summary["firms"].to_numpy(),
            t("col.p_land"): summary["land_mu"].round(1).to_numpy(),
            t("col.p_freed"): summary["land_freed_mu"].round(1).to_numpy(),
        }
    )
    st.dataframe(table, hide_index=True, key="progress_follow_summary")
    with st.expander(t("progress.follow_firms")):
        names = {
            "uscc": t("col.p_uscc"), "name": t("col.p_name"), "town": t("col.p_town"),
            "park_id": t("col.p_park"), "flag_count": t("col.p_flags"),
            "land_mu": t("col.p_land"),
        }  # fmt: skip
        shown = follow.copy()
        for column in follow.columns:
            head, _, year = str(column).rpartition("_")
            if not year.isdigit():
                continue
            if head == "status":
                shown[column] = [status_label(k, lang()) if k in STATUSES else k
                                 for k in follow[column]]  # fmt: skip
                names[str(column)] = t("progress.year_status", year=year)
            elif head == "flag_count":
                names[str(column)] = f"{year} {t('col.p_flags')}"
            elif head == "land_freed_mu":
                names[str(column)] = t("progress.year_freed", year=year)
        st.dataframe(shown.rename(columns=names), hide_index=True, key="progress_follow")


def show_parks() -> pd.DataFrame | None:
    """The parks' retrofit scores of every year, on request (one park scoring a year)."""
    from scoring.progress.parks import park_scores_wide

    st.subheader(t("progress.parks"))
    st.caption(t("progress.parks_help", top=TOP_PARKS))
    asked = st.session_state.get("progress_parks_asked", False)
    if not asked and not st.button(t("progress.parks_button"), key="progress_parks_button"):
        return None
    st.session_state["progress_parks_asked"] = True
    wide = park_scores_wide(_parks(*workspace_key()), top=TOP_PARKS)
    names = {"park_id": t("col.p_park"), "name": t("col.p_name"), "town": t("col.p_town")}
    for column in wide.columns:
        head, _, year = str(column).rpartition("_")
        if year.isdigit():
            names[str(column)] = t(f"progress.year_{head}", year=year)
    shown = wide.copy()
    for column in [c for c in shown.columns if str(c).startswith("score_")]:
        shown[column] = shown[column].round(3)
    st.dataframe(shown.rename(columns=names), hide_index=True, key="progress_parks")
    return wide


def download(progress: pd.DataFrame, follow: pd.DataFrame, summary: pd.DataFrame) -> None:
    """The progress tables as one Excel book (audited; for roles that may export tables)."""

    def build() -> bytes:
        tables = progress_sheets(progress, ranking_wide(progress), follow, summary, lang=lang())
        years = sorted(int(y) for y in progress["year"].unique())
        provenance = Provenance(
            what=f"规划进度 plan progress {years[0]}–{years[-1]}",
            data_version=data_version(),
            parameters=_parameters(),
            user=current_account().name,
        )
        buffer = io.BytesIO()
        write_progress_book(tables, buffer, provenance=provenance)
        return buffer.getvalue()

    audited_download(
        t("progress.download"),
        build,
        file_name="plan_progress.xlsx",
        kind="table",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key="progress_download",
    )


def _parameters() -> dict[str, Any]:
    cfg = load_settings().targets
    return {
        "base_year": cfg.base_year,
        "cap": cfg.cap,
        "ranking": "competition ranking of the overall completion (ties share a rank)",
        "overall": OVERALL,
    }
