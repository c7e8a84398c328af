"""The parks' retrofit scores across the plan's survey years.

Each year is scored by the park pipeline on that year's firms (:func:`scoring.parks.pipeline.
score_parks` with ``year``), with the same settings, so a park's score and rank move with its
firms (closures, relocations, growth). One row per park and year: ``park_id``, ``name``,
``town``, ``year``, ``eligible``, ``score``, ``rank`` (among the eligible parks of that year)
and ``rank_change`` (the rank of the year before minus this one: positive = moved up).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd

from config.settings import Settings

__all__ = ["PARK_COLUMNS", "park_scores_by_year", "park_scores_wide"]

PARK_COLUMNS: tuple[str, ...] = (
    "park_id", "name", "town", "year", "eligible", "score", "rank", "rank_change",
)  # fmt: skip


def park_scores_by_year(workspace: Any, settings: Settings, years: Sequence[int]) -> pd.DataFrame:
    """:data:`PARK_COLUMNS`, one row per park of ``workspace`` and year of ``years``."""
    from scoring.parks.pipeline import score_parks

    parts = []
    previous: pd.Series | None = None
    for year in years:
        table = score_parks(workspace, settings, int(year)).table
        rank = pd.Series(
            table["rank"].where(table["eligible"].astype(bool)).astype("Int64").to_numpy(),
            dtype="Int64",
            index=table["park_id"].astype(str).to_numpy(),
        )
        change = (
            (previous.reindex(rank.index) - rank)
            if previous is not None
            else pd.Series(pd.NA, index=rank.index, dtype="Int64")
        )
        parts.append(
            pd.DataFrame(
                {
                    "park_id": rank.index,
                    "name": table["name"].to_numpy(),
                    "town": table["town"].to_numpy(),
                    "year": int(year),
                    "eligible": table["eligible"].astype(bool).to_numpy(),
                    "score": pd.to_numeric(table["score"], errors="coerce").to_numpy(),
                    "rank": rank.to_numpy(),
                    "rank_change": change.astype("Int64").to_numpy(),
                }
            )
        )
        previous = rank
    if not parts:
        return pd.DataFrame(columns=list(PARK_COLUMNS))
    return pd.concat(parts, ignore_index=True).loc[:, list(PARK_COLUMNS)]


def park_scores_wide(scores: pd.DataFrame, *, top: int | None = None) -> pd.DataFrame:
    """Per park the score and rank of every year side by side (``score_<y>``, ``rank_<y>``),
    sorted by the latest year's rank; ``top``: only the parks ranked that high in any year."""
    years = sorted(int(y) for y in scores["year"].unique())
    first = scores.drop_duplicates("park_id").set_index("park_id")[["name", "town"]]
    out = first.copy()
    for y in years:
        one = scores[scores["year"] == y].set_index("park_id")
        out[f"score_{y}"] = one["score"]
        out[f"rank_{y}"] = one["rank"].astype("Int64")
    if top is not None and years:
        ranks = out[[f"rank_{y}" for y in years]]
        out = out[(ranks <= top).any(axis=1).fillna(False).to_numpy(bool)]
    if years:
        out = out.sort_values(f"rank_{years[-1]}", na_position="last", kind="stable")
    return out.reset_index()
