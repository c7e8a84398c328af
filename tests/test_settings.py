"""Typed settings: every bad value of issue 27 refused at load with the key, the value and what
is allowed; a good file loads typed and frozen; config/defaults.toml is the one source of the
defaults that used to be repeated in code."""

from __future__ import annotations

import math
import re
from pathlib import Path

import pydantic
import pytest

from config import load_config, load_settings
from config.settings import ParkScoreSettings, Settings
from errors import ValidationError

ROOT = Path(__file__).resolve().parents[1]


def _load(tmp_path: Path, text: str) -> Settings:
    path = tmp_path / "mine.toml"
    path.write_text(text, encoding="utf-8")
    return load_settings(path)


def _refused(tmp_path: Path, text: str) -> ValidationError:
    path = tmp_path / "mine.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ValidationError) as info:
        load_config(path)  # the untyped loader refuses them too: validated once, at load
    return info.value


@pytest.mark.parametrize(
    ("text", "field", "allowed"),
    [
        (
            '[park_score.indicators]\npollution_intensive = "26"\n',
            "park_score.indicators.pollution_intensive",
            "must be a list of GB/T 4754 codes",
        ),
        (
            "[park_score.gate]\nmin_area_ha = nan\n",
            "park_score.gate.min_area_ha",
            "must be a finite number > 0",
        ),
        (
            "[park_score.gate]\nmin_enterprises = -10\n",
            "park_score.gate.min_enterprises",
            "must be an integer 0–100 000",
        ),
        (
            "[park_score.robustness]\ndraws = 1e9\n",
            "park_score.robustness.draws",
            "must be an integer 1–100,000",
        ),
        (
            "[park_score.robustness]\ndraws = 1000000\n",
            "park_score.robustness.draws",
            "must be an integer 1–100,000",
        ),
        (
            "[park_score.weights]\nheat = inf\n",
            "park_score.weights.heat",
            "must be a finite number ≥ 0",
        ),
        (
            "[park_score.weights]\nheat = -1.0\n",
            "park_score.weights.heat",
            "must be a finite number ≥ 0",
        ),
        (
            "[grade.weights_above_scale]\ntax_per_mu = nan\n",
            "grade.weights_above_scale.tax_per_mu",
            "must be a finite number ≥ 0",
        ),
        (
            "[five_excess.labour]\nfactor = inf\n",
            "five_excess.labour.factor",
            "must be a finite number > 0",
        ),
        (
            '[park_score]\nmethod = "vikor"\n',
            "park_score.method",
            "must be one of: wsm, topsis",
        ),
        (
            '[park_score.chains]\nauto = "3611"\n',
            "park_score.chains.auto",
            "must be a list of GB/T 4754 codes",
        ),
        (
            "[import]\nread_timeout_s = nan\n",
            "import.read_timeout_s",
            "must be a finite number > 0",
        ),
        (
            "[import]\nread_memory_mb = 0\n",
            "import.read_memory_mb",
            "must be a finite number > 0",
        ),
        (
            "[map]\nraster_opacity = 3.0\n",
            "map.raster_opacity",
            "must be 0.1–1",
        ),
        ("[land]\nrenewal_gap_m = -5.0\n", "land.renewal_gap_m", "must be 0–1000 m"),
        ("[land]\nrenewal_gap_m = nan\n", "land.renewal_gap_m", "must be 0–1000 m"),
        ("[land]\nrenewal_gap_m = 5000\n", "land.renewal_gap_m", "must be 0–1000 m"),
        ("[land]\nplot_ratio_uplift = -0.1\n", "land.plot_ratio_uplift", "from 0 to 5"),
        ("[land]\nplot_ratio_uplift = inf\n", "land.plot_ratio_uplift", "from 0 to 5"),
        ("[land]\nmax_plot_ratio = 0\n", "land.max_plot_ratio", "须为 (0, 10]"),
        ("[land]\nmax_plot_ratio = 12.5\n", "land.max_plot_ratio", "in (0, 10]"),
    ],
)
def test_each_bad_value_is_refused_naming_key_value_and_what_is_allowed(
    tmp_path, text, field, allowed
):
    error = _refused(tmp_path, text)
    assert [p.field for p in error.problems] == [field]
    problem = error.problems[0]
    assert allowed in problem.allowed
    line = problem.describe()
    assert line.startswith(f"mine.toml: {field} = ")
    assert "\n" not in line


