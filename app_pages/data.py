"""Data: what the workspace holds, the data contract, and imports with preview, history, undo."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from geo.schema import LAYERS
from ui.data import view as dv
from ui.i18n import lang, layer_label, t
from ui.loaders import district_summary

st.title(t("data.title"))

info = district_summary()
st.subheader(t("data.layers"))
counts = info["layers"]
assert isinstance(counts, dict)
rows = [
    {
        t("data.layer"): layer_label(name),
        t("data.layer_code"): name,
        t("data.count"): n,
    }
    for name, n in counts.items()
    if not name.startswith("_")  # _undo_<layer>: kept for undo, not data
]
st.dataframe(pd.DataFrame(rows), hide_index=True, key="layers_table")
st.caption(
    f"{t('data.survey_years')}: {', '.join(map(str, info['survey_years']))} · "
    f"CRS {info['crs']} · {info['district_area_km2']:.1f} {t('unit.km2')}"
)

st.subheader(t("data.contract"))
layer = st.selectbox(
    t("data.layer"),
    list(LAYERS),
    key="contract_layer",
    format_func=layer_label,
)
fields = LAYERS[layer].fields
st.dataframe(
    pd.DataFrame(
        {
            t("field.name"): [f.name for f in fields],
            t("field.label"): [f.label(lang()) for f in fields],
            t("field.kind"): [
                t(f"kind.{f.kind}") + (f"（{'/'.join(f.choices)}）" if f.choices else "")
                for f in fields
            ],
            t("field.unit"): [f.unit for f in fields],
            t("field.required"): [f.required for f in fields],
        }
    ),
    hide_index=True,
    key="contract_table",
)

if not dv.may_import():
    st.info(t("data.no_import_role"))
elif (plan := dv.import_form()) is not None:
    dv.preview_and_confirm(plan)
dv.history_panel()
