"""Land freed against land demanded, per town and for the district (plan 三(二) and the survey's
用地需求, 四(二)).

**Supply** (:mod:`scoring.land.freed`): for a scope — the whole district, or a set of parks —
the land of five-excess phase-out candidates, the 三旧 parcels marked 全面改造, and the 厂房加层
land saved of the other firms, each counted once: a firm whose point lies in a 全面改造 parcel
counts only through the parcel; a phase-out candidate gets no 加层 saving.

**Demand**: every firm of the survey year with ``land_demand_m2 > 0``. With a scope of parks,
"freed" counts only the firms in those parks and the parcels overlapping them, while the demand
stays the whole demand of each town concerned (the towns of the scope's parks and parcels): the
question is how much of a town's demand the chosen parks could meet.

**Allocation**, per town (freed land stays in its town): the demanding firms are served in
order — above-scale (规上) firms first, then by tax per 亩 (``tax`` / ``land_area_m2`` in 亩)
descending, a firm without land last within its group, ties by USCC — each taking
min(demand, what is left). A firm is met in full, in part or not at all (``met``:
``full`` / ``partial`` / ``none``; labels :data:`MET_LABELS`).

:func:`land_balance` returns a :class:`LandBalance`; every area column ``<x>_m2`` has its
``<x>_mu`` and ``<x>_ha`` beside it. ``freed_to_demand`` is freed ÷ demanded, missing when a
town demands nothing. Plain Python (never imports Streamlit).
"""

from __future__ import annotations

import logging
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd

from config.settings import Settings, as_settings
from errors import UnknownKeyError
from geo.crs import M2_PER_MU
from geo.renewal import RenewalAreas
from scoring.land.freed import FREED_KINDS, demolition_parcels, freed_by_firm
from scoring.land.potential import add_units, plot_ratio_potential
from scoring.land.totals import district_row, park_rows, town_rows
from scoring.screen.run import screen, select_year

__all__ = [
    "DISTRICT",
    "FIRM_AREAS",
    "FREED_KINDS",
    "MET_LABELS",
    "LandBalance",
    "allocate",
    "land_balance",
]

log = logging.getLogger(__name__)

DISTRICT = "全区 District"
MET_LABELS: dict[str, tuple[str, str]] = {
    "full": ("全部满足", "met in full"),
    "partial": ("部分满足", "met in part"),
    "none": ("未满足", "not met"),
}
# the area columns of the firm table (each with its _mu and _ha)
FIRM_AREAS = (
    "land_saved_m2",
    "freed_phase_out_m2",
    "freed_plot_ratio_m2",
    "freed_m2",
    "demand_m2",
    "allocated_m2",
    "unmet_m2",
)
_UNMET_COLUMNS = (
    "town", "uscc", "name", "park_id", "above_scale", "tax_per_mu", "rank", "demand_m2",
    "allocated_m2", "unmet_m2", "met",
)  # fmt: skip


@dataclass(frozen=True)
class LandBalance:
    """Land freed against land demanded for one scope and survey year.

    Attributes
    ----------
    firms
        One row per firm of the year: identity, ``area_id`` (its renewal area, when areas were
        given), the 厂房加层 figures, ``in_scope``, ``phase_out``, ``parcel_id`` (the 全面改造
        parcel its point lies in), what it frees (``freed_phase_out_m2``,
        ``freed_plot_ratio_m2``, ``freed_m2``), and as a demanding firm ``tax_per_mu``,
        ``demand_m2``, ``rank`` (1 = served first in its town), ``allocated_m2``, ``unmet_m2``
        and ``met``.
    parcels
        The 全面改造 parcels in scope (``parcel_id``, ``name``, ``town``, ``park_ids``,
        ``area_m2`` …).
    parks
        One row per park of the scope (every park for the district): freed by kind, the gross
        加层 potential of its firms, the demand of its firms and what they got.
    towns
        One row per town of the scope: freed by kind, ``freed_m2``, ``demand_m2``, ``met_m2``,
        ``unmet_m2``, ``left_m2`` (freed and not allocated), ``freed_to_demand`` and counts.
    district
        The towns' sums in one row (``town`` = :data:`DISTRICT`).
    unmet
        The demanding firms not met in full, largest unmet demand first.
    scope
        The park ids of the scope; ``None``: the whole district.
    year
        The survey year.
    parameters
        The settings used (``[land]``, ``[five_excess] min_flags`` …), for an export's notes.
    """

    firms: pd.DataFrame
    parcels: pd.DataFrame
    parks: pd.DataFrame
    towns: pd.DataFrame
    district: pd.DataFrame
    unmet: pd.DataFrame
    scope: tuple[str, ...] | None
    year: int | None
    parameters: Mapping[str, Any]


