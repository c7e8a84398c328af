"""The 亩均 score of each firm within its cohort (``[evaluation.cohorts.*] weights``).

Score = Σ weight × value / benchmark over the cohort's terms, the benchmark being the mean of
the cohort's *ranked* firms (neither exempt nor vetoed) that have the term, as the screen's
grade does (:mod:`scoring.screen.grades`): a firm at the benchmark on every term scores
Σ weights (100 with the defaults). A term a firm lacks scores 1 (the benchmark) and is named in
``missing``. The two "lower is better" terms (energy and emissions per value added) score
benchmark / value. The terms are the screen's indicators (:mod:`scoring.screen.indicators`) and
``tax_per_rented_mu`` (tax / 亩 of floor area), the renting cohort's.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from config.sections_evaluation import COHORTS, EvaluationSettings
from scoring.evaluation.cohorts import rented_mu

__all__ = ["LOWER_IS_BETTER", "CohortScores", "cohort_scores", "with_rented"]

LOWER_IS_BETTER = frozenset({"energy_per_va", "emission_per_va"})


def with_rented(ind: pd.DataFrame, enterprises: pd.DataFrame) -> pd.DataFrame:
    """``ind`` (the screen's indicators) with ``tax_per_rented_mu`` = tax / floor area in 亩."""
    floor = rented_mu(enterprises).to_numpy()
    tax = ind["tax"].to_numpy(dtype="float64")
    ok = ~np.isnan(tax) & (floor > 0)
    out = np.full(len(ind), np.nan)
    np.divide(tax, floor, out=out, where=ok)
    return ind.assign(tax_per_rented_mu=out)


@dataclass(frozen=True)
class CohortScores:
    """``score`` per firm (NaN outside ``scored``), the missing terms per firm and the
    benchmarks (one row per cohort and term: ``cohort``, ``term``, ``weight``, ``benchmark``,
    ``n``)."""

    score: np.ndarray
    missing: list[list[str]]
    benchmarks: pd.DataFrame


def cohort_scores(
    ind: pd.DataFrame,
    cohort: pd.Series,
    *,
    scored: np.ndarray,
    ranked: np.ndarray,
    settings: EvaluationSettings,
) -> CohortScores:
    """Scores of the ``scored`` firms against benchmarks of the ``ranked`` ones, per cohort."""
    n = len(ind)
    score = np.full(n, np.nan)
    missing: list[list[str]] = [[] for _ in range(n)]
    rows = []
    keys = cohort.astype(object).to_numpy()
    for key in COHORTS:
        cfg = settings.cohort(key)
        members = keys == key
        pos = np.flatnonzero(members & scored)
        bench_pos = members & ranked
        total = np.zeros(len(pos))
        for term, weight in cfg.weights.items():
            values = ind[term].to_numpy(dtype="float64")
            known = bench_pos & ~np.isnan(values)
            bench = float(values[known].mean()) if known.any() else np.nan
            rows.append(
                {
                    "cohort": key,
                    "term": term,
                    "weight": float(weight),
                    "benchmark": bench,
                    "n": int(known.sum()),
                }
            )
            mine = values[pos]
            lacks = np.isnan(mine)
            if not np.isfinite(bench) or bench <= 0:
                ratio = np.ones(len(pos))
            elif term in LOWER_IS_BETTER:
                with np.errstate(divide="ignore"):
                    ratio = np.where(lacks | (mine <= 0), 1.0, bench / np.where(mine > 0, mine, 1))
            else:
                ratio = np.where(lacks, 1.0, mine / bench)
            total += float(weight) * ratio
            for p in pos[lacks]:
                missing[p].append(term)
        score[pos] = total
    benchmarks = pd.DataFrame(rows, columns=["cohort", "term", "weight", "benchmark", "n"])
    return CohortScores(score, missing, benchmarks)
