"""The park, town and district rows of :func:`scoring.land.balance.land_balance`: sums of the
firm table and of the 全面改造 parcels (the rules are in :mod:`scoring.land.freed` and
:mod:`scoring.land.balance`). Plain Python."""

from __future__ import annotations

import pandas as pd

from geo.renewal import RenewalAreas
from scoring.land.freed import FreedParcels
from scoring.land.potential import add_units

__all__ = ["PARK_COLUMNS", "TOWN_COLUMNS", "district_row", "park_rows", "town_rows"]

_FREED = ("freed_phase_out_m2", "freed_parcel_m2", "freed_plot_ratio_m2", "freed_m2")
_DEMAND = ("demand_m2", "allocated_m2", "unmet_m2")
TOWN_COLUMNS: tuple[str, ...] = (
    "town", "firms_in_scope", "phase_out_firms", "parcels", "firms_in_parcels",
    "plot_ratio_not_evaluated", *_FREED, "demand_firms", "demand_m2", "met_m2", "unmet_m2",
    "left_m2", "freed_to_demand", "met_full", "met_partial", "met_none",
)  # fmt: skip
PARK_COLUMNS: tuple[str, ...] = (
    "park_id", "name", "town", "area_id", "firms", "phase_out_firms", "firms_in_parcels",
    "plot_ratio_not_evaluated", "potential_floor_m2", "land_saved_m2", *_FREED, "demand_firms",
    *_DEMAND,
)  # fmt: skip
# the per-firm counts of :func:`_flags`
_COUNTS = (
    "firms_in_scope", "phase_out_firms", "firms_in_parcels", "plot_ratio_not_evaluated",
    "demand_firms", "met_full", "met_partial", "met_none",
)  # fmt: skip
_TOWN_AREAS = (*_FREED, "demand_m2", "met_m2", "unmet_m2", "left_m2")
_PARK_AREAS = ("land_saved_m2", *_FREED, *_DEMAND)


def _flags(table: pd.DataFrame) -> pd.DataFrame:
    """The per-firm indicators the rows count and sum."""
    scope = table["in_scope"].astype(bool)
    in_parcel = table["parcel_id"].notna()
    counted = scope & ~in_parcel
    out = table["phase_out"].astype(bool)
    return pd.DataFrame(
        {
            "firms_in_scope": scope,
            "phase_out_firms": counted & out,
            "firms_in_parcels": scope & in_parcel,
            "plot_ratio_not_evaluated": counted & ~out & table["freed_plot_ratio_m2"].isna(),
            "demand_firms": table["demand_m2"].notna(),
            "met_full": table["met"] == "full",
            "met_partial": table["met"] == "partial",
            "met_none": table["met"] == "none",
        },
        index=table.index,
    ).astype(int)


def _sums(frame: pd.DataFrame, key: str, columns: tuple[str, ...]) -> pd.DataFrame:
    return frame.groupby(key)[list(columns)].sum()


def town_rows(table: pd.DataFrame, in_parcels: pd.DataFrame, towns: list[str]) -> pd.DataFrame:
    """One row per town of ``towns`` (columns :data:`TOWN_COLUMNS` with ``_mu``/``_ha``)."""
    index = pd.Index(towns, name="town")
    counts = pd.concat([table[["town"]], _flags(table)], axis=1)
    rows = _sums(counts, "town", _COUNTS).reindex(index, fill_value=0)
    parcels = in_parcels.groupby("town")["area_m2"].agg(["size", "sum"])
    rows["parcels"] = parcels["size"].reindex(index, fill_value=0).astype(int)
    scope = table[table["in_scope"].astype(bool)]
    for column in ("freed_phase_out_m2", "freed_plot_ratio_m2"):
        rows[column] = scope.groupby("town")[column].sum().reindex(index, fill_value=0.0)
    rows["freed_parcel_m2"] = parcels["sum"].reindex(index, fill_value=0.0).astype(float)
    rows["freed_m2"] = rows[["freed_phase_out_m2", "freed_parcel_m2", "freed_plot_ratio_m2"]].sum(
        axis=1
    )
    demand = table[table["demand_m2"].notna()].groupby("town")
    rows["demand_m2"] = demand["demand_m2"].sum().reindex(index, fill_value=0.0)
    rows["met_m2"] = demand["allocated_m2"].sum().reindex(index, fill_value=0.0)
    rows["unmet_m2"] = demand["unmet_m2"].sum().reindex(index, fill_value=0.0)
    return _finish(rows.reset_index())


