"""Enterprises: canvas circles in a local marker cluster, coloured by industry or size.

About 6 000 firms a year: clustered at district zoom, each firm from zoom 16 on. More than
:data:`MAX_POINTS` firms (a city: 60 000) are drawn as one symbol per town with its count
(:func:`town_aggregates`); filtering a few towns brings each firm back. Colourings:
industry (GB/T 4754 division), size (employees), scale (规上/规下). The five-flag and grade
colourings of the screening issue register themselves here as more.
"""

from __future__ import annotations

from typing import Any

import geopandas as gpd
import pandas as pd

from geo.codes import industry_name
from layers.colourings import CATEGORICAL, Colouring, colouring, register_colouring
from layers.elements import PointCluster, SymbolLayer
from layers.encoding import Text, coded, pick
from layers.geometry import display_points, shift_points
from layers.legend import LegendEntry, LegendSection

__all__ = [
    "LABEL",
    "MAX_POINTS",
    "PROFILE_HREF",
    "build",
    "division_label",
    "prepare",
    "town_aggregates",
]

LABEL: Text = ("企业", "Enterprises")
# above this many firms the map draws one symbol per town (a browser makes and clusters about
# 6 000 markers in 0.3 s on this machine; 60 000 would take seconds and 6 MB of data)
MAX_POINTS = 15_000
_INF = float("inf")
# a firm's popup links to its profile page: this prefix, then its USCC
PROFILE_HREF = "/firm?uscc="


def division_label(division: str, lang: str = "zh") -> str:
    """``"33 金属制品业"``: a GB/T 4754 division code with its (Chinese) name."""
    return f"{division} {industry_name(str(division))}"


def _scale_label(value: str, lang: str) -> str:
    above = str(value).lower() in ("true", "1")
    return pick(("规模以上", "Above scale") if above else ("规模以下", "Below scale"), lang)


register_colouring(
    "enterprises",
    Colouring(
        key="industry",
        label=("行业（大类）", "Industry (division)"),
        column="division",
        kind="category",
        palette=CATEGORICAL,
        category_label=division_label,
    ),
)
register_colouring(
    "enterprises",
    Colouring(
        key="size",
        label=("从业人员规模", "Size (employees)"),
        column="employees",
        kind="quantity",
        palette=("#ffe8cc", "#ffc078", "#fd7e14", "#d9480f", "#862e0b"),
        bins=(0, 20, 100, 300, 1000, _INF),
        bin_labels=(
            ("< 20 人", "< 20"),
            ("20 – 99 人", "20 – 99"),
            ("100 – 299 人", "100 – 299"),
            ("300 – 999 人", "300 – 999"),
            ("≥ 1000 人", "≥ 1000"),
        ),
    ),
)
register_colouring(
    "enterprises",
    Colouring(
        key="scale",
        label=("规模以上 / 以下", "Above / below scale"),
        column="above_scale",
        kind="category",
        palette=("#1864ab", "#91a7ff", "#adb5bd"),
        order=("True", "False"),
        category_label=_scale_label,
    ),
)


def prepare(enterprises: gpd.GeoDataFrame) -> pd.DataFrame:
    """Display frame (no geometry): every attribute, ``division`` (2 digits) and ``x``/``y``
    rounded to 5 decimals (≈ 1 m)."""
    out = display_points(enterprises)
    out["division"] = out["industry_code"].astype(str).str[:2]
    return out


def town_aggregates(frame: pd.DataFrame) -> pd.DataFrame:
    """One row per town: ``town``, ``firms`` (count) and ``x``/``y`` (the firms' mean
    position), most firms first."""
    grouped = frame.groupby(frame["town"].astype(str), sort=False)
    out = grouped.agg(firms=("x", "size"), x=("x", "mean"), y=("y", "mean")).reset_index()
    return out.sort_values(["firms", "town"], ascending=[False, True], ignore_index=True)


def _by_town(frame: pd.DataFrame, *, lang: str, offset: str) -> tuple[SymbolLayer, LegendSection]:
    towns = town_aggregates(frame)
    xy = shift_points(towns[["x", "y"]].round(5), offset)
    unit = " 家" if lang == "zh" else " firms"
    layer = SymbolLayer(
        xy,
        {
            "t": towns["town"].tolist(),
            "c": [f"{n:,}" for n in towns["firms"]],
            "f": [f"{n:,}{unit}" for n in towns["firms"]],
        },
        name=pick(LABEL, lang),
        css_class="pp-agg",
        label_key="c",
        size=46,
        tooltip_title="t",
        tooltip_rows=[(pick(("企业", "Firms"), lang), "f", None)],
    )
    title = f"{pick(LABEL, lang)} · {pick(('按镇街汇总', 'per town'), lang)}"
    label = pick((f"{len(frame):,} 家，每镇一个符号", f"{len(frame):,} firms, one per town"), lang)
    note = pick(("筛选镇街后逐家显示", "Filter towns to see each firm"), lang)
    return layer, LegendSection(title, (LegendEntry(label, "#2c3e50", "circle"),), note=note)


def build(
    frame: pd.DataFrame,
    *,
    colour_by: str = "industry",
    lang: str = "zh",
    offset: str = "wgs84",
) -> tuple[PointCluster | SymbolLayer, LegendSection]:
    """The enterprises layer (clustered; per town above :data:`MAX_POINTS` firms) and its
    legend."""
    if len(frame) > MAX_POINTS and "town" in frame.columns:
        return _by_town(frame, lang=lang, offset=offset)
    chosen = colouring("enterprises", colour_by)
    styled = chosen.apply(frame, lang=lang)
    xy = shift_points(frame[["x", "y"]], offset)
    zh = lang == "zh"
    div_codes, div_lookup = coded(frame["division"])
    props: dict[str, list[Any]] = {
        "k": styled.codes.tolist(),
        "n": frame["name"].astype(str).tolist(),
        "d": div_codes,
        "e": [None if pd.isna(v) else int(v) for v in frame["employees"]],
        "s": [int(bool(v)) for v in frame["above_scale"].fillna(False)],
        "u": frame["uscc"].astype(str).tolist() if "uscc" in frame else [None] * len(frame),
    }
    people = " 人" if zh else ""
    scale = [pick(("规模以下", "Below scale"), lang), pick(("规模以上", "Above scale"), lang)]
    rows: list[tuple[str, str, list[str] | None]] = [
        ("行业" if zh else "Industry", "d", [division_label(d, lang) for d in div_lookup]),
        ("从业人员" if zh else "Employees", "e", None),
        ("规模" if zh else "Scale", "s", scale),
    ]
    props["e"] = [None if v is None else f"{v:,}{people}" for v in props["e"]]
    if chosen.column not in {"division", "employees", "above_scale"}:
        props["v"] = chosen.texts(frame)
        rows.append((pick(chosen.label, lang), "v", None))
    layer = PointCluster(
        xy,
        props,
        name=pick(LABEL, lang),
        palette=styled.palette,
        style={"radius": 5, "color": "#ffffff", "weight": 1, "fillOpacity": 0.92},
        tooltip_title="n",
        tooltip_rows=rows,
        link=(PROFILE_HREF, pick(("企业档案", "Firm profile"), lang), "u"),
    )
    title = f"{pick(LABEL, lang)} · {pick(chosen.label, lang)}"
    entries = tuple(type(e)(e.label, e.colour, "circle") for e in styled.entries)
    note = pick(("低缩放级别时聚合显示", "Clustered when zoomed out"), lang)
    return layer, LegendSection(title, entries, note=note)
