"""Weights and methods of the park score against independent oracles and textbook values."""

from __future__ import annotations

import math

import numpy as np
import pytest
import skcriteria as skc
from skcriteria.agg.simple import WeightedSumModel
from skcriteria.agg.topsis import TOPSIS
from skcriteria.pipelines import mkpipe
from skcriteria.preprocessing.scalers import VectorScaler

from errors import ArgumentError, UnknownKeyError
from scoring.parks.mcda import (
    ahp_weights,
    entropy_weights,
    method,
    normalise_weights,
    resolve_weights,
    topsis,
    topsis_many,
    wsm,
    wsm_many,
)

RNG = np.random.default_rng(7)
MATRIX = RNG.random((25, 6))
WEIGHTS = np.array([3.0, 1.0, 2.0, 1.0, 0.5, 2.5])


def _dm(matrix, weights):
    w = np.asarray(weights) / np.sum(weights)
    return skc.mkdm(matrix, [max] * matrix.shape[1], weights=w)


def test_wsm_is_the_weighted_mean_and_matches_scikit_criteria():
    oracle = WeightedSumModel().evaluate(_dm(MATRIX, WEIGHTS)).e_.score
    np.testing.assert_allclose(wsm(MATRIX, WEIGHTS), oracle, rtol=1e-12)
    # weighted mean by hand for one row
    row = MATRIX[0]
    assert wsm(MATRIX, WEIGHTS)[0] == pytest.approx((row * WEIGHTS).sum() / WEIGHTS.sum())


def test_topsis_matches_scikit_criteria_textbook_pipeline():
    oracle = mkpipe(VectorScaler(target="matrix"), TOPSIS()).evaluate(_dm(MATRIX, WEIGHTS))
    np.testing.assert_allclose(topsis(MATRIX, WEIGHTS), oracle.e_.similarity, rtol=1e-10)


def test_vectorised_methods_equal_one_vector_at_a_time():
    draws = RNG.dirichlet(np.ones(6), size=7)
    many_t = topsis_many(MATRIX, draws)
    many_w = wsm_many(MATRIX, draws)
    for k, w in enumerate(draws):
        np.testing.assert_allclose(many_t[:, k], topsis(MATRIX, w), rtol=1e-10)
        np.testing.assert_allclose(many_w[:, k], wsm(MATRIX, w), rtol=1e-12)


def test_topsis_of_a_subset_uses_the_whole_set_as_reference():
    draws = RNG.dirichlet(np.ones(6), size=3)
    full = topsis_many(MATRIX, draws)
    part = topsis_many(MATRIX[[2, 5, 11]], draws, reference=MATRIX)
    np.testing.assert_allclose(part, full[[2, 5, 11]], rtol=1e-12)


def test_topsis_of_identical_alternatives_is_a_tie():
    np.testing.assert_allclose(topsis(np.ones((4, 3)), np.ones(3)), 0.5)


def test_ahp_on_saatys_textbook_matrix():
    # Saaty's 3×3 example: weights 0.637 / 0.258 / 0.105; λmax = 3.0385, CI = 0.0193,
    # CR = CI / RI(3) with RI = 0.58 (Saaty; pymcdm uses Tummala & Ling's 0.5799) = 0.033
    result = ahp_weights([[1, 3, 5], [1 / 3, 1, 3], [1 / 5, 1 / 3, 1]], max_cr=0.10)
    np.testing.assert_allclose(result.weights, [0.637, 0.258, 0.105], atol=5e-4)
    lam = 3.0385
    assert result.cr == pytest.approx((lam - 3) / 2 / 0.58, abs=1e-3)
    assert result.consistent


def test_ahp_consistent_matrix_has_cr_zero_and_ratio_weights():
    w = np.array([4.0, 2.0, 1.0, 1.0])
    matrix = w[:, None] / w[None, :]
    result = ahp_weights(matrix, max_cr=0.10)
    np.testing.assert_allclose(result.weights, w / w.sum(), rtol=1e-10)
    assert result.cr == pytest.approx(0.0, abs=1e-10)


