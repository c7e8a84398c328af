"""Cached loaders: the only place the UI caches (STYLE.md habit 15).

Cache keys are the workspace path and its modification time, so a write to the workspace
invalidates every cached layer without hashing GeoDataFrames.
"""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import streamlit as st

from store.workspace import Workspace

__all__ = ["data_version", "district_summary", "load_layer", "workspace", "workspace_key"]


@st.cache_resource(show_spinner=False)
def _open(path: str | None) -> Workspace:
    return Workspace.open(path)


def workspace() -> Workspace:
    """The workspace named by ``PARKPLAN_WORKSPACE`` (created from the sample when missing)."""
    return _open(None)


def workspace_key() -> tuple[str, int]:
    """Cache key of the current workspace: its path and modification time."""
    ws = workspace()
    return str(ws.path), ws.path.stat().st_mtime_ns


@st.cache_data(show_spinner=False, max_entries=32)
def _read(path: str, stamp: int, layer: str) -> gpd.GeoDataFrame:
    return Workspace(Path(path)).read(layer)


def load_layer(layer: str) -> gpd.GeoDataFrame:
    """A layer of the current workspace (cached until the workspace file changes)."""
    return _read(*workspace_key(), layer)


@st.cache_data(show_spinner=False, max_entries=8)
def _info(path: str, stamp: int) -> dict[str, object]:
    return Workspace(Path(path)).info()


def district_summary() -> dict[str, object]:
    """``Workspace.info()`` of the current workspace, cached."""
    return _info(*workspace_key())


@st.cache_data(show_spinner=False, max_entries=8)
def _version(path: str, stamp: int) -> str:
    return Workspace(Path(path)).data_version()


def data_version() -> str:
    """The workspace's content hash, computed once per change of the file (not every rerun)."""
    return _version(*workspace_key())