def _number(frame: pd.DataFrame, column: str) -> pd.Series:
    if column not in frame.columns:
        return pd.Series(np.nan, index=frame.index, dtype=float)
    return pd.to_numeric(frame[column], errors="coerce").astype(float)


def _tax_per_mu(firms: pd.DataFrame) -> pd.Series:
    land = _number(firms, "land_area_m2") / M2_PER_MU
    return _number(firms, "tax") / land.where(land > 0)


def allocate(demand: pd.DataFrame, freed: Mapping[str, float]) -> pd.DataFrame:
    """Serve each town's demanding firms from its freed land, in the module's order.

    Parameters
    ----------
    demand
        One row per demanding firm: ``town``, ``uscc``, ``above_scale``, ``tax_per_mu``,
        ``demand_m2`` (> 0).
    freed
        Land freed per town (m²); a town not listed frees nothing.

    Returns
    -------
    pandas.DataFrame
        On ``demand``'s index: ``rank`` (1 = first served in its town), ``allocated_m2``,
        ``unmet_m2`` and ``met``.
    """
    if demand.empty:
        empty = pd.DataFrame(index=demand.index)
        empty["rank"] = pd.array([], dtype="Int64")
        empty["allocated_m2"] = pd.Series(dtype=float)
        empty["unmet_m2"] = pd.Series(dtype=float)
        empty["met"] = pd.Series(dtype=object)
        return empty
    order = pd.DataFrame(
        {
            "town": demand["town"].astype(str),
            "above": ~demand["above_scale"].fillna(False).astype(bool),  # False (规上) first
            "no_tax": demand["tax_per_mu"].isna(),
            "tax": -demand["tax_per_mu"].fillna(0.0),
            "uscc": demand["uscc"].astype(str),
            "want": demand["demand_m2"].astype(float),
        },
        index=demand.index,
    ).sort_values(["town", "above", "no_tax", "tax", "uscc"], kind="mergesort")
    grouped = order.groupby("town", sort=False)
    before = grouped["want"].cumsum() - order["want"]
    supply = order["town"].map(lambda t: float(freed.get(t, 0.0))).astype(float)
    given = (supply - before).clip(lower=0.0).clip(upper=order["want"])
    out = pd.DataFrame(index=order.index)
    out["rank"] = (grouped.cumcount() + 1).astype("Int64")
    out["allocated_m2"] = given
    out["unmet_m2"] = order["want"] - given
    tol = 1e-9
    out["met"] = np.where(out["unmet_m2"] <= tol, "full", np.where(given > tol, "partial", "none"))
    return out.reindex(demand.index)


def _phase_out(
    firms: pd.DataFrame,
    phase_out: pd.Series | Collection[str] | None,
    settings: Settings,
    year: int | None,
) -> pd.Series:
    if phase_out is None:
        result = screen(firms, config=settings, year=year)
        return pd.Series(result.table["phase_out"].to_numpy(dtype=bool), index=firms.index)
    if isinstance(phase_out, pd.Series):
        return phase_out.reindex(firms.index).fillna(False).astype(bool)
    return firms["uscc"].astype(str).isin({str(u) for u in phase_out})


def _check_scope(parks: pd.DataFrame, scope: Collection[str] | None) -> tuple[str, ...] | None:
    if scope is None:
        return None
    ids = tuple(dict.fromkeys(str(p).strip() for p in scope if str(p).strip()))
    known = parks["park_id"].astype(str).tolist()
    missing = [p for p in ids if p not in set(known)]
    if missing or not ids:
        shown = known[:20] + (["…"] if len(known) > 20 else [])
        raise UnknownKeyError("park", ", ".join(missing) or "(none)", shown)
    return ids


