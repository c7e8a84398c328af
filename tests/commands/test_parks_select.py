"""``cli.py parks`` and ``cli.py select``: the DATA_MODEL contract, scenarios saved and reopened."""

from __future__ import annotations

import getpass
import json

import pandas as pd
import pytest

import cli
from config import load_config, load_settings
from scoring.parks.choice import choose
from scoring.parks.indicators import ParkLayers, park_indicators
from scoring.parks.scenario import compare_scenarios, settings_from_parameters, stale_note
from scoring.parks.score import rank_parks
from store.scenarios import list_scenarios, load_scenario
from store.workspace import Workspace
from tests.conftest import workspace_location

COLUMNS = [
    "park_id",
    "name",
    "town",
    "eligible",
    "ineligible_reason",
    "m_heat",
    "m_treatment",
    "m_water",
    "m_recycling",
    "m_pv",
    "m_chain",
    "score",
    "rank",
    "p_top3",
    "p_rank1",
    "p_rank2",
    "p_rank3",
]


@pytest.fixture(scope="module")
def ws(tmp_path_factory):
    return Workspace.open(workspace_location(tmp_path_factory.mktemp("cli")))


@pytest.fixture(scope="module")
def parks_csv(ws, tmp_path_factory):
    out = tmp_path_factory.mktemp("out") / "parks.csv"
    assert cli.main(["parks", "--workspace", ws.location, "--out", str(out)]) == 0
    return out


def _select(ws, tmp_path, *extra):
    out = tmp_path / "sel.json"
    code = cli.main(["select", "--workspace", ws.location, *extra, "--out", str(out)])
    return code, (json.loads(out.read_text("utf-8")) if code == 0 else None)


def test_parks_csv_has_the_contract_columns_and_provenance(parks_csv):
    raw = parks_csv.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    table = pd.read_csv(parks_csv, encoding="utf-8-sig")
    assert list(table.columns) == COLUMNS
    el = table[table["eligible"]]
    assert sorted(el["rank"].astype(int)) == list(range(1, len(el) + 1))
    assert table.loc[~table["eligible"], "rank"].isna().all()
    assert table.loc[~table["eligible"], "ineligible_reason"].str.len().gt(0).all()
    for m in COLUMNS[5:11]:
        assert table[m].between(0, 1).all()
    assert el["p_top3"].sum() == pytest.approx(3.0, abs=1e-9)
    side = json.loads((parks_csv.parent / "parks.csv.provenance.json").read_text("utf-8"))
    assert side["parameters"]["method"] == "wsm"
    assert side["parameters"]["robustness"]["draws"] == 10_000
    assert side["parameters"]["irradiance_source"] == "raster"


def test_select_picks_the_top_three_eligible(ws, parks_csv, tmp_path):
    table = pd.read_csv(parks_csv, encoding="utf-8-sig")
    top3 = table[table["eligible"]].sort_values("rank")["park_id"].head(3).tolist()
    code, doc = _select(ws, tmp_path)
    assert code == 0
    assert doc["parks"] == top3
    scenario = doc["scenario"]
    for key in (
        "method",
        "normalization",
        "weights",
        "gate",
        "robustness",
        "choice",
        "data_version",
        "chains",
        "survey_year",
    ):
        assert key in scenario
    assert scenario["choice"] == {"n": 3, "one_per_town": False, "pins": [], "excludes": []}


def test_one_per_town_pins_and_exclusions(ws, parks_csv, tmp_path):
    table = pd.read_csv(parks_csv, encoding="utf-8-sig").set_index("park_id")
    ranked = table[table["eligible"]].sort_values("rank")
    _, doc = _select(ws, tmp_path, "--one-per-town", "--n", "4")
    towns = table.loc[doc["parks"], "town"]
    assert len(doc["parks"]) == 4
    assert towns.is_unique
    low = ranked.index[-1]
    first = ranked.index[0]
    _, doc = _select(ws, tmp_path, "--pin", low, "--exclude", first)
    assert doc["parks"][0] == low
    assert first not in doc["parks"]
    assert doc["picks"][0]["why"].startswith("钉选 pinned")


