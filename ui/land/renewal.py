"""The land page's renewal areas (连片改造区, 二(二)4): the ranked list, a chart of the largest,
and the chosen areas exported to the land bureau as polygons (DKBH = the area's code).

Widgets in, plain values out; the areas come from :mod:`ui.land.loaders`, the files from
:func:`exports.pack.export_renewal_areas`.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import altair as alt
import pandas as pd
import streamlit as st

from exports.pack import RENEWAL_FILES, export_renewal_areas
from geo.renewal import RenewalAreas
from store.actions import town_of
from ui.auth import current_account, may_do
from ui.downloads import audited_download
from ui.errors import error_box
from ui.i18n import lang, t
from ui.land.figures import area_metric
from ui.loaders import workspace

__all__ = ["renewal_table", "show_renewal"]

CHART_TOP = 15  # areas on the chart; the table lists them all
# the formats offered on the page: the pack, then each file of it
FORMATS = ("zip", "gpkg", "shp", "xlsx", "csv", "txt")


def renewal_table(areas: RenewalAreas) -> pd.DataFrame:
    """The areas as the page lists them: Chinese (or English) headers, areas in 公顷 and 亩."""
    a = areas.table
    sep = "、" if lang() == "zh" else ", "
    return pd.DataFrame(
        {
            t("land.col_area_id"): a["area_id"].to_numpy(),
            t("land.col_name"): a["name"].to_numpy(),
            t("land.col_ha"): a["area_ha"].round(2).to_numpy(),
            t("land.col_mu"): a["area_mu"].round(1).to_numpy(),
            t("land.col_parks"): a["n_parks"].to_numpy(),
            t("land.col_parcels"): a["n_parcels"].to_numpy(),
            t("land.col_towns"): a["towns"].astype(str).str.replace(";", sep).to_numpy(),
            t("land.col_owners"): a["owners"].astype(str).str.replace(";", sep).to_numpy(),
            t("land.col_firms"): a["firms"].to_numpy(),
            t("land.col_phase_out_mu"): a["phase_out_land_mu"].round(1).to_numpy(),
        }
    )


def _chart(areas: RenewalAreas) -> alt.Chart:
    top = areas.table.head(CHART_TOP)
    data = pd.DataFrame(
        {
            "area": top["area_id"] + " " + top["name"],
            "ha": top["area_ha"].round(2),
            "parks": top["n_parks"],
        }
    )
    return (
        alt.Chart(data)
        .mark_bar(color="#1b7837")
        .encode(
            x=alt.X("ha:Q", title=t("land.col_ha")),
            y=alt.Y(
                "area:N", sort="-x", title=t("land.col_name"), axis=alt.Axis(title=None)
            ),
            tooltip=[
                alt.Tooltip("area:N", title=t("land.col_name")),
                alt.Tooltip("ha:Q", format=",.2f", title=t("land.col_ha")),
                alt.Tooltip("parks:Q", title=t("land.col_parks")),
            ],
        )
        .properties(height=22 * len(data) + 30)
    )


def _offered(areas: RenewalAreas, town: str | None) -> list[str]:
    """Areas the account may export: a town account only those wholly in its town."""
    table = areas.table
    if town is None:
        return table["area_id"].astype(str).tolist()
    own = table["towns"].astype(str) == town
    return table.loc[own, "area_id"].astype(str).tolist()


def _export(areas: RenewalAreas) -> None:
    st.subheader(t("land.renewal_export"))
    account = current_account()
    town = town_of(account)
    offered = _offered(areas, town)
    names = dict(zip(areas.table["area_id"], areas.table["name"], strict=True))
    if town is not None:
        st.caption(t("land.renewal_town_only", town=town))
    left, right = st.columns([3, 1])
    chosen = left.multiselect(
        t("land.renewal_choose"),
        offered,
        key="land_renewal_ids",
        format_func=lambda a: f"{a} {names[a]}",
        placeholder=t("land.renewal_choose_placeholder"),
    )
    product = right.selectbox(
        t("land.renewal_format"),
        list(FORMATS),
        key="land_renewal_format",
        format_func=lambda k: t(f"land.format_{k}"),
    )
    kind = "pack" if product == "zip" else "parcels"
    if not chosen:
        st.info(t("land.renewal_pick"))
        return
    if not may_do(f"export_{kind}", town):
        st.caption(t("export.role_cannot"))
        return
    if st.button(t("land.renewal_build"), key="land_renewal_build", type="primary"):
        ws = workspace()
        name = "renewal_areas.zip" if product == "zip" else RENEWAL_FILES[product]
        ws.scratch_dir.mkdir(parents=True, exist_ok=True)
        # a folder of its own: two planners building at once never share a file
        with tempfile.TemporaryDirectory(dir=ws.scratch_dir) as folder:
            out = Path(folder) / name
            with st.spinner(t("land.renewal_building")):
                export_renewal_areas(ws, chosen, product, out)
            made = (out.name, out.read_bytes(), kind, tuple(chosen))
        st.session_state["land.renewal_file"] = made
    built = st.session_state.get("land.renewal_file")
    if built and list(built[3]) == list(chosen):
        file_name, data, built_kind, _ = built
        audited_download(
            t("land.renewal_download", name=file_name),
            data,
            file_name=file_name,
            kind=built_kind,
            town=town,
            key="land_renewal_download",
        )


def show_renewal(areas: RenewalAreas) -> None:
    """The renewal areas section: how they are made, the figures, the list, the export."""
    st.caption(t("land.renewal_caption", gap=areas.gap_m, year=areas.year))
    table = areas.table
    c1, c2, c3 = st.columns(3)
    c1.metric(t("land.renewal_count"), f"{len(table):,}")
    area_metric(
        c2,
        t("land.renewal_total"),
        ha=float(table["area_ha"].sum()),
        mu=float(table["area_mu"].sum()),
    )
    c3.metric(t("land.renewal_parks"), f"{int(table['n_parks'].sum()):,}")
    if table.empty:
        st.info(t("land.renewal_none"))
        return
    st.altair_chart(_chart(areas), key="land_renewal_chart")
    st.dataframe(renewal_table(areas), hide_index=True, width="stretch", key="land_renewal_table")
    st.caption(t("land.renewal_map_hint"))
    with error_box():
        _export(areas)
