"""Streamlit glue of the screen page: the settings (file, thresholds editor), the figures, the
table with its filters, the downloads and "show on map". Widgets in, plain values out; the
screen itself is :func:`scoring.screen.run.screen` through the cache in ``ui/loaders.py``, and the
charts are :mod:`ui.screen.charts`.

Session state: ``screen_base`` holds the settings the editor starts from (the defaults or an
uploaded file), ``screen_config`` the settings in force (the map's colourings and park card
read it, so they show what the page shows).
"""

from __future__ import annotations

import copy
import hashlib
from typing import Any

import pandas as pd
import streamlit as st

from errors import ValidationError
from layers.compose import DEFAULT_LAYERS
from scoring.screen.aggregates import WHAT_IF_COLUMNS, what_if
from scoring.screen.config import config_diff, load_screen_config, overrides_toml, parse_user_config
from scoring.screen.five_excess import FLAG_RULES, MODES
from scoring.screen.indicators import INDICATORS
from scoring.screen.labels import screen_label
from scoring.screen.run import ScreenResult
from ui.errors import show_error
from ui.firm.search import profile_link
from ui.i18n import lang, t
from ui.loaders import screen_result, survey_years_of_workspace
from ui.map_view.card import md
from ui.map_view.state import kept
from ui.screen.state import BASE, CONFIG, current_config

__all__ = [
    "BASE",
    "CONFIG",
    "Placeholders",
    "config_panel",
    "current_config",
    "filter_table",
    "grades_and_surcharges",
    "headline",
    "run_screen",
    "settings_file",
    "show_counts",
    "show_on_map",
    "thresholds_editor",
    "what_if_table",
    "year_select",
]

UPLOADED = "_screen_uploaded"
Placeholders = dict[str, Any]


def _widget_keys(key: str) -> tuple[str, str, str]:
    return f"screen_{key}_mode", f"screen_{key}_factor", f"screen_{key}_threshold"


def year_select() -> int:
    """The survey year screened (latest by default)."""
    years = survey_years_of_workspace()
    return int(
        kept(
            st.selectbox,
            "screen_year",
            years[-1],
            valid=years,
            label=t("screen.year"),
            options=years,
        )
    )


def _load_widgets(config: dict[str, Any]) -> None:
    """Put ``config``'s values into the editor's widgets (before they are drawn)."""
    fx = config["five_excess"]
    st.session_state["screen_min_flags"] = int(fx["min_flags"])
    st.session_state["screen_group_min_size"] = int(fx["group_min_size"])
    for key in FLAG_RULES:
        mode, factor, threshold = _widget_keys(key)
        st.session_state[mode] = fx[key]["mode"]
        st.session_state[factor] = float(fx[key]["factor"])
        st.session_state[threshold] = float(fx[key]["threshold"])


def settings_file() -> None:
    """Upload a settings file (validated, every problem listed), or reset to the defaults."""
    if BASE not in st.session_state:
        st.session_state[BASE] = load_screen_config()
        _load_widgets(st.session_state[BASE])
    upload = st.file_uploader(t("screen.upload"), type=["toml"], key="screen_upload")
    if upload is not None:
        data = upload.getvalue()
        digest = hashlib.sha256(data).hexdigest()
        if st.session_state.get(UPLOADED) != digest:
            try:
                base = parse_user_config(data, source=upload.name)
            except ValidationError as exc:
                show_error(exc)
                return
            st.session_state[UPLOADED] = digest
            st.session_state[BASE] = base
            _load_widgets(base)
        st.caption(t("screen.upload_ok", name=upload.name))
    if st.button(t("screen.reset"), key="screen_reset"):
        st.session_state[BASE] = load_screen_config()
        st.session_state.pop(UPLOADED, None)
        _load_widgets(st.session_state[BASE])


def _flag_editor(key: str, column: Any, ln: str) -> Any:
    rule = FLAG_RULES[key]
    ind = INDICATORS[rule.indicator]
    mode_key, factor_key, threshold_key = _widget_keys(key)
    unit = ind.unit[0 if ln == "zh" else 1] or "–"
    with column:
        st.markdown(f"**{rule.label[0 if ln == 'zh' else 1]}**")
        st.caption(f"{ind.label[0 if ln == 'zh' else 1]} {'>' if rule.above else '<'}")
        mode = kept(
            st.selectbox,
            mode_key,
            "relative",
            valid=list(MODES),
            label=t("screen.mode"),
            options=list(MODES),
            format_func=lambda m: t(f"screen.mode.{m}"),
        )
        kept(
            st.number_input,
            factor_key,
            0.5,
            label=t("screen.factor"),
            min_value=0.01,
            step=0.1,
            format="%.2f",
            disabled=mode != "relative",
        )
        kept(
            st.number_input,
            threshold_key,
            1.0,
            label=t("screen.threshold", unit=unit),
            min_value=0.0,
            step=_step(ind.name),
            format="%.4g",
            disabled=mode != "absolute",
        )
        return st.empty()


