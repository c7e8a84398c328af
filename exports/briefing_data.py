"""The figures of the briefing, as tables: park facts, §7 indicators, parcel totals, parameters.

Plain pandas. Park facts come from :func:`geo.summary.park_measures` (the map's park figures);
the indicators compared with DOMAIN.md §7 are ratios of sums over each park's firms of one survey
year (DOMAIN §2's formulas); parcel totals group the parcel list by 三旧 type and redevelopment
mode. Nothing is estimated: a figure without data stays empty and the briefing says so.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd

from exports.formats import table_frame
from geo.crs import M2_PER_HA, M2_PER_MU
from geo.summary import park_measures

__all__ = [
    "INDICATORS",
    "list_checksum",
    "parameter_rows",
    "parcel_totals",
    "park_facts",
    "reference_indicators",
]

# indicator → (numerator column, denominator column, scale applied to the denominator)
INDICATORS: dict[str, tuple[str, str, float]] = {
    "tax_per_mu": ("tax", "land_area_m2", 1.0 / M2_PER_MU),
    "labour_productivity": ("value_added", "employees", 1.0),
    "energy_per_va": ("_energy_tce", "value_added", 1.0),
    "plot_ratio": ("floor_area_m2", "land_area_m2", 1.0),
}


def park_facts(
    parks: gpd.GeoDataFrame,
    enterprises: pd.DataFrame,
    parcels: gpd.GeoDataFrame,
    chosen: list[str],
    *,
    year: int | None = None,
) -> pd.DataFrame:
    """Area, firms, employees, output, 三旧 share of the chosen parks, in the chosen order."""
    picked = parks[parks["park_id"].isin(chosen)]
    figures = park_measures(picked, enterprises, parcels, year=year)
    out = pd.concat([picked[["park_id", "name", "town"]], figures], axis=1)
    return out.set_index("park_id").loc[chosen].reset_index()


def reference_indicators(
    enterprises: pd.DataFrame, chosen: list[str], *, year: int | None = None
) -> pd.DataFrame:
    """The §7-comparable indicators of each chosen park (rows) from its firms of ``year``.

    A ratio whose denominator sums to zero (or whose inputs are all missing) is NaN.
    """
    from geo.energy import energy_tce

    if year is None:
        year = int(enterprises["survey_year"].max()) if len(enterprises) else 0
    firms = enterprises[
        (enterprises["survey_year"] == year) & enterprises["park_id"].isin(chosen)
    ].copy()
    firms["_energy_tce"] = energy_tce(firms)
    sums = firms.groupby("park_id").sum(numeric_only=True).reindex(chosen)
    out = pd.DataFrame(index=pd.Index(chosen, name="park_id"))
    for key, (num, den, scale) in INDICATORS.items():
        if num not in sums or den not in sums:
            out[key] = np.nan
            continue
        denominator = sums[den] * scale
        out[key] = (sums[num] / denominator.where(denominator > 0)).astype(float)
    return out


def parcel_totals(parcels: pd.DataFrame, by: str) -> pd.DataFrame:
    """Count, 亩, 公顷 and overlap (公顷) of the list per value of ``by``, plus a total row."""
    grouped = parcels.groupby(by, sort=True).agg(
        count=("parcel_id", "size"), m2=("area_m2", "sum"), overlap=("overlap_m2", "sum")
    )
    grouped.loc["__total__"] = [len(parcels), parcels["area_m2"].sum(), parcels["overlap_m2"].sum()]
    return pd.DataFrame(
        {
            "count": grouped["count"].astype(int),
            "mu": grouped["m2"] / M2_PER_MU,
            "ha": grouped["m2"] / M2_PER_HA,
            "overlap_ha": grouped["overlap"] / M2_PER_HA,
        },
        index=grouped.index,
    )


def _flatten(prefix: str, value: Any) -> list[tuple[str, str]]:
    if isinstance(value, Mapping):
        rows: list[tuple[str, str]] = []
        for k, v in value.items():
            rows += _flatten(f"{prefix}.{k}" if prefix else str(k), v)
        return rows
    if isinstance(value, float):
        return [(prefix, f"{value:g}")]
    if isinstance(value, list | tuple):
        return [(prefix, ", ".join(str(v) for v in value))]
    return [(prefix, str(value))]


def parameter_rows(parameters: Mapping[str, Any]) -> list[tuple[str, str]]:
    """Every scenario parameter as (dotted key, value), gate and weights first."""
    first = [k for k in ("method", "normalization", "weights", "gate") if k in parameters]
    rest = sorted(k for k in parameters if k not in first)
    rows: list[tuple[str, str]] = []
    for key in first + rest:
        rows += _flatten(key, parameters[key])
    return rows


def list_checksum(parcels: pd.DataFrame) -> str:
    """SHA-256 of the parcel list's table as UTF-8 CSV: the data the briefing summarises."""
    data = table_frame(parcels).to_csv(index=False).encode("utf-8")
    return hashlib.sha256(data).hexdigest()
