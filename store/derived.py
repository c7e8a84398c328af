"""Fields derived from other layers, re-derived in the same write that changes their sources.

A firm's ``town`` and ``park_id`` follow from where it lies (:func:`geo.joins.locate`, the one
function that assigns firms to towns and parks). Whenever a change writes towns, parks or
enterprises, :func:`with_derived` recomputes them for every firm of every survey year, so a park
re-imported without one of its neighbours leaves no firm pointing at it and no reader can see a
stale assignment. The towns of parks and parcels are input fields (DATA_MODEL.md: 所在镇街 is
given by the bureau that draws them), not derived.
"""

from __future__ import annotations

from collections.abc import Mapping

import geopandas as gpd
import pandas as pd

from geo.joins import locate
from store.workspace import Workspace

__all__ = ["DERIVED_FROM", "assign_firms", "with_derived"]

DERIVED_FROM = frozenset({"towns", "parks", "enterprises"})
_FIELDS = ("town", "park_id")


def assign_firms(
    firms: gpd.GeoDataFrame, towns: gpd.GeoDataFrame, parks: gpd.GeoDataFrame
) -> gpd.GeoDataFrame:
    """``firms`` with ``town`` and ``park_id`` derived from their location (a new frame)."""
    where = locate(firms, towns, parks)
    return firms.assign(town=where["town"], park_id=where["park_id"])


def _same(a: pd.Series, b: pd.Series) -> bool:
    left = a.astype(object).where(a.notna(), None).tolist()
    right = b.astype(object).where(b.notna(), None).tolist()
    return left == right


def with_derived(
    ws: Workspace, layers: Mapping[str, gpd.GeoDataFrame | pd.DataFrame]
) -> dict[str, gpd.GeoDataFrame | pd.DataFrame]:
    """``layers`` (about to be written) with the enterprises re-derived when towns, parks or
    enterprises are among them and any firm's town or park changes; otherwise as given."""
    out = dict(layers)
    if not DERIVED_FROM & set(out):
        return out
    stored = set(ws.layers())

    def current(name: str) -> gpd.GeoDataFrame:
        value = out.get(name)
        if isinstance(value, gpd.GeoDataFrame):
            return value
        return ws.read(name)

    if not {"towns", "parks", "enterprises"} <= (stored | set(out)):
        return out
    firms = current("enterprises")
    derived = assign_firms(firms, current("towns"), current("parks"))
    if "enterprises" in out or not all(
        f in firms.columns and _same(firms[f], derived[f]) for f in _FIELDS
    ):
        out["enterprises"] = derived
    return out
