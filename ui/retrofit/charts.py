"""Charts of the retrofit page (altair, drawn by Streamlit's bundled Vega: no request leaves
the machine): rank-acceptability stacked bars and a radar of the six measures."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import altair as alt
import numpy as np
import pandas as pd

from ui.i18n import t

__all__ = ["acceptability_chart", "radar_chart"]

RANK_COLOURS = ("#1b7837", "#7fbf7b", "#d9f0d3")
PICK_COLOURS = ("#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e")


def acceptability_chart(
    acceptability: pd.DataFrame,
    labels: Mapping[str, str],
    *,
    rank_label: str,
    top: int = 15,
) -> alt.Chart:
    """Stacked horizontal bars of the rank-1/2/3 acceptability of the ``top`` parks by p_top3.

    ``acceptability``: rows park_id, columns ``p_rank1`` … ; ``labels``: park id → shown name;
    ``rank_label``: a format with ``{r}`` for the legend.
    """
    cols = [c for c in acceptability.columns if c in ("p_rank1", "p_rank2", "p_rank3")]
    best = acceptability[cols].sum(axis=1).sort_values(ascending=False).head(top)
    frame = acceptability.loc[best.index, cols].reset_index(names="park_id")
    long = frame.melt(id_vars="park_id", var_name="rank", value_name="p")
    long["rank_no"] = long["rank"].str[-1].astype(int)
    long["park"] = long["park_id"].map(labels).fillna(long["park_id"])
    long["rank_name"] = [rank_label.format(r=r) for r in long["rank_no"]]
    order = [labels.get(p, p) for p in best.index]
    names = [rank_label.format(r=r) for r in (1, 2, 3)][: len(cols)]
    return (
        alt.Chart(long)
        .mark_bar()
        .encode(
            y=alt.Y("park:N", sort=order, title=t("chart.park"), axis=alt.Axis(title=None)),
            x=alt.X("sum(p):Q", title=t("chart.probability"), scale=alt.Scale(domain=[0, 1])),
            color=alt.Color(
                "rank_name:N",
                title=t("chart.rank"),
                sort=names,
                scale=alt.Scale(domain=names, range=list(RANK_COLOURS[: len(names)])),
                legend=alt.Legend(title=None, orient="bottom"),
            ),
            order=alt.Order("rank_no:Q", title=t("chart.order")),
            tooltip=[
                alt.Tooltip("park:N", title=t("chart.park")),
                alt.Tooltip("rank_name:N", title=t("chart.rank")),
                alt.Tooltip("p:Q", format=".1%", title=t("chart.probability")),
            ],
        )
        .properties(height=max(120, 22 * len(order)))
    )


def radar_chart(measures: pd.DataFrame, axis_labels: Sequence[str]) -> alt.LayerChart:
    """Radar of the measure scores (0–1) of a few parks: rows = park label, columns = measures
    (in the order of ``axis_labels``)."""
    n = measures.shape[1]
    angle = 2 * np.pi * np.arange(n) / n
    rows = []
    for park, values in measures.iterrows():  # a few picks, not a big frame
        v = values.to_numpy(dtype=float)
        for k in [*range(n), 0]:  # close the polygon
            rows.append(
                {
                    "park": str(park),
                    "order": 0,
                    "measure": axis_labels[k],
                    "value": v[k],
                    "x": v[k] * np.sin(angle[k]),
                    "y": v[k] * np.cos(angle[k]),
                }
            )
    pts = pd.DataFrame(rows)
    pts["order"] = pts.groupby("park").cumcount()
    ring = pd.DataFrame(
        [
            {"r": r, "x": r * np.sin(a), "y": r * np.cos(a), "o": i}
            for r in (0.25, 0.5, 0.75, 1.0)
            for i, a in enumerate([*angle, 0.0])
        ]
    )
    spokes = pd.DataFrame(
        {"x": 1.18 * np.sin(angle), "y": 1.18 * np.cos(angle), "label": list(axis_labels)}
    )
    scale = alt.Scale(domain=[-1.35, 1.35])
    x = alt.X("x:Q", scale=scale, axis=None)
    y = alt.Y("y:Q", scale=scale, axis=None)
    grid = (
        alt.Chart(ring)
        .mark_line(color="#cccccc", strokeWidth=0.8)
        .encode(
            x=x,
            y=y,
            detail=alt.Detail("r:N", title=t("chart.ring")),
            order=alt.Order("o:Q", title=t("chart.order")),
        )
    )
    text = (
        alt.Chart(spokes)
        .mark_text(fontSize=12)
        .encode(x=x, y=y, text=alt.Text("label:N", title=t("chart.measure")))
    )
    parks = list(dict.fromkeys(pts["park"]))
    colour = alt.Color(
        "park:N",
        title=t("chart.park"),
        scale=alt.Scale(domain=parks, range=list(PICK_COLOURS[: len(parks)])),
        legend=alt.Legend(title=None, orient="bottom"),
    )
    lines = (
        alt.Chart(pts)
        .mark_line(strokeWidth=2.2, opacity=0.85)
        .encode(
            x=x,
            y=y,
            color=colour,
            order=alt.Order("order:Q", title=t("chart.order")),
            tooltip=[
                alt.Tooltip("park:N", title=t("chart.park")),
                alt.Tooltip("measure:N", title=t("chart.measure")),
                alt.Tooltip("value:Q", format=".2f", title=t("chart.score")),
            ],
        )
    )
    dots = alt.Chart(pts).mark_point(filled=True, size=40).encode(x=x, y=y, color=colour)
    chart = alt.LayerChart(layer=[grid, text, lines, dots])
    return chart.properties(height=360)