def test_the_renewal_gap_loads_typed_from_a_user_file(tmp_path):
    assert load_settings().land.renewal_gap_m == 50.0  # the default, from defaults.toml
    assert _load(tmp_path, "[land]\nrenewal_gap_m = 30\n").land.renewal_gap_m == 30.0


def test_the_plot_ratio_settings_load_typed(tmp_path):
    land = load_settings().land
    assert (land.plot_ratio_uplift, land.max_plot_ratio) == (0.5, 3.0)
    mine = _load(tmp_path, "[land]\nplot_ratio_uplift = 0\nmax_plot_ratio = 2.4\n").land
    assert (mine.plot_ratio_uplift, mine.max_plot_ratio) == (0.0, 2.4)


def test_the_value_is_shown_as_given(tmp_path):
    error = _refused(tmp_path, '[park_score.indicators]\npollution_intensive = "26"\n')
    assert error.problems[0].value == "26"
    error = _refused(tmp_path, "[park_score.gate]\nmin_area_ha = nan\n")
    assert math.isnan(error.problems[0].value)


def test_all_weights_zero_is_refused_on_the_table(tmp_path):
    zero = "".join(f"{k} = 0.0\n" for k in ("heat", "treatment", "water", "recycling", "pv"))
    error = _refused(tmp_path, f"[park_score.weights]\n{zero}chain = 0.0\n")
    assert [p.field for p in error.problems] == ["park_score.weights"]
    assert "must sum to more than 0" in error.problems[0].allowed


def test_every_bad_value_at_once(tmp_path):
    error = _refused(
        tmp_path,
        '[park_score.indicators]\npollution_intensive = "26"\n'
        "[park_score.gate]\nmin_area_ha = nan\nmin_enterprises = -10\n"
        "[park_score.robustness]\ndraws = 1e9\n",
    )
    assert len(error.problems) == 4
    assert str(error).startswith("mine.toml: 4 problem(s)")


def test_a_good_file_loads_typed(tmp_path):
    settings = _load(
        tmp_path,
        '[park_score.indicators]\npollution_intensive = ["26", "3360"]\n'
        "[park_score.gate]\nmin_enterprises = 0\n[park_score.robustness]\ndraws = 100000\n",
    )
    assert settings.park_score.indicators.pollution_intensive == ["26", "3360"]
    assert settings.park_score.gate.min_enterprises == 0
    assert settings.park_score.robustness.draws == 100_000
    assert settings.park_score.gate.min_area_ha == 10.0  # the default, from defaults.toml
    assert settings.five_excess.rule("labour").mode == "relative"
    assert settings.park_score.recycling_pairs[0].from_ == ["18", "24", "38", "39"]


def test_settings_are_frozen():
    settings = load_settings()
    with pytest.raises(pydantic.ValidationError):
        settings.park_score.gate.min_area_ha = 1.0  # type: ignore[misc]


def test_overrides_are_validated_and_leave_the_original():
    base = load_settings().park_score
    mine = base.with_overrides(**{"gate.min_area_ha": 5.0, "method": "topsis"})
    assert (mine.gate.min_area_ha, mine.method) == (5.0, "topsis")
    assert (base.gate.min_area_ha, base.method) == (10.0, "wsm")
    with pytest.raises(ValidationError, match=r"park_score\.robustness\.draws"):
        base.with_overrides(**{"robustness.draws": 10**9})


def test_park_score_dump_reads_back():
    base = load_settings().park_score
    dumped = base.dump()
    assert dumped["recycling_pairs"][0]["from"] == ["18", "24", "38", "39"]
    assert ParkScoreSettings.model_validate(dumped) == base


# -- one source for the defaults ---------------------------------------------------------------

_SOURCES = [
    p
    for p in ROOT.rglob("*.py")
    if not {".venv", "tests", "samplegen", "node_modules"} & set(p.relative_to(ROOT).parts)
]
REPEATED = {
    # Panyu's bounds (layers/compose.py, benchmarks/__init__.py)
    "district bounds": re.compile(r"\b(113\.24|113\.57|22\.86|23\.08)\b"),
    # raster opacity (layers/compose.py, layers/rasters.py, ui/map_view/controls.py twice)
    "raster opacity": re.compile(r"opacity[^\n]*\b0\.6\b|\"map_opacity\",\s*0\.6\b"),
    # the 2 s lock wait (store/lock.py, store/imports.py)
    "lock timeout": re.compile(r"TIMEOUT_S\s*=\s*2|lock_timeout_s:\s*float\s*=\s*2"),
}


