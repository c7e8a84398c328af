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
