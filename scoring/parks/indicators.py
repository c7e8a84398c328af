"""Per-park indicators of the six circular-retrofit measures (DOMAIN.md §3), raw and unscaled.

Every figure comes from the firms inside the park in one survey year (a spatial join, not the
stored ``park_id``), the heat sources and sewage plants (distances in EPSG:4547), the 三旧
parcels and the irradiance raster (zonal mean with exactextract). Nothing here normalises or
weighs: :mod:`scoring.parks.measures` does that over the eligible parks.

Code sets (pollution-intensive industries, chain links, waste-to-input pairs) are GB/T 4754
prefixes (a 4-digit class, 3-digit group or 2-digit division) from ``[park_score]`` of the
configuration; they are matched on the distinct (park, class) pairs, never per firm row.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

import geopandas as gpd
import numpy as np
import pandas as pd

from config.settings import IndicatorSettings, ParkScoreSettings
from geo.crs import AREA_CRS, require_crs
from geo.energy import ENERGY_INPUTS
from geo.park_geometry import containing_polygon, covered_share, nearest_distance_m
from geo.zonal import zonal_mean

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
# the firm fields the indicators read: a workspace hands over only these (at province scale,
# reading the survey's 40 columns of a million firms was half the pipeline's time)
FIRM_COLUMNS = sorted({"survey_year", "industry_code", *ONSITE_FUELS, *SUMMED, *THERMAL_FUELS})


class _Source(Protocol):
    """What :meth:`ParkLayers.from_workspace` needs (``store.workspace.Workspace`` has it)."""

    def read(self, layer: str, *, columns: list[str] | None = None) -> gpd.GeoDataFrame: ...

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
            enterprises=workspace.read("enterprises", columns=FIRM_COLUMNS),
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


def _firm_sums(
    firms: pd.DataFrame, park_pos: np.ndarray, n_parks: int, factors: Mapping[str, float]
) -> dict[str, np.ndarray]:
    """Per park (by position): sums of the firms inside it."""
    inside = park_pos >= 0
    pos = park_pos[inside]
    onsite = np.zeros(len(firms), dtype=bool)
    for column in ONSITE_FUELS:
        onsite |= _numeric(firms, column) > 0
    data = {c: _numeric(firms, c) for c in SUMMED}
    data["thermal_gj"] = _thermal_gj(firms, factors)
    data["fuel_firms"] = onsite.astype(float)
    data["firms"] = np.ones(len(firms))
    return {
        k: np.bincount(pos, weights=v[inside], minlength=n_parks).astype(float)
        for k, v in data.items()
    }


@dataclass(frozen=True)
class _Pairs:
    """Distinct (park, industry class) pairs with their firm counts, factorised."""

    park: np.ndarray  # park position (0 … n_parks - 1) per pair
    code: np.ndarray  # position in ``codes`` per pair
    n: np.ndarray  # firms per pair
    codes: pd.Index  # distinct classes
    n_parks: int

    def member(self, prefixes: Sequence[str]) -> np.ndarray:
        """Per pair: does its class start with one of ``prefixes`` (tested once per class)."""
        return prefix_member(self.codes, prefixes)[self.code]

    def any_by_park(self, hit: np.ndarray) -> np.ndarray:
        """Per park: does any of its pairs hit."""
        return np.bincount(self.park, weights=hit, minlength=self.n_parks) > 0

    def present(self, prefix_sets: Sequence[Sequence[str]]) -> np.ndarray:
        """Parks × sets: does the park hold a class of each prefix set (one sparse product)."""
        from scipy.sparse import csr_matrix

        member = np.column_stack([prefix_member(self.codes, p) for p in prefix_sets])
        has = csr_matrix(
            (np.ones(len(self.park)), (self.park, self.code)),
            shape=(self.n_parks, max(len(self.codes), 1)),
        )
        codes_by_set = np.zeros((has.shape[1], len(prefix_sets)))
        codes_by_set[: len(self.codes)] = member
        return np.asarray(has @ codes_by_set) > 0

    def sum_by_park(self, values: np.ndarray) -> np.ndarray:
        return np.bincount(self.park, weights=values, minlength=self.n_parks).astype(float)


def _pairs(firms: pd.DataFrame, park_pos: np.ndarray, n_parks: int) -> _Pairs:
    inside = park_pos >= 0
    code_ids, codes = pd.factorize(firms["industry_code"].astype(str).to_numpy()[inside])
    key = park_pos[inside].astype(np.int64) * max(len(codes), 1) + code_ids
    uniq, n = np.unique(key, return_counts=True)
    width = max(len(codes), 1)
    return _Pairs(uniq // width, uniq % width, n.astype(float), pd.Index(codes), n_parks)


def _code_indicators(pairs: _Pairs, settings: ParkScoreSettings) -> dict[str, np.ndarray]:
    """Pollution share, chain completion (best chain), recycling pairs and Shannon diversity."""
    firms = pairs.sum_by_park(pairs.n)
    safe = np.where(firms > 0, firms, 1.0)
    polluting = pairs.member(settings.indicators.pollution_intensive)
    p = pairs.n / safe[pairs.park]
    chains = list(settings.chains.items())
    shares = np.zeros((pairs.n_parks, max(len(chains), 1)))
    for k, (_chain, links) in enumerate(chains):
        if links:
            shares[:, k] = pairs.present([[link] for link in links]).sum(axis=1) / len(links)
    recycling = np.zeros(pairs.n_parks, dtype=int)
    for pair in settings.recycling_pairs:
        to_hit = pairs.member(pair.to)
        from_hit = pairs.member(pair.from_) & ~to_hit
        recycling += pairs.any_by_park(to_hit) & pairs.any_by_park(from_hit)
    best = np.argmax(shares, axis=1)
    names = np.array([c for c, _ in chains] or [""], dtype=object)
    return {
        "pollution_share": pairs.sum_by_park(np.where(polluting, pairs.n, 0.0)) / safe,
        "diversity": pairs.sum_by_park(-p * np.log(p)),
        "chain_share": shares.max(axis=1),
        "best_chain": np.where(firms > 0, names[best], ""),
        "recycling_pairs": recycling,
    }


def _year_firms(
    enterprises: gpd.GeoDataFrame, parks: gpd.GeoDataFrame, year: int
) -> tuple[gpd.GeoDataFrame, np.ndarray]:
    """The firms of ``year`` and the position of the park each lies in (-1: none)."""
    firms = enterprises[enterprises["survey_year"].astype(int) == year]
    return firms, containing_polygon(firms, parks)


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


def _flag(parks: gpd.GeoDataFrame, column: str) -> np.ndarray:
    if column not in parks.columns:
        return np.ones(len(parks), dtype=bool)
    return parks[column].fillna(False).astype(bool).to_numpy()


def _places(
    parks_m: gpd.GeoDataFrame, layers: ParkLayers, ind: IndicatorSettings
) -> dict[str, np.ndarray]:
    """Distances to the nearest heat source and sewage plant, and the 三旧 shares."""
    heat_m = nearest_distance_m(parks_m, layers.heat_sources)
    sewage_m = nearest_distance_m(parks_m, layers.sewage_plants)
    parcels = layers.parcels
    demolition = parcels[parcels["redevelopment_mode"].astype(str) == "全面改造"]
    return {
        "heat_km": heat_m.to_numpy() / 1000.0,
        "heat_proximity": _proximity(heat_m, ind.heat_source_cutoff_km),
        "sewage_km": sewage_m.to_numpy() / 1000.0,
        "sewage_proximity": _proximity(sewage_m, ind.sewage_plant_cutoff_km),
        "demolition_share": covered_share(parks_m, demolition).to_numpy(),
        "sanjiu_share": covered_share(parks_m, parcels).to_numpy(),
    }


def _pv(
    parks: gpd.GeoDataFrame,
    parks_m: gpd.GeoDataFrame,
    raster: Path | None,
    sums: Mapping[str, np.ndarray],
    ind: IndicatorSettings,
) -> tuple[dict[str, np.ndarray], str, list[str]]:
    """Rooftop PV: roof, irradiance, generation, electricity use and coverage (DOMAIN §3)."""
    irr, source, notes = _irradiance(parks_m, raster, ind.irradiance_kwh_m2)
    roof = _roof_m2(parks, parks_m.area.to_numpy())
    factor = ind.pv_usable_share * ind.pv_module_efficiency * ind.pv_performance_ratio
    gen = roof * irr * factor
    use = sums["electricity_kwh"]
    coverage = np.divide(np.minimum(gen, use), use, out=np.zeros_like(use), where=use > 0)
    columns = {
        "roof_m2": roof,
        "irradiance_kwh_m2": irr,
        "pv_kwh": gen,
        "electricity_kwh": use,
        "pv_coverage": coverage,
    }
    return columns, source, notes


def park_indicators(
    layers: ParkLayers,
    *,
    settings: ParkScoreSettings,
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
        ``[park_score]`` of the settings (:class:`config.settings.ParkScoreSettings`).
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
    n = len(parks)
    progress(0.05, "spatial join of firms to parks")
    firms, pos = _year_firms(ent, parks, year)
    latest_pos = pos if year == latest else _year_firms(ent, parks, latest)[1]
    progress(0.35, "per-park sums")
    sums = _firm_sums(firms, pos, n, energy_factors)
    codes = _code_indicators(_pairs(firms, pos, n), settings)
    progress(0.55, "distances and 三旧 overlap")
    parks_m = parks[["park_id", "geometry"]].to_crs(AREA_CRS)  # projected once
    area_m2 = parks_m.area.to_numpy()
    places = _places(parks_m, layers, settings.indicators)
    progress(0.7, "irradiance zonal mean")
    pv, irr_source, notes = _pv(parks, parks_m, layers.irradiance, sums, settings.indicators)
    km2 = area_m2 / 1e6
    dens = {
        c: np.divide(sums[c], km2, out=np.zeros_like(km2), where=km2 > 0)
        for c in ("thermal_gj", "wastewater_t", "cod_t", "water_m3", "solid_waste_t")
    }
    table = pd.DataFrame(
        {
            "park_id": parks["park_id"].to_numpy(),
            "name": parks["name"].to_numpy() if "name" in parks else parks["park_id"].to_numpy(),
            "town": parks["town"].to_numpy() if "town" in parks else "",
            "area_ha": area_m2 / 1e4,
            "in_industrial_block": _flag(parks, "in_industrial_block"),
            "firms": sums["firms"].astype(int),
            "firms_latest": np.bincount(latest_pos[latest_pos >= 0], minlength=n),
            "demolition_share": places["demolition_share"],
            "sanjiu_share": places["sanjiu_share"],
            "thermal_gj_per_km2": dens["thermal_gj"],
            "fuel_firms": sums["fuel_firms"].astype(int),
            "heat_km": places["heat_km"],
            "heat_proximity": places["heat_proximity"],
            "wastewater_t_per_km2": dens["wastewater_t"],
            "cod_t_per_km2": dens["cod_t"],
            "pollution_share": codes["pollution_share"],
            "water_m3_per_km2": dens["water_m3"],
            "sewage_km": places["sewage_km"],
            "sewage_proximity": places["sewage_proximity"],
            "solid_waste_t_per_km2": dens["solid_waste_t"],
            "recycling_pairs": codes["recycling_pairs"],
            **pv,
            "chain_share": codes["chain_share"],
            "best_chain": codes["best_chain"],
            "diversity": codes["diversity"],
        },
        index=parks.index,
    )
    progress(1.0, "indicators done")
    log.info("indicators of %s parks, %s firms of %s", f"{n:,}", f"{len(firms):,}", year)
    return IndicatorTable(table, year, latest, irr_source, tuple(notes))
