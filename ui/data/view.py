"""The data page's pieces: upload → whole validation → preview of changes → confirm → history/undo.

Logic lives in ``store.imports`` / ``store.history``; this module reads widgets, keeps the
checked plan in ``st.session_state`` between reruns (keyed by the file's bytes, the options and
the data version, so a changed workspace or file means a fresh check) and shows results.
"""

from __future__ import annotations

import hashlib
import tempfile
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pydeck as pdk
import streamlit as st

from errors import ParkPlanError, ValidationError
from exports.problems import write_problems
from geo.chinese_offsets import COORD_SYSTEMS
from geo.readers import READERS
from store.actions import (
    apply_import_as,
    import_action,
    plan_import_as,
    restore_as,
    town_of,
    undo_as,
)
from store.history import read_history
from store.imports import IMPORTABLE, ImportPlan
from store.roles import may
from ui.auth import current_account, may_do
from ui.data.text import CHANGE_LABELS, HISTORY_LABELS
from ui.errors import show_error
from ui.i18n import lang, layer_label, t
from ui.loaders import data_version, workspace

__all__ = ["history_panel", "import_form", "may_import", "preview_and_confirm", "restore_panel"]

_PLAN = "data_import_plan"  # session key of the checked file: (cache key, plan)
_DONE = "data_import_done"  # the last success message, shown once after the rerun
_COLOURS = {"new": [46, 160, 67, 160], "moved": [245, 140, 20, 170], "removed": [215, 48, 39, 150]}


def _labels(table: dict[str, tuple[str, str]]) -> dict[str, str]:
    return {k: (zh if lang() == "zh" else en) for k, (zh, en) in table.items()}


def _progress_bar() -> Callable[[float, str], None]:
    bar = st.progress(0.0)

    def show(fraction: float, message: str) -> None:
        bar.progress(min(max(fraction, 0.0), 1.0), text=message)

    return show


