"""Comprehensive energy consumption (综合能耗) of GB/T 2589, per firm.

Plain Python. The conversion factors are the ``[energy]`` table of ``config/defaults.toml``
(China Energy Statistical Yearbook, kgce per unit; DOMAIN.md §2).
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from errors import UnknownKeyError

__all__ = ["ENERGY_INPUTS", "energy_tce"]

# column of enterprises → (key of config [energy] in kgce per unit, units of the column per unit)
ENERGY_INPUTS: dict[str, tuple[str, float]] = {
    "electricity_kwh": ("electricity_kgce_per_kwh", 1.0),
    "natural_gas_m3": ("natural_gas_kgce_per_m3", 1.0),
    "coal_t": ("coal_kgce_per_kg", 1000.0),  # t → kg
    "diesel_t": ("diesel_kgce_per_kg", 1000.0),
    "fuel_oil_t": ("fuel_oil_kgce_per_kg", 1000.0),
    "lpg_t": ("lpg_kgce_per_kg", 1000.0),
    "heat_gj": ("heat_kgce_per_gj", 1.0),
}


def _energy_factors(factors: Mapping[str, float] | None) -> Mapping[str, float]:
    if factors is not None:
        return factors
    from config import load_config

    return load_config()["energy"]


def energy_tce(
    enterprises: pd.DataFrame, *, factors: Mapping[str, float] | None = None
) -> pd.Series:
    """Comprehensive energy consumption per firm in tce: Σ quantity × kgce factor / 1000.

    ``factors`` is the ``[energy]`` table of the configuration (read from the defaults when
    omitted). A missing optional fuel counts as zero.
    """
    table = _energy_factors(factors)
    total = pd.Series(0.0, index=enterprises.index)
    for column, (key, per_unit) in ENERGY_INPUTS.items():
        if key not in table:
            raise UnknownKeyError("energy factor", key, list(table))
        if column in enterprises.columns:
            qty = pd.to_numeric(enterprises[column], errors="coerce").fillna(0.0)
            total = total + qty * per_unit * float(table[key])
    return (total / 1000.0).rename("energy_tce")