def land_balance(
    enterprises: gpd.GeoDataFrame,
    parks: gpd.GeoDataFrame,
    parcels: gpd.GeoDataFrame,
    *,
    settings: Settings | Mapping[str, Any] | None = None,
    year: int | None = None,
    scope: Collection[str] | None = None,
    phase_out: pd.Series | Collection[str] | None = None,
    areas: RenewalAreas | None = None,
    lang: str = "zh",
) -> LandBalance:
    """Land freed (by kind) against land demanded, per firm, park, town and for the district.

    Parameters
    ----------
    enterprises, parks, parcels
        The workspace layers (EPSG:4326 as stored); any number of survey years.
    settings
        ``[plot_ratio_min]``, ``[land]`` and the screen's sections; the defaults when omitted.
    year
        Survey year (default: the latest).
    scope
        Park ids whose firms and overlapping 全面改造 parcels free land; ``None``: the district.
        An unknown id raises :class:`errors.UnknownKeyError` listing known ones.
    phase_out
        The phase-out candidates: a boolean Series on the enterprises' index or USCCs; default:
        the five-excess screen of the year with ``settings``.
    areas
        Renewal areas (:func:`geo.renewal.renewal_areas` of the same year) for ``area_id``.
    lang
        Language of the 加层 ``reason``.
    """
    if settings is None:
        from config import load_settings

        settings = load_settings()
    typed = as_settings(settings)
    ids = _check_scope(parks, scope)
    firms, used = select_year(enterprises, year)
    potential = plot_ratio_potential(firms, settings=typed, lang=lang)
    flags = _phase_out(firms, phase_out, typed, used)
    freed_parcels = demolition_parcels(parcels, parks, scope=ids)
    freed = freed_by_firm(potential, firms, flags, freed_parcels, scope=ids)
    table = pd.concat([potential, freed], axis=1)
    table.insert(4, "area_id", _areas_of(areas, firms.index))
    table["tax_per_mu"] = _tax_per_mu(firms)
    want = _number(firms, "land_demand_m2")
    table["demand_m2"] = want.where(want > 0).astype(float)
    in_parcels = freed_parcels.table[freed_parcels.table["in_scope"]]
    scope_towns = _scope_towns(table, in_parcels, parks, ids)
    supply = table[table["in_scope"]].groupby("town")["freed_m2"].sum()
    supply = supply.add(in_parcels.groupby("town")["area_m2"].sum(), fill_value=0.0)
    demanding = table[table["demand_m2"].notna() & table["town"].isin(scope_towns)]
    served = allocate(demanding, {str(t): float(v) for t, v in supply.items()})
    for column in ("rank", "allocated_m2", "unmet_m2", "met"):
        table[column] = served[column].reindex(table.index)
    table["rank"] = table["rank"].astype("Int64")
    table = add_units(table, list(FIRM_AREAS)).reset_index(drop=True)
    towns = town_rows(table, in_parcels, scope_towns)
    unmet = table[table["unmet_m2"] > 0].sort_values(["unmet_m2", "uscc"], ascending=[False, True])
    unmet = add_units(unmet.loc[:, list(_UNMET_COLUMNS)], ["demand_m2", "allocated_m2", "unmet_m2"])
    parameters = {
        "survey_year": used,
        "scope": list(ids) if ids is not None else "district",
        "land": typed.land.model_dump(),
        "plot_ratio_min": dict(typed.plot_ratio_min),
        "min_flags": typed.five_excess.min_flags,
        "phase_out": "given" if phase_out is not None else "five-excess screen",
    }
    log.info(
        "land balance of %s firms (%s): %.0f m² freed, %.0f m² demanded",
        f"{len(table):,}", "district" if ids is None else f"{len(ids)} parks",
        towns["freed_m2"].sum(), towns["demand_m2"].sum(),
    )  # fmt: skip
    return LandBalance(
        firms=table,
        parcels=add_units(in_parcels.reset_index(drop=True), ["area_m2"]),
        parks=park_rows(table, parks, freed_parcels, ids, areas),
        towns=towns,
        district=district_row(towns, DISTRICT),
        unmet=unmet.reset_index(drop=True),
        scope=ids,
        year=used,
        parameters=parameters,
    )


def _areas_of(areas: RenewalAreas | None, index: pd.Index) -> pd.Series:
    if areas is None:
        return pd.Series(None, index=index, dtype=object)
    return areas.firm_areas.reindex(index).astype(object)


def _scope_towns(
    table: pd.DataFrame,
    in_parcels: pd.DataFrame,
    parks: pd.DataFrame,
    ids: tuple[str, ...] | None,
) -> list[str]:
    """The towns reported: every town with firms or parcels (district), else the towns of the
    scope's parks, of its firms and of its parcels."""
    if ids is None:
        towns = set(table["town"].dropna().astype(str)) | set(in_parcels["town"].dropna())
    else:
        chosen = parks[parks["park_id"].astype(str).isin(ids)]
        towns = set(chosen["town"].dropna().astype(str))
        towns |= set(table.loc[table["in_scope"], "town"].dropna().astype(str))
        towns |= set(in_parcels["town"].dropna().astype(str))
    return sorted(towns)
