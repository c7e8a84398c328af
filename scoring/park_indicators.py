"""Per-park indicators of the six circular-retrofit measures (DOMAIN.md §3), raw and unscaled.

Every figure comes from the firms inside the park in one survey year (a spatial join, not the
stored ``park_id``), the heat sources and sewage plants (distances in EPSG:4547), the 三旧
parcels and the irradiance raster (zonal mean with exactextract). Nothing here normalises or
weighs: :mod:`scoring.park_measures` does that over the eligible parks.

Code sets (pollution-intensive industries, chain links, waste-to-input pairs) are GB/T 4754
prefixes (a 4-digit class, 3-digit group or 2-digit division) from ``[park_score]`` of the
configuration; they are matched on the distinct (park, class) pairs, never per firm row.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import geopandas as gpd
import numpy as np
import pandas as pd

from geo.crs import AREA_CRS, require_crs
from geo.park_geometry import covered_share, nearest_distance_m, points_in_polygons
from geo.zonal import zonal_mean
from scoring.energy import ENERGY_INPUTS

__all__ = [
    "GJ_PER_TCE",
    "THERMAL_FUELS",
    "IndicatorTable",
    "ParkLayers",
    "park_indicators",
    "prefix_member",
]

log = logging.getLogger(__name__)

GJ_PER_TCE = 29.3076  # 1 tce = 7 000 kcal = 29.3076 GJ (GB/T 2589)
# thermal fuels of DOMAIN §3 (coal, gas, oil incl. diesel, LPG, purchased heat): all but electricity
THERMAL_FUELS = tuple(c for c in ENERGY_INPUTS if c != "electricity_kwh")
ONSITE_FUELS = ("natural_gas_m3", "coal_t", "diesel_t", "fuel_oil_t", "lpg_t")
SUMMED = ("wastewater_t", "cod_t", "water_m3", "solid_waste_t", "electricity_kwh")


class _Source(Protocol):
    """What :meth:`ParkLayers.from_workspace` needs (``store.workspace.Workspace`` has it)."""

    def read(self, layer: str) -> gpd.GeoDataFrame: ...

    def raster_path(self, kind: str) -> Path: ...


@dataclass(frozen=True)
class ParkLayers:
    """The workspace layers the park score reads (EPSG:4326 GeoDataFrames)."""

    parks: gpd.GeoDataFrame
    enterprises: gpd.GeoDataFrame
    parcels: gpd.GeoDataFrame
    heat_sources: gpd.GeoDataFrame
    sewage_plants: gpd.GeoDataFrame
    irradiance: Path | None = None  # GeoTIFF path; None → the configured constant

    @classmethod
    def from_workspace(cls, workspace: _Source) -> ParkLayers:
        """The layers of a workspace; no irradiance raster file → ``irradiance=None``."""
        raster = workspace.raster_path("irradiance")
        return cls(
            parks=workspace.read("parks"),
            enterprises=workspace.read("enterprises"),
            parcels=workspace.read("parcels"),
            heat_sources=workspace.read("heat_sources"),
            sewage_plants=workspace.read("sewage_plants"),
            irradiance=raster if raster.exists() else None,
        )


@dataclass(frozen=True)
class IndicatorTable:
    """Raw indicators, one row per park (parks' order), and how they were obtained."""

    table: pd.DataFrame
    year: int
    latest_year: int
    irradiance_source: str  # "raster" or "constant"
    notes: tuple[str, ...] = field(default_factory=tuple)


def prefix_member(codes: pd.Index | pd.Series, prefixes: Sequence[str]) -> np.ndarray:
    """Boolean per code: does it start with one of ``prefixes`` (GB/T 4754 class/group/division)."""
    values = pd.Series(np.asarray(codes, dtype=object)).astype(str)
    if not prefixes:
        return np.zeros(len(values), dtype=bool)
    return values.str.startswith(tuple(str(p) for p in prefixes)).to_numpy()


def _thermal_gj(firms: pd.DataFrame, factors: Mapping[str, float]) -> np.ndarray:
    total = np.zeros(len(firms))
    for column in THERMAL_FUELS:
        key, per_unit = ENERGY_INPUTS[column]
        if column in firms.columns:
            qty = pd.to_numeric(firms[column], errors="coerce").fillna(0.0).to_numpy()
            total += qty * per_unit * float(factors[key])
    return total / 1000.0 * GJ_PER_TCE


def _numeric(firms: pd.DataFrame, column: str) -> np.ndarray:
    if column not in firms.columns:
        return np.zeros(len(firms))
    return pd.to_numeric(firms[column], errors="coerce").fillna(0.0).to_numpy(dtype=float)


def _firm_sums(firms: pd.DataFrame, park: pd.Series, factors: Mapping[str, float]) -> pd.DataFrame:
    onsite = np.zeros(len(firms), dtype=bool)
    for column in ONSITE_FUELS:
        onsite |= _numeric(firms, column) > 0
    data = {c: _numeric(firms, c) for c in SUMMED}
    data["thermal_gj"] = _thermal_gj(firms, factors)
    data["fuel_firms"] = onsite.astype(float)
    data["firms"] = np.ones(len(firms))
    frame = pd.DataFrame(data, index=firms.index)
    frame["park_id"] = park.to_numpy()
    return frame.dropna(subset=["park_id"]).groupby("park_id").sum()


def _pair_counts(firms: pd.DataFrame, park: pd.Series) -> pd.DataFrame:
    """Firms per distinct (park, industry class)."""
    frame = pd.DataFrame(
        {"park_id": park.to_numpy(), "code": firms["industry_code"].astype(str).to_numpy()}
    ).dropna(subset=["park_id"])
    return frame.groupby(["park_id", "code"], sort=False).size().rename("n").reset_index()


def _any_by_park(pairs: pd.DataFrame, prefixes: Sequence[str]) -> pd.Series:
    hit = prefix_member(pairs["code"], prefixes)
    return pd.Series(hit, index=pairs.index).groupby(pairs["park_id"].to_numpy()).any()


def _code_indicators(pairs: pd.DataFrame, settings: Mapping[str, Any]) -> pd.DataFrame:
    """Pollution share, chain completion (best chain), recycling pairs and Shannon diversity."""
    ind = settings["indicators"]
    by_park = pairs.groupby("park_id")["n"]
    firms = by_park.sum()
    polluting = prefix_member(pairs["code"], ind["pollution_intensive"])
    pol = pd.Series(np.where(polluting, pairs["n"], 0), index=pairs.index)
    out = pd.DataFrame(index=firms.index)
    out["pollution_share"] = pol.groupby(pairs["park_id"].to_numpy()).sum() / firms
    p = pairs["n"] / by_park.transform("sum")
    out["diversity"] = (-(p * np.log(p))).groupby(pairs["park_id"].to_numpy()).sum()
    shares = {}
    for chain, links in settings["chains"].items():
        present = sum(_any_by_park(pairs, [link]).astype(int) for link in links)
        shares[chain] = present / max(len(links), 1)
    chain_frame = pd.DataFrame(shares).reindex(out.index).fillna(0.0)
    out["chain_share"] = chain_frame.max(axis=1) if len(shares) else 0.0
    out["best_chain"] = chain_frame.idxmax(axis=1) if len(shares) else ""
    count = pd.Series(0, index=out.index)
    for pair in settings["recycling_pairs"]:
        to_hit = prefix_member(pairs["code"], pair["to"])
        from_hit = prefix_member(pairs["code"], pair["from"]) & ~to_hit
        key = pairs["park_id"].to_numpy()
        has_to = pd.Series(to_hit).groupby(key).any()
        has_from = pd.Series(from_hit).groupby(key).any()
        count = count.add((has_to & has_from).astype(int), fill_value=0)
    out["recycling_pairs"] = count.astype(int)
    return out


def _year_firms(
    enterprises: gpd.GeoDataFrame, parks: gpd.GeoDataFrame, year: int
) -> tuple[gpd.GeoDataFrame, pd.Series]:
    firms = enterprises[enterprises["survey_year"].astype(int) == year]
    return firms, points_in_polygons(firms, parks, id_column="park_id")


def _irradiance(
    parks: gpd.GeoDataFrame, raster: Path | None, constant: float
) -> tuple[np.ndarray, str, list[str]]:
    if raster is None or not Path(raster).exists():
        note = f"no irradiance raster: constant {constant:g} kWh/m²/yr used for every park"
        return np.full(len(parks), constant), "constant", [note]
    values = zonal_mean(parks, raster).to_numpy()
    missing = np.isnan(values)
    notes = []
    if missing.any():
        notes.append(
            f"{int(missing.sum())} park(s) outside the irradiance raster: "
            f"constant {constant:g} kWh/m²/yr used for them"
        )
    return np.where(missing, constant, values), "raster", notes


def _roof_m2(parks: gpd.GeoDataFrame, area_m2: np.ndarray) -> np.ndarray:
    roof = (
        pd.to_numeric(parks["roof_area_m2"], errors="coerce").to_numpy(dtype=float)
        if "roof_area_m2" in parks.columns
        else np.full(len(parks), np.nan)
    )
    cover = (
        pd.to_numeric(parks["building_coverage"], errors="coerce").to_numpy(dtype=float)
        if "building_coverage" in parks.columns
        else np.full(len(parks), np.nan)
    )
    fallback = np.nan_to_num(cover * area_m2, nan=0.0)
    return np.where(np.isfinite(roof) & (roof > 0), roof, fallback)


def _proximity(distance_m: pd.Series, cutoff_km: float) -> np.ndarray:
    km = distance_m.to_numpy() / 1000.0
    return np.nan_to_num(np.clip(1.0 - km / cutoff_km, 0.0, 1.0), nan=0.0)


def park_indicators(
    layers: ParkLayers,
    *,
    settings: Mapping[str, Any],
    energy_factors: Mapping[str, float],
    year: int | None = None,
    on_progress: Callable[[float, str], None] | None = None,
) -> IndicatorTable:
    """The raw indicators of DOMAIN §3 for every park.

    Parameters
    ----------
    layers
        Parks, enterprises, parcels, heat sources, sewage plants and the irradiance raster path.
    settings
        The ``[park_score]`` table of the configuration.
    energy_factors
        The ``[energy]`` table (kgce per unit) for the thermal-fuel demand.
    year
        Survey year of the firms; the latest when ``None`` or 0. The gate's firm count always
        uses the latest year.
    on_progress
        Called with (fraction, message).

    Returns
    -------
    IndicatorTable
        ``table`` on the parks' index with ``park_id``, ``name``, ``town`` and the indicators.
    """
    progress = on_progress or (lambda _f, _m: None)
    parks = require_crs(layers.parks, source="parks")
    ent = layers.enterprises
    latest = int(ent["survey_year"].max()) if len(ent) else 0
    year = latest if not year else int(year)
    ind = settings["indicators"]
    progress(0.05, "spatial join of firms to parks")
    firms, park_of = _year_firms(ent, parks, year)
    if year == latest:
        latest_count = park_of.value_counts()
    else:
        latest_count = _year_firms(ent, parks, latest)[1].value_counts()
    progress(0.35, "per-park sums")
    sums = _firm_sums(firms, park_of, energy_factors)
    codes = _code_indicators(_pair_counts(firms, park_of), settings)
    ids = parks["park_id"].to_numpy()
    sums = sums.reindex(ids).fillna(0.0)
    codes = codes.reindex(ids)
    area_m2 = parks.geometry.to_crs(AREA_CRS).area.to_numpy()
    km2 = area_m2 / 1e6
    progress(0.55, "distances and 三旧 overlap")
    heat_m = nearest_distance_m(parks, layers.heat_sources)
    sewage_m = nearest_distance_m(parks, layers.sewage_plants)
    parcels = layers.parcels
    demolition = parcels[parcels["redevelopment_mode"].astype(str) == "全面改造"]
    progress(0.7, "irradiance zonal mean")
    irr, irr_source, notes = _irradiance(parks, layers.irradiance, float(ind["irradiance_kwh_m2"]))
    roof = _roof_m2(parks, area_m2)
    pv_kwh = (
        roof
        * irr
        * ind["pv_usable_share"]
        * ind["pv_module_efficiency"]
        * ind["pv_performance_ratio"]
    )
    use = sums["electricity_kwh"].to_numpy()
    coverage = np.divide(np.minimum(pv_kwh, use), use, out=np.zeros_like(use), where=use > 0)
    dens = {
        c: np.divide(sums[c].to_numpy(), km2, out=np.zeros_like(km2), where=km2 > 0)
        for c in ("thermal_gj", "wastewater_t", "cod_t", "water_m3", "solid_waste_t")
    }
    table = pd.DataFrame(
        {
            "park_id": ids,
            "name": parks["name"].to_numpy() if "name" in parks else ids,
            "town": parks["town"].to_numpy() if "town" in parks else "",
            "area_ha": area_m2 / 1e4,
            "in_industrial_block": parks.get(
                "in_industrial_block", pd.Series(True, index=parks.index)
            )
            .fillna(False)
            .astype(bool)
            .to_numpy(),
            "firms": sums["firms"].astype(int).to_numpy(),
            "firms_latest": latest_count.reindex(ids).fillna(0).astype(int).to_numpy(),
            "demolition_share": covered_share(parks, demolition).to_numpy(),
            "sanjiu_share": covered_share(parks, parcels).to_numpy(),
            "thermal_gj_per_km2": dens["thermal_gj"],
            "fuel_firms": sums["fuel_firms"].astype(int).to_numpy(),
            "heat_km": heat_m.to_numpy() / 1000.0,
            "heat_proximity": _proximity(heat_m, float(ind["heat_source_cutoff_km"])),
            "wastewater_t_per_km2": dens["wastewater_t"],
            "cod_t_per_km2": dens["cod_t"],
            "pollution_share": codes["pollution_share"].fillna(0.0).to_numpy(),
            "water_m3_per_km2": dens["water_m3"],
            "sewage_km": sewage_m.to_numpy() / 1000.0,
            "sewage_proximity": _proximity(sewage_m, float(ind["sewage_plant_cutoff_km"])),
            "solid_waste_t_per_km2": dens["solid_waste_t"],
            "recycling_pairs": codes["recycling_pairs"].fillna(0).astype(int).to_numpy(),
            "roof_m2": roof,
            "irradiance_kwh_m2": irr,
            "pv_kwh": pv_kwh,
            "electricity_kwh": use,
            "pv_coverage": coverage,
            "chain_share": codes["chain_share"].fillna(0.0).to_numpy(),
            "best_chain": codes["best_chain"].fillna("").to_numpy(),
            "diversity": codes["diversity"].fillna(0.0).to_numpy(),
        },
        index=parks.index,
    )
    progress(1.0, "indicators done")
    log.info(
        "indicators of %s parks from %s firms of %s", f"{len(table):,}", f"{len(firms):,}", year
    )
    return IndicatorTable(table, year, latest, irr_source, tuple(notes))
