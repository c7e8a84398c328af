"""Class rules: quota by rank band with ties, the bottom 5 %, score thresholds."""

from __future__ import annotations

import numpy as np

from scoring.evaluation.classes import ranks
from scoring.evaluation.run import evaluate
from tests.scoring.evaluation.helpers import settings
from tests.scoring.screen_firms import firms


def grades(tax, **cfg):
    frame = firms(len(tax), above_scale=False, tax=list(tax))
    return evaluate(frame, settings=settings(**cfg), year=2015).table


def test_ranks_share_the_better_rank_on_ties():
    assert ranks(np.array([5.0, 9.0, 9.0, 1.0, 5.0])).tolist() == [3, 1, 1, 5, 3]


def test_a_tie_at_the_a_edge_puts_every_tied_firm_in_a():
    # 10 firms; ranks 1, 2, 2, 4 … : shares 0.1, 0.2, 0.2 → three A (the quota is 20 %)
    table = grades([10, 9, 9, 8, 7, 6, 5, 4, 3, 2])
    assert table["rank"].tolist() == [1, 2, 2, 4, 5, 6, 7, 8, 9, 10]
    assert table["grade"].tolist() == ["A", "A", "A", "B", "B", "B", "C", "C", "C", "D"]
    assert set(table["rule"]) == {"quota"}
    # mean tax 63 / 10 = 6.3 → 100 × 10 / 6.3 = 158.7
    assert table["rule_text"].iloc[0] == "得分 158.7，组内排名 1/10，按比例定为 A"


def test_the_bottom_five_percent_is_d():
    # 20 distinct firms: rank 19 has the share 0.95 → C; rank 20 → D (one firm, 5 %)
    table = grades([float(k) for k in range(20, 0, -1)])
    counts = table["grade"].value_counts().to_dict()
    assert counts == {"A": 4, "B": 8, "C": 7, "D": 1}
    assert table["grade"].iloc[18] == "C"
    assert table["grade"].iloc[19] == "D"


def test_a_tie_at_the_bottom_keeps_both_firms_in_c():
    # 20 firms, the last two tied: both rank 19 (0.95) → C; no D
    tax = [float(k) for k in range(20, 2, -1)] + [2.0, 2.0]
    assert "D" not in set(grades(tax)["grade"])


def test_quotas_are_per_cohort_settings():
    table = grades(
        [10, 9, 8, 7, 6, 5, 4, 3, 2, 1],
        cohort_below_scale_large={"A": 0.1, "B": 0.5, "C": 0.8},
    )
    assert table["grade"].tolist() == ["A", "B", "B", "B", "B", "C", "C", "C", "D", "D"]


def test_score_thresholds():
    # tax 10, 20, 30 → scores 50, 100, 150 against A ≥ 120, B ≥ 100, C ≥ 60
    table = grades([10, 20, 30], cohort_below_scale_large={"method": "threshold"})
    assert table["score"].round(6).tolist() == [50.0, 100.0, 150.0]
    assert table["grade"].tolist() == ["D", "B", "A"]
    assert set(table["rule"]) == {"threshold"}
    assert table["rule_text"].iloc[2] == "得分 150.0 按分数线定为 A"