def _problems_file(exc: ValidationError, suffix: str) -> bytes:
    """Every problem (not only those listed) as Excel or CSV with BOM, Chinese headers,
    neutralised (:func:`exports.problems.write_problems`)."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"problems{suffix}"
        write_problems(exc, path, data_version=data_version(), lang=lang())
        return path.read_bytes()


def _refused(exc: ParkPlanError) -> None:
    show_error(exc)
    if isinstance(exc, ValidationError):
        left, right = st.columns(2)
        left.download_button(
            t("data.problems_download"),
            _problems_file(exc, ".xlsx"),
            file_name=f"{Path(exc.source).stem}_问题.xlsx",
            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            key="problems_download",
        )
        right.download_button(
            t("data.problems_csv"),
            _problems_file(exc, ".csv"),
            file_name=f"{Path(exc.source).stem}_问题.csv",
            mime="text/csv",
            key="problems_csv",
        )


def import_form() -> ImportPlan | None:
    """The upload form; returns the checked plan of the uploaded file (None: nothing to show)."""
    st.subheader(t("data.import"))
    st.caption(t("data.import_help"))
    account = current_account()
    layers = [n for n in IMPORTABLE if may(account, import_action(n), town_of(account))]
    left, middle, right = st.columns(3)
    layer = left.selectbox(
        t("data.layer"),
        layers,
        key="import_layer",
        format_func=layer_label,
    )
    coords = middle.selectbox(
        t("data.coords"),
        COORD_SYSTEMS,
        key="import_coords",
        format_func=lambda c: t(f"coords.{c}"),
    )
    year = right.number_input(
        t("data.year"),
        min_value=1949,
        max_value=2100,
        value=None,
        step=1,
        key="import_year",
        disabled=layer != "enterprises",
    )
    upload = st.file_uploader(
        t("data.file"), key="import_file", type=[s.lstrip(".") for s in READERS]
    )
    if upload is None:
        st.session_state.pop(_PLAN, None)
        return None
    data = upload.getvalue()
    year = int(year) if year is not None and layer == "enterprises" else None
    key = (hashlib.sha256(data).hexdigest(), upload.name, layer, coords, year, data_version())
    kept = st.session_state.get(_PLAN)
    if kept is not None and kept[0] == key:
        return kept[1]
    try:
        with tempfile.TemporaryDirectory() as tmp, st.spinner(t("data.checking", name=upload.name)):
            path = Path(tmp) / Path(upload.name).name
            path.write_bytes(data)
            plan = plan_import_as(
                workspace(),
                account,
                path,
                layer=layer,
                coords=coords,
                year=year,
                on_progress=_progress_bar(),
            )
    except ParkPlanError as exc:
        st.session_state.pop(_PLAN, None)
        _refused(exc)
        return None
    st.session_state[_PLAN] = (key, plan)
    return plan


def _preview_map(plan: ImportPlan) -> None:
    features = plan.changes.features
    if features.empty:
        st.caption(t("data.map_none"))
        return
    st.caption(t("data.map"))
    shown = features.assign(colour=features["change"].map(_COLOURS))
    minx, miny, maxx, maxy = shown.total_bounds
    layer = pdk.Layer(
        "GeoJsonLayer",
        data=shown.__geo_interface__,
        get_fill_color="properties.colour",
        get_line_color=[40, 40, 40, 200],
        line_width_min_pixels=1,
        point_radius_min_pixels=5,
        pickable=True,
        stroked=True,
        filled=True,
    )
    zoom = 15 if max(maxx - minx, maxy - miny) < 0.01 else 11
    view = pdk.ViewState(longitude=(minx + maxx) / 2, latitude=(miny + maxy) / 2, zoom=zoom)
    deck = pdk.Deck(
        layers=[layer],
        initial_view_state=view,
        map_provider=None,  # no basemap: nothing is fetched from another host
        tooltip={"text": "{key} {name} · {change}"},
    )
    st.pydeck_chart(deck, key="import_preview_map")


def preview_and_confirm(plan: ImportPlan) -> None:
    """Warnings, counts, the change table, the map, and the confirm button."""
    for warning in plan.warnings:
        st.warning(f"{t('data.warnings')}: {warning.describe()}")
    st.subheader(t("data.preview"))
    years = (
        t("data.years", years=", ".join(map(str, plan.years)))
        if plan.years
        else t("data.replaces_layer")
    )
    st.caption(
        t("data.preview_caption", name=plan.source, layer=plan.layer, rows=plan.rows, years=years)
    )
    columns = st.columns(4)
    for column, kind in zip(columns, ("new", "changed", "removed", "unchanged"), strict=True):
        column.metric(t(f"data.{kind}"), f"{plan.changes.counts[kind]:,}")
    table = plan.changes.table.assign(
        change=plan.changes.table["change"].map(lambda c: t(f"data.{c}"))
    )
    st.dataframe(
        table.rename(columns=_labels(CHANGE_LABELS)),
        hide_index=True,
        width="stretch",
        key="changes_table",
    )
    _preview_map(plan)
    if len(plan.changes.table) == 0:
        st.info(t("data.no_changes"))
        return
    if st.button(t("data.confirm"), type="primary", key="import_confirm"):
        report = apply_import_as(workspace(), current_account(), plan, on_progress=_progress_bar())
        st.session_state.pop(_PLAN, None)
        st.session_state[_DONE] = t(
            "data.imported",
            name=report.source,
            layer=report.layer,
            entry=report.entry,
            **{k: f"{v:,}" for k, v in report.counts.items()},
        )
        st.rerun()


def history_panel() -> None:
    """The import history and the undo button."""
    if done := st.session_state.pop(_DONE, None):
        st.success(done)
    st.subheader(t("data.history"))
    history = read_history(workspace())
    if history.empty:
        st.caption(t("data.history_none"))
        return
    shown = history[list(HISTORY_LABELS)].assign(
        sha256=history["sha256"].str[:12],
        action=[t(f"data.action_{a}") for a in history["action"]],
    )
    shown = shown.iloc[::-1].rename(columns=_labels(HISTORY_LABELS))
    st.dataframe(shown, hide_index=True, width="stretch", key="history_table")
    if may_do("undo") and st.button(t("data.undo"), help=t("data.undo_help"), key="undo_button"):
        entry = undo_as(workspace(), current_account())
        st.session_state.pop(_PLAN, None)
        st.session_state[_DONE] = t(
            "data.undone", undoes=entry["undoes"], name=entry["file"], rows=f"{entry['rows']:,}"
        )
        st.rerun()
    if may_do("import_layer"):
        restore_panel(history)


def may_import() -> bool:
    """Whether the signed-in account may import any layer (a town: its own survey rows)."""
    account = current_account()
    return any(may(account, import_action(n), town_of(account)) for n in IMPORTABLE)


def restore_panel(history: pd.DataFrame) -> None:
    """One restore button per history entry (and one for the data before the first)."""
    with st.expander(t("data.restore")):
        st.caption(t("data.restore_help"))
        rows = [(0, t("data.restore_start"))] + [
            (
                int(r["entry"]),
                t(
                    "data.restore_row",
                    entry=int(r["entry"]),
                    when=r["when"],
                    action=t(f"data.action_{r['action']}"),
                    file=r["file"],
                ),
            )
            for _, r in history.iloc[::-1].iterrows()
        ]
        for entry, text in rows:
            left, right = st.columns([5, 1])
            left.markdown(text)
            if right.button(t("data.restore_button"), key=f"restore_{entry}"):
                done = restore_as(workspace(), current_account(), entry)
                st.session_state.pop(_PLAN, None)
                st.session_state[_DONE] = t(
                    "data.restored",
                    entry=entry,
                    rows=f"{int(done['rows']):,}",
                    new=int(done["entry"]),
                )
                st.rerun()
