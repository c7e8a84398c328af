"""Scenarios: saved, listed, reopened, replaced and deleted in the workspace."""

from __future__ import annotations

import pytest

from errors import UnknownKeyError, WorkspaceError
from store.scenarios import delete_scenario, list_scenarios, load_scenario, save_scenario


def test_a_saved_scenario_reopens_with_the_same_parks_and_parameters(fresh_workspace):
    params = {"weights": {"heat": 2.0, "pv": 0.5}, "method": "topsis", "one_per_town": True}
    saved = save_scenario(
        fresh_workspace, "三园方案A", parks=["PY-1", "PY-2", "PY-3"], parameters=params, user="李工"
    )
    back = load_scenario(fresh_workspace, "三园方案A")
    assert back == saved
    assert back.parks == ("PY-1", "PY-2", "PY-3")
    assert back.parameters == params
    assert back.user == "李工"
    assert back.is_current(fresh_workspace)


def test_saving_a_name_again_replaces_it_and_delete_removes_it(fresh_workspace):
    save_scenario(fresh_workspace, "a", parks=["X"], parameters={})
    save_scenario(fresh_workspace, "b", parks=["Y"], parameters={})
    save_scenario(fresh_workspace, "a", parks=["Z"], parameters={})
    assert sorted(s.name for s in list_scenarios(fresh_workspace)) == ["a", "b"]
    assert load_scenario(fresh_workspace, "a").parks == ("Z",)
    delete_scenario(fresh_workspace, "a")
    assert [s.name for s in list_scenarios(fresh_workspace)] == ["b"]


def test_unknown_and_empty_names_are_clear_errors(fresh_workspace):
    save_scenario(fresh_workspace, "kept", parks=["X"], parameters={})
    with pytest.raises(UnknownKeyError, match="unknown scenario 'gone'; known: kept"):
        load_scenario(fresh_workspace, "gone")
    with pytest.raises(WorkspaceError, match="needs a name"):
        save_scenario(fresh_workspace, "  ", parks=["X"], parameters={})


def test_a_scenario_knows_when_the_data_changed(fresh_workspace):
    save_scenario(fresh_workspace, "old", parks=["X"], parameters={})
    plants = fresh_workspace.read("sewage_plants")
    plants.loc[plants.index[0], "capacity_m3_d"] = 1.0
    fresh_workspace.write("sewage_plants", plants)
    assert not load_scenario(fresh_workspace, "old").is_current(fresh_workspace)
