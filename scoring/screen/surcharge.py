"""D-class differentiated prices (差异化价格): the yearly surcharge per firm (DOMAIN.md §2).

A firm graded D this year is in its ``years_in_d + 1``-th consecutive year in D. Each price of
``[prices]`` is a number, or a list by consecutive year in D whose last entry holds for later
years (electricity 0.05 / 0.10 / 0.15 元/kWh in the 1st / 2nd / 3rd-and-later year,
鲁发改价格〔2022〕56号, not stacked on other surcharges; gas 1 元/m³, Qingdao; water a setting).
Surcharge = price × the firm's use that year, in 元.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from config.settings import PricesSettings

__all__ = ["SURCHARGES", "d_year", "surcharge"]

# surcharge column → (key of [prices], column of use)
SURCHARGES: dict[str, tuple[str, str]] = {
    "surcharge_electricity_yuan": ("electricity_yuan_per_kwh", "electricity_kwh"),
    "surcharge_gas_yuan": ("gas_yuan_per_m3", "natural_gas_m3"),
    "surcharge_water_yuan": ("water_yuan_per_m3", "water_m3"),
}


def d_year(grade: pd.Series, years_in_d: pd.Series) -> pd.Series:
    """Consecutive year in D this year (1, 2, 3 …) for D-class firms, 0 for the others.

    ``years_in_d`` counts the consecutive *earlier* years graded D (missing = 0).
    """
    earlier = pd.to_numeric(years_in_d, errors="coerce").fillna(0).clip(lower=0).astype("int64")
    return pd.Series(
        np.where(grade.to_numpy() == "D", earlier.to_numpy() + 1, 0),
        index=grade.index,
        name="d_year",
    )


def _rate(schedule: float | list[float], year: np.ndarray) -> np.ndarray:
    """Price per unit for each firm's year in D (0 outside D)."""
    steps = np.atleast_1d(np.asarray(schedule, dtype="float64"))
    pick = steps[np.clip(year, 1, len(steps)) - 1]
    return np.where(year > 0, pick, 0.0)


def surcharge(
    enterprises: pd.DataFrame, grade: pd.Series, *, prices: PricesSettings
) -> pd.DataFrame:
    """The surcharge per firm: ``d_year``, one column per utility of :data:`SURCHARGES`, and
    their total ``surcharge_yuan`` (元 a year). Missing use counts as none."""
    year = d_year(grade, enterprises.get("years_in_d", pd.Series(0, index=grade.index)))
    out = {"d_year": year}
    total = np.zeros(len(grade))
    for column, (key, use) in SURCHARGES.items():
        qty = (
            pd.to_numeric(enterprises[use], errors="coerce").fillna(0.0).to_numpy(dtype="float64")
            if use in enterprises.columns
            else np.zeros(len(grade))
        )
        part = _rate(getattr(prices, key), year.to_numpy()) * qty
        out[column] = pd.Series(part, index=grade.index)
        total += part
    out["surcharge_yuan"] = pd.Series(total, index=grade.index)
    return pd.DataFrame(out, copy=False)
