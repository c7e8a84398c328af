"""Cached loaders: the only place the UI caches (STYLE.md habit 15).

Cache keys are the workspace path and its modification time, so a write to the workspace
invalidates every cached layer without hashing GeoDataFrames.
"""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import streamlit as st

from store.workspace import Workspace

__all__ = ["district_summary", "load_layer", "workspace"]


@st.cache_resource(show_spinner=False)
def _open(path: str | None) -> Workspace:
    return Workspace.open(path)


def workspace() -> Workspace:
    """The workspace named by ``PARKPLAN_WORKSPACE`` (created from the sample when missing)."""
    return _open(None)


def _stamp(ws: Workspace) -> float:
    return ws.path.stat().st_mtime_ns


@st.cache_data(show_spinner=False, max_entries=32)
def _read(path: str, stamp: float, layer: str) -> gpd.GeoDataFrame:
    return Workspace(Path(path)).read(layer)


def load_layer(layer: str) -> gpd.GeoDataFrame:
    """A layer of the current workspace (cached until the workspace file changes)."""
    ws = workspace()
    return _read(str(ws.path), _stamp(ws), layer)


@st.cache_data(show_spinner=False, max_entries=8)
def _info(path: str, stamp: float) -> dict[str, object]:
    return Workspace(Path(path)).info()


def district_summary() -> dict[str, object]:
    """``Workspace.info()`` of the current workspace, cached."""
    ws = workspace()
    return _info(str(ws.path), _stamp(ws))