@pytest.mark.parametrize("what", list(REPEATED))
def test_defaults_live_in_defaults_toml_only(what):
    pattern = REPEATED[what]
    assert _SOURCES, "no source files found"
    found = [
        f"{p.relative_to(ROOT)}:{text[: m.start()].count(chr(10)) + 1}"
        for p in _SOURCES
        for text in [p.read_text(encoding="utf-8")]
        for m in pattern.finditer(text)
    ]
    assert found == [], f"{what} repeated in code: {found}"


def test_the_map_and_lock_defaults_come_from_the_file():
    settings = load_settings()
    assert settings.map.raster_opacity == 0.6
    assert settings.map.district_bounds == ((22.86, 113.24), (23.08, 113.57))
    assert settings.import_.lock_timeout_s == 2.0


def test_the_screen_page_upload_is_checked_by_the_same_models():
    """A user TOML uploaded on the screen page also gets every section checked."""
    from scoring.screen.config import parse_user_config

    with pytest.raises(ValidationError) as info:
        parse_user_config("[park_score.robustness]\ndraws = 1e9\n", source="up.toml")
    assert [p.field for p in info.value.problems] == ["park_score.robustness.draws"]


@pytest.mark.parametrize(
    ("function", "parameters"),
    [
        ("scoring.parks.robustness:smaa", ("draws", "concentration", "seed")),
        ("scoring.parks.mcda:ahp_weights", ("max_cr",)),
        ("scoring.parks.mcda:resolve_weights", ("max_cr",)),
        ("scoring.parks.choice:choose", ("n", "one_per_town")),
    ],
)
def test_scoring_functions_take_these_settings_without_a_default_of_their_own(function, parameters):
    import importlib
    import inspect

    module, name = function.split(":")
    signature = inspect.signature(getattr(importlib.import_module(module), name))
    for p in parameters:
        assert signature.parameters[p].default is inspect.Parameter.empty, (function, p)


def test_a_section_of_another_package_passes_but_a_user_cannot_add_one(tmp_path):
    from config.settings import validate

    config = load_config()
    settings = validate({**config, "reporting": {"rounds": 3}})  # e.g. a section added to defaults
    assert not hasattr(settings, "reporting")
    error = _refused(tmp_path, "[reporting]\nrounds = 3\n")
    assert error.problems[0].field == "reporting"
    assert "unknown key" in error.problems[0].allowed


@pytest.mark.parametrize(
    ("text", "field", "allowed"),
    [
        ("[projects]\nkey_threshold_wan = 0\n", "projects.key_threshold_wan", "(0, 1 000 000]"),
        ("[projects]\nsubsidy_cap_share = 1.5\n", "projects.subsidy_cap_share", "share in (0, 1]"),
        ("[projects]\nsubsidy_cap_share = 0\n", "projects.subsidy_cap_share", "须为 (0, 1]"),
        ('[projects]\nactuals_source = "both"\n', "projects.actuals_source", "survey, projects"),
        ("[projects]\ntypes = []\n", "projects.types", "at least one project type"),
        ('[projects]\ntypes = ["设备更新", "设备更新"]\n', "projects.types", "distinct"),
        (
            '[projects.district_budget_wan]\n"2018" = -1.0\n',
            "projects.district_budget_wan.2018",
            "≥ 0",
        ),
        (
            '[projects.district_budget_wan]\n"next" = 100.0\n',
            "projects.district_budget_wan",
            'strings like "2015"',
        ),
    ],
)
def test_each_bad_projects_value_is_refused(tmp_path, text, field, allowed):
    error = _refused(tmp_path, text)
    assert [p.field for p in error.problems] == [field]
    assert allowed in error.problems[0].allowed


def test_the_projects_settings_load_typed_and_take_another_year(tmp_path):
    projects = load_settings().projects
    assert projects.key_threshold_wan == 5000.0
    assert projects.subsidy_cap_share == 0.5
    assert projects.actuals_source == "survey"
    assert projects.types[:2] == ["设备更新", "机器换人"]
    assert len(projects.types) == 8
    assert projects.budget(2015) == 6700.0
    assert projects.budget(2014) == 0.0
    mine = _load(tmp_path, '[projects.district_budget_wan]\n"2018" = 12000.0\n').projects
    assert mine.budget(2018) == 12000.0
    assert mine.budget(2017) == 9800.0
