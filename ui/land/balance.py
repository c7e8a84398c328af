"""The land page's balance: land freed (by kind) against land demanded per town, as figures, a
chart and a table, the firms with the largest unmet demand, and the workbook for the land
bureau. The arithmetic is :mod:`scoring.land.balance`; this module only shows it."""

from __future__ import annotations

import tempfile
from pathlib import Path

import altair as alt
import numpy as np
import pandas as pd
import streamlit as st

from exports.land_tables import write_land
from exports.tables import Provenance
from scoring.land.balance import MET_LABELS, LandBalance
from scoring.land.freed import FREED_KINDS
from scoring.land.labels import land_labels
from store.actions import town_of
from ui.auth import current_account
from ui.downloads import audited_download
from ui.i18n import lang, t
from ui.land.figures import area_metric
from ui.loaders import data_version, workspace

__all__ = ["show_balance", "town_table"]

UNMET_SHOWN = 20
# the town table's columns, in the page's order (areas in 亩; 公顷 on the export)
TOWN_SHOWN = (
    "town", "freed_phase_out_mu", "freed_parcel_mu", "freed_plot_ratio_mu", "freed_mu",
    "demand_mu", "met_mu", "unmet_mu", "freed_to_demand", "demand_firms", "phase_out_firms",
    "parcels",
)  # fmt: skip
UNMET_SHOWN_COLUMNS = (
    "town", "name", "uscc", "above_scale", "tax_per_mu", "rank", "demand_mu", "allocated_mu",
    "unmet_mu", "met",
)  # fmt: skip
_KIND_COLUMNS = {"phase_out": "freed_phase_out_mu", "parcel": "freed_parcel_mu",
                 "plot_ratio": "freed_plot_ratio_mu"}  # fmt: skip
_KIND_COLOURS = {"phase_out": "#d94801", "parcel": "#8e5ea2", "plot_ratio": "#2b8a3e"}
_DEMAND_COLOUR = "#4e79a7"


def _pick(pair: tuple[str, str]) -> str:
    return pair[0] if lang() == "zh" else pair[1]


def _shown(frame: pd.DataFrame, columns: tuple[str, ...]) -> pd.DataFrame:
    """``columns`` of ``frame`` under the page's labels, areas and ratios rounded to read."""
    labels = land_labels(lang())
    out = frame.loc[:, [c for c in columns if c in frame.columns]].copy()
    for column in out.columns:
        if column.endswith(("_mu", "_ha")) or column == "tax_per_mu":
            out[column] = pd.to_numeric(out[column], errors="coerce").round(1)
        elif column == "freed_to_demand":
            out[column] = pd.to_numeric(out[column], errors="coerce").round(2)
    if "met" in out.columns:
        out["met"] = out["met"].map(lambda v: _pick(MET_LABELS[v]) if v in MET_LABELS else "")
    if "above_scale" in out.columns:
        yes, no = ("是", "否") if lang() == "zh" else ("yes", "no")
        out["above_scale"] = out["above_scale"].map(lambda v: yes if bool(v) else no)
    return out.rename(columns=labels)


def town_table(balance: LandBalance) -> pd.DataFrame:
    """The towns' rows and the district's last, as the page shows them."""
    rows = pd.concat([balance.towns, balance.district], ignore_index=True)
    return _shown(rows, TOWN_SHOWN)