def test_ahp_refuses_an_inconsistent_matrix_with_a_clear_message():
    cyclic = [[1, 9, 1 / 9], [1 / 9, 1, 9], [9, 1 / 9, 1]]
    with pytest.raises(ArgumentError, match=r"consistency ratio CR = \d+\.\d+ ≥ 0\.10"):
        ahp_weights(cyclic, max_cr=0.10)
    # the caller can still see the CR (the page shows it) without raising
    assert ahp_weights(cyclic, max_cr=0.10, refuse_inconsistent=False).cr >= 0.10


def test_ahp_lists_every_problem_of_a_bad_matrix():
    bad = [[2, 3, 5], [1 / 2, 1, 3], [1 / 5, 1 / 3, 1]]  # diagonal ≠ 1, 3 vs 1/2 not reciprocal
    with pytest.raises(ArgumentError) as err:
        ahp_weights(bad, max_cr=0.10)
    assert "diagonal must be 1" in str(err.value)
    assert "a[1,2] = 3 but a[2,1] = 0.5" in str(err.value)
    with pytest.raises(ArgumentError, match="square"):
        ahp_weights([[1, 2, 3]], max_cr=0.10)
    with pytest.raises(ArgumentError, match="Saaty's scale"):
        ahp_weights([[1, 20], [1 / 20, 1]], max_cr=0.10)


def test_entropy_weights_by_hand():
    # column a = (1, 2, 3): p = 1/6, 2/6, 3/6; column b uniform (no information);
    # column c = (1, 0, 0): all mass on one park (entropy 0, the most information)
    m = np.array([[1.0, 5.0, 1.0], [2.0, 5.0, 0.0], [3.0, 5.0, 0.0]])
    p = [1 / 6, 2 / 6, 3 / 6]
    e_a = -sum(x * math.log(x) for x in p) / math.log(3)
    d = np.array([1 - e_a, 0.0, 1.0])
    np.testing.assert_allclose(entropy_weights(m), d / d.sum(), rtol=1e-12, atol=1e-15)


def test_entropy_of_uniform_columns_is_equal_weights():
    np.testing.assert_allclose(entropy_weights(np.ones((5, 4))), 0.25)


def test_weights_are_normalised_and_bad_ones_refused():
    np.testing.assert_allclose(normalise_weights([2, 2, 4]), [0.25, 0.25, 0.5])
    with pytest.raises(ArgumentError, match="all weights are zero"):
        normalise_weights([0, 0])
    with pytest.raises(ArgumentError, match="negative or missing: pv"):
        normalise_weights([1, -1], names=["heat", "pv"])
    with pytest.raises(ValueError, match="all weights are zero"):  # a plain caller's habit
        normalise_weights([0, 0])


def test_resolve_weights_by_scheme():
    names = ["a", "b", "c"]
    w, _ = resolve_weights("given", given={"a": 1, "b": 1, "c": 2}, names=names, max_cr=0.10)
    np.testing.assert_allclose(w, [0.25, 0.25, 0.5])
    w, _ = resolve_weights("equal", given={}, names=names, max_cr=0.10)
    np.testing.assert_allclose(w, 1 / 3)
    w, details = resolve_weights(
        "ahp",
        given={},
        names=names,
        ahp_matrix=[[1, 3, 5], [1 / 3, 1, 3], [1 / 5, 1 / 3, 1]],
        max_cr=0.10,
    )
    assert details["cr"] == pytest.approx(0.0332, abs=1e-3)
    with pytest.raises(ArgumentError, match=r"needs \[park_score.ahp\] matrix"):
        resolve_weights("ahp", given={}, names=names, ahp_matrix=[], max_cr=0.10)
    with pytest.raises(UnknownKeyError, match="known: given, equal, entropy, ahp"):
        resolve_weights("magic", given={}, names=names, max_cr=0.10)


def test_unknown_method_lists_the_known_ones():
    with pytest.raises(UnknownKeyError, match="known: wsm, topsis"):
        method("electre")
