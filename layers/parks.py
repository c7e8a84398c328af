"""Village industrial parks (村级工业园): filled by a chosen measure, outlined dark.

Colourings offered here: area, town, number of firms, share of land in 三旧 parcels. The park
score of the retrofit issue registers itself as one more (``register_colouring("parks", …)``).
"""

from __future__ import annotations

from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd

from geo.crs import MU_PER_HA
from layers.colourings import CATEGORICAL_16, Colouring, colouring, register_colouring
from layers.elements import FeatureLayer
from layers.encoding import Text, pick, polygon_coords
from layers.geometry import display_polygons, shift_polygons
from layers.legend import LegendSection

__all__ = ["DISPLAY_COLUMNS", "LABEL", "build", "prepare"]

LABEL: Text = ("村级工业园", "Village industrial parks")
DISPLAY_COLUMNS = ("park_id", "name", "town", "area_ha", "firms", "sanjiu_share")
_INF = float("inf")

register_colouring(
    "parks",
    Colouring(
        key="area",
        label=("面积", "Area"),
        column="area_ha",
        kind="quantity",
        palette=("#a9cfe5", "#74b0d8", "#4292c6", "#2066a8", "#083f7a"),
        bins=(0, 5, 10, 20, 40, _INF),
        bin_labels=(
            ("< 5 公顷", "< 5 ha"),
            ("5 – 10 公顷", "5 – 10 ha"),
            ("10 – 20 公顷", "10 – 20 ha"),
            ("20 – 40 公顷", "20 – 40 ha"),
            ("≥ 40 公顷", "≥ 40 ha"),
        ),
    ),
)
register_colouring(
    "parks",
    Colouring(
        key="town",
        label=("所在镇街", "Town"),
        column="town",
        kind="category",
        palette=CATEGORICAL_16,
    ),
)
register_colouring(
    "parks",
    Colouring(
        key="firms",
        label=("企业数", "Number of firms"),
        column="firms",
        kind="quantity",
        palette=("#fde0c5", "#facba6", "#f59e72", "#e8604c", "#b9283e"),
        bins=(0, 1, 10, 30, 60, _INF),
        bin_labels=(
            ("0 家", "0"),
            ("1 – 9 家", "1 – 9"),
            ("10 – 29 家", "10 – 29"),
            ("30 – 59 家", "30 – 59"),
            ("≥ 60 家", "≥ 60"),
        ),
    ),
)
register_colouring(
    "parks",
    Colouring(
        key="sanjiu_share",
        label=("三旧地块占地比例", "Share of land in 三旧 parcels"),
        column="sanjiu_share",
        kind="quantity",
        palette=("#e9ecef", "#e5d4f0", "#c39bd9", "#9354b8", "#5c1a87"),
        bins=(0, 1e-9, 0.1, 0.3, 0.5, _INF),
        bin_labels=(
            ("无", "None"),
            ("< 10%", "< 10%"),
            ("10% – 30%", "10% – 30%"),
            ("30% – 50%", "30% – 50%"),
            ("≥ 50%", "≥ 50%"),
        ),
    ),
)


def prepare(parks: gpd.GeoDataFrame, measures: pd.DataFrame) -> gpd.GeoDataFrame:
    """Display frame: the parks simplified (2 m) and snapped, with the measures joined on the
    index (``area_ha``, ``firms``, ``sanjiu_share`` … from :func:`geo.summary.park_measures`)."""
    keep = [c for c in ("park_id", "name", "town", "village") if c in parks.columns]
    base = display_polygons(parks[[*keep, "geometry"]], tolerance_m=2.0)
    extra = measures.drop(columns=[c for c in measures.columns if c in base.columns])
    return base.join(extra)


def _fmt_area(ha: pd.Series, lang: str) -> list[str]:
    mu = ha * MU_PER_HA
    unit_ha, unit_mu = ("公顷", "亩") if lang == "zh" else ("ha", "mu")
    return [f"{h:,.1f} {unit_ha} · {m:,.0f} {unit_mu}" for h, m in zip(ha, mu, strict=True)]


def build(
    frame: gpd.GeoDataFrame,
    *,
    colour_by: str = "area",
    lang: str = "zh",
    offset: str = "wgs84",
) -> tuple[FeatureLayer, LegendSection]:
    """The parks layer and its legend, coloured by ``colour_by`` (a registered colouring)."""
    chosen = colouring("parks", colour_by)
    styled = chosen.apply(frame, lang=lang)
    geoms = shift_polygons(frame.geometry, offset)
    zh = lang == "zh"
    props: dict[str, list[Any]] = {
        "k": styled.codes.tolist(),
        "i": frame["park_id"].astype(str).tolist(),
        "n": frame["name"].astype(str).tolist(),
        "t": frame["town"].astype(str).tolist(),
    }
    rows: list[tuple[str, str, list[str] | None]] = [
        ("镇街" if zh else "Town", "t", None),
    ]
    if "area_ha" in frame.columns:
        props["a"] = _fmt_area(frame["area_ha"], lang)
        rows.append(("面积" if zh else "Area", "a", None))
    if "firms" in frame.columns:
        suffix = " 家" if zh else ""
        props["f"] = [f"{int(v):,}{suffix}" for v in frame["firms"]]
        rows.append(("企业" if zh else "Firms", "f", None))
    if "sanjiu_share" in frame.columns:
        props["s"] = [f"{v:.0%}" for v in np.nan_to_num(frame["sanjiu_share"].to_numpy())]
        rows.append(("三旧占地" if zh else "三旧 share", "s", None))
    if chosen.column not in {"area_ha", "firms", "sanjiu_share", "town"}:
        props["v"] = chosen.texts(frame)
        rows.append((pick(chosen.label, lang), "v", None))
    layer = FeatureLayer(
        polygon_coords(geoms),
        props,
        name=pick(LABEL, lang),
        palette=styled.palette,
        style={"color": "#22313f", "weight": 1.2, "opacity": 0.9, "fillOpacity": 0.72},
        highlight={"weight": 3, "color": "#111111", "fillOpacity": 0.85},
        tooltip_title="n",
        tooltip_rows=rows,
    )
    note = pick(("点击园区查看卡片", "Click a park for its card"), lang)
    title = f"{pick(LABEL, lang)} · {pick(chosen.label, lang)}"
    return layer, LegendSection(title, styled.entries, note=note)
