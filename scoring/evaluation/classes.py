"""A/B/C/D within one cohort: by rank quota or by score thresholds (``[evaluation.cohorts.*]``).

Quota: rank 1 is the best score; tied scores share the better (lower) rank, so a tie at a band's
edge puts every tied firm in the better class. A firm of rank ``r`` among ``n`` has the share
``r / n``; A when the share ≤ ``A``, B ≤ ``B``, C ≤ ``C``, D otherwise (the bottom 5 % with the
defaults). Threshold: A at score ≥ ``A_score``, B ≥ ``B_score``, C ≥ ``C_score``, D below.
"""

from __future__ import annotations

import numpy as np

from config.sections_evaluation import CohortSettings

__all__ = ["CLASSES", "classes", "ranks"]

CLASSES = ("A", "B", "C", "D")
_EPS = 1e-9


def ranks(score: np.ndarray) -> np.ndarray:
    """Rank of each score, 1 = best; ties share the better rank (1, 2, 2, 4 …)."""
    n = len(score)
    if n == 0:
        return np.array([], dtype=np.int64)
    order = np.argsort(-score, kind="stable")
    ordered = score[order]
    starts = np.r_[True, ordered[1:] != ordered[:-1]]
    first = np.maximum.accumulate(np.where(starts, np.arange(n), 0))
    out = np.empty(n, dtype=np.int64)
    out[order] = first + 1
    return out


def classes(score: np.ndarray, cohort: CohortSettings) -> tuple[np.ndarray, np.ndarray]:
    """The class of each score (A/B/C/D as text) and its rank, by the cohort's method."""
    rank = ranks(score)
    if cohort.method == "threshold":
        conditions = [
            score >= cohort.A_score - _EPS,
            score >= cohort.B_score - _EPS,
            score >= cohort.C_score - _EPS,
        ]
    else:
        share = rank / max(len(score), 1)
        conditions = [share <= cut + _EPS for cut in (cohort.A, cohort.B, cohort.C)]
    grade = np.select(conditions, list(CLASSES[:3]), default="D")
    return grade.astype(object), rank
