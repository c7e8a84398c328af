"""A short implementation of the DOMAIN.md §2 default five-flag screen, for calibration only.

The app's screen lives in ``scoring/``; the generator keeps its own copy so that the sample can
be calibrated without importing the app's rules (and the tests keep a third, independent one).
Defaults of ``config/defaults.toml``: relative thresholds (0.5 × or 2 × the median of the GB/T
4754 division; the whole district when the division has < 10 firms), ≥ 3 flags = phase-out.
"""

from __future__ import annotations

import pandas as pd

from .common import MU_M2

__all__ = ["PLOT_MIN", "energy_tce", "five_flags"]

# kgce per unit of each column (t → kg for the fuels in tonnes)
_KGCE = {
    "electricity_kwh": 0.1229,
    "natural_gas_m3": 1.2143,
    "coal_t": 714.3,
    "diesel_t": 1457.1,
    "fuel_oil_t": 1428.6,
    "lpg_t": 1714.3,
    "heat_gj": 34.12,
}
PLOT_MIN = {"17": 0.8, "18": 0.8, "21": 0.8, "26": 0.6, "27": 0.7, "29": 1.0, "30": 0.7}
PLOT_MIN |= {"31": 0.6, "32": 0.6}


def energy_tce(firms: pd.DataFrame) -> pd.Series:
    """GB/T 2589 comprehensive energy consumption, tce."""
    total = pd.Series(0.0, index=firms.index)
    for column, kgce in _KGCE.items():
        total = total + firms[column].fillna(0) * kgce
    return total / 1000


def five_flags(year: pd.DataFrame) -> pd.DataFrame:
    """The five flags (bool columns) of one survey year's firms."""
    div = year["industry_code"].astype(str).str[:2]
    emission = year[["cod_t", "nh3n_t", "so2_t", "nox_t"]].fillna(0).sum(axis=1)
    va = year["value_added"]
    ind = pd.DataFrame(
        {
            "labour": va / year["employees"],
            "tax_mu": year["tax"] / (year["land_area_m2"] / MU_M2),
            "va_rate": va / year["gross_output"],
            "energy": energy_tce(year) / va,
            "emission": emission / va,
        }
    )
    small = div.map(div.value_counts()) < 10

    def median(col: str) -> pd.Series:
        return ind[col].groupby(div).transform("median").where(~small, ind[col].median())

    plot = year["floor_area_m2"] / year["land_area_m2"]
    low_plot = (plot < div.map(lambda d: PLOT_MIN.get(d, 1.0))) | plot.isna()
    return pd.DataFrame(
        {
            "labour": ind["labour"] < 0.5 * median("labour"),
            "land": (ind["tax_mu"] < 0.5 * median("tax_mu")) & low_plot,
            "low_va": ind["va_rate"] < 0.5 * median("va_rate"),
            "energy": ind["energy"] > 2 * median("energy"),
            "pollution": (ind["emission"] > 2 * median("emission"))
            | (emission > year["permitted_emissions_t"]),
        }
    )
