"""The towns' target completion on the map: registered through ``layers``, the map unchanged."""

from __future__ import annotations

import json

from config import load_settings
from scoring.targets.report import latest_completion
from store.targets import load_split, read_survey
from store.workspace import Workspace
from tests.pages.conftest import open_map


def _script(at) -> str:
    found = [el for el in at.get("component_instance") if "js_links" in el.proto.json_args]
    return json.loads(found[0].proto.json_args)["script"]


def test_towns_can_be_coloured_by_target_completion(app, app_workspace):
    at = open_map(app)
    box = at.selectbox(key="map_colour_towns")
    assert "目标综合完成率（最近调查年度）" in box.options
    assert box.value == ""  # towns still start as plain outlines
    box.set_value("target_completion").run()
    assert not at.exception
    script = _script(at)
    assert "镇街 · 目标综合完成率（最近调查年度）" in script
    # the figures drawn are the towns' completion, computed here independently of the page
    ws = Workspace.open(app_workspace)
    config = load_settings().targets
    firms, towns = read_survey(ws)
    split = load_split(ws, config=config).frame
    year, completion = latest_completion(firms, split, towns=towns, config=config)
    assert year == 2017  # the latest survey year (issue 23)
    for value in completion.dropna():
        assert f'"{value:,.0f}"' in script
