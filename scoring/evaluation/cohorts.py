"""The cohort a firm is judged in (``[evaluation] own_land_min_mu``, ``[evaluation.cohorts]``).

In order, the first that fits:

- ``renting``: no industrial land of its own (``land_area_m2`` missing or ≤ 0) and a rented
  floor area (``floor_area_m2`` > 0); judged on tax per 亩 of that floor area;
- ``above_scale``: 规上 firms;
- ``below_scale_large``: 规下 firms on ≥ ``own_land_min_mu`` 亩 of own land (3 亩 exactly is large);
- ``below_scale_small``: the other 规下 firms (own land < ``own_land_min_mu`` 亩).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from config.sections_evaluation import COHORTS, EvaluationSettings
from scoring.screen.indicators import M2_PER_MU

__all__ = ["cohorts", "own_land_mu", "rented_mu"]


def _number(frame: pd.DataFrame, column: str) -> pd.Series:
    if column not in frame.columns:
        return pd.Series(np.nan, index=frame.index, dtype="float64")
    return pd.to_numeric(frame[column], errors="coerce").astype("float64")


def own_land_mu(enterprises: pd.DataFrame) -> pd.Series:
    """Own land in 亩 (``land_area_m2`` / 666.67; NaN when missing)."""
    return _number(enterprises, "land_area_m2") / M2_PER_MU


def rented_mu(enterprises: pd.DataFrame) -> pd.Series:
    """Floor area in 亩 (``floor_area_m2`` / 666.67): what a renting firm's tax is divided by."""
    return _number(enterprises, "floor_area_m2") / M2_PER_MU


def cohorts(enterprises: pd.DataFrame, *, settings: EvaluationSettings) -> pd.Series:
    """The cohort key of every firm (a categorical over :data:`COHORTS`), on the input's index."""
    land = own_land_mu(enterprises).to_numpy()
    floor = rented_mu(enterprises).to_numpy()
    above = (
        enterprises["above_scale"].astype("boolean").fillna(False).to_numpy(dtype=bool)
        if "above_scale" in enterprises.columns
        else np.zeros(len(enterprises), dtype=bool)
    )
    no_land = ~(land > 0)  # NaN → no own land
    renting = no_land & (floor > 0)
    # a tolerance of 1e-9 亩: 2000 m² is 3 亩 exactly, whatever the float division gives
    large = land >= settings.own_land_min_mu - 1e-9
    key = np.select(
        [renting, above, large],
        ["renting", "above_scale", "below_scale_large"],
        default="below_scale_small",
    )
    return pd.Series(
        pd.Categorical(key, categories=list(COHORTS)), index=enterprises.index, name="cohort"
    )