def _step(indicator: str) -> float:
    return {"va_rate": 0.01, "energy_per_va": 0.05, "emission_per_va": 0.001}.get(indicator, 0.5)


def thresholds_editor() -> tuple[dict[str, Any], Placeholders]:
    """Mode, factor and threshold per flag, and the phase-out rule; the settings in force and
    a placeholder per flag for its live count."""
    ln = lang()
    config = copy.deepcopy(st.session_state[BASE])
    fx = config["five_excess"]
    top = st.columns(2)
    with top[0]:
        kept(
            st.number_input,
            "screen_min_flags",
            3,
            label=t("screen.min_flags"),
            min_value=1,
            max_value=len(FLAG_RULES),
            step=1,
        )
    with top[1]:
        kept(
            st.number_input,
            "screen_group_min_size",
            10,
            label=t("screen.group_min_size"),
            min_value=1,
            step=1,
        )
    fx["min_flags"] = int(st.session_state["screen_min_flags"])
    fx["group_min_size"] = int(st.session_state["screen_group_min_size"])
    holders: Placeholders = {}
    for key, column in zip(FLAG_RULES, st.columns(len(FLAG_RULES)), strict=True):
        holders[key] = _flag_editor(key, column, ln)
        mode_key, factor_key, threshold_key = _widget_keys(key)
        fx[key] = {
            "mode": st.session_state[mode_key],
            "factor": float(st.session_state[factor_key]),
            "threshold": float(st.session_state[threshold_key]),
        }
    st.session_state[CONFIG] = config
    return config, holders


def run_screen(year: int, config: dict[str, Any]) -> ScreenResult:
    """The screen of ``year`` with ``config`` (indicators cached; flags recomputed)."""
    result: ScreenResult = screen_result(year, config, lang())
    return result


def show_counts(result: ScreenResult, holders: Placeholders) -> None:
    """The live count under each flag's settings."""
    table = result.table
    for key, holder in holders.items():
        n = int(table[f"flag_{key}"].sum())
        holder.metric(t("screen.flagged"), f"{n:,}", help=f"{n / max(len(table), 1):.1%}")


def headline(result: ScreenResult) -> None:
    """Firms, candidates, the land they hold, and the energy basis."""
    table = result.table
    n, out = len(table), int(table["phase_out"].sum())
    cols = st.columns(3)
    cols[0].metric(t("screen.firms"), f"{n:,}")
    cols[1].metric(
        t("screen.candidates"), f"{out:,}", help=t("screen.candidates_share", share=out / max(n, 1))
    )
    land = float(table.loc[table["phase_out"], "land_mu"].sum())
    cols[2].metric(t("screen.land_freed"), f"{land:,.0f} {t('unit.mu')}")
    st.caption(t("screen.basis", basis=result.basis))


def filter_table(result: ScreenResult) -> pd.DataFrame:
    """Town, park, industry, grade and flag-count filters; the table of the firms they keep."""
    table = result.table
    cols = st.columns([1.2, 1.2, 1.6, 1.0, 1.0])

    def options(column: str) -> list[str]:
        return sorted(str(v) for v in table[column].dropna().unique())

    towns = cols[0].multiselect(
        t("screen.f_town"), options("town"), key="screen_f_town", placeholder=t("screen.f_all")
    )
    parks = cols[1].multiselect(
        t("screen.f_park"), options("park_id"), key="screen_f_park", placeholder=t("screen.f_all")
    )
    divisions = cols[2].multiselect(
        t("screen.f_industry"),
        options("division"),
        key="screen_f_industry",
        placeholder=t("screen.f_all"),
        format_func=_division_name,
    )
    grades = cols[3].multiselect(
        t("screen.f_grade"), list("ABCDT"), key="screen_f_grade", placeholder=t("screen.f_all")
    )
    at_least = cols[4].number_input(
        t("screen.f_min_flags"), 0, len(FLAG_RULES), 0, key="screen_f_min_flags"
    )
    keep = table["flag_count"] >= int(at_least)
    for column, chosen in (
        ("town", towns),
        ("park_id", parks),
        ("division", divisions),
        ("grade", grades),
    ):
        if chosen:
            keep &= table[column].astype("string").isin(chosen).fillna(False)
    shown = table[keep]
    st.caption(t("screen.shown", n=len(shown), total=len(table)))
    ln = lang()
    columns = [
        "name",
        "town",
        "park_id",
        "division",
        "flag_count",
        "phase_out",
        "grade",
        "score",
        "surcharge_yuan",
        "d_year",
        "d_year_source",
        "reasons",
    ]
    view = shown.loc[:, columns].rename(columns={c: screen_label(c, ln) for c in columns})
    picked = st.dataframe(
        view,
        hide_index=True,
        key="screen_table",
        height=360,
        on_select="rerun",
        selection_mode="single-row",
    )
    rows = list(getattr(getattr(picked, "selection", None), "rows", []) or [])
    if rows:
        firm = shown.iloc[rows[0]]
        profile_link(str(firm["uscc"]), t("firm.open_named", name=md(firm["name"])))
    else:
        st.caption(t("firm.table_pick"))
    return shown


