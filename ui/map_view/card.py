"""The park card: the open park's figures, industries, 三旧 parcels and the comparison button,
drawn as a list of sections from a registry.

A later issue adds a section (a five-excess grade mix, a retrofit score) without editing the
card: write a function of a :class:`CardContext` and register it with an ``order`` (built-in
sections: header 10, figures 20, industries 30, parcels 40, compare 90)::

    from ui.map_view.card import CardContext, card_section

    @card_section("retrofit", order=35)
    def retrofit(ctx: CardContext) -> None:
        st.markdown(f"**{t('retrofit.score')}**")
        ...

The module holding it must be imported before the page runs (e.g. from ``ui/map_view/__init__``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from html import escape

import pandas as pd
import streamlit as st

from errors import DuplicateKeyError
from geo.schema import label as field_label
from geo.summary import ParkCard
from layers.frames import Frames
from ui.i18n import lang, t
from ui.loaders import park_card_of
from ui.map_view.state import (
    CURRENT,
    MAX_COMPARE,
    add_to_comparison,
    remove_from_comparison,
    selected_parks,
)

__all__ = [
    "CARD_SECTIONS",
    "CardContext",
    "CardSection",
    "card_section",
    "card_sections",
    "md",
    "register_card_section",
    "show_card",
]


@dataclass(frozen=True)
class CardContext:
    """What a card section draws from: the park's card, the map's frames of the survey year
    (``frames.measures`` per park, ``frames.enterprises`` of the year …) and the language."""

    card: ParkCard
    frames: Frames
    lang: str


@dataclass(frozen=True)
class CardSection:
    """A part of the card: ``render(ctx)`` draws it; sections are drawn by rising ``order``."""

    key: str
    order: float
    render: Callable[[CardContext], None]


CARD_SECTIONS: dict[str, CardSection] = {}


def register_card_section(
    key: str, render: Callable[[CardContext], None], *, order: float, replace: bool = False
) -> CardSection:
    """Add ``render`` to the card as section ``key`` at ``order``."""
    if key in CARD_SECTIONS and not replace:
        msg = f"card section {key!r} exists; pass replace=True to change it"
        raise DuplicateKeyError(msg)
    CARD_SECTIONS[key] = CardSection(key, order, render)
    return CARD_SECTIONS[key]


def card_section(
    key: str, *, order: float, replace: bool = False
) -> Callable[[Callable[[CardContext], None]], Callable[[CardContext], None]]:
    """Decorator form of :func:`register_card_section`."""

    def wrap(render: Callable[[CardContext], None]) -> Callable[[CardContext], None]:
        register_card_section(key, render, order=order, replace=replace)
        return render

    return wrap


def card_sections() -> list[CardSection]:
    """The registered sections in drawing order."""
    return sorted(CARD_SECTIONS.values(), key=lambda s: s.order)


def md(text: object) -> str:
    """Escape Markdown so that names from data show as typed."""
    return re.sub(r"([\\`*_{}\[\]()#+\-.!|<>~$])", r"\\\1", str(text))


def show_card(f: Frames) -> None:
    """The card of the park in ``st.session_state["map_park"]``, or a hint."""
    park_id = st.session_state.get(CURRENT)
    if not park_id or park_id not in f.measures.index:
        st.info(t("map.card_hint"))
        return
    ctx = CardContext(park_card_of(str(park_id), year=f.year), f, lang())
    with st.container(border=True, key="park_card"):
        for section in card_sections():
            section.render(ctx)


# -- the built-in sections ----------------------------------------------------------------------

_CARD_CSS = """<style>
.pp-figs{display:grid;grid-template-columns:1fr 1fr;gap:8px;margin:2px 0 6px;}
.pp-fig{background:#f6f7f9;border-radius:8px;padding:7px 10px;min-width:0;}
.pp-fig .k{font-size:12px;color:#6b7785;}
.pp-fig .v{font-size:18px;font-weight:600;color:#1f2933;line-height:1.35;white-space:nowrap;
overflow:hidden;text-overflow:ellipsis;}
.pp-fig .s{font-size:12px;color:#52606d;white-space:nowrap;overflow:hidden;text-overflow:ellipsis;}
</style>"""


def figures_html(card: ParkCard) -> str:
    """The card's key figures as small tiles (every value escaped)."""
    firms = f"{card.firms:,} {t('map.unit.firms')}".strip()
    tiles = [
        (
            t("map.area"),
            f"{card.area_mu:,.0f} {t('unit.mu')}",
            f"{card.area_ha:,.1f} {t('unit.ha')}",
        ),
        (t("map.firms"), firms, t("map.firms_help", n=card.above_scale)),
        (t("map.employees"), f"{card.employees:,} {t('unit.people')}", ""),
        (t("map.output"), f"{card.gross_output:,.0f} {t('map.unit.wan_yuan')}", ""),
        (t("map.energy"), f"{card.energy_tce:,.0f} {t('map.unit.tce')}", ""),
        (t("map.water"), f"{card.water_m3 / 1e4:,.1f} {t('map.unit.wan_m3')}", ""),
        (t("map.sanjiu"), f"{card.sanjiu_share:.0%}", t("map.parcel_count", n=len(card.parcels))),
    ]
    cells = "".join(
        f'<div class="pp-fig"><div class="k">{escape(k)}</div><div class="v" title="{escape(v)}">'
        f'{escape(v)}</div><div class="s">{escape(sub) or "&nbsp;"}</div></div>'
        for k, v, sub in tiles
    )
    return f'{_CARD_CSS}<div class="pp-figs">{cells}</div>'


@card_section("header", order=10)
def _header(ctx: CardContext) -> None:
    card = ctx.card
    st.markdown(f"### {md(card.name)}")
    village = f" · {card.village}" if card.village else ""
    st.caption(md(t("map.card_id", id=card.park_id, town=card.town, village=village)))


@card_section("figures", order=20)
def _figures(ctx: CardContext) -> None:
    st.html(figures_html(ctx.card))
    st.caption(t("map.energy_help"))


@card_section("industries", order=30)
def _industries(ctx: CardContext) -> None:
    card = ctx.card
    st.markdown(f"**{t('map.industries', year=card.year)}**")
    if not card.industries:
        st.caption(t("map.no_firms", year=card.year))
        return
    people = "家" if ctx.lang == "zh" else "firms"
    st.markdown(
        "\n".join(
            f"- {md(i.division)} {md(i.name)} · {i.firms} {people}（{i.share:.0%}）"
            for i in card.industries
        )
    )


@card_section("parcels", order=40)
def _parcels(ctx: CardContext) -> None:
    card = ctx.card
    st.markdown(f"**{t('map.parcels', n=len(card.parcels))}**")
    if not card.parcels:
        st.caption(t("map.no_parcels"))
        return

    def head(field: str) -> str:
        return field_label("parcels", field, ctx.lang)

    st.dataframe(
        pd.DataFrame(
            {
                head("parcel_id"): [p.parcel_id for p in card.parcels],
                head("sanjiu_type"): [p.sanjiu_type for p in card.parcels],
                head("redevelopment_mode"): [p.redevelopment_mode for p in card.parcels],
                t("map.overlap_mu"): [round(p.overlap_mu, 1) for p in card.parcels],
            }
        ),
        hide_index=True,
        key="park_card_parcels",
        height=min(38 + 35 * len(card.parcels), 220),
    )


@card_section("compare", order=90)
def _compare_button(ctx: CardContext) -> None:
    park_id = ctx.card.park_id
    chosen = selected_parks()
    if park_id in chosen:
        st.button(
            t("map.remove_compare"),
            key="map_remove_compare",
            on_click=remove_from_comparison,
            args=(park_id,),
            icon=":material/remove:",
        )
        return
    full = len(chosen) >= MAX_COMPARE
    st.button(
        t("map.add_compare"),
        key="map_add_compare",
        on_click=add_to_comparison,
        args=(park_id,),
        disabled=full,
        help=t("map.compare_full") if full else None,
        icon=":material/add:",
        type="primary",
    )
