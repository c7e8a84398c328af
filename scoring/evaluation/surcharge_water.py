"""The surcharges of a grade (差异化价格): electricity and gas for D as the screen computes them
(``[prices]``, by consecutive year in D, :func:`scoring.screen.surcharge.surcharge`), and water
for C and D as a share above the base price (``[evaluation.water]``, Ruian: C +15 %, D +30 %).

Water surcharge = ``base_yuan_per_m3`` × share × ``water_m3`` (元 a year); missing use counts as
none. The screen's own D-only water price (``[prices] water_yuan_per_m3``) is not added: the
evaluation's water rule replaces it.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from config.sections_evaluation import EvaluationSettings
from config.sections_screen import PricesSettings
from scoring.screen.surcharge import surcharge

__all__ = ["SURCHARGE_COLUMNS", "surcharges", "water_surcharge"]

SURCHARGE_COLUMNS = (
    "surcharge_electricity_yuan",
    "surcharge_gas_yuan",
    "surcharge_water_yuan",
    "surcharge_yuan",
)


def water_surcharge(
    water_m3: pd.Series, grade: pd.Series, *, settings: EvaluationSettings
) -> pd.Series:
    """元 a year: base price × (C_share for C, D_share for D, 0 otherwise) × use."""
    cfg = settings.water
    share = np.select(
        [grade.to_numpy() == "C", grade.to_numpy() == "D"], [cfg.C_share, cfg.D_share], 0.0
    )
    use = pd.to_numeric(water_m3, errors="coerce").fillna(0.0).to_numpy(dtype="float64")
    return pd.Series(cfg.base_yuan_per_m3 * share * use, index=grade.index, name="water")


def surcharges(
    enterprises: pd.DataFrame,
    grade: pd.Series,
    *,
    settings: EvaluationSettings,
    prices: PricesSettings,
) -> pd.DataFrame:
    """:data:`SURCHARGE_COLUMNS` per firm (元 a year), on ``grade``'s index."""
    screen = surcharge(enterprises, grade, prices=prices)
    water = water_surcharge(
        enterprises["water_m3"]
        if "water_m3" in enterprises.columns
        else pd.Series(0.0, grade.index),
        grade,
        settings=settings,
    )
    out = pd.DataFrame(
        {
            "surcharge_electricity_yuan": screen["surcharge_electricity_yuan"].to_numpy(),
            "surcharge_gas_yuan": screen["surcharge_gas_yuan"].to_numpy(),
            "surcharge_water_yuan": water.to_numpy(),
        },
        index=grade.index,
    )
    out["surcharge_yuan"] = out.sum(axis=1)
    return out
