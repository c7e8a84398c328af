"""The park score pipeline: indicators → gate → measures → weights → score → SMAA-2 → ranking.

Two stages, so that the page can cache the heavy one (:mod:`scoring.parks.pipeline` puts them
together for every caller):

1. :func:`scoring.parks.indicators.park_indicators` (spatial join, sums, distances, 三旧 overlap,
   zonal irradiance) — independent of weights, gate thresholds and method;
2. :func:`rank_parks` — gate, normalisation, weights, method, robustness: fast (a weight change
   on the district sample takes a few tens of milliseconds).

:func:`parameters` lists every setting a result used, for scenarios and exports.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from config.settings import ParkScoreSettings
from scoring.parks.indicators import IndicatorTable
from scoring.parks.mcda import method as get_method
from scoring.parks.mcda import resolve_weights
from scoring.parks.measures import MEASURE_COLUMNS, MEASURES, gate, measure_scores
from scoring.parks.robustness import SmaaResult, smaa

__all__ = [
    "CRITERIA",
    "OUTPUT_COLUMNS",
    "ParkScores",
    "Pick",
    "describe_picks",
    "parameters",
    "rank_parks",
    "with_overrides",
]

log = logging.getLogger(__name__)

CRITERIA = list(MEASURES)  # heat, treatment, water, recycling, pv, chain
OUTPUT_COLUMNS = [
    "park_id",
    "name",
    "town",
    "eligible",
    "ineligible_reason",
    *MEASURE_COLUMNS,
    "score",
    "rank",
    "p_top3",
    "p_rank1",
    "p_rank2",
    "p_rank3",
]


@dataclass(frozen=True)
class ParkScores:
    """Everything one scoring run produced."""

    table: pd.DataFrame  # OUTPUT_COLUMNS, one row per park (parks' order)
    weights: dict[str, float]  # normalised, by criterion
    weight_details: dict[str, float]  # e.g. the AHP consistency ratio
    smaa: SmaaResult
    eligible_ids: tuple[str, ...]  # rows of the SMAA arrays, by park id
    settings: ParkScoreSettings  # the [park_score] settings actually used
    indicators: IndicatorTable

    def acceptability(self) -> pd.DataFrame:
        """Rank acceptability of the eligible parks: rows park_id, columns rank 1 … R."""
        cols = [f"p_rank{r + 1}" for r in range(self.smaa.ranks)]
        return pd.DataFrame(self.smaa.acceptability, index=list(self.eligible_ids), columns=cols)

    def central_weights(self) -> pd.DataFrame:
        """Central weight vector of each eligible park (NaN when it never ranks first)."""
        return pd.DataFrame(
            self.smaa.central_weights, index=list(self.eligible_ids), columns=CRITERIA
        )

    def displacing_weights(self) -> pd.DataFrame:
        """Mean weights of the draws under which each eligible park is not in the top three."""
        return pd.DataFrame(
            self.smaa.displacing_weights, index=list(self.eligible_ids), columns=CRITERIA
        )


def with_overrides(settings: ParkScoreSettings, **overrides: Any) -> ParkScoreSettings:
    """A validated copy of ``[park_score]`` with dotted overrides, e.g.
    ``{"gate.min_area_ha": 5}`` (:meth:`config.settings.ParkScoreSettings.with_overrides`)."""
    return settings.with_overrides(**overrides)


def _rank(scores: np.ndarray, ids: np.ndarray) -> np.ndarray:
    """Dense 1-based ranks, best score first, ties by park id."""
    order = np.lexsort((ids.astype(str), -scores))
    ranks = np.empty(len(scores), dtype=int)
    ranks[order] = np.arange(1, len(scores) + 1)
    return ranks


def rank_parks(
    indicators: IndicatorTable,
    settings: ParkScoreSettings,
    *,
    on_progress: Callable[[float, str], None] | None = None,
) -> ParkScores:
    """Gate, measure scores, weights, score, rank and SMAA-2 for every park.

    ``settings`` is ``[park_score]`` of the typed settings (``config.load_settings()``; use
    :func:`with_overrides` for page or command-line values).
    """
    table = indicators.table
    gated = gate(table, settings.gate)
    eligible = gated["eligible"]
    measures = measure_scores(table, eligible, normalization=settings.normalization)
    mask = eligible.to_numpy(dtype=bool)
    ids = table["park_id"].astype(str).to_numpy()
    # eligible rows in park-id order, so ties break the same way everywhere
    order = np.flatnonzero(mask)[np.argsort(ids[mask], kind="stable")]
    matrix = measures.to_numpy(dtype=float)[order]
    weights, details = resolve_weights(
        settings.weighting,
        given=settings.weights.model_dump(),
        names=CRITERIA,
        matrix=matrix,
        ahp_matrix=settings.ahp.matrix,
        max_cr=settings.ahp.max_cr,
    )
    method = get_method(settings.method)
    score = np.full(len(table), np.nan)
    rank = np.full(len(table), np.nan)
    if len(order):
        score[order] = method.score(matrix, weights)
        rank[order] = _rank(score[order], ids[order])
    rob = settings.robustness
    result = smaa(
        matrix,
        weights,
        method=method.key,
        draws=rob.draws,
        concentration=rob.concentration,
        seed=rob.seed,
        on_progress=on_progress,
    )
    p = {"p_top3": result.p_top3}
    for r in range(3):
        p[f"p_rank{r + 1}"] = (
            result.acceptability[:, r] if r < result.ranks else np.zeros(len(order))
        )
    out = pd.DataFrame(
        {"park_id": ids, "name": table["name"].to_numpy(), "town": table["town"].to_numpy()},
        index=table.index,
    )
    out["eligible"] = mask
    out["ineligible_reason"] = gated["ineligible_reason"].to_numpy()
    for column in MEASURE_COLUMNS:
        out[column] = measures[column].to_numpy()
    out["score"] = score
    out["rank"] = pd.array(rank, dtype="Int64")
    for key, values in p.items():
        full = np.full(len(table), np.nan)
        full[order] = values
        out[key] = full
    log.info("scored %s parks, %s eligible", f"{len(out):,}", f"{int(mask.sum()):,}")
    return ParkScores(
        table=out[OUTPUT_COLUMNS],
        weights=dict(zip(CRITERIA, map(float, weights), strict=True)),
        weight_details=details,
        smaa=result,
        eligible_ids=tuple(ids[order]),
        settings=settings,
        indicators=indicators,
    )


@dataclass(frozen=True)
class Pick:
    """A chosen park with its robustness verdict."""

    park_id: str
    p_top3: float
    fragile: bool
    displaced_by: dict[str, float]  # weights under which it drops out (fragile picks)


def describe_picks(scores: ParkScores, parks: Sequence[str]) -> list[Pick]:
    """Robustness of each pick: fragile when p_top3 < ``robustness.min_p_top3``."""
    threshold = scores.settings.robustness.min_p_top3
    top3 = dict(zip(scores.table["park_id"], scores.table["p_top3"].astype(float), strict=True))
    displacing = scores.displacing_weights()
    picks = []
    for pid in parks:
        p3 = top3[pid]
        fragile = bool(p3 < threshold)
        weights = (
            dict(
                zip(
                    CRITERIA, np.round(displacing.loc[pid].to_numpy(float), 4).tolist(), strict=True
                )
            )
            if fragile and pid in displacing.index
            else {}
        )
        picks.append(Pick(pid, p3, fragile, weights))
    return picks


def parameters(scores: ParkScores, *, choice: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """Every parameter a result used (for scenarios, exports and ``select``'s JSON)."""
    s = scores.settings.dump()
    params: dict[str, Any] = {
        "method": s["method"],
        "normalization": s["normalization"],
        "weighting": s["weighting"],
        "weights": scores.weights,
        "weights_given": s["weights"],
        "gate": s["gate"],
        "robustness": s["robustness"],
        "indicators": s["indicators"],
        "chains": s["chains"],
        "recycling_pairs": s["recycling_pairs"],
        "survey_year": scores.indicators.year,
        "irradiance_source": scores.indicators.irradiance_source,
        "notes": list(scores.indicators.notes),
    }
    if s["weighting"] == "ahp":
        params["ahp"] = {"matrix": s["ahp"]["matrix"], **scores.weight_details}
    if choice is not None:
        params["choice"] = dict(choice)
    return params
