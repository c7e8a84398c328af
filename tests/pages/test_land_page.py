"""The land page under AppTest: the renewal areas listed as the logic ranks them, their export
for the land bureau, a town account limited to its own town's areas."""

from __future__ import annotations

import pytest

from geo.renewal import renewal_areas
from store.workspace import Workspace
from tests.pages.conftest import open_page


@pytest.fixture(scope="module")
def areas(app_workspace):
    ws = Workspace.open(app_workspace)
    return renewal_areas(ws.read("parks"), ws.read("parcels"), ws.read("enterprises"), gap_m=50)


def _frame(at, column):
    """The one table holding ``column`` (a plain st.dataframe carries no key in its proto)."""
    found = [d.value for d in at.dataframe if column in d.value.columns]
    assert len(found) == 1, [list(d.value.columns) for d in at.dataframe]
    return found[0]


def test_the_renewal_areas_are_listed_largest_first_in_chinese(app, areas):
    at = open_page(app, "land")
    assert at.title[0].value == "土地利用与连片改造"
    table = _frame(at, "片区编号")
    assert list(table.columns[:4]) == ["片区编号", "名称", "面积（公顷）", "面积（亩）"]
    assert table["片区编号"].tolist() == areas.table["area_id"].tolist()
    assert table["面积（公顷）"].tolist() == areas.table["area_ha"].round(2).tolist()
    assert table["面积（公顷）"].is_monotonic_decreasing
    assert "相距不超过 50 米" in " ".join(c.value for c in at.caption)
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["连片改造区"] == f"{len(areas.table):,}"


def test_a_planner_builds_the_chosen_areas_as_a_geopackage(app, areas):
    at = open_page(app, "land")
    first = areas.table["area_id"].iloc[0]
    at.multiselect(key="land_renewal_ids").set_value([first]).run()
    at.selectbox(key="land_renewal_format").set_value("gpkg").run()
    at.button(key="land_renewal_build").click().run()
    assert not at.exception, at.exception
    name, data, kind, ids = at.session_state["land.renewal_file"]
    assert (name, kind, ids) == ("renewal_areas.gpkg", "parcels", (first,))
    assert data[:16] == b"SQLite format 3\x00"
    buttons = at.get("download_button")
    assert [b.proto.label for b in buttons] == ["下载 renewal_areas.gpkg"]
    at.session_state["land.renewal_file"] = None


def test_a_town_account_may_export_only_its_own_towns_areas(app_as, areas):
    at = open_page(app_as("化龙_clerk"), "land")
    offered = at.multiselect(key="land_renewal_ids").options
    own = areas.table.loc[areas.table["towns"] == "化龙"]
    assert offered == [f"{a} {n}" for a, n in zip(own["area_id"], own["name"], strict=True)]
    assert "镇街账户只能导出完全位于化龙的片区。" in [c.value for c in at.caption]


def test_a_viewer_sees_the_list_but_no_export(app_as):
    at = open_page(app_as("只读王"), "land")
    at.multiselect(key="land_renewal_ids").set_value(["RA-001"]).run()
    assert "land_renewal_build" not in {b.key for b in at.button}
    assert "您的角色不能导出这些清单" in " ".join(c.value for c in at.caption)
