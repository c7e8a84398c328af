"""Page `export`: the parcel list for the land bureau and the briefing, for a scenario or parks."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from exports.briefing_map import selection_figure
from exports.coords import DEFAULT_CRS, EXPORT_CRS
from exports.encodings import ENCODINGS
from exports.pack import PACK_FILES, Selection, export_product, pack_contents
from exports.parcel_list import labels, parcel_list
from store.actions import town_of
from store.scenarios import list_scenarios
from ui.auth import current_account, may_do
from ui.downloads import audited_download
from ui.errors import error_box
from ui.i18n import lang, t
from ui.loaders import load_layer, scenario_scores, workspace

st.title(t("nav.export"))
st.caption(t("export.caption"))

ws = workspace()
parks = load_layer("parks")
names = dict(zip(parks["park_id"], parks["name"], strict=True))
scenarios = {s.name: s for s in list_scenarios(ws)}
sources = {k: t(f"export.by_{k}") for k in ("scenario", "parks")}
by = st.radio(
    t("export.source"), list(sources), horizontal=True, key="export_source",
    index=0 if scenarios else 1, format_func=sources.__getitem__,
)  # fmt: skip
if by == "scenario" and scenarios:
    scenario = scenarios[st.selectbox(t("export.scenario"), list(scenarios), key="export_scenario")]
    if not scenario.is_current(ws):
        st.warning(t("export.stale", version=scenario.data_version))
    selection = Selection(tuple(scenario.parks), scenario)
else:
    if by == "scenario":
        st.info(t("export.no_scenarios"))
    picked = [p for p in st.session_state.get("retrofit.selection", []) if p in names]
    if picked and "export_parks" not in st.session_state:
        st.session_state["export_parks"] = picked
        st.caption(t("export.from_retrofit"))
    chosen = st.multiselect(
        t("export.parks"), list(names), key="export_parks", max_selections=10,
        format_func=lambda p: f"{names[p]} · {p}", placeholder=t("rf.choose_parks"),
    )  # fmt: skip
    selection = Selection(tuple(chosen))

if not selection.parks:
    st.info(t("export.pick_parks"))
    st.stop()

# a town account exports the lists of its own town's parks (as parcel lists); the bureaus the pack
account = current_account()
town = town_of(account)
kind = "pack" if town is None else "parcels"
outside = sorted(set(parks.loc[parks["park_id"].isin(selection.parks), "town"]) - {town})
if town is not None and outside:
    st.info(t("export.town_only", town=town, others="、".join(map(str, outside))))

with error_box():
    listed = parcel_list(parks, load_layer("parcels"), selection.parks)
    st.subheader(t("export.preview"))
    st.markdown(
        t("export.summary", n=len(listed), mu=listed["area_mu"].sum(), ha=listed["area_ha"].sum())
    )
    table = pd.DataFrame(listed.drop(columns="geometry")).rename(columns=labels(lang()))
    st.dataframe(table, hide_index=True, width="stretch", key="export_table")
    st.pyplot(selection_figure(parks, listed, list(selection.parks), north=t("export.north")))

    st.subheader(t("export.options"))
    left, right = st.columns(2)
    crs_labels = {c: f"EPSG:{c} · {EXPORT_CRS[c].label(lang())}" for c in EXPORT_CRS}
    crs = left.selectbox(
        t("export.crs"), list(crs_labels), key="export_crs",
        index=list(crs_labels).index(DEFAULT_CRS), format_func=crs_labels.__getitem__,
    )  # fmt: skip
    encodings = {"": t("export.encoding_default"), **{e: e.upper() for e in ENCODINGS}}
    encoding = right.selectbox(
        t("export.encoding"), list(encodings), key="export_encoding",
        format_func=encodings.__getitem__,
    )  # fmt: skip
    scores = None
    if selection.scenario is not None:
        scores = scenario_scores(selection.scenario.parameters)
    else:
        st.caption(t("export.scores_missing"))
    if not may_do(f"export_{kind}", town) or (town is not None and outside):
        st.caption(t("export.role_cannot"))
    elif st.button(t("export.build"), key="export_build", type="primary"):
        bar = st.progress(0.0, text=t("export.building"))

        def report(fraction: float, message: str) -> None:
            bar.progress(min(fraction, 1.0), text=message)

        out = ws.scratch_dir / f"export-{selection.name or 'parks'}.zip"
        export_product(
            ws, selection, "zip", out, crs=crs, encoding=encoding or None, lang=lang(),
            scores=scores, on_progress=report,
        )  # fmt: skip
        st.session_state["export.pack"] = (out.name, out.read_bytes(), pack_contents(out), kind)
        out.unlink()

pack = st.session_state.get("export.pack")
if pack:
    st.subheader(t("export.downloads"))
    zip_name, zip_bytes, files, kind = pack
    # each download is checked against the role and audited with its SHA-256 when clicked
    audited_download(t("export.zip"), zip_bytes, file_name=zip_name, kind=kind, town=town,
                     key="dl_zip")  # fmt: skip
    cols = st.columns(3)
    for i, (key, name) in enumerate(PACK_FILES.items()):
        label = t("export.pdf") if key == "pdf" else name
        audited_download(label, files[name], file_name=name, kind=kind, town=town,
                         where=cols[i % 3], key=f"dl_{key}")  # fmt: skip
    audited_download(t("export.manifest"), files["manifest.json"], file_name="manifest.json",
                     kind=kind, town=town, key="dl_manifest")  # fmt: skip
