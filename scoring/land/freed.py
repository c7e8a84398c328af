"""Land freed for new projects, by kind, and where it lies (the supply side of
:mod:`scoring.land.balance`).

Three kinds, each counted once:

``phase_out``
    the ``land_area_m2`` of a five-excess phase-out candidate (the screen's ``phase_out``:
    ``flag_count ≥ [five_excess] min_flags``);
``parcel``
    a 三旧 parcel whose ``redevelopment_mode`` is 全面改造 (demolition and rebuilding), its whole
    area measured in EPSG:4547;
``plot_ratio``
    the 厂房加层 land saved (:mod:`scoring.land.potential`) of every other firm.

No double counting: a firm whose point lies in a 全面改造 parcel counts only through that parcel
(its own land, phase-out or 加层, is part of the parcel's area); a phase-out candidate's land is
freed whole, so it gets no 加层 saving. A firm outside the scope frees nothing. 三旧 parcels are
taken as not overlapping one another (标图入库 parcels are disjoint).

Scope: the whole district (``scope=None``) or a set of parks: then only the firms whose
``park_id`` is one of them and the 全面改造 parcels overlapping one of them (by more than
0.01 m²; the whole parcel counts) free land. Per park, a parcel counts with its overlap with
that park, so a parcel across two parks is split between them and its part outside every park
is in no park's row (only in its town's). Plain Python.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd

from geo.crs import AREA_CRS, require_crs
from geo.park_geometry import points_in_polygons
from geo.summary import parcel_overlaps

__all__ = [
    "DEMOLITION",
    "FREED_KINDS",
    "FreedParcels",
    "demolition_parcels",
    "freed_by_firm",
]

DEMOLITION = "全面改造"
# kind → (zh, en) label
FREED_KINDS: dict[str, tuple[str, str]] = {
    "phase_out": ("淘汰类企业用地", "phase-out candidates' land"),
    "parcel": ("全面改造三旧地块", "三旧 parcels to be rebuilt (全面改造)"),
    "plot_ratio": ("厂房加层节约用地", "land saved by adding floors (厂房加层)"),
}


@dataclass(frozen=True)
class FreedParcels:
    """The 全面改造 parcels: ``table`` (``parcel_id``, ``name``, ``town``, ``park_ids``,
    ``area_m2``, ``in_scope``), ``overlaps`` with the parks (``park_id``, ``parcel_id``,
    ``overlap_m2``) and their ``shapes`` (``parcel_id``, geometry, as stored)."""

    table: pd.DataFrame
    overlaps: pd.DataFrame
    shapes: gpd.GeoDataFrame


def _column(frame: pd.DataFrame, name: str) -> pd.Series:
    if name in frame.columns:
        return frame[name]
    return pd.Series(None, index=frame.index, dtype=object)


def demolition_parcels(
    parcels: gpd.GeoDataFrame,
    parks: gpd.GeoDataFrame,
    *,
    scope: Collection[str] | None = None,
) -> FreedParcels:
    """The 全面改造 parcels, their area (m², EPSG:4547), the parks they overlap, and whether
    they are in ``scope`` (every one when ``scope`` is ``None``; else those overlapping one of
    the scope's parks)."""
    require_crs(parcels, source="parcels")
    require_crs(parks, source="parks")
    mode = _column(parcels, "redevelopment_mode").astype("string").str.strip()
    chosen = parcels[(mode == DEMOLITION).fillna(False).to_numpy()]
    overlaps = parcel_overlaps(parks, chosen)
    ids = chosen["parcel_id"].astype(str)
    by_parcel = overlaps.groupby("parcel_id")["park_id"].agg(lambda s: ";".join(sorted(s)))
    area = chosen.geometry.to_crs(AREA_CRS).area if len(chosen) else pd.Series(dtype=float)
    if scope is None:
        in_scope = np.ones(len(chosen), dtype=bool)
    else:
        wanted = {str(p) for p in scope}
        touching = set(overlaps.loc[overlaps["park_id"].isin(wanted), "parcel_id"].astype(str))
        in_scope = ids.isin(touching).to_numpy()
    table = pd.DataFrame(
        {
            "parcel_id": ids.to_numpy(),
            "name": _column(chosen, "name").to_numpy(),
            "town": _column(chosen, "town").to_numpy(),
            "park_ids": ids.map(by_parcel).fillna("").to_numpy(),
            "area_m2": np.asarray(area, dtype=float),
            "in_scope": in_scope,
        }
    )
    shapes = chosen[["parcel_id", "geometry"]].reset_index(drop=True)
    return FreedParcels(table, overlaps, shapes)


def freed_by_firm(
    potential: pd.DataFrame,
    firms: gpd.GeoDataFrame,
    phase_out: pd.Series,
    parcels: FreedParcels,
    *,
    scope: Collection[str] | None = None,
) -> pd.DataFrame:
    """What each firm frees (on the firms' index): ``in_scope``, ``phase_out``, ``parcel_id``
    (the 全面改造 parcel its point lies in, if any), ``freed_phase_out_m2``,
    ``freed_plot_ratio_m2`` (missing when the firm's 加层 potential could not be evaluated) and
    ``freed_m2`` (their sum, a missing 加层 figure counted as 0).

    ``potential`` is :func:`scoring.land.potential.plot_ratio_potential` of ``firms``;
    ``phase_out`` a boolean Series on the same index.
    """
    require_crs(firms, source="enterprises")
    index = firms.index
    if scope is None:
        in_scope = pd.Series(True, index=index)
    else:
        in_scope = _column(firms, "park_id").astype("string").isin([str(p) for p in scope])
        in_scope = in_scope.fillna(False).astype(bool)
    if len(parcels.shapes) and len(firms):
        shapes = gpd.GeoDataFrame(parcels.shapes, geometry="geometry", crs=parcels.shapes.crs)
        parcel_id = points_in_polygons(firms.geometry, shapes, id_column="parcel_id")
        parcel_id = parcel_id.astype(object).where(parcel_id.notna(), None)
    else:
        parcel_id = pd.Series(None, index=index, dtype=object)
    in_parcel = parcel_id.notna()
    out_flag = phase_out.reindex(index).fillna(False).astype(bool)
    land = pd.to_numeric(potential["land_area_m2"], errors="coerce").fillna(0.0)
    counted = in_scope & ~in_parcel
    freed_out = land.where(counted & out_flag, 0.0)
    saving = potential["land_saved_m2"].astype(float)
    freed_pr = saving.where(counted & ~out_flag, 0.0)
    freed_pr = freed_pr.mask(counted & ~out_flag & saving.isna(), np.nan)
    return pd.DataFrame(
        {
            "in_scope": in_scope.to_numpy(),
            "phase_out": out_flag.to_numpy(),
            "parcel_id": parcel_id.to_numpy(),
            "freed_phase_out_m2": freed_out.to_numpy(),
            "freed_plot_ratio_m2": freed_pr.to_numpy(),
            "freed_m2": (freed_out + freed_pr.fillna(0.0)).to_numpy(),
        },
        index=index,
    )
