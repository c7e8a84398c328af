"""The screen settings in force, shared by the screen page, the map's colourings and the park
card: kept in ``st.session_state["screen_config"]`` (the defaults until the page has run)."""

from __future__ import annotations

import copy
from typing import Any

import streamlit as st

from scoring.screen.config import load_screen_config

__all__ = ["BASE", "CONFIG", "current_config"]

BASE, CONFIG = "screen_base", "screen_config"


def current_config() -> dict[str, Any]:
    """The settings in force (a copy; the defaults before the screen page first runs)."""
    config = st.session_state.get(CONFIG)
    return copy.deepcopy(config) if config else load_screen_config()
