"""One row per firm per survey year: the physical and money figures of the enterprises layer.

2014 is each firm's drawn state. 2015 grows it [G]: value added +2.5 % per firm (median) with
noise, a little faster for better firms (+3 % per unit of q); auto (division 36) +12 % and the car
plant +30 % (auto's share of output rose from 10.7 % in 2015 to 18.6 % in 2016 [V]). With
entries, exits and the larger firms' better quality the district's value added grows by about
the plan's +8 % target [V]. Employees +1 %; energy per output −3 % and water −2 % (efficiency
drift); 4 % of firms grow their land. ~4 % of firms enter in 2015 (2015 row only) and ~4 %
leave after 2014 (2014 row only), weak firms more often.

Money: revenue = gross output × U(0.9, 1.05); tax = value added × tax rate × noise. Energy is
split into electricity (0.1229 kgce/kWh) and the firm's one fuel by the DOMAIN.md §2 factors;
wastewater = water × the firm's share; COD and NH₃-N from the concentrations; SO₂ and NOx from
the fuels.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .common import YEARS
from .tables import DIESEL, FUELS, GAS, HEAT, KGCE, NOX_KG, SO2_KG

__all__ = ["FUEL_COLUMNS", "entries_and_exits", "firm_years", "firm_years_and_growth", "year_rows"]

FUEL_COLUMNS = {
    GAS: "natural_gas_m3",
    "coal": "coal_t",
    DIESEL: "diesel_t",
    "fuel_oil": "fuel_oil_t",
    "lpg": "lpg_t",
    HEAT: "heat_gj",
}


def entries_and_exits(rng: np.random.Generator, firms: pd.DataFrame) -> pd.DataFrame:
    """Mark ~4 % entrants (founded 2015) and ~4 % leavers (weak firms more often)."""
    n = len(firms)
    anchor = firms["anchor"].to_numpy(bool)
    entry = (rng.random(n) < 0.04) & ~anchor
    exit_p = np.minimum(0.3, 0.03 * np.exp(-0.7 * firms["q"].to_numpy()))
    leave = ~entry & (rng.random(n) < exit_p) & ~anchor
    founded = np.where(entry, 2015, firms["founded_year"].to_numpy())
    return firms.assign(entry=entry, exit=leave, founded_year=founded)


def _growth(rng: np.random.Generator, firms: pd.DataFrame) -> dict[str, np.ndarray]:
    """Per-firm 2015/2014 factors."""
    n = len(firms)
    q = firms["q"].to_numpy()
    auto = firms["industry_code"].str[:2].to_numpy() == "36"
    base = np.where(auto, np.log(1.12), np.log(1.025))
    g_va = np.exp(base + 0.03 * q + rng.normal(0, 0.10, n))
    g_va[firms["industry_code"].to_numpy() == "3611"] = 1.30
    return {
        "va": g_va,
        "emp": np.exp(rng.normal(np.log(1.01), 0.06, n)),
        "va_rate": np.exp(rng.normal(0.0, 0.03, n)),
        "energy": np.exp(rng.normal(np.log(0.97), 0.05, n)),
        "water": np.exp(rng.normal(np.log(0.98), 0.05, n)),
        "land": np.where(rng.random(n) < 0.04, rng.uniform(1.1, 1.4, n), 1.0),
    }


def _fuel_quantities(firms: pd.DataFrame, energy: np.ndarray) -> dict[str, np.ndarray]:
    """Electricity (kWh) and fuel quantities in their DATA_MODEL units from energy in tce."""
    fuel_tce = energy * firms["fuel_frac"].to_numpy()
    elec_tce = energy - fuel_tce
    fuel = firms["fuel"].to_numpy()
    out: dict[str, np.ndarray] = {}
    for kind in FUELS:
        tce = np.where(fuel == kind, fuel_tce, 0.0)
        if kind in (GAS, HEAT):  # m³ and GJ: kgce per unit
            out[kind] = np.round(tce * 1000 / KGCE[kind], 1 if kind == HEAT else 0)
        else:  # tonnes: kgce per kg × 1000
            out[kind] = np.round(tce / KGCE[kind], 2)
    forklift = np.where(firms["forklift"], elec_tce * 0.03 / KGCE[DIESEL], 0.0)
    out[DIESEL] = np.round(out[DIESEL] + forklift, 2)
    out["electricity"] = np.round(elec_tce * 1000 / KGCE["electricity"], 0)
    return out


def _year(
    rng: np.random.Generator, firms: pd.DataFrame, year: int, g: dict[str, np.ndarray]
) -> pd.DataFrame:
    """Every quantity of one survey year, one row per firm (``keep`` marks present firms)."""
    emp0 = firms["emp"].to_numpy()
    go0 = emp0 * firms["gopw"].to_numpy()
    rate0 = firms["va_rate"].to_numpy()
    if year == YEARS[0]:
        keep = ~firms["entry"].to_numpy(bool)
        emp, rate, go = emp0, rate0, go0
        g = {k: np.ones(len(firms)) for k in g}
    else:
        keep = ~firms["exit"].to_numpy(bool)
        new = firms["entry"].to_numpy(bool)
        g = {k: np.where(new, 1.0, v) for k, v in g.items()}
        emp, rate = emp0 * g["emp"], rate0 * g["va_rate"]
        go = go0 * rate0 * g["va"] / rate
    va = go * rate
    revenue = go * rng.uniform(0.9, 1.05, len(firms))
    land = np.round(emp0 * firms["m2w"].to_numpy() * g["land"], 0)
    energy = firms["epg"].to_numpy() * go * g["energy"]
    qty = _fuel_quantities(firms, energy)
    water = np.round(firms["wpg"].to_numpy() * go * g["water"], 0)
    ww = np.round(water * firms["ww_ratio"].to_numpy(), 0)
    cols = {FUEL_COLUMNS[k]: qty[k] for k in FUELS}
    return pd.DataFrame(
        {
            "idx": np.arange(len(firms)),
            "survey_year": year,
            "keep": keep,
            "employees": np.maximum(1, np.round(emp)).astype(int),
            "land_area_m2": land,
            "floor_area_m2": np.round(land * firms["plot"].to_numpy(), 0),
            "gross_output": np.round(go, 2),
            "value_added": np.round(va, 2),
            "revenue": np.round(revenue, 2),
            "tax": np.round(
                va * firms["tax_rate"].to_numpy() * rng.lognormal(0, 0.1, len(firms)), 2
            ),
            "electricity_kwh": qty["electricity"],
            **cols,
            "water_m3": water,
            "wastewater_t": ww,
            "cod_t": np.round(ww * firms["cod_c"].to_numpy() * 1e-6, 4),
            "nh3n_t": np.round(ww * firms["nh3_c"].to_numpy() * 1e-6, 4),
            "so2_t": np.round(sum(qty[k] * SO2_KG[k] for k in FUELS) / 1000, 4),
            "nox_t": np.round(sum(qty[k] * NOX_KG[k] for k in FUELS) / 1000, 4),
            "solid_waste_t": np.round(go * firms["swg"].to_numpy(), 2),
        }
    )


def firm_years_and_growth(
    rng: np.random.Generator, firms: pd.DataFrame
) -> tuple[pd.DataFrame, dict[str, np.ndarray]]:
    """One row per present firm per survey year of ``YEARS`` (``idx`` points into ``firms``),
    and each firm's 2015/2014 factors (the later years grow on from them)."""
    g = _growth(rng, firms)
    rows = pd.concat([_year(rng, firms, y, g) for y in YEARS], ignore_index=True)
    return rows[rows["keep"]].drop(columns="keep").reset_index(drop=True), g


def firm_years(rng: np.random.Generator, firms: pd.DataFrame) -> pd.DataFrame:
    """One row per present firm per survey year (``idx`` points into ``firms``)."""
    return firm_years_and_growth(rng, firms)[0]


def year_rows(
    rng: np.random.Generator, firms: pd.DataFrame, year: int, g: dict[str, np.ndarray]
) -> pd.DataFrame:
    """The rows of one later year: ``firms`` marks ``entry`` (g = 1) and ``exit`` (no row);
    ``g`` holds each firm's factors against its first year."""
    rows = _year(rng, firms, year, g)
    return rows[rows["keep"]].drop(columns="keep").reset_index(drop=True)
