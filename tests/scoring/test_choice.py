"""The choice of parks: top n eligible, one per town, pins, exclusions, gated-out parks."""

from __future__ import annotations

import pandas as pd
import pytest

from errors import ValidationError
from scoring.parks.choice import choose


def _ranking():
    return pd.DataFrame(
        {
            "park_id": ["A", "B", "C", "D", "E", "F"],
            "town": ["市桥", "市桥", "石碁", "石碁", "沙湾", "化龙"],
            "eligible": [True, True, True, True, True, False],
            "ineligible_reason": ["", "", "", "", "", "企业 firms 4 < 10"],
            "rank": pd.array([1, 2, 3, 4, 5, None], dtype="Int64"),
        }
    )


def test_top_three_eligible_in_rank_order():
    c = choose(_ranking(), n=3, one_per_town=False)
    assert c.parks == ("A", "B", "C")
    assert c.why["A"] == "排名 rank 1"


def test_one_per_town_skips_a_second_park_of_a_town_and_says_why():
    c = choose(_ranking(), n=3, one_per_town=True)
    assert c.parks == ("A", "C", "E")
    assert "市桥" in c.skipped["B"]
    assert "one per town" in c.skipped["B"]
    assert "D" in c.skipped


def test_pins_come_first_and_exclusions_are_never_picked():
    c = choose(_ranking(), n=3, one_per_town=False, pins=["D"], excludes=["A"])
    assert c.parks == ("D", "B", "C")
    assert c.why["D"] == "钉选 pinned (rank 4)"
    assert c.skipped["A"] == "排除 excluded by the user"


def test_pin_with_one_per_town_blocks_the_pins_town():
    c = choose(_ranking(), n=3, pins=["B"], one_per_town=True)
    assert c.parks == ("B", "C", "E")


def test_gated_out_parks_are_never_picked_even_when_places_remain():
    c = choose(_ranking(), n=6, one_per_town=False)
    assert "F" not in c.parks
    assert c.parks == ("A", "B", "C", "D", "E")
    assert c.short == 1


def test_every_problem_with_pins_is_reported_at_once():
    with pytest.raises(ValidationError) as err:
        choose(_ranking(), n=2, one_per_town=False, pins=["F", "A", "Z", "C"], excludes=["A"])
    text = str(err.value)
    assert "'F' — 未通过资格门槛 / gated out: 企业 firms 4 < 10" in text
    assert "'Z' — 未知园区 / unknown park" in text
    assert "'A' — 同时被排除 / also excluded" in text
    assert "more pins than --n 2" in text
    assert len(err.value.problems) == 4


def test_two_pins_in_one_town_conflict_with_one_per_town():
    with pytest.raises(ValidationError, match="two pins in one town"):
        choose(_ranking(), n=3, pins=["A", "B"], one_per_town=True)
