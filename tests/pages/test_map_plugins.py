"""What later issues plug into the map page without editing it: a card section and a colouring
for towns (the same registry serves parks and enterprises)."""

from __future__ import annotations

import json

import pandas as pd
import pytest
import streamlit as st

from errors import DuplicateKeyError
from tests.pages.conftest import open_map


def _script(at) -> str:
    found = [el for el in at.get("component_instance") if "js_links" in el.proto.json_args]
    return json.loads(found[0].proto.json_args)["script"]


@pytest.fixture
def extra_section():
    from ui.map_view.card import CARD_SECTIONS, CardContext, card_section

    @card_section("t_extra", order=25)
    def extra(ctx: CardContext) -> None:
        st.markdown(
            f"插件分区 {ctx.card.park_id} {ctx.frames.measures.at[ctx.card.park_id, 'firms']}"
        )

    yield extra
    CARD_SECTIONS.pop("t_extra")


def test_a_registered_card_section_is_drawn_in_its_place(app, extra_section):
    from ui.map_view.card import card_section, card_sections

    assert [s.key for s in card_sections()] == [
        "header",
        "figures",
        "t_extra",
        "industries",
        "screen",  # issue 8: the park's grade mix and phase-out count (ui/screen/map.py)
        "firm_profiles",  # issue 23: a firm of the park to open its profile (ui/firm/card.py)
        "land",  # issue 21: the park's 厂房加层 potential (ui/land/map.py)
        "projects",  # issue 24: the park's retrofit projects (ui/projects/card.py)
        "parcels",
        "compare",
    ]
    with pytest.raises(DuplicateKeyError, match="card section 't_extra' exists"):
        card_section("t_extra", order=1)(lambda ctx: None)
    at = open_map(app)
    at.text_input(key="map_search").set_value("旧水坑").run()
    park = at.session_state["map_park"]
    texts = [m.value for m in at.markdown]
    mine = [i for i, v in enumerate(texts) if v.startswith("插件分区")]
    assert len(mine) == 1
    assert texts[mine[0]].startswith(f"插件分区 {park} ")
    industries = next(i for i, v in enumerate(texts) if "主要行业" in v)
    assert mine[0] < industries  # order 25: after the figures, before the industries


@pytest.fixture
def no_town_colourings():
    """The map as it is before any issue registers a towns colouring (the targets issue does)."""
    from layers.colourings import COLOURINGS

    saved = dict(COLOURINGS.get("towns", {}))
    COLOURINGS["towns"] = {}
    yield
    COLOURINGS["towns"] = saved


@pytest.fixture
def town_colouring(no_town_colourings):
    import layers
    from layers.colourings import COLOURINGS

    item = layers.Colouring(
        key="t_target",
        label=("目标完成度", "Target completion"),
        column="t_target",
        kind="quantity",
        palette=("#f1eef6", "#74a9cf", "#045a8d"),
        bins=(0, 0.5, 1.0, 2.0),
        fmt="{:.0%}",
        compute=lambda f: pd.Series(0.75, index=f.index),
    )
    layers.register_colouring("towns", item)
    yield item
    COLOURINGS["towns"].pop("t_target")


def test_no_towns_colouring_no_towns_selectbox(app, no_town_colourings):
    at = open_map(app)
    assert not [s for s in at.selectbox if s.key == "map_colour_towns"]


def test_a_towns_colouring_is_offered_and_drawn(app, town_colouring):
    at = open_map(app)
    box = at.selectbox(key="map_colour_towns")
    assert box.options == ["仅边界", "目标完成度"]
    assert box.value == ""  # towns start as plain outlines
    assert "目标完成度" not in _script(at)
    box.set_value("t_target").run()
    assert "镇街 · 目标完成度" in _script(at)


def test_the_main_map_colours_parks_by_the_retrofit_score(app):
    """Registered by ui/retrofit/map.py (imported by app.py): offered on the map page, with the
    default settings' scores until the retrofit page has run, and its latest scores after."""
    from config import load_settings
    from scoring.parks.indicators import ParkLayers, park_indicators
    from scoring.parks.score import rank_parks
    from store.workspace import Workspace

    at = open_map(app)
    box = at.selectbox(key="map_colour_parks")
    assert "循环化改造评分" in box.options
    box.set_value("retrofit_score").run()
    assert not at.exception
    assert "循环化改造评分" in _script(at)
    cfg = load_settings()
    ind = park_indicators(
        ParkLayers.from_workspace(Workspace.open()),
        settings=cfg.park_score,
        energy_factors=cfg.energy.model_dump(),
    )
    table = rank_parks(ind, cfg.park_score).table
    best = table.dropna(subset=["score"]).sort_values("score").iloc[-1]
    assert f"{best['score']:.3f}" in _script(at)  # the tooltip value of the best park