def _division_name(division: str) -> str:
    from scoring.screen.groups import division_label

    return division_label(str(division))


def grades_and_surcharges(result: ScreenResult) -> None:
    """The grade distribution and the D-class surcharge totals."""
    from ui.screen.charts import grade_chart

    table = result.table
    left, right = st.columns(2)
    with left:
        st.markdown(f"**{t('screen.grades')}**")
        st.vega_lite_chart(spec=grade_chart(table), key="screen_grade_chart", width="stretch")
        st.caption(t("screen.grades_help"))
    with right:
        st.markdown(f"**{t('screen.surcharge')}**")
        cols = st.columns(2)
        cols[0].metric(t("screen.surcharge_total"), f"{table['surcharge_yuan'].sum():,.0f}")
        for i, (name, column) in enumerate(
            (
                ("electricity", "surcharge_electricity_yuan"),
                ("gas", "surcharge_gas_yuan"),
                ("water", "surcharge_water_yuan"),
            )
        ):
            cols[(i + 1) % 2].metric(t(f"screen.surcharge_{name}"), f"{table[column].sum():,.0f}")
        years = table["d_year"]
        st.caption(
            t(
                "screen.surcharge_years",
                n=int((years > 0).sum()),
                y1=int((years == 1).sum()),
                y2=int((years == 2).sum()),
                y3=int((years >= 3).sum()),
            )
        )


def what_if_table(result: ScreenResult) -> None:
    """Per town: 亩均 figures before and after the phase-out, and the land freed."""
    ln = lang()
    frame = what_if(result.table, by="town").round(2)
    labels = {c: text[0 if ln == "zh" else 1] for c, text in WHAT_IF_COLUMNS.items()}
    st.dataframe(frame.rename(columns=labels), key="screen_what_if")


def config_panel(config: dict[str, Any]) -> None:
    """The settings in force as a difference from the defaults, and their download."""
    diff = config_diff(config)
    st.markdown(f"**{t('screen.diff')}**")
    if diff.empty:
        st.caption(t("screen.diff_none"))
    else:
        shown = diff.astype(str).rename(
            columns={
                "key": t("screen.diff_key"),
                "default": t("screen.diff_default"),
                "value": t("screen.diff_value"),
            }
        )
        st.dataframe(shown, hide_index=True, key="screen_diff")
    st.download_button(
        t("screen.download_config"),
        overrides_toml(config).encode("utf-8"),
        file_name="screen_settings.toml",
        mime="application/toml",
        key="screen_download_config",
    )


def show_on_map(year: int) -> None:
    """Open the map with the firms coloured by flag count or grade, this page's filters kept."""
    from ui.screen.map import COLOURINGS

    colour = st.radio(
        t("screen.map_colour"),
        list(COLOURINGS),
        horizontal=True,
        key="screen_map_colour",
        format_func=lambda k: t(f"screen.colour.{k}"),
    )
    if st.button(
        t("screen.map"), key="screen_show_on_map", help=t("screen.map_help"), icon=":material/map:"
    ):
        state = st.session_state
        state["_kept_map_year"] = year
        state["_kept_map_colour_firms"] = COLOURINGS[colour]
        layers = list(state.get("_kept_map_layers") or DEFAULT_LAYERS)
        state["_kept_map_layers"] = (
            [*layers, "enterprises"] if "enterprises" not in layers else layers
        )
        state["_kept_map_towns"] = list(state.get("screen_f_town", []))
        state["_kept_map_industries"] = list(state.get("screen_f_industry", []))
        st.switch_page("app_pages/map.py")