def _chart(balance: LandBalance) -> alt.Chart:
    """Per town: one bar of freed land stacked by kind beside one bar of demand (亩)."""
    towns = balance.towns
    long: list[dict[str, object]] = []
    for kind, column in _KIND_COLUMNS.items():
        for town, value in zip(towns["town"], towns[column], strict=True):
            long.append({"town": town, "group": t("land.freed"),
                         "series": _pick(FREED_KINDS[kind]), "mu": float(value)})  # fmt: skip
    for town, value in zip(towns["town"], towns["demand_mu"], strict=True):
        long.append({"town": town, "group": t("land.demanded"),
                     "series": t("land.series_demand"), "mu": float(value)})  # fmt: skip
    data = pd.DataFrame(long)
    names = [_pick(FREED_KINDS[k]) for k in _KIND_COLUMNS] + [t("land.series_demand")]
    colours = [_KIND_COLOURS[k] for k in _KIND_COLUMNS] + [_DEMAND_COLOUR]
    return (
        alt.Chart(data, title=t("land.chart_title"))
        .mark_bar()
        .encode(
            x=alt.X(
                "town:N",
                title=land_labels(lang())["town"],  # what a screen reader names the field
                axis=alt.Axis(title=None),
                sort=list(towns["town"]),
            ),
            xOffset=alt.XOffset("group:N", title=t("land.chart_group")),
            y=alt.Y("sum(mu):Q", title=t("land.chart_mu")),
            color=alt.Color(
                "series:N",
                title=t("land.chart_group"),
                scale=alt.Scale(domain=names, range=colours),
            ),
            tooltip=[
                alt.Tooltip("town:N", title=land_labels(lang())["town"]),
                alt.Tooltip("series:N", title=t("land.chart_group")),
                alt.Tooltip("mu:Q", format=",.1f", title=t("land.chart_mu")),
            ],
        )
        .properties(height=320)
    )


def _figures(balance: LandBalance) -> None:
    d = balance.district.iloc[0]
    c1, c2, c3, c4 = st.columns(4)
    area_metric(c1, t("land.freed"), ha=float(d["freed_ha"]), mu=float(d["freed_mu"]))
    area_metric(c2, t("land.demanded"), ha=float(d["demand_ha"]), mu=float(d["demand_mu"]))
    area_metric(c3, t("land.met"), ha=float(d["met_ha"]), mu=float(d["met_mu"]))
    ratio = float(d["freed_to_demand"])
    c4.metric(t("land.ratio"), t("land.ratio_none") if np.isnan(ratio) else f"{ratio:,.2f}")


def _download(balance: LandBalance) -> None:
    account = current_account()
    town = town_of(account)
    scope = "district" if balance.scope is None else "-".join(balance.scope[:3])
    name = f"land_balance_{balance.year}_{scope}.xlsx"
    provenance = Provenance(
        what=f"用地平衡 land balance {balance.year}",
        data_version=data_version(),
        parameters={"scope": list(balance.scope or []) or "district", **balance.parameters},
        user=account.name,
    )
    ws = workspace()

    def build() -> bytes:
        ws.scratch_dir.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=ws.scratch_dir) as folder:
            out = Path(folder) / name
            write_land(balance, out, provenance=provenance)
            return out.read_bytes()

    # the bureaus export the district's; a town account the balance of its own town's parks
    towns = set(balance.towns["town"].astype(str))
    allowed_town = town if town is not None and towns == {town} else None
    audited_download(
        t("land.download"),
        build,
        file_name=name,
        kind="parcels",
        town=allowed_town,
        key="land_balance_download",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


def show_balance(balance: LandBalance) -> None:
    """The balance section: how it is made, the district's figures, the chart, the tables."""
    st.caption(t("land.balance_caption"))
    if balance.scope is not None:
        st.caption(t("land.scope_note"))
    _figures(balance)
    st.altair_chart(_chart(balance), key="land_balance_chart")
    st.subheader(t("land.towns_table"))
    st.dataframe(town_table(balance), hide_index=True, width="stretch", key="land_towns")
    st.subheader(t("land.unmet_title"))
    if balance.unmet.empty:
        st.info(t("land.unmet_none"))
    else:
        top = balance.unmet.head(UNMET_SHOWN)
        st.dataframe(
            _shown(top, UNMET_SHOWN_COLUMNS), hide_index=True, width="stretch", key="land_unmet"
        )
    _download(balance)
