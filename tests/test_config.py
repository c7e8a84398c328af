"""The one configuration: defaults, merging a user's TOML, and errors that list known keys."""

from __future__ import annotations

import pytest

from config import load_config
from errors import ValidationError


def test_defaults_hold_the_documented_values():
    cfg = load_config()
    assert cfg["five_excess"]["min_flags"] == 3
    assert cfg["five_excess"]["labour"] == {"mode": "relative", "factor": 0.5, "threshold": 10.0}
    assert cfg["plot_ratio_min"]["17"] == 0.8
    assert cfg["energy"]["electricity_kgce_per_kwh"] == 0.1229
    assert cfg["park_score"]["gate"]["min_area_ha"] == 10.0
    assert "crs" not in cfg  # the CRS is the data contract (geo.crs), not a setting


def test_a_user_file_cannot_change_the_crs(tmp_path):
    path = tmp_path / "mine.toml"
    path.write_text('[crs]\narea = "EPSG:32649"\n', encoding="utf-8")
    known = r"mine.toml: crs .* unknown key; known: auth, energy"
    with pytest.raises(ValidationError, match=known):
        load_config(path)


def test_user_file_is_merged_key_by_key(tmp_path):
    path = tmp_path / "mine.toml"
    path.write_text(
        '[five_excess]\nmin_flags = 2\n[five_excess.labour]\nmode = "absolute"\n'
        '[plot_ratio_min]\n"38" = 1.2\n',
        encoding="utf-8",
    )
    cfg = load_config(path)
    assert cfg["five_excess"]["min_flags"] == 2
    assert cfg["five_excess"]["labour"] == {"mode": "absolute", "factor": 0.5, "threshold": 10.0}
    assert cfg["plot_ratio_min"]["38"] == 1.2
    assert load_config()["five_excess"]["min_flags"] == 3  # defaults untouched


def test_every_bad_key_is_reported_with_the_known_ones(tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text(
        '[five_excess]\nmin_flag = 2\ngroup_min_size = "ten"\n[five_excess.labour]\nfactr = 1\n',
        encoding="utf-8",
    )
    with pytest.raises(ValidationError) as info:
        load_config(path)
    fields = [p.field for p in info.value.problems]
    assert fields == [
        "five_excess.min_flag",
        "five_excess.group_min_size",
        "five_excess.labour.factr",
    ]
    assert "known: energy, group_min_size" in info.value.problems[0].allowed
    assert "must be int" in info.value.problems[1].allowed


def test_broken_toml_and_missing_file(tmp_path):
    path = tmp_path / "broken.toml"
    path.write_text("[five_excess\n", encoding="utf-8")
    with pytest.raises(ValidationError, match="invalid TOML"):
        load_config(path)
    with pytest.raises(ValidationError, match="does not exist"):
        load_config(tmp_path / "none.toml")
