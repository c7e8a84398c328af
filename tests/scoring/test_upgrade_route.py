"""Suggested upgrade routes: ordered rules, reasons with values and thresholds."""

from __future__ import annotations

import pandas as pd

from config import load_settings
from scoring.parks.upgrade_route import SUGGESTION_NOTE, upgrade_routes


def _parks():
    return pd.DataFrame(
        {
            "park_id": ["a", "b", "c", "d"],
            "area_ha": [20.0, 20.0, 6.0, 30.0],
            "firms_latest": [30, 30, 30, 40],
            "in_industrial_block": [True, True, True, True],
            "demolition_share": [0.1, 0.7, 0.0, 0.0],
            "score": [0.4, 0.5, 0.6, 0.7],
            "rank": pd.array([3, 2, None, 1], dtype="Int64"),
        }
    )


def test_routes_follow_the_rules_in_order_with_reasons():
    settings = load_settings().park_score
    screen = pd.DataFrame(
        {
            "park_id": ["a", "b", "c", "d"],
            "d_share": [0.1, 0.5, 0.0, 0.0],
            "phase_out_share": [0.35, 0.0, 0.0, 0.1],
        }
    )
    out = upgrade_routes(_parks(), settings, screen=screen)
    assert out["route_label"].tolist() == ["淘汰关停", "淘汰关停", "合并搬迁", "改造提升"]
    assert out.loc[0, "route_reason"] == "淘汰类企业占比 phase-out candidates 35% ≥ 30%"
    assert out.loc[1, "route_reason"] == "D类企业占比 D-class firms 50% ≥ 40%"
    assert out.loc[2, "route_reason"] == "面积 6.0 ha < 10 ha"
    assert "score 0.700, 排名 rank 1" in out.loc[3, "route_reason"]
    assert (out["suggestion"] == SUGGESTION_NOTE).all()


def test_without_the_screen_the_phase_out_rule_is_not_evaluated_and_says_so():
    out = upgrade_routes(_parks(), load_settings().park_score, screen=None)
    assert out["route_label"].tolist() == ["改造提升", "功能转换", "合并搬迁", "改造提升"]
    assert out.loc[1, "route_reason"].startswith("全面改造地块占园区 70% > 50%")
    assert out["route_reason"].str.contains("screen aggregates not available").all()
