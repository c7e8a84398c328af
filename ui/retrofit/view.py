"""Pieces of the retrofit page: the weights panel, the ranking, the map, robustness, the picks.

The page reads :func:`controls`, calls :func:`score` (one call of ``ui.loaders.retrofit_result``:
scores, choice and routes from ``scoring.parks.pipeline``) and shows the parts; nothing is
computed here. The heavy, weight-independent indicators are cached in
``ui.loaders.park_indicators_of``, so a weight change only re-ranks (≈ 0.2 s on the sample).
:func:`remember` leaves the selection in ``st.session_state["retrofit.selection"]`` (park ids)
and ``["retrofit.scenario"]`` (scenario name, "" when unsaved) for the export page.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

import layers
from config import load_settings
from config.settings import Settings
from errors import ParkPlanError
from scoring.parks.choice import Choice
from scoring.parks.mcda import ahp_weights
from scoring.parks.pipeline import ChoiceRules, Retrofit
from scoring.parks.score import CRITERIA, ParkScores, describe_picks
from ui.i18n import lang, t
from ui.loaders import map_frames, retrofit_result
from ui.retrofit.charts import acceptability_chart, radar_chart
from ui.retrofit.figures import indicator_table
from ui.retrofit.map import remember_scores
from ui.screen.state import current_config

__all__ = [
    "SCENARIO_KEY",
    "SELECTION_KEY",
    "Controls",
    "controls",
    "remember",
    "score",
    "show_map",
    "show_picks",
    "show_ranking",
    "show_robustness",
]

SELECTION_KEY, SCENARIO_KEY = "retrofit.selection", "retrofit.scenario"
SCHEMES = ("equal", "given", "ahp", "entropy")
AHP_KEY = "rf.ahp_matrix"


@dataclass(frozen=True)
class Controls:
    """What the planner chose on the page."""

    settings: Settings  # with the page's [park_score] overrides
    rules: ChoiceRules

    @property
    def n(self) -> int:
        return self.rules.n

    @property
    def one_per_town(self) -> bool:
        return self.rules.one_per_town

    @property
    def pins(self) -> tuple[str, ...]:
        return self.rules.pins

    @property
    def excludes(self) -> tuple[str, ...]:
        return self.rules.excludes


def measure_label(criterion: str) -> str:
    return t(f"rf.m.{criterion}")


def _ahp_editor(max_cr: float) -> list[list[float]] | None:
    """Upper triangle of a Saaty matrix; the lower one is its reciprocal. Shows the CR."""
    names = [measure_label(c) for c in CRITERIA]
    st.caption(t("rf.ahp_help"))
    base = st.session_state.get(AHP_KEY) or np.ones((6, 6)).tolist()
    frame = pd.DataFrame(np.triu(np.asarray(base, dtype=float)), index=names, columns=names)
    edited = st.data_editor(frame, key="rf.ahp_editor", width="stretch")
    upper = np.triu(edited.to_numpy(dtype=float), 1)
    with np.errstate(divide="ignore"):
        matrix = upper + np.where(upper.T > 0, 1.0 / upper.T, 0.0) + np.eye(6)
    st.session_state[AHP_KEY] = np.triu(matrix).tolist()
    try:
        result = ahp_weights(matrix, max_cr=max_cr, refuse_inconsistent=False)
    except ParkPlanError as exc:
        st.error(str(exc))
        return None
    if result.consistent:
        st.success(t("rf.cr", cr=result.cr))
    return matrix.tolist()


def controls(settings: Settings, park_options: Mapping[str, str]) -> Controls:
    """The weights panel and the choice rules (in the sidebar)."""
    base = settings.park_score
    with st.sidebar:
        st.subheader(t("rf.weights"))
        scheme = st.radio(
            t("rf.scheme"), SCHEMES, key="rf.scheme", format_func=lambda s: t(f"rf.scheme.{s}")
        )
        method = st.radio(
            t("rf.method"),
            ("wsm", "topsis"),
            key="rf.method",
            horizontal=True,
            format_func=lambda s: t(f"rf.method.{s}"),
        )
        norm = st.radio(
            t("rf.normalization"),
            ("minmax", "cdf"),
            key="rf.norm",
            horizontal=True,
            format_func=lambda s: t(f"rf.norm.{s}"),
        )
        weights = base.weights.model_dump()
        if scheme == "given":
            for c in CRITERIA:
                st.session_state.setdefault(f"rf.w.{c}", float(weights[c]))
                weights[c] = st.slider(measure_label(c), 0.0, 10.0, step=0.5, key=f"rf.w.{c}")
        st.subheader(t("rf.choice"))
        n = st.number_input(t("rf.n"), 1, 10, value=base.choice.n, key="rf.n")
        one = st.checkbox(t("rf.one_per_town"), key="rf.one", value=base.choice.one_per_town)
        fmt = lambda p: park_options.get(p, p)  # noqa: E731
        choose = t("rf.choose_parks")
        pins = st.multiselect(
            t("rf.pins"), list(park_options), key="rf.pins", format_func=fmt, placeholder=choose
        )
        excl = st.multiselect(
            t("rf.excludes"), list(park_options), key="rf.excl", format_func=fmt, placeholder=choose
        )
    matrix: list[list[float]] | None = None
    if scheme == "ahp":
        with st.expander(t("rf.scheme.ahp"), expanded=True):
            matrix = _ahp_editor(base.ahp.max_cr)
        if matrix is None:
            st.stop()
    overrides: dict[str, Any] = {"method": method, "normalization": norm, "weights": weights}
    overrides["weighting"] = scheme
    if matrix is not None:
        overrides["ahp.matrix"] = matrix
    rules = ChoiceRules.of(settings, n=int(n), one_per_town=bool(one), pins=pins, excludes=excl)
    return Controls(settings.with_park_score(base.with_overrides(**overrides)), rules)


def base_settings() -> Settings:
    """The settings of config/defaults.toml."""
    return load_settings()


def score(c: Controls) -> Retrofit:
    """The parks scored, chosen and routed as the controls say (one loader call)."""
    return retrofit_result(c.settings, c.rules, current_config(), lang())


def remember(choice: Choice) -> None:
    """Leave the selection in session state for the export page."""
    st.session_state[SELECTION_KEY] = list(choice.parks)
    st.session_state.setdefault(SCENARIO_KEY, "")


def _labels(scores: ParkScores) -> dict[str, str]:
    t_ = scores.table
    return dict(zip(t_["park_id"], t_["park_id"] + " " + t_["name"].astype(str), strict=True))


def show_ranking(scores: ParkScores, routes: pd.DataFrame) -> None:
    """Weights used, and the ranking table with the gate reasons and suggested ``routes``."""
    used = " · ".join(f"{measure_label(k)} {v:.2f}" for k, v in scores.weights.items())
    extra = f" · CR {scores.weight_details['cr']:.3f}" if "cr" in scores.weight_details else ""
    st.caption(f"{t('rf.weights_used')}: {used}{extra}")
    for note in scores.indicators.notes:
        st.warning(t("rf.irradiance_note", note=note))
    table = scores.table
    g = scores.settings.gate
    st.caption(
        t(
            "rf.eligible_count",
            n=len(table),
            e=int(table["eligible"].sum()),
            area=g.min_area_ha,
            firms=g.min_enterprises,
            demo=g.max_demolition_share,
        )
    )
    shown = table.assign(route_label=routes["route_label"].to_numpy())
    if not st.toggle(t("rf.show_gated"), key="rf.show_gated"):
        shown = shown[shown["eligible"]]
    shown = shown.sort_values(["rank", "park_id"], na_position="last")
    cols = [
        "rank",
        "park_id",
        "name",
        "town",
        "score",
        "p_top3",
        *[f"m_{c}" for c in CRITERIA],
        "route_label",
        "ineligible_reason",
    ]
    names = {c: t(f"rf.col.{c}") for c in cols if not c.startswith("m_")}
    names.update({f"m_{c}": measure_label(c) for c in CRITERIA})
    st.dataframe(
        shown[cols].rename(columns=names),
        hide_index=True,
        height=360,
        key="rf.table",
        column_config={
            names["score"]: st.column_config.NumberColumn(format="%.3f"),
            names["p_top3"]: st.column_config.ProgressColumn(min_value=0, max_value=1),
        },
    )


def show_map(scores: ParkScores, choice: Choice) -> None:
    """The parks coloured by score (the registered colouring), the picks outlined."""
    frames = map_frames(int(scores.indicators.year))
    remember_scores(scores.table)
    by_id = scores.table.set_index("park_id")["score"]
    parks = frames.parks.assign(retrofit_score=frames.parks["park_id"].map(by_id).to_numpy())
    data = layers.MapData(towns=frames.towns, parks=parks)
    options = layers.MapOptions(
        layers=("towns", "parks"),
        colour_by={"parks": "retrofit_score"},
        lang=lang(),
        fit_key="retrofit",
    )
    group = layers.selection_layer(parks, compared=list(choice.parks))
    st.caption(t("rf.map_caption"))
    st_folium(
        layers.build_map(data, options),
        key="rf.map",
        height=520,
        use_container_width=True,
        returned_objects=[],
        feature_group_to_add=group,
    )


def show_robustness(scores: ParkScores) -> None:
    """Rank-acceptability stacked bars of the parks most often in the top three."""
    rob = scores.settings.robustness
    st.caption(t("rf.robustness_caption", draws=rob.draws, conc=rob.concentration, seed=rob.seed))
    if not scores.eligible_ids:
        return
    chart = acceptability_chart(
        scores.acceptability(), _labels(scores), rank_label=t("rf.rank_label")
    )
    st.altair_chart(chart, width="stretch")


def show_picks(scores: ParkScores, choice: Choice) -> None:
    """The picks side by side: robustness verdicts, a radar of the six measures, raw indicators
    beside the reference values of DOMAIN §7."""
    if choice.short:
        st.warning(t("rf.short", k=len(choice.parks)))
    if not choice.parks:
        return
    labels = _labels(scores)
    lim = scores.settings.robustness.min_p_top3
    for pick in describe_picks(scores, choice.parks):
        name = f"{labels[pick.park_id]} · {choice.why[pick.park_id]}"
        if pick.fragile:
            w = ", ".join(f"{measure_label(k)} {v:.2f}" for k, v in pick.displaced_by.items())
            st.warning(t("rf.fragile", park=name, p=pick.p_top3, lim=lim, w=w))
        else:
            st.success(t("rf.robust", park=name, p=pick.p_top3))
    table = scores.table.set_index("park_id")
    measures = table.loc[list(choice.parks), [f"m_{c}" for c in CRITERIA]]
    measures.index = [labels[p] for p in choice.parks]
    left, right = st.columns([1, 1.3])
    with left:
        st.altair_chart(radar_chart(measures, [measure_label(c) for c in CRITERIA]))
    with right:
        st.markdown(f"**{t('rf.indicators')}**")
        raw = indicator_table(
            scores.indicators.table,
            list(choice.parks),
            labels,
            reference=t("rf.reference"),
            lang=lang(),
        )
        st.dataframe(raw, key="rf.raw")
