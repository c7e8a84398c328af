"""Scenario panel of the retrofit page: save, reopen (re-computed, data version checked),
compare two side by side, delete. Storage is ``store.scenarios``; what a scenario holds and
how two differ is ``scoring.parks.scenario``."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import streamlit as st

from scoring.parks.choice import Choice
from scoring.parks.scenario import (
    choice_parameters,
    compare_scenarios,
    settings_from_parameters,
    stale_note,
)
from scoring.parks.score import ParkScores, parameters
from store.actions import delete_scenario_as, save_scenario_as
from store.scenarios import list_scenarios, load_scenario
from ui.auth import current_account, may_do
from ui.i18n import t
from ui.loaders import data_version, workspace
from ui.retrofit.view import AHP_KEY, SCENARIO_KEY, Controls, base_settings

__all__ = ["scenario_panel"]

OPENED_KEY = "rf.opened"


def _apply(name: str) -> None:
    """Load a scenario's parameters into the page's widgets (runs before they are drawn)."""
    sc = load_scenario(workspace(), name)
    settings = settings_from_parameters(sc.parameters, base_settings().park_score)
    s = st.session_state
    s["rf.scheme"] = settings.weighting
    s["rf.method"] = settings.method
    s["rf.norm"] = settings.normalization
    for c, w in settings.weights.model_dump().items():
        s[f"rf.w.{c}"] = float(w)
    if settings.ahp.matrix:
        s[AHP_KEY] = np.triu(np.asarray(settings.ahp.matrix, dtype=float)).tolist()
        s.pop("rf.ahp_editor", None)
    rules = sc.parameters.get("choice", {})
    s["rf.n"] = int(rules.get("n", 3))
    s["rf.one"] = bool(rules.get("one_per_town", False))
    s["rf.pins"] = list(rules.get("pins", []))
    s["rf.excl"] = list(rules.get("excludes", []))
    s[SCENARIO_KEY] = name
    s[OPENED_KEY] = name


def _opened_report(choice: Choice) -> None:
    name = st.session_state.get(OPENED_KEY)
    if not name:
        return
    sc = load_scenario(workspace(), name)
    st.info(
        t(
            "rf.opened",
            name=sc.name,
            user=sc.user or "—",
            created=sc.created,
            parks=", ".join(sc.parks),
        )
    )
    note = stale_note(sc, data_version())
    if note:
        st.warning(note)
    if tuple(choice.parks) == tuple(sc.parks):
        st.success(t("rf.reproduced"))
    else:
        st.warning(t("rf.not_reproduced", parks=", ".join(choice.parks)))


def _compare(names: list[str]) -> None:
    st.markdown(f"**{t('rf.compare')}**")
    a_col, b_col = st.columns(2)
    a = a_col.selectbox(t("rf.compare_a"), names, key="rf.cmp_a")
    b = b_col.selectbox(t("rf.compare_b"), names, index=min(1, len(names) - 1), key="rf.cmp_b")
    ws = workspace()
    diff = compare_scenarios(load_scenario(ws, a), load_scenario(ws, b))
    cols = st.columns(3)
    cols[0].metric(t("rf.only_a"), ", ".join(diff.only_a) or "—")
    cols[1].metric(t("rf.only_b"), ", ".join(diff.only_b) or "—")
    cols[2].metric(t("rf.both"), ", ".join(diff.both) or "—")
    if diff.changed:
        st.caption(t("rf.changed"))
        rows = [(k, str(va), str(vb)) for k, va, vb in diff.changed]
        st.dataframe(
            pd.DataFrame(rows, columns=[t("rf.parameter"), t("rf.value_a"), t("rf.value_b")]),
            hide_index=True,
            key="rf.diff",
        )


def scenario_panel(c: Controls, scores: ParkScores, choice: Choice) -> None:
    """Save the current choice, reopen or delete a saved one, compare two (saving and deleting
    only for a role that may)."""
    ws = workspace()
    _opened_report(choice)
    if may_do("scenario_save"):
        _save_form(c, scores, choice)
    names = [s.name for s in list_scenarios(ws)]
    if not names:
        st.caption(t("rf.no_scenarios"))
        return
    left, right = st.columns([3, 1])
    chosen = left.selectbox(t("rf.open"), names, key="rf.open_name")
    right.button(t("rf.open_button"), key="rf.open", on_click=_apply, args=(chosen,))
    if may_do("scenario_delete") and right.button(t("rf.delete"), key="rf.delete"):
        delete_scenario_as(ws, current_account(), chosen)
        st.rerun()
    if len(names) >= 2:
        _compare(names)


def _save_form(c: Controls, scores: ParkScores, choice: Choice) -> None:
    name = st.text_input(t("rf.scenario_name"), key="rf.save_name")
    if st.button(t("rf.save"), key="rf.save", disabled=not name.strip()):
        params: dict[str, Any] = parameters(
            scores,
            choice=choice_parameters(
                n=c.n, one_per_town=c.one_per_town, pins=c.pins, excludes=c.excludes
            ),
        )
        saved = save_scenario_as(
            workspace(), current_account(), name, parks=choice.parks, parameters=params
        )
        st.session_state[SCENARIO_KEY] = saved.name
        st.success(t("rf.saved", name=saved.name))
