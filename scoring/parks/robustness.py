"""Robustness of the ranking to the weights: SMAA-2 (Lahdelma & Salminen 2001).

Weight vectors are drawn from a Dirichlet distribution centred on the chosen weights
(α = concentration × w; a zero weight stays zero), the parks are scored under each draw with
the chosen method and ranked, and for every park the module reports

- the rank acceptability indices b_i^r: the share of draws in which park i ranks r, for ranks
  1 … 3 (every rank when at most ``full_ranks_max`` parks are eligible);
- ``p_top3``: the share of draws in which it ranks in the top three;
- its central weight vector: the mean of the draws under which it ranks first;
- its displacing weight vector: the mean of the draws under which it is *not* in the top
  three (what a fragile pick loses to).

Vectorised: the draws are scored chunk by chunk with one matrix product per chunk (the
method's ``score_many``); ranks come from ``argpartition`` / ``argsort`` over the chunk, and the
counts from ``np.add.at``. No Python loop over draws. Ties are broken by the order of the rows
(the caller sorts by park id), so a run is reproducible for a given seed.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from errors import ArgumentError
from scoring.parks.mcda import method as get_method
from scoring.parks.mcda import normalise_weights

__all__ = ["SmaaResult", "dirichlet_draws", "smaa", "top_candidates"]

log = logging.getLogger(__name__)

CELLS_PER_CHUNK = 4_000_000  # parks × draws scored at once (~32 MB per float array)


@dataclass(frozen=True)
class SmaaResult:
    """SMAA-2 results for the rows of the matrix (eligible parks, in the caller's order)."""

    acceptability: np.ndarray  # rows × ranks: b_i^r for r = 1 … ranks
    p_top3: np.ndarray  # rows
    central_weights: np.ndarray  # rows × criteria, NaN where the row never ranks first
    displacing_weights: np.ndarray  # rows × criteria, NaN where the row is always in the top
    draws: int
    concentration: float
    seed: int
    top: int

    @property
    def ranks(self) -> int:
        """Number of ranks whose acceptability was computed."""
        return int(self.acceptability.shape[1])


def dirichlet_draws(
    weights: np.ndarray, n: int, *, concentration: float, rng: np.random.Generator
) -> np.ndarray:
    """``n`` weight vectors (rows, sum 1) from Dirichlet(concentration × weights).

    Zero weights stay zero; the mean of the draws is ``weights`` (normalised).
    """
    w = normalise_weights(weights)
    alpha = concentration * w
    positive = alpha > 0
    gamma = np.zeros((n, len(w)))
    gamma[:, positive] = rng.standard_gamma(alpha[positive], size=(n, int(positive.sum())))
    return gamma / gamma.sum(axis=1, keepdims=True)


def _ordered_top(scores: np.ndarray, k: int) -> np.ndarray:
    """Row indices of the ``k`` best per column (k × columns), best first, ties by row order.

    For a few ranks, ``k`` passes of ``argmax`` (first maximum = lowest row on ties) are several
    times faster than ``argpartition`` over large chunks; every rank uses a stable argsort.
    """
    m = scores.shape[0]
    if k >= m or k > 8:
        return np.argsort(-scores, axis=0, kind="stable")[:k]
    work = scores.copy()
    cols = np.arange(scores.shape[1])
    out = np.empty((k, scores.shape[1]), dtype=np.intp)
    for r in range(k):
        out[r] = np.argmax(work, axis=0)
        work[out[r], cols] = -np.inf
    return out


def top_candidates(
    matrix: np.ndarray, weights: np.ndarray, *, top: int, anchors: int = 64
) -> np.ndarray:
    """Rows that can rank in the top ``top`` under some positive weighting (a superset).

    A row dominated by ``top`` others (≥ on every positively weighted criterion, > on one)
    ranks below all of them under every strictly positive weight vector, for the weighted
    sum and for TOPSIS alike (both are strictly increasing in each such criterion). Dominators
    are looked for among the ``anchors`` rows with the largest sums, so the test is cheap and
    conservative: every row it drops can never be in the top.
    """
    x = np.asarray(matrix, dtype=float)[:, np.asarray(weights) > 0]
    m = len(x)
    if m <= max(4 * anchors, 50):
        return np.arange(m)
    best = np.argsort(-x.sum(axis=1), kind="stable")[:anchors]
    dominated_by = np.zeros(m, dtype=np.int32)
    for a in best:  # a loop over anchors, not over draws or parks
        d = x[a]
        dominated_by += (x <= d).all(axis=1) & (x < d).any(axis=1)
    return np.flatnonzero(dominated_by < top)


def smaa(
    matrix: np.ndarray,
    weights: np.ndarray,
    *,
    method: str = "wsm",
    draws: int,
    concentration: float,
    seed: int,
    top: int = 3,
    full_ranks_max: int = 50,
    on_progress: Callable[[float, str], None] | None = None,
) -> SmaaResult:
    """SMAA-2 rank acceptability of the rows of ``matrix`` (alternatives × criteria).

    Parameters
    ----------
    matrix
        Measure scores of the eligible parks (higher is better).
    weights
        The chosen weights (centre of the Dirichlet distribution).
    method
        Key of :data:`scoring.parks.mcda.METHODS`.
    draws, concentration, seed
        Number of weight draws, Dirichlet concentration, random seed.
    top
        The "top" whose probability is reported (``p_top3`` for 3).
    full_ranks_max
        With at most this many rows every rank's acceptability is computed; else ranks 1 … top.
    on_progress
        Called with (fraction, message) after each chunk.
    """
    x = np.asarray(matrix, dtype=float)
    m, n = x.shape
    if draws < 1:
        raise ArgumentError(f"robustness draws must be ≥ 1; got {draws}")
    if not concentration > 0:
        raise ArgumentError(f"robustness concentration must be > 0; got {concentration}")
    score_many = get_method(method).score_many
    ranks = m if m <= full_ranks_max else min(top, m)
    k = min(max(ranks, top), m)
    rows = np.arange(m) if ranks == m else top_candidates(x, weights, top=k)
    sub = x[rows]
    acc = np.zeros((m, ranks))
    first_w = np.zeros((m, n))
    top_w = np.zeros((m, n))
    in_top = np.zeros(m)
    total_w = np.zeros(n)
    rng = np.random.default_rng(seed)
    chunk = max(1, min(draws, CELLS_PER_CHUNK // max(len(rows), 1)))
    progress = on_progress or (lambda _f, _m: None)
    done = 0
    while done < draws and m:
        c = min(chunk, draws - done)
        w = dirichlet_draws(weights, c, concentration=concentration, rng=rng)
        best = rows[_ordered_top(score_many(sub, w, reference=x), k)]  # k × c
        np.add.at(acc, (best[:ranks], np.arange(ranks)[:, None]), 1.0)
        np.add.at(first_w, best[0], w)
        t = min(top, m)
        np.add.at(top_w, best[:t].ravel(), np.tile(w, (t, 1)))
        np.add.at(in_top, best[:t].ravel(), 1.0)
        total_w += w.sum(axis=0)
        done += c
        progress(done / draws, f"SMAA-2: {done:,} / {draws:,} weight draws")
    first = acc[:, 0] if ranks else np.zeros(m)
    with np.errstate(invalid="ignore", divide="ignore"):
        central = first_w / first[:, None]
        displacing = (total_w[None, :] - top_w) / (draws - in_top)[:, None]
    log.info(
        "SMAA-2: %s parks (%s can reach the top %s) × %s draws, %s per chunk",
        m,
        f"{len(rows):,}",
        k,
        f"{draws:,}",
        f"{chunk:,}",
    )
    return SmaaResult(
        acceptability=acc / draws,
        p_top3=in_top / draws,
        central_weights=central,
        displacing_weights=displacing,
        draws=draws,
        concentration=concentration,
        seed=seed,
        top=top,
    )
