"""Exemptions to T (not graded, no score; ``[evaluation.exemptions]``), in this order:

- ``young``: survey year − founded year < ``min_age_years`` (a firm without a founding year is
  graded: its age is unknown, not young);
- ``utility``: a GB/T 4754 division of ``utility_divisions`` (power, gas, water supply);
- ``key_retrofit``: a key retrofit project of the firm completed (投产) that year, when
  ``key_retrofit`` is on (the USCCs come from the project library, :func:`retrofit_firms`).
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from config.sections_evaluation import EvaluationSettings
from scoring.screen.groups import divisions

__all__ = ["EXEMPTIONS", "exemptions", "retrofit_firms"]

EXEMPTIONS = ("young", "utility", "key_retrofit")


def _number(frame: pd.DataFrame, column: str) -> pd.Series:
    if column not in frame.columns:
        return pd.Series(np.nan, index=frame.index, dtype="float64")
    return pd.to_numeric(frame[column], errors="coerce").astype("float64")


def retrofit_firms(projects: pd.DataFrame, *, year: int, threshold_wan: float) -> set[str]:
    """The USCCs with a key project (:func:`scoring.projects.rules.is_key`) that went into
    production (``production_date``) in ``year``."""
    from scoring.projects.rules import is_key

    if projects.empty:
        return set()
    day = pd.to_datetime(projects["production_date"], errors="coerce")
    done = day.dt.year.eq(year) & is_key(projects, threshold_wan=threshold_wan)
    return set(projects.loc[done, "uscc"].astype(str))


def exemptions(
    enterprises: pd.DataFrame, *, settings: EvaluationSettings, retrofit: Iterable[str] = ()
) -> pd.Series:
    """The exemption of each firm (a key of :data:`EXEMPTIONS`, or ``None``)."""
    cfg = settings.exemptions
    n = len(enterprises)
    age = _number(enterprises, "survey_year") - _number(enterprises, "founded_year")
    young = age.lt(cfg.min_age_years).to_numpy(dtype=bool)  # NaN → graded
    if "industry_code" in enterprises.columns:
        groups = divisions(enterprises["industry_code"].astype(str))
        utility = np.asarray(pd.Series(groups).isin(list(cfg.utility_divisions)), dtype=bool)
    else:
        utility = np.zeros(n, dtype=bool)
    wanted = {str(u) for u in retrofit} if cfg.key_retrofit else set()
    uscc = enterprises["uscc"].astype(str) if "uscc" in enterprises.columns else None
    done = (
        uscc.isin(wanted).to_numpy(dtype=bool)
        if uscc is not None and wanted
        else np.zeros(n, dtype=bool)
    )
    key = np.select([young, utility, done], list(EXEMPTIONS), default="")
    out = pd.Series(key, index=enterprises.index, dtype=object, name="exemption")
    return out.where(out != "", None)