def _finish(rows: pd.DataFrame) -> pd.DataFrame:
    rows["left_m2"] = rows["freed_m2"] - rows["met_m2"]
    demand = rows["demand_m2"].where(rows["demand_m2"] > 0)
    rows["freed_to_demand"] = (rows["freed_m2"] / demand).astype(float)
    counts = [*_COUNTS, "parcels"]
    rows[counts] = rows[counts].astype(int)
    return add_units(rows.loc[:, list(TOWN_COLUMNS)], list(_TOWN_AREAS))


def district_row(towns: pd.DataFrame, label: str) -> pd.DataFrame:
    """The sums of ``towns`` in one row, ``town`` = ``label`` (ratio and units recomputed)."""
    base = [c for c in TOWN_COLUMNS if c not in ("town", "freed_to_demand", "left_m2")]
    row = towns[base].sum().to_frame().T
    row.insert(0, "town", label)
    return _finish(row)


def park_rows(
    table: pd.DataFrame,
    parks: pd.DataFrame,
    parcels: FreedParcels,
    scope: tuple[str, ...] | None,
    areas: RenewalAreas | None,
) -> pd.DataFrame:
    """One row per park of ``scope`` (every park when ``None``), columns :data:`PARK_COLUMNS`
    with ``_mu``/``_ha``; a 全面改造 parcel counts with its overlap with each park."""
    ids = parks["park_id"].astype(str)
    chosen = parks[ids.isin(scope)] if scope is not None else parks
    index = pd.Index(chosen["park_id"].astype(str), name="park_id")
    rows = pd.DataFrame(index=index)
    rows["name"] = chosen["name"].to_numpy() if "name" in chosen.columns else None
    rows["town"] = chosen["town"].to_numpy() if "town" in chosen.columns else None
    rows["area_id"] = areas.area_of("park").reindex(index).to_numpy() if areas else None
    mine = table[table["park_id"].notna()].assign(park_id=lambda t: t["park_id"].astype(str))
    counts = pd.concat([mine[["park_id"]], _flags(mine)], axis=1)
    rows["firms"] = mine.groupby("park_id").size().reindex(index, fill_value=0)
    for column in ("phase_out_firms", "firms_in_parcels", "plot_ratio_not_evaluated"):
        rows[column] = counts.groupby("park_id")[column].sum().reindex(index, fill_value=0)
    evaluated = mine[mine["evaluated"].astype(bool)].groupby("park_id")
    for column in ("potential_floor_m2", "land_saved_m2"):
        rows[column] = evaluated[column].sum().reindex(index)
    for column in ("freed_phase_out_m2", "freed_plot_ratio_m2"):
        rows[column] = mine.groupby("park_id")[column].sum().reindex(index, fill_value=0.0)
    in_scope = set(parcels.table.loc[parcels.table["in_scope"], "parcel_id"])
    overlap = parcels.overlaps[parcels.overlaps["parcel_id"].astype(str).isin(in_scope)]
    by_park = overlap.groupby(overlap["park_id"].astype(str))["overlap_m2"].sum()
    rows["freed_parcel_m2"] = by_park.reindex(index, fill_value=0.0).astype(float)
    rows["freed_m2"] = rows[["freed_phase_out_m2", "freed_parcel_m2", "freed_plot_ratio_m2"]].sum(
        axis=1
    )
    rows["demand_firms"] = (
        counts.groupby("park_id")["demand_firms"].sum().reindex(index, fill_value=0)
    )
    demand = mine[mine["demand_m2"].notna()].groupby("park_id")
    for column in _DEMAND:
        rows[column] = demand[column].sum().reindex(index, fill_value=0.0).astype(float)
    rows = rows.reset_index()
    ints = ["firms", "phase_out_firms", "firms_in_parcels", "plot_ratio_not_evaluated",
            "demand_firms"]  # fmt: skip
    rows[ints] = rows[ints].astype(int)
    rows["area_id"] = rows["area_id"].astype(object).where(rows["area_id"].notna(), None)
    return add_units(rows.loc[:, list(PARK_COLUMNS)], list(_PARK_AREAS))
