"""The base year's phase-out candidates followed into the later years, with the land they freed.

A candidate (``phase_out`` of the base year's five-excess screen, default 2015) is looked up by
its USCC in each later survey year and given one status per year:

- ``closed`` 关停: no row that year (it left the survey);
- ``relocated`` 迁出: a row, but in another park or town than in the base year (out of its
  village park, say);
- ``improved`` 改善: a row in the same place, no longer a phase-out candidate;
- ``still`` 仍为候选: a row in the same place, still a candidate.

``land_freed_mu`` is the base-year land (亩) of a candidate closed or relocated by that year:
the land the plan's phase-out frees. Screens come from :func:`scoring.screen.run.screen`, each
year's own (medians of that year).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from config.settings import Settings
from scoring.screen.run import screen

__all__ = [
    "FOLLOW_COLUMNS",
    "STATUSES",
    "follow_up",
    "follow_up_summary",
    "status_label",
]

STATUSES: dict[str, tuple[str, str]] = {
    "still": ("仍为候选", "still a candidate"),
    "improved": ("改善（不再是候选）", "improved (no longer a candidate)"),
    "relocated": ("迁出（换园区或镇街）", "relocated (other park or town)"),
    "closed": ("关停（不再调查）", "closed (no longer surveyed)"),
}
FOLLOW_COLUMNS: tuple[str, ...] = (
    "uscc", "name", "town", "park_id", "flag_count", "land_mu",
)  # fmt: skip


def status_label(key: str, lang: str = "zh") -> str:
    text = STATUSES[key]
    return text[0] if lang == "zh" else text[1]


def _same(a: pd.Series, b: pd.Series) -> np.ndarray:
    """Element-wise equal, two missing values counting as equal."""
    left, right = a.astype(object).to_numpy(), b.astype(object).to_numpy()
    both_missing = pd.isna(left) & pd.isna(right)
    return both_missing | (pd.Series(left).eq(pd.Series(right)).to_numpy() & ~pd.isna(left))


def follow_up(
    enterprises: pd.DataFrame,
    *,
    config: Settings | Mapping[str, Any] | None = None,
    base_year: int = 2015,
    years: Sequence[int] | None = None,
) -> pd.DataFrame:
    """One row per phase-out candidate of ``base_year``: :data:`FOLLOW_COLUMNS` (its base-year
    figures), then per later year ``status_<y>`` (a key of :data:`STATUSES`), ``flag_count_<y>``
    (missing when closed) and ``land_freed_mu_<y>``. ``years``: the later survey years (default:
    every survey year after ``base_year``)."""
    survey = pd.to_numeric(enterprises["survey_year"], errors="coerce")
    if years is None:
        years = sorted(int(y) for y in survey.dropna().unique() if y > base_year)
    base = screen(enterprises, config=config, year=base_year).table
    cand = base[base["phase_out"].astype(bool)]
    out = pd.DataFrame(
        {
            "uscc": cand["uscc"].astype(str).to_numpy(),
            "name": cand["name"].to_numpy(),
            "town": cand["town"].to_numpy(),
            "park_id": cand["park_id"].to_numpy(),
            "flag_count": cand["flag_count"].astype(int).to_numpy(),
            "land_mu": pd.to_numeric(cand["land_mu"], errors="coerce").to_numpy(),
        }
    )
    gone = np.zeros(len(out), dtype=bool)
    for y in years:
        later = screen(enterprises, config=config, year=y).table
        later = later.drop_duplicates("uscc").set_index(later["uscc"].astype(str))
        present = out["uscc"].isin(later.index).to_numpy()
        row = later.reindex(out["uscc"])
        moved = present & ~(_same(row["park_id"], out["park_id"]) & _same(row["town"], out["town"]))
        still = row["phase_out"].fillna(False).astype(bool).to_numpy()
        status = np.where(
            ~present, "closed", np.where(moved, "relocated", np.where(still, "still", "improved"))
        )
        gone = ~present | moved
        out[f"status_{y}"] = status
        out[f"flag_count_{y}"] = pd.array(
            np.where(present, row["flag_count"].fillna(0).to_numpy(), 0), dtype="Int64"
        )
        out.loc[~present, f"flag_count_{y}"] = pd.NA
        out[f"land_freed_mu_{y}"] = np.where(gone, out["land_mu"].to_numpy(), 0.0)
    return out


def follow_up_summary(follow: pd.DataFrame) -> pd.DataFrame:
    """Per later year and status: candidates and the land freed (亩). Rows in the order of
    :data:`STATUSES`, one block per year."""
    marked = [c for c in follow.columns if c.startswith("status_")]
    years = sorted(int(c.removeprefix("status_")) for c in marked)
    rows = []
    for y in years:
        for key in STATUSES:
            mine = follow[follow[f"status_{y}"] == key]
            rows.append(
                {
                    "year": y,
                    "status": key,
                    "firms": len(mine),
                    "land_mu": float(mine["land_mu"].sum()),
                    "land_freed_mu": float(mine[f"land_freed_mu_{y}"].sum()),
                }
            )
    return pd.DataFrame(rows, columns=["year", "status", "firms", "land_mu", "land_freed_mu"])
