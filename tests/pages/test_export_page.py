"""The export page under AppTest: preview of the parcel list, the pack and its downloads."""

from __future__ import annotations

import pytest

from store.scenarios import save_scenario
from store.workspace import Workspace
from tests.exports.conftest import clean_parks
from tests.pages.conftest import open_page


@pytest.fixture
def scenario_parks(app_workspace):
    ws = Workspace.open(app_workspace)
    chosen, listed = clean_parks(ws.read("parks"), ws.read("parcels"))
    save_scenario(ws, "页面方案", parks=chosen, parameters={"method": "wsm"})
    return chosen, listed


def test_export_page_previews_a_scenario_and_builds_the_pack(app, scenario_parks):
    _, listed = scenario_parks
    open_page(app, "export")
    assert app.title[0].value == "地块清单导出"
    app.radio(key="export_source").set_value("scenario").run()
    app.selectbox(key="export_scenario").set_value("页面方案").run()
    assert not app.exception, app.exception
    table = app.dataframe[0].value
    assert sorted(table["地块编号"]) == sorted(listed["parcel_id"])
    assert f"{len(listed)} 个三旧地块" in app.markdown[0].value
    app.button(key="export_build").click().run()
    assert not app.exception, app.exception
    keys = {b.key for b in app.get("download_button")}
    assert {"dl_zip", "dl_pdf", "dl_txt", "dl_shp", "dl_gpkg", "dl_xlsx", "dl_csv"} <= keys
    app.session_state["export.pack"] = None  # free the bytes for the next tests


def test_export_page_picks_up_the_retrofit_selection_in_english(app, scenario_parks):
    chosen, _ = scenario_parks
    app.session_state["lang"] = "en"
    app.session_state["retrofit.selection"] = chosen[:2]
    open_page(app, "export")
    app.radio(key="export_source").set_value("parks").run()
    assert app.multiselect(key="export_parks").value == chosen[:2]
    assert "Picked up the selection of the retrofit page." in [c.value for c in app.caption]
    assert app.dataframe[0].value.columns[0] == "Parcel id"
