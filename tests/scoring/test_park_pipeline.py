"""The park pipeline is assembled once (scoring.parks.pipeline) and every caller uses it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from config import load_settings
from scoring.parks.pipeline import ChoiceRules, park_routes, retrofit, score_parks, survey_year

ROOT = Path(__file__).resolve().parents[2]
SOURCES = {
    p.relative_to(ROOT).as_posix(): p.read_text(encoding="utf-8")
    for p in ROOT.rglob("*.py")
    if not {".venv", "tests", "node_modules"} & set(p.relative_to(ROOT).parts)
}


def _calls(name: str) -> set[str]:
    pattern = re.compile(rf"(?<![\w.]){re.escape(name)}\(|\.{re.escape(name)}\(")
    return {
        path
        for path, text in SOURCES.items()
        for line in text.splitlines()
        if pattern.search(line) and not line.lstrip().startswith(("def ", "#"))
    }


def test_one_definition_of_the_pipeline():
    defs = [path for path, text in SOURCES.items() if "def score_parks(" in text]
    assert defs == ["scoring/parks/pipeline.py"]
    assert [p for p, t in SOURCES.items() if "def park_routes(" in t] == defs
    # the stages are put together in the pipeline only (the park benchmark times them apart)
    assert _calls("rank_parks") == {"scoring/parks/pipeline.py", "benchmarks/parks.py"}
    assert _calls("park_indicators") == {"scoring/parks/pipeline.py", "benchmarks/parks.py"}
    assert _calls("upgrade_routes") == {"scoring/parks/pipeline.py"}
    assert _calls("screen_shares") == {"scoring/parks/pipeline.py"}


def test_every_caller_scores_through_it():
    users = _calls("score_parks")
    assert {"commands/_park_score.py", "ui/loaders.py", "benchmarks/backends.py"} <= users


def test_the_retrofit_view_does_not_compute():
    view = "ui/retrofit/view.py"
    for name in ("rank_parks", "park_indicators", "choose", "upgrade_routes", "screen_result"):
        assert view not in _calls(name), name
    assert view in _calls("retrofit_result")


@pytest.fixture(scope="module")
def scored(session_workspace):
    return score_parks(session_workspace, load_settings())


def test_score_parks_scores_the_latest_survey_by_default(session_workspace, scored):
    assert scored.indicators.year == scored.indicators.latest_year
    assert len(scored.table) == len(session_workspace.read("parks"))


class _NoReads:
    def read(self, layer, *, columns=None):
        raise AssertionError(f"read {layer} although the indicators were given")

    def raster_path(self, kind):
        raise AssertionError("raster read although the indicators were given")


def test_given_indicators_are_not_recomputed_and_other_weights_rerank(scored):
    settings = load_settings()
    pv_only = {f"weights.{c}": 0.0 for c in ("heat", "treatment", "water", "recycling", "chain")}
    mine = settings.with_park_score(settings.park_score.with_overrides(**pv_only))
    again = score_parks(_NoReads(), mine, indicators=scored.indicators)
    eligible = again.table[again.table["eligible"]]
    # with pv alone weighted, the score is the pv measure (weighted mean of one measure)
    assert eligible["score"].to_numpy() == pytest.approx(eligible["m_pv"].to_numpy())
    best = eligible.sort_values("rank").iloc[0]
    assert best["m_pv"] == pytest.approx(eligible["m_pv"].max())


def test_the_year_comes_from_the_argument_then_the_settings():
    settings = load_settings()
    assert survey_year(settings) is None  # survey_year = 0: the latest
    assert survey_year(settings, 2014) == 2014
    in_2014 = settings.with_park_score(settings.park_score.with_overrides(survey_year=2014))
    assert survey_year(in_2014) == 2014
    assert survey_year(in_2014, 0) is None


def test_choice_rules_default_to_the_settings_and_pins_are_picked(scored):
    settings = load_settings()
    rules = ChoiceRules.of(settings)
    assert (rules.n, rules.one_per_town) == (3, False)
    last = scored.table[scored.table["eligible"]].sort_values("rank")["park_id"].iloc[-1]
    result = retrofit(scored, ChoiceRules.of(settings, n=2, pins=[last]))
    assert len(result.choice.parks) == 2
    assert last in result.choice.parks
    assert list(result.routes.index) == list(scored.table.index)


def test_routes_with_a_screen_read_its_shares(scored):
    """A screen table where every firm of one park is a D-class phase-out candidate makes that
    park 淘汰关停; without a screen the rule is not evaluated."""
    import pandas as pd

    pid = str(scored.table["park_id"].iloc[0])
    screen = pd.DataFrame(
        {
            "park_id": [pid] * 4,
            "phase_out": [True] * 4,
            "flag_count": [3] * 4,
            "grade": ["D"] * 4,
            **{f: [True] * 4 for f in ("flag_labour", "flag_land", "flag_low_va")},
            **{f: [False] * 4 for f in ("flag_energy", "flag_pollution")},
            **{c: [1.0] * 4 for c in ("land_mu", "employees", "energy_tce", "emissions_t")},
            "surcharge_yuan": [0.0] * 4,
        }
    )
    with_screen = park_routes(scored, screen).set_index("park_id")
    without = park_routes(scored, None).set_index("park_id")
    assert with_screen.loc[pid, "route"] == "phase_out"
    assert "100% ≥ 30%" in with_screen.loc[pid, "route_reason"]
    assert without.loc[pid, "route"] != "phase_out"
