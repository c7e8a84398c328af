"""Home: what the tool is for, and the district at a glance."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from geo.codes import industry_name
from geo.summary import by_town, district_figures
from ui.i18n import t
from ui.loaders import load_layer

st.title(t("app.title"))
st.caption(t("app.subtitle"))

towns, parks = load_layer("towns"), load_layer("parks")
parcels, firms = load_layer("parcels"), load_layer("enterprises")
fig = district_figures(towns, parks, parcels, firms)
year = int(fig["year"])

st.subheader(t("home.figures"))
row1 = st.columns(4)
row1[0].metric(f"{t('home.district_area')}（{t('unit.km2')}）", f"{fig['district_km2']:.1f}")
row1[1].metric(t("home.towns"), f"{fig['towns']}")
row1[2].metric(t("home.parks"), f"{fig['parks']}")
row1[3].metric(
    f"{t('home.parks_area')}（{t('unit.ha')}）",
    f"{fig['parks_ha']:,.0f}",
    help=f"{fig['parks_mu']:,.0f} {t('unit.mu')}",
)
row2 = st.columns(4)
row2[0].metric(t("home.parcels"), f"{fig['parcels']:,}")
row2[1].metric(f"{t('home.parcels_area')}（{t('unit.ha')}）", f"{fig['parcels_ha']:,.0f}")
row2[2].metric(t("home.enterprises", year=year), f"{fig['enterprises']:,}")
row2[3].metric(f"{t('home.output')}（{t('unit.yi')}）", f"{fig['gross_output_yi']:,.0f}")
row3 = st.columns(4)
row3[0].metric(f"{t('home.employees')}（{t('unit.people')}）", f"{fig['employees']:,}")
row3[1].metric(t("home.in_parks"), f"{fig['in_parks_share']:.0%}")


def bars(data: pd.DataFrame, label: str, value: str, *, color: str = "#1f6fb2") -> alt.Chart:
    """A sorted horizontal bar chart with the value printed at the end of each bar."""
    base = alt.Chart(data).encode(
        y=alt.Y(f"{label}:N", sort="-x", title=None, axis=alt.Axis(labelLimit=240)),
        x=alt.X(f"{value}:Q", title=value),
        tooltip=list(data.columns),
    )
    return base.mark_bar(color=color) + base.mark_text(align="left", dx=3).encode(text=f"{value}:Q")


left, right = st.columns(2)
with left:
    st.subheader(t("home.by_town", year=year))
    table = by_town(parks, firms, year=year).rename_axis(t("col.town")).reset_index()
    table = table.rename(columns={"parks": t("col.parks"), "firms": t("col.firms")})
    st.altair_chart(bars(table, t("col.town"), t("col.firms")), width="stretch")
with right:
    st.subheader(t("home.by_industry", year=year))
    divisions = firms.loc[firms["survey_year"] == year, "industry_code"].str[:2]
    counts = divisions.value_counts().head(10)
    industries = pd.DataFrame(
        {
            t("col.industry"): [f"{d} {industry_name(d)}" for d in counts.index],
            t("col.firms"): counts.to_numpy(),
        }
    )
    st.altair_chart(
        bars(industries, t("col.industry"), t("col.firms"), color="#d9822b"), width="stretch"
    )
    st.subheader(t("home.by_mode"))
    modes = parcels.groupby("redevelopment_mode").size()
    mode_table = pd.DataFrame({t("col.mode"): modes.index, t("col.parcels"): modes.to_numpy()})
    st.altair_chart(
        bars(mode_table, t("col.mode"), t("col.parcels"), color="#7a5195"), width="stretch"
    )

st.subheader(t("home.jobs"))
st.markdown(t("home.jobs_text"))
