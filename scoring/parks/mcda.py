"""Multi-criteria decision analysis for the park score: weights and aggregation methods.

Weights (:data:`WEIGHTINGS`): the user's (normalised to sum 1), equal, entropy of the eligible
parks' measure columns, and AHP from a Saaty pairwise matrix with its consistency ratio (refused
at CR ≥ 0.10). Methods (:data:`METHODS`): weighted sum (the weighted mean of the columns) and
TOPSIS with textbook vector normalisation. Every method scores one weight vector
(``score``) and many at once (``score_many``, a matrix product, used by SMAA-2).

Libraries: pymcdm 1.4 gives AHP (principal eigenvector, CR with Tummala & Ling's random
indices) and the single-vector TOPSIS. Entropy is computed here because pymcdm's
``entropy_weights`` sets a column's entropy to 0 as soon as it holds one zero — and every
min–max-scaled column holds a zero — whereas the textbook takes 0 · ln 0 = 0.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from errors import ArgumentError, UnknownKeyError

__all__ = [
    "METHODS",
    "WEIGHTINGS",
    "AhpResult",
    "Method",
    "ahp_weights",
    "entropy_weights",
    "equal_weights",
    "method",
    "normalise_weights",
    "resolve_weights",
    "topsis",
    "topsis_many",
    "wsm",
    "wsm_many",
]

SAATY_SCALE = (1 / 9, 9)


def normalise_weights(
    weights: Sequence[float] | np.ndarray, *, names: Sequence[str] = ()
) -> np.ndarray:
    """Non-negative weights scaled to sum 1; all zero or negative ones are refused."""
    w = np.asarray(weights, dtype=float)
    bad = [names[int(i)] if i < len(names) else str(int(i)) for i in np.flatnonzero(~(w >= 0))]
    if bad:
        raise ArgumentError(f"weights must be ≥ 0; negative or missing: {', '.join(bad)}")
    if not w.sum() > 0:
        raise ArgumentError("at least one weight must be > 0 (all weights are zero)")
    return w / w.sum()


def equal_weights(n: int) -> np.ndarray:
    """``n`` equal weights (the DOMAIN §3 default)."""
    return np.full(n, 1.0 / n)


def entropy_weights(matrix: np.ndarray) -> np.ndarray:
    """Shannon-entropy weights of the columns of ``matrix`` (alternatives in rows, ≥ 0).

    p_ij = x_ij / Σ_i x_ij; e_j = −Σ_i p_ij ln p_ij / ln m (0 · ln 0 = 0); w_j ∝ 1 − e_j.
    A column that is all zero has no information (e_j = 1). When every column is uniform
    the weights are equal.
    """
    x = np.asarray(matrix, dtype=float)
    m, n = x.shape
    if m < 2:
        return equal_weights(n)
    total = x.sum(axis=0)
    p = np.divide(x, total, out=np.zeros_like(x), where=total > 0)
    plogp = np.where(p > 0, p * np.log(np.where(p > 0, p, 1.0)), 0.0)
    e = np.where(total > 0, -plogp.sum(axis=0) / np.log(m), 1.0)
    d = 1.0 - e
    if not d.sum() > 1e-15:
        return equal_weights(n)
    return d / d.sum()


@dataclass(frozen=True)
class AhpResult:
    """AHP weights from a pairwise matrix and its consistency ratio."""

    weights: np.ndarray
    cr: float
    max_cr: float

    @property
    def consistent(self) -> bool:
        return self.cr < self.max_cr


def _check_pairwise(a: np.ndarray) -> list[str]:
    problems = []
    if a.ndim != 2 or a.shape[0] != a.shape[1]:
        return [f"the pairwise matrix must be square; got shape {a.shape}"]
    if not np.all(np.isfinite(a)) or np.any(a <= 0):
        problems.append("every entry must be a positive number")
        return problems
    if not np.allclose(np.diag(a), 1.0):
        problems.append("the diagonal must be 1 (a criterion equals itself)")
    lo, hi = SAATY_SCALE
    if np.any(a < lo - 1e-9) or np.any(a > hi + 1e-9):
        problems.append("entries must lie on Saaty's scale 1/9 … 9")
    off = ~np.isclose(a * a.T, 1.0, rtol=1e-6)
    for i, j in zip(*np.nonzero(np.triu(off, 1)), strict=True):
        problems.append(
            f"a[{i + 1},{j + 1}] = {a[i, j]:.4g} but a[{j + 1},{i + 1}] = "
            f"{a[j, i]:.4g}; they must be reciprocal (a[j,i] = 1 / a[i,j])"
        )
    return problems


def ahp_weights(
    matrix: Sequence[Sequence[float]] | np.ndarray,
    *,
    max_cr: float,
    names: Sequence[str] = (),
    refuse_inconsistent: bool = True,
) -> AhpResult:
    """AHP weights (principal eigenvector, pymcdm) and Saaty's consistency ratio.

    Raises
    ------
    ArgumentError
        When the matrix is not a positive reciprocal matrix on Saaty's scale (every problem
        listed), or, with ``refuse_inconsistent``, when CR ≥ ``max_cr``.
    """
    a = np.asarray(matrix, dtype=float)
    problems = _check_pairwise(a)
    if problems:
        raise ArgumentError("AHP pairwise matrix: " + "; ".join(problems))
    from pymcdm.weights.subjective import AHP  # pymcdm loads matplotlib: only when used

    ahp = AHP(matrix=a)
    weights = np.asarray(ahp(), dtype=float)
    cr = float(ahp.get_cr())
    result = AhpResult(weights=weights / weights.sum(), cr=cr, max_cr=max_cr)
    if refuse_inconsistent and not result.consistent:
        label = ", ".join(names) if names else f"{a.shape[0]} criteria"
        raise ArgumentError(
            f"AHP consistency ratio CR = {cr:.3f} ≥ {max_cr:.2f} ({label}): the pairwise "
            "judgements contradict each other; revise them until CR < "
            f"{max_cr:.2f} (Saaty) — 一致性比率过高，请调整两两比较"
        )
    return result


def wsm(matrix: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """Weighted sum: the weighted mean of the columns (weights normalised to sum 1)."""
    w = normalise_weights(weights)
    return np.asarray(matrix, dtype=float) @ w


def wsm_many(
    matrix: np.ndarray, weights: np.ndarray, *, reference: np.ndarray | None = None
) -> np.ndarray:
    """Weighted sums for many weight vectors: (alternatives × draws) from (draws × criteria).

    ``reference`` is accepted for a common signature with :func:`topsis_many` (unused: a
    weighted sum of one row does not depend on the others).
    """
    return np.asarray(matrix, dtype=float) @ np.asarray(weights, dtype=float).T


def _informative(x: np.ndarray) -> np.ndarray:
    return np.sqrt((x**2).sum(axis=0)) > 0


def topsis(matrix: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """TOPSIS closeness (benefit criteria, vector normalisation), computed by pymcdm.

    A column that is zero for every alternative is left out (its vector norm is 0). When
    every alternative is identical, everyone scores 0.5.
    """
    x = np.asarray(matrix, dtype=float)
    keep = _informative(x)
    if len(x) == 0:
        return np.zeros(0)
    if not keep.any() or np.allclose(x, x[0]):
        return np.full(len(x), 0.5)
    w = normalise_weights(np.asarray(weights, dtype=float)[keep])
    from pymcdm.methods import TOPSIS  # pymcdm loads matplotlib: only when used
    from pymcdm.normalizations import vector_normalization

    method = TOPSIS(vector_normalization)
    return np.asarray(method(x[:, keep], w, np.ones(int(keep.sum()))), dtype=float)


def topsis_many(
    matrix: np.ndarray, weights: np.ndarray, *, reference: np.ndarray | None = None
) -> np.ndarray:
    """TOPSIS closeness for many weight vectors at once: (alternatives × draws).

    With v_ij = x_ij / ‖x_j‖ and weights w ≥ 0 the weighted ideal is w_j · max_i v_ij, so
    d⁺_i = sqrt(Σ_j w_j² (v_ij − max v_j)²) = sqrt(A⁺ @ (w²)ᵀ): one matrix product per chunk.
    ``reference`` (default: ``matrix``) is the whole set of alternatives that fixes the norms,
    the ideal and the anti-ideal, so a subset of rows can be scored as part of it.
    """
    x = np.asarray(matrix, dtype=float)
    ref = x if reference is None else np.asarray(reference, dtype=float)
    norm = np.sqrt((ref**2).sum(axis=0))
    v = np.divide(x, norm, out=np.zeros_like(x), where=norm > 0)
    vr = np.divide(ref, norm, out=np.zeros_like(ref), where=norm > 0)
    w2 = np.asarray(weights, dtype=float) ** 2
    w2 = w2 / (np.asarray(weights, dtype=float).sum(axis=1, keepdims=True) ** 2)
    d_plus = np.sqrt(((v - vr.max(axis=0)) ** 2) @ w2.T)
    d_minus = np.sqrt(((v - vr.min(axis=0)) ** 2) @ w2.T)
    total = d_plus + d_minus
    return np.divide(d_minus, total, out=np.full_like(total, 0.5), where=total > 0)


@dataclass(frozen=True)
class Method:
    """An aggregation method: one weight vector, and many at once."""

    key: str
    label: str
    score: Callable[[np.ndarray, np.ndarray], np.ndarray]
    score_many: Callable[..., np.ndarray]  # (matrix, draws × criteria, *, reference=None)


METHODS: dict[str, Method] = {
    "wsm": Method("wsm", "加权求和 weighted sum", wsm, wsm_many),
    "topsis": Method("topsis", "TOPSIS（向量归一化 vector normalisation）", topsis, topsis_many),
}


def method(key: str) -> Method:
    """The method ``key``; an unknown key lists the known ones."""
    if key not in METHODS:
        raise UnknownKeyError("scoring method", key, list(METHODS))
    return METHODS[key]


WEIGHTINGS = ("given", "equal", "entropy", "ahp")


def resolve_weights(
    weighting: str,
    *,
    given: Mapping[str, float],
    names: Sequence[str],
    matrix: np.ndarray | None = None,
    ahp_matrix: Sequence[Sequence[float]] | None = None,
    max_cr: float,
) -> tuple[np.ndarray, dict[str, float]]:
    """The weight vector (order ``names``) for a weighting scheme, and its details.

    ``given`` is ``[park_score.weights]``; ``matrix`` the eligible parks' measure columns (for
    entropy); ``ahp_matrix`` the pairwise matrix (for ahp). Details hold the CR for AHP.
    """
    if weighting == "given":
        missing = [n for n in names if n not in given]
        if missing:
            raise ArgumentError(f"[park_score.weights] lacks {', '.join(missing)}")
        return normalise_weights([float(given[n]) for n in names], names=names), {}
    if weighting == "equal":
        return equal_weights(len(names)), {}
    if weighting == "entropy":
        if matrix is None or len(matrix) == 0:
            raise ArgumentError("entropy weights need at least one eligible park")
        return entropy_weights(matrix), {}
    if weighting == "ahp":
        if ahp_matrix is None or len(ahp_matrix) == 0:
            raise ArgumentError(
                "weighting = 'ahp' needs [park_score.ahp] matrix (a 6×6 Saaty pairwise matrix)"
            )
        res = ahp_weights(ahp_matrix, max_cr=max_cr, names=names)
        return res.weights, {"cr": res.cr}
    raise UnknownKeyError("weighting", weighting, list(WEIGHTINGS))
