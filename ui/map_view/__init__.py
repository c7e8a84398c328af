"""Streamlit glue of the map page, one module per concern; this package is the page's one
namespace (``from ui import map_view as mv``). Drawing lives in ``layers/``, figures in
``geo.summary``, caches in ``ui.loaders``; nothing here computes.

- ``state``: widget values kept across pages, the comparison, the open card, search flights
- ``controls``: survey year, filter bar with search, settings panel
- ``component``: the map on the page and its caption
- ``card``: the park card, a registry of sections (``card_section``)
- ``compare``: the comparison table and charts
"""

from __future__ import annotations

from layers.frames import Filters, Frames
from ui.loaders import map_frames as frames
from ui.loaders import map_rasters as rasters
from ui.loaders import survey_years_of_workspace as survey_years
from ui.map_view.card import CardContext, card_section, register_card_section, show_card
from ui.map_view.compare import show_comparison
from ui.map_view.component import (
    bar_space,
    map_data,
    require_assets,
    show_map,
    shown_caption,
)
from ui.map_view.controls import filter_bar, search_box, settings_panel, year_select
from ui.map_view.state import (
    CURRENT,
    MAP_KEY,
    MAX_COMPARE,
    SELECTED,
    first_paint,
    kept,
    selected_parks,
)

__all__ = [
    "CURRENT",
    "MAP_KEY",
    "MAX_COMPARE",
    "SELECTED",
    "CardContext",
    "Filters",
    "Frames",
    "bar_space",
    "card_section",
    "filter_bar",
    "first_paint",
    "frames",
    "kept",
    "map_data",
    "rasters",
    "register_card_section",
    "require_assets",
    "search_box",
    "selected_parks",
    "settings_panel",
    "show_card",
    "show_comparison",
    "show_map",
    "shown_caption",
    "survey_years",
    "year_select",
]

# the screen's colourings and park-card section register themselves (issue 8)
import ui.screen.map  # noqa: F401
