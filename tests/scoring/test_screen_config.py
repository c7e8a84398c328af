"""A user's screen settings: every problem at once, the difference from the defaults, and a
downloadable TOML that reads back to the same settings."""

from __future__ import annotations

import pytest

from config import load_config
from errors import ValidationError
from scoring.screen.config import (
    config_diff,
    load_screen_config,
    overrides_toml,
    parse_user_config,
)


def test_every_unknown_key_and_bad_value_is_listed_together():
    text = """
[five_excess]
min_flags = 7
group_min_size = 0
colour = "red"

[five_excess.labour]
mode = "median"
factor = -1

[five_excess.energy]
threshold = "high"

[plot_ratio_min]
"99" = 1.0
"17" = 0

[grade.classes]
A = 0.7
B = 0.6

[prices]
electricity_yuan_per_kwh = [0.05, -0.1]

[energy]
electricity_basis = "coal"
"""
    with pytest.raises(ValidationError) as info:
        parse_user_config(text, source="mine.toml")
    fields = [p.field for p in info.value.problems]
    assert fields == [
        "five_excess.colour",  # unknown key (config.merge)
        "five_excess.energy.threshold",  # wrong type (config.merge)
        "five_excess.min_flags",
        "five_excess.group_min_size",
        "five_excess.labour.mode",
        "five_excess.labour.factor",
        "plot_ratio_min.17",
        "plot_ratio_min.99",
        "grade.classes",
        "prices.electricity_yuan_per_kwh",
        "energy.electricity_basis",
    ]
    message = str(info.value)
    assert message.startswith("mine.toml: 11 problem(s)")
    assert "must be one of: relative, absolute" in message
    assert "must be 0 < A < B < C ≤ 1" in message


def test_a_good_file_is_merged_over_the_defaults():
    cfg = parse_user_config(
        '[five_excess.land]\nmode = "absolute"\nthreshold = 6.0\n[energy]\n'
        'electricity_basis = "equivalent"\n'
    )
    assert cfg["five_excess"]["land"] == {"mode": "absolute", "factor": 0.5, "threshold": 6.0}
    assert cfg["energy"]["electricity_basis"] == "equivalent"
    assert cfg["five_excess"]["labour"] == load_config()["five_excess"]["labour"]


def test_broken_toml_and_missing_file(tmp_path):
    with pytest.raises(ValidationError, match="invalid TOML"):
        parse_user_config("[five_excess\n")
    with pytest.raises(ValidationError, match="cannot be read"):
        load_screen_config(tmp_path / "none.toml")


def test_diff_and_download_round_trip(tmp_path):
    cfg = load_config()
    cfg["five_excess"]["min_flags"] = 2
    cfg["five_excess"]["energy"]["factor"] = 3.0
    cfg["prices"]["water_yuan_per_m3"] = 0.5
    diff = config_diff(cfg)
    assert diff.to_dict("records") == [
        {"key": "five_excess.min_flags", "default": 3, "value": 2},
        {"key": "five_excess.energy.factor", "default": 2.0, "value": 3.0},
        {"key": "prices.water_yuan_per_m3", "default": 0.0, "value": 0.5},
    ]
    text = overrides_toml(cfg)
    path = tmp_path / "mine.toml"
    path.write_text(text, encoding="utf-8")
    assert load_screen_config(path) == cfg
    assert config_diff(load_config()).empty
