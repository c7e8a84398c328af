"""The map is built once per data version, year, filters and options and shared; the page's
selection layer never leaks into the shared map."""

from __future__ import annotations

from layers.compose import MapOptions, frame_only_colourings
from store.workspace import sample_workspace
from tests.pages.conftest import open_map
from tests.pages.test_map_page import map_args


def test_a_selection_change_keeps_the_shared_map_and_its_script(app):
    at = open_map(app)
    first = map_args(at)
    park = str(sample_workspace().read("parks")["park_id"].iloc[0])
    at.session_state["selected_parks"] = [park]
    at.session_state["map_park"] = park
    at.run()
    assert not at.exception, at.exception
    second = map_args(at)
    # the map itself is the same script (no remount); the selection travels apart
    assert second["script"] == first["script"]
    assert "feature_group_feature_group_0" not in second["script"]
    assert second["feature_group"] != first["feature_group"]
    at.run()
    third = map_args(at)
    assert third["script"] == first["script"]
    assert third["feature_group"].count("var feature_group_feature_group_0") == 1


def test_only_maps_coloured_from_their_data_are_shared():
    import ui.screen.map  # noqa: F401  registers the screen's colourings (they read the session)

    assert frame_only_colourings(MapOptions())
    assert frame_only_colourings(MapOptions(colour_by={"parks": "town"}))
    graded = MapOptions(colour_by={"enterprises": "screen_grade"})
    assert not frame_only_colourings(graded)
    # a colouring of a layer that is not drawn does not matter
    assert frame_only_colourings(
        MapOptions(layers=("parks",), colour_by={"enterprises": "screen_grade"})
    )


def test_another_planner_signing_in_does_not_rebuild_the_map(app, app_as, monkeypatch):
    """A sign-in writes the audit (the workspace's file changes) but not the data: the next
    visitor's map comes from the shared cache (issue 22: every visitor rebuilt it)."""
    import ui.loaders

    open_map(app)  # the caches of this data version are filled
    built = []
    real = ui.loaders.prepare_frames
    monkeypatch.setattr(ui.loaders, "prepare_frames", lambda **kw: built.append(1) or real(**kw))
    real_map = ui.loaders.build_map
    monkeypatch.setattr(
        ui.loaders, "build_map", lambda *a, **k: built.append(2) or real_map(*a, **k)
    )
    ws = ui.loaders.workspace()
    real_read = type(ws).read
    reads = []

    def counted(self, layer, *args, **kwargs):
        reads.append(layer)
        return real_read(self, layer, *args, **kwargs)

    monkeypatch.setattr(type(ws), "read", counted)
    visitor = app_as("国土张")  # a sign-in: an audit row written
    open_map(visitor)
    assert "js_links" in map_args(visitor)  # the map is drawn
    assert built == []  # from the shared frames and map
    assert "enterprises" not in reads  # nor are the firms read again (the survey years)