def test_pin_of_a_gated_out_park_is_refused_with_the_gates_reason(ws, parks_csv, tmp_path, capsys):
    table = pd.read_csv(parks_csv, encoding="utf-8-sig")
    gated = table[~table["eligible"]].iloc[0]
    code, _ = _select(ws, tmp_path, "--pin", gated["park_id"])
    err = capsys.readouterr().err
    assert code == 3
    assert f"'{gated['park_id']}' — 未通过资格门槛 / gated out: {gated['ineligible_reason']}" in err


def test_a_saved_scenario_reopens_to_the_same_three(ws, tmp_path):
    config = tmp_path / "mine.toml"
    config.write_text(
        '[park_score]\nmethod = "topsis"\n[park_score.weights]\npv = 3.0\nheat = 0.5\n'
        "[park_score.gate]\nmin_area_ha = 8.0\n",
        encoding="utf-8",
    )
    code, doc = _select(
        ws,
        tmp_path,
        "--config",
        str(config),
        "--one-per-town",
        "--save",
        "光伏优先",
    )
    assert code == 0
    saved = load_scenario(ws, "光伏优先")
    assert list(saved.parks) == doc["parks"]
    assert saved.user == getpass.getuser()  # the CLI acts as the OS user (or --as NAME)
    assert saved.is_current(ws)
    # reopen: rebuild the settings from the scenario alone and score again
    settings = settings_from_parameters(saved.parameters, load_settings().park_score)
    assert settings.method == "topsis"
    assert settings.gate.min_area_ha == 8.0
    cfg = load_config()
    ind = park_indicators(
        ParkLayers.from_workspace(ws),
        settings=settings,
        energy_factors=cfg["energy"],
        year=settings.survey_year,
    )
    rules = saved.parameters["choice"]
    again = choose(
        rank_parks(ind, settings).table,
        n=rules["n"],
        one_per_town=rules["one_per_town"],
        pins=rules["pins"],
        excludes=rules["excludes"],
    )
    assert list(again.parks) == list(saved.parks)


def test_two_scenarios_compared_and_a_stale_one_says_so(tmp_path):
    ws = Workspace.open(workspace_location(tmp_path, "own"))  # its data are changed below
    _select(ws, tmp_path, "--save", "等权")
    _select(ws, tmp_path, "--save", "排除第一", "--exclude", load_scenario(ws, "等权").parks[0])
    a, b = load_scenario(ws, "等权"), load_scenario(ws, "排除第一")
    diff = compare_scenarios(a, b)
    assert diff.only_a == (a.parks[0],)
    assert len(diff.only_b) == 1
    assert ("choice.excludes", [], [a.parks[0]]) in diff.changed
    assert {s.name for s in list_scenarios(ws)} >= {"等权", "排除第一"}
    assert stale_note(a, ws.data_version()) == ""
    parks = ws.read("parks")
    parks.loc[parks.index[0], "name"] = "改名园区"
    ws.write("parks", parks)
    note = stale_note(a, ws.data_version())
    assert "基于旧数据" in note
    assert a.data_version in note
    assert not a.is_current(ws)


def test_wrong_output_suffix_is_a_usage_error(ws, tmp_path):
    assert cli.main(["parks", "--workspace", ws.location, "--out", str(tmp_path / "x.xlsx")]) == 2
    out = tmp_path / "x.csv"
    assert cli.main(["select", "--workspace", ws.location, "--out", str(out)]) == 2


def test_a_config_of_the_wrong_type_is_refused_before_scoring(ws, tmp_path, capsys):
    """Issue 27: ``pollution_intensive = "26"`` once became the prefixes "2" and "6"; draws of
    1e9 ran for minutes. Now both are refused at load, named, with exit 3 and no output file."""
    config = tmp_path / "bad.toml"
    config.write_text(
        '[park_score.indicators]\npollution_intensive = "26"\n'
        "[park_score.robustness]\ndraws = 1e9\n",
        encoding="utf-8",
    )
    out = tmp_path / "parks.csv"
    argv = ["parks", "--workspace", ws.location, "--config", str(config), "--out", str(out)]
    assert cli.main(argv) == 3
    err = capsys.readouterr().err
    assert "bad.toml: 2 problem(s)" in err
    assert "park_score.indicators.pollution_intensive = '26'" in err
    assert "must be a list of GB/T 4754 codes" in err
    assert "park_score.robustness.draws = 1000000000.0 — " in err
    assert not out.exists()
