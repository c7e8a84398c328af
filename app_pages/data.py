"""Data: what the workspace holds, the data contract, and a check of a file (nothing stored)."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pandas as pd
import streamlit as st

from geo.chinese_offsets import COORD_SYSTEMS
from geo.io import read_layer_file
from geo.schema import LAYERS
from ui.errors import error_box
from ui.i18n import lang, t
from ui.loaders import district_summary, workspace

st.title(t("data.title"))

info = district_summary()
st.subheader(t("data.layers"))
counts = info["layers"]
assert isinstance(counts, dict)
rows = [
    {
        t(
            "data.layer"
        ): f"{name} · {LAYERS[name].label_zh if lang() == 'zh' else LAYERS[name].label_en}"
        if name in LAYERS
        else name,
        t("data.count"): n,
    }
    for name, n in counts.items()
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
    format_func=lambda n: f"{n} · {LAYERS[n].label_zh}",
)
fields = LAYERS[layer].fields
st.dataframe(
    pd.DataFrame(
        {
            t("field.name"): [f.name for f in fields],
            t("field.label"): [f.label(lang()) for f in fields],
            t("field.kind"): [
                f.kind + (f" ({'/'.join(f.choices)})" if f.choices else "") for f in fields
            ],
            t("field.unit"): [f.unit for f in fields],
            t("field.required"): [f.required for f in fields],
        }
    ),
    hide_index=True,
    key="contract_table",
)

st.subheader(t("data.check"))
st.caption(t("data.check_help"))
check_layer = st.selectbox(
    t("data.layer"),
    list(LAYERS),
    index=list(LAYERS).index("enterprises"),
    key="check_layer",
    format_func=lambda n: f"{n} · {LAYERS[n].label_zh}",
)
coords = st.selectbox(t("data.coords"), COORD_SYSTEMS, key="check_coords")
upload = st.file_uploader(
    "CSV / Excel / GeoPackage / GeoJSON",
    key="check_file",
    type=["csv", "xlsx", "gpkg", "geojson", "json"],
)
if upload is not None:
    with tempfile.TemporaryDirectory() as tmp, error_box():
        path = Path(tmp) / Path(upload.name).name
        path.write_bytes(upload.getvalue())
        gdf = read_layer_file(
            path, layer=check_layer, coords=coords, district=workspace().district()
        )
        st.success(t("data.ok", name=upload.name, n=len(gdf)))
