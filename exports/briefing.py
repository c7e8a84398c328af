"""The briefing: three A4 pages in Chinese (or English) on the chosen parks, as a PDF.

Page 1: the parks, their facts and maps (district, towns, parks, 三旧 parcels; scale bars and
north arrows). Page 2: the six measure scores, the parks' indicators beside DOMAIN.md §7's
references, and the rank-acceptability chart. Page 3: method, gate and weights of the scenario,
and the parcel totals by 三旧 type and redevelopment mode. Every page's footer names the scenario,
data version, time and the SHA-256 of the parcel list. Scores and rank probabilities come from
the park scoring when given; without them the briefing says what is missing instead of guessing.

Rendered with matplotlib's PdfPages rather than reportlab: reportlab cannot embed Noto Sans CJK
(its outlines are CFF, reportlab reads TrueType outlines only), while matplotlib embeds a subset
of the .ttc as a CID font with a ToUnicode map (pdffonts: emb yes, sub yes, uni yes) and draws
the maps anyway.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import geopandas as gpd
import matplotlib
import pandas as pd
from matplotlib.backends.backend_pdf import PdfPages
from matplotlib.figure import Figure
from matplotlib.table import Table
from matplotlib.text import Text
from shapely.geometry.base import BaseGeometry

from exports.atomic import atomic_path
from exports.briefing_data import (
    list_checksum,
    parameter_rows,
    parcel_totals,
    park_facts,
    reference_indicators,
)
from exports.briefing_map import PARK_COLOURS, draw_overview, draw_park
from exports.briefing_text import MEASURES, REFERENCES, text
from exports.fonts import cjk_subset_font, register_cjk_font
from exports.tables import Provenance

__all__ = ["A4", "Briefing", "write_briefing"]

A4 = (8.27, 11.69)  # inches
_STYLE: Any = {"pdf.fonttype": 42, "axes.unicode_minus": False, "figure.dpi": 100}
MAX_PARK_MAPS = 3


@dataclass(frozen=True)
class Briefing:
    """Everything the briefing shows. ``parcels`` is the parcel list of :mod:`exports.parcel_list`.

    ``scores``: one row per park (``park_id`` column or index) with any of ``m_heat`` …
    ``m_chain``, ``score``, ``rank``, ``p_top3``, ``p_rank1`` …; ``None`` when not computed.
    ``indicators``: extra per-park columns named like :data:`exports.briefing_text.REFERENCES`.
    """

    chosen: Sequence[str]
    parks: gpd.GeoDataFrame
    towns: gpd.GeoDataFrame
    district: BaseGeometry
    enterprises: pd.DataFrame
    parcels: gpd.GeoDataFrame
    provenance: Provenance
    scores: pd.DataFrame | None = None
    indicators: pd.DataFrame | None = None
    year: int | None = None
    notes: Sequence[str] = field(default_factory=tuple)


def _table(ax, header: list[str], rows: list[list[str]], *, fontsize: float = 7) -> None:
    ax.axis("off")
    if not rows:
        return
    table = ax.table(cellText=rows, colLabels=header, loc="upper center", cellLoc="center")
    table.auto_set_font_size(False)
    table.set_fontsize(fontsize)
    table.scale(1.0, 1.25)
    for (row, _col), cell in table.get_celld().items():
        cell.set_linewidth(0.3)
        if row == 0:
            cell.set_facecolor("#e8eef5")


def _heading(fig: Figure, y: float, label: str) -> None:
    fig.text(0.06, y, label, fontsize=12, va="top", color="#1f3b5c")


def _note(fig: Figure, y: float, label: str, *, size: float = 8) -> None:
    fig.text(0.06, y, label, fontsize=size, va="top", wrap=True, color="#444444")


def _footer(fig: Figure, b: Briefing, lang: str, page: int, pages: int, checksum: str) -> None:
    p = b.provenance
    fig.text(
        0.5,
        0.012,
        text(
            "footer",
            lang,
            scenario=p.scenario or "—",
            version=p.data_version,
            time=p.created,
            page=page,
            pages=pages,
            checksum=checksum,
        ),
        fontsize=6,
        ha="center",
        va="bottom",
        color="#555555",
    )


def _fmt(value: object, digits: int = 2) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return "—"
    if isinstance(value, float):
        return f"{value:,.{digits}f}"
    return str(value)


def _park_rows(facts: pd.DataFrame) -> list[list[str]]:
    return [
        [
            str(i + 1),
            str(r["name"]),
            str(r["town"]),
            _fmt(float(r["area_ha"]), 1),
            str(int(r["firms"])),
            f"{int(r['employees']):,}",
            _fmt(float(r["gross_output"]), 0),
            f"{float(r['sanjiu_share']):.0%}",
            str(int(r["parcels"])),
        ]
        for i, (_, r) in enumerate(facts.iterrows())
    ]


def _page_parks(b: Briefing, lang: str, facts: pd.DataFrame) -> Figure:
    fig = Figure(figsize=A4)
    fig.text(0.06, 0.965, text("title", lang), fontsize=17, va="top")
    fig.text(0.06, 0.935, text("subtitle", lang), fontsize=8, va="top", color="#444444")
    scenario = b.provenance.scenario or text("no_scenario", lang)
    fig.text(0.06, 0.915, f"{text('scenario', lang)}：{scenario}", fontsize=10, va="top")
    _heading(fig, 0.89, text("parks", lang))
    cols = ["no", "park", "town", "area_ha", "firms", "employees", "output", "sanjiu", "parcels"]
    _table(
        fig.add_axes((0.06, 0.77, 0.88, 0.1)),
        [text(f"col.{c}", lang) for c in cols],
        _park_rows(facts),
    )
    chosen = list(b.chosen)
    draw_overview(
        fig.add_axes((0.08, 0.38, 0.84, 0.37)),
        district=b.district,
        towns=b.towns,
        parks=b.parks,
        chosen=chosen,
        text={"map.overview": text("map.overview", lang), "map.north": text("map.north", lang)},
    )
    park_ids = b.parcels["park_ids"].str.split(";")
    for i, park_id in enumerate(chosen[:MAX_PARK_MAPS]):
        park = b.parks[b.parks["park_id"] == park_id]
        mine = b.parcels[park_ids.apply(lambda ids, pid=park_id: pid in ids)]
        draw_park(
            fig.add_axes((0.06 + i * 0.3, 0.09, 0.27, 0.26)),
            park=park,
            parcels=mine,
            colour=PARK_COLOURS[i % len(PARK_COLOURS)],
            title=f"{i + 1} {park['name'].iloc[0]} · {text('map.parcels', lang)}",
            text={"map.north": text("map.north", lang)},
        )
    _note(fig, 0.075, text("map.legend", lang), size=7)
    return fig


def _scores_for(b: Briefing) -> pd.DataFrame | None:
    if b.scores is None or b.scores.empty:
        return None
    scores = b.scores.set_index("park_id") if "park_id" in b.scores else b.scores
    return scores.reindex(list(b.chosen))


def _score_table(fig: Figure, b: Briefing, lang: str, names: dict[str, str]) -> None:
    _heading(fig, 0.965, text("scores", lang))
    scores = _scores_for(b)
    columns = [c for c in MEASURES if scores is not None and c in scores]
    if scores is None or not columns:
        _note(fig, 0.93, text("scores.missing", lang))
        return
    lang_i = 0 if lang == "zh" else 1
    header = [text("col.park", lang), *(MEASURES[c][lang_i] for c in columns)]
    rows = [
        [names[pid], *(_fmt(row[c], 0 if c == "rank" else 2) for c in columns)]
        for pid, row in scores.iterrows()
        if isinstance(pid, str)
    ]
    _table(fig.add_axes((0.06, 0.8, 0.88, 0.13)), header, rows)


def _indicator_table(fig: Figure, b: Briefing, lang: str, names: dict[str, str]) -> None:
    _heading(fig, 0.77, text("indicators", lang))
    chosen = list(b.chosen)
    values = reference_indicators(b.enterprises, chosen, year=b.year)
    if b.indicators is not None:
        extra = b.indicators.set_index("park_id") if "park_id" in b.indicators else b.indicators
        for column in extra.columns:
            values[column] = extra[column].reindex(chosen)
    header = [
        text("col.indicator", lang),
        *(names[p] for p in chosen),
        text("col.reference", lang),
        text("col.source", lang),
    ]
    rows = []
    for ref in REFERENCES:
        label = ref.label_zh if lang == "zh" else ref.label_en
        cells = [_fmt(values[ref.key].get(p)) if ref.key in values else "—" for p in chosen]
        rows.append([f"{label} ({ref.unit})", *cells, ref.value, ref.source])
    _table(fig.add_axes((0.06, 0.56, 0.88, 0.19)), header, rows, fontsize=6.5)
    year = b.year if b.year is not None else int(b.enterprises["survey_year"].max())
    _note(fig, 0.545, text("indicators.note", lang, year=year), size=7)


def _rank_chart(fig: Figure, b: Briefing, lang: str) -> None:
    _heading(fig, 0.5, text("rank", lang))
    scores = None if b.scores is None else b.scores
    cols = [] if scores is None else sorted(
        (c for c in scores.columns if str(c).startswith("p_rank")), key=lambda c: int(c[6:])
    )  # fmt: skip
    if scores is None or not cols:
        _note(fig, 0.47, text("rank.missing", lang))
        return
    frame = scores.set_index("park_id") if "park_id" in scores else scores
    others = frame.drop(index=[p for p in b.chosen if p in frame.index])
    order = list(b.chosen) + list(others.sort_values(cols[0], ascending=False).index[:5])
    data = frame.reindex(order)[cols].fillna(0.0)
    names = b.parks.set_index("park_id")["name"].reindex(order).fillna(pd.Series(order, order))
    ax = fig.add_axes((0.25, 0.1, 0.65, 0.36))
    left = pd.Series(0.0, index=data.index)
    cmap = matplotlib.colormaps["Blues_r"].resampled(len(cols) + 2)
    for k, column in enumerate(cols):
        label = text("rank.label", lang, k=int(column[6:]))
        ax.barh(names.tolist(), data[column], left=left, color=cmap(k), label=label)
        left = left + data[column]
    ax.invert_yaxis()
    ax.set_xlim(0, 1)
    ax.set_xlabel(text("rank.axis", lang), fontsize=8)
    ax.tick_params(labelsize=7)
    ax.legend(fontsize=7, ncols=min(len(cols), 5), loc="lower right")


def _page_scores(b: Briefing, lang: str, names: dict[str, str]) -> Figure:
    fig = Figure(figsize=A4)
    _score_table(fig, b, lang, names)
    _indicator_table(fig, b, lang, names)
    _rank_chart(fig, b, lang)
    return fig


def _totals_rows(totals: pd.DataFrame, lang: str) -> list[list[str]]:
    return [
        [
            text("total", lang) if key == "__total__" else str(key),
            str(int(r["count"])),
            _fmt(float(r["mu"]), 2),
            _fmt(float(r["ha"]), 4),
            _fmt(float(r["overlap_ha"]), 4),
        ]
        for key, r in totals.iterrows()
    ]


def _page_parameters(b: Briefing, lang: str) -> Figure:
    fig = Figure(figsize=A4)
    _heading(fig, 0.965, text("params", lang))
    rows = [
        [k, v if len(v) <= 70 else v[:69] + "…"] for k, v in parameter_rows(b.provenance.parameters)
    ]
    if not b.provenance.scenario:
        _note(fig, 0.935, text("params.missing", lang))
    _table(
        fig.add_axes((0.06, 0.5, 0.88, 0.42)),
        [text("col.parameter", lang), text("col.value", lang)],
        rows[:28],
        fontsize=6.5,
    )
    _heading(fig, 0.47, text("totals", lang))
    header = [text(f"col.{c}", lang) for c in ("group", "count", "mu", "ha", "overlap_ha")]
    for i, (key, column) in enumerate(
        (("by_type", "sanjiu_type"), ("by_mode", "redevelopment_mode"))
    ):
        fig.text(0.06, 0.44 - i * 0.17, text(f"totals.{key}", lang), fontsize=9, va="top")
        _table(
            fig.add_axes((0.06, 0.3 - i * 0.17, 0.88, 0.12)),
            header,
            _totals_rows(parcel_totals(b.parcels, column), lang),
        )
    lines = [text("totals.note", lang), *b.notes]
    _note(fig, 0.1, "\n".join(lines), size=7)
    return fig


def _texts(pages: list[Figure]) -> list[Text]:
    """Every text artist of the pages, table cells included."""
    texts = [t for fig in pages for t in fig.findobj(Text)]
    for fig in pages:
        for table in fig.findobj(Table):
            texts += [cell.get_text() for cell in table.get_celld().values()]
    return texts


def write_briefing(path: str | Path, briefing: Briefing, *, lang: str = "zh") -> Path:
    """Write the briefing PDF (three A4 pages, fonts embedded) to ``path``."""
    path = Path(path)
    checksum = list_checksum(briefing.parcels)
    facts = park_facts(
        briefing.parks, briefing.enterprises, briefing.parcels, list(briefing.chosen),
        year=briefing.year,
    )  # fmt: skip
    names = {str(k): str(v) for k, v in zip(facts["park_id"], facts["name"], strict=True)}
    created = briefing.provenance.created
    metadata = {
        "Title": text("title", lang),
        "Subject": briefing.provenance.scenario or ",".join(briefing.chosen),
        "Keywords": f"data_version={briefing.provenance.data_version}; sha256={checksum}",
        "Creator": briefing.provenance.tool,
        "CreationDate": datetime.fromisoformat(created) if created else None,
    }
    with matplotlib.rc_context({**_STYLE, "font.family": [register_cjk_font()]}):
        pages = [
            _page_parks(briefing, lang, facts),
            _page_scores(briefing, lang, names),
            _page_parameters(briefing, lang),
        ]
        for number, fig in enumerate(pages, start=1):
            _footer(fig, briefing, lang, number, len(pages), checksum)
            fig.draw_without_rendering()  # lays out ticks and wrapped text: their final text
    texts = _texts(pages)
    family = cjk_subset_font("".join(t.get_text() for t in texts))
    for t in texts:
        t.set_fontfamily(family)
    style: Any = {**_STYLE, "font.family": [family]}
    # plain Figure objects (no pyplot registry): nothing to close, nothing leaks on an error
    with (
        atomic_path(path) as tmp,
        matplotlib.rc_context(style),
        PdfPages(tmp, metadata=metadata) as pdf,
    ):
        for fig in pages:
            pdf.savefig(fig)
    return path
