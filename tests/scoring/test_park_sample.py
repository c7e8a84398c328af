"""The park score on the bundled Panyu sample: properties, not exact figures (the sample is
regenerated from time to time)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from config import load_settings
from scoring.parks.choice import choose
from scoring.parks.indicators import ParkLayers, park_indicators
from scoring.parks.measures import MEASURE_COLUMNS
from scoring.parks.pipeline import park_routes, score_parks
from scoring.parks.score import OUTPUT_COLUMNS, rank_parks, with_overrides


@pytest.fixture(scope="module")
def sample_scores(session_workspace):
    cfg = load_settings()
    scores = score_parks(session_workspace, cfg)
    return scores.indicators, scores, cfg


def test_the_sample_uses_its_irradiance_raster(sample_scores):
    ind, _, _ = sample_scores
    assert ind.irradiance_source == "raster"
    irr = ind.table["irradiance_kwh_m2"]
    assert 1100 < irr.min() < irr.max() < 1450  # class IV, barely varying (DOMAIN §8)


def test_every_measure_spreads_among_eligible_parks(sample_scores):
    _, scores, _ = sample_scores
    eligible = scores.table[scores.table["eligible"]]
    assert len(eligible) >= 10
    for column in MEASURE_COLUMNS:
        values = eligible[column]
        assert values.between(0, 1).all(), column
        assert values.max() - values.min() > 0.3, column
        ties_at_max = int(np.isclose(values, values.max()).sum())
        assert ties_at_max <= max(3, len(values) // 10), (column, ties_at_max)
        assert values.nunique() > len(values) // 2, column


def test_no_two_measures_duplicate_each_other(sample_scores):
    _, scores, _ = sample_scores
    corr = scores.table.loc[scores.table["eligible"], MEASURE_COLUMNS].corr().to_numpy()
    off = corr[~np.eye(len(MEASURE_COLUMNS), dtype=bool)]
    assert np.abs(off).max() < 0.9


def test_ranking_table_contract_and_robustness_sums(sample_scores):
    _, scores, _ = sample_scores
    t = scores.table
    assert list(t.columns) == OUTPUT_COLUMNS
    el = t[t["eligible"]]
    assert sorted(el["rank"].astype(int)) == list(range(1, len(el) + 1))
    assert t.loc[~t["eligible"], "rank"].isna().all()
    assert (t.loc[~t["eligible"], "ineligible_reason"] != "").all()
    assert (el["ineligible_reason"] == "").all()
    for r in (1, 2, 3):
        assert el[f"p_rank{r}"].sum() == pytest.approx(1.0)
    assert el["p_top3"].sum() == pytest.approx(3.0)


def test_gated_out_parks_are_never_picked_and_topsis_also_ranks(sample_scores):
    ind, scores, cfg = sample_scores
    picked = choose(scores.table, n=3, one_per_town=True).parks
    assert set(picked) <= set(scores.table.loc[scores.table["eligible"], "park_id"])
    topsis = rank_parks(ind, with_overrides(cfg.park_score, method="topsis"))
    assert topsis.table["score"].notna().sum() == scores.table["eligible"].sum()


def test_every_park_gets_a_suggested_route_with_a_reason(sample_scores):
    _, scores, _ = sample_scores
    routes = park_routes(scores, None)
    assert set(routes["route_label"]) <= {"淘汰关停", "合并搬迁", "功能转换", "改造提升"}
    assert (routes["route_reason"].str.len() > 0).all()
    # an eligible park keeps its land and is in a block: it is upgraded in place
    eligible = scores.table["eligible"].to_numpy()
    assert (routes.loc[eligible, "route"] == "upgrade").all()


def test_the_workspace_hands_over_only_the_firm_fields_the_indicators_read(session_workspace):
    """Reading fewer columns (for speed) changes no indicator: the same table as from the
    survey's every column."""
    from dataclasses import replace

    from scoring.parks.indicators import FIRM_COLUMNS

    cfg = load_settings()
    layers = ParkLayers.from_workspace(session_workspace)
    assert set(layers.enterprises.columns) == {*FIRM_COLUMNS, "geometry"}
    full = replace(layers, enterprises=session_workspace.read("enterprises"))
    assert len(full.enterprises.columns) > len(layers.enterprises.columns) + 10
    settings, energy = cfg.park_score, cfg.energy.model_dump()
    pd.testing.assert_frame_equal(
        park_indicators(layers, settings=settings, energy_factors=energy).table,
        park_indicators(full, settings=settings, energy_factors=energy).table,
    )
