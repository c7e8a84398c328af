"""SMAA-2: rank acceptability, p_top3, central and displacing weights, the top pre-filter."""

from __future__ import annotations

import numpy as np
import pytest

from errors import ArgumentError
from scoring.parks.mcda import method
from scoring.parks.robustness import dirichlet_draws, smaa, top_candidates


def _oracle(matrix, weights, *, meth, draws, concentration, seed, ranks):
    """Plain loop over draws: the same draws, each ranked with a stable argsort."""
    w = dirichlet_draws(
        weights, draws, concentration=concentration, rng=np.random.default_rng(seed)
    )
    acc = np.zeros((len(matrix), ranks))
    for k in range(draws):
        s = method(meth).score(matrix, w[k])
        order = np.argsort(-s, kind="stable")
        for r in range(ranks):
            acc[order[r], r] += 1
    return acc / draws


@pytest.mark.parametrize("meth", ["wsm", "topsis"])
def test_every_rank_sums_to_one_over_parks_and_over_ranks(meth):
    x = np.random.default_rng(3).random((12, 6))
    res = smaa(x, np.ones(6), method=meth, draws=2_000, concentration=50.0, seed=1)
    assert res.ranks == 12  # ≤ 50 eligible: every rank
    np.testing.assert_allclose(res.acceptability.sum(axis=0), 1.0)
    np.testing.assert_allclose(res.acceptability.sum(axis=1), 1.0)
    assert res.p_top3.sum() == pytest.approx(3.0)
    np.testing.assert_allclose(res.p_top3, res.acceptability[:, :3].sum(axis=1))


@pytest.mark.parametrize("meth", ["wsm", "topsis"])
def test_matches_a_plain_loop_over_draws(meth):
    x = np.random.default_rng(5).random((30, 6))
    res = smaa(x, [2, 1, 1, 1, 1, 3], method=meth, draws=500, concentration=20, seed=9)
    want = _oracle(x, [2, 1, 1, 1, 1, 3], meth=meth, draws=500, concentration=20, seed=9, ranks=30)
    np.testing.assert_allclose(res.acceptability, want)


@pytest.mark.parametrize("meth", ["wsm", "topsis"])
def test_large_sets_compute_ranks_one_to_three_and_prune_exactly(meth):
    rng = np.random.default_rng(11)
    x = rng.random((400, 6)) ** 2  # skewed like real indicators
    res = smaa(x, np.ones(6), method=meth, draws=300, concentration=10, seed=4)
    assert res.ranks == 3
    want = _oracle(x, np.ones(6), meth=meth, draws=300, concentration=10, seed=4, ranks=3)
    np.testing.assert_allclose(res.acceptability, want)
    np.testing.assert_allclose(res.acceptability.sum(axis=0), 1.0)
    assert res.p_top3.sum() == pytest.approx(3.0)


def test_pre_filter_keeps_every_park_that_can_reach_the_top():
    x = np.random.default_rng(2).random((2_000, 5))
    keep = set(top_candidates(x, np.ones(5), top=3).tolist())
    assert len(keep) < 2_000
    for w in np.random.default_rng(8).dirichlet(np.full(5, 0.3), size=300):
        best3 = np.argsort(-(x @ w), kind="stable")[:3]
        assert set(best3.tolist()) <= keep


def test_a_dominant_park_always_ranks_first_with_central_weights_the_mean_draw():
    x = np.array([[0.9, 0.9, 0.9], [0.5, 0.1, 0.2], [0.1, 0.6, 0.3], [0.2, 0.2, 0.8]])
    res = smaa(x, [1, 2, 1], draws=4_000, concentration=30, seed=3)
    assert res.acceptability[0, 0] == 1.0
    np.testing.assert_allclose(res.central_weights[0], [0.25, 0.5, 0.25], atol=0.01)
    assert np.isnan(res.central_weights[1]).all()  # never first
    # park 0 is always in the top three: no displacing weights
    assert np.isnan(res.displacing_weights[0]).all()


def test_central_weights_favour_the_criterion_a_park_is_good_at():
    x = np.array([[1.0, 0.0], [0.0, 1.0], [0.1, 0.1], [0.05, 0.05]])
    res = smaa(x, [1, 1], draws=5_000, concentration=4, seed=0)
    assert res.acceptability[0, 0] == pytest.approx(0.5, abs=0.03)
    assert res.central_weights[0, 0] > 0.6
    assert res.central_weights[1, 1] > 0.6


def test_draws_are_seeded_centred_and_keep_zero_weights_zero():
    rng_a, rng_b = np.random.default_rng(1), np.random.default_rng(1)
    a = dirichlet_draws([1, 0, 3], 20_000, concentration=50, rng=rng_a)
    b = dirichlet_draws([1, 0, 3], 20_000, concentration=50, rng=rng_b)
    np.testing.assert_array_equal(a, b)
    assert (a[:, 1] == 0).all()
    np.testing.assert_allclose(a.mean(axis=0), [0.25, 0.0, 0.75], atol=0.005)
    np.testing.assert_allclose(a.sum(axis=1), 1.0)


def test_same_seed_same_result_and_bad_settings_refused():
    x = np.random.default_rng(3).random((60, 6))
    one = smaa(x, np.ones(6), draws=1_000, concentration=50.0, seed=5)
    two = smaa(x, np.ones(6), draws=1_000, concentration=50.0, seed=5)
    np.testing.assert_array_equal(one.acceptability, two.acceptability)
    with pytest.raises(ArgumentError, match="draws must be ≥ 1"):
        smaa(x, np.ones(6), draws=0, concentration=50.0, seed=0)
    with pytest.raises(ArgumentError, match="concentration must be > 0"):
        smaa(x, np.ones(6), draws=10, concentration=0, seed=0)
