"""The land page under AppTest: the balance per town and the 厂房加层 potential as the logic
computes them (district figures, the towns' table adding up to the district), a scope of
chosen parks, the renewal areas listed as the logic ranks them and their export for the land
bureau, a town account limited to its own town's areas; the potential on the park card and as
a park colouring of the map."""

from __future__ import annotations

import pytest

from geo.renewal import renewal_areas
from scoring.land.balance import land_balance
from scoring.land.potential import land_potential
from store.workspace import Workspace
from tests.pages.conftest import open_map, open_page


@pytest.fixture(scope="module")
def areas(app_workspace):
    ws = Workspace.open(app_workspace)
    return renewal_areas(ws.read("parks"), ws.read("parcels"), ws.read("enterprises"), gap_m=50)


def _frame(at, *columns):
    """The one table holding ``columns`` (a plain st.dataframe carries no key in its proto)."""
    found = [d.value for d in at.dataframe if set(columns) <= set(d.value.columns)]
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
    labels = [b.proto.label for b in at.get("download_button")]
    assert "下载 renewal_areas.gpkg" in labels
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


@pytest.fixture(scope="module")
def layers(app_workspace):
    ws = Workspace.open(app_workspace)
    return ws.read("enterprises"), ws.read("parks"), ws.read("parcels")


def _metrics(at) -> dict[str, str]:
    """Metric values by label; an area's label "腾退用地（2,559.1 公顷）" also by its first word,
    with the value as "2,559.1 公顷 · 38,386 亩"."""
    out: dict[str, str] = {}
    for m in at.metric:
        out[m.label] = m.value
        if m.label.endswith(" 公顷）"):
            word, ha = m.label.removesuffix("）").split("（")
            out[word] = f"{ha} · {m.value}"
    return out


def test_the_balance_shows_the_districts_figures_and_towns_that_add_up(app, layers):
    firms, parks, parcels = layers
    expected = land_balance(firms, parks, parcels).district.iloc[0]
    at = open_page(app, "land")
    metrics = _metrics(at)
    assert metrics["腾退用地"] == (
        f"{expected['freed_ha']:,.1f} 公顷 · {expected['freed_mu']:,.0f} 亩"
    )
    assert metrics["用地需求"] == (
        f"{expected['demand_ha']:,.1f} 公顷 · {expected['demand_mu']:,.0f} 亩"
    )
    assert metrics["腾退/需求"] == f"{expected['freed_to_demand']:,.2f}"
    towns = _frame(at, "腾退用地合计(亩)")
    assert towns["所在镇街"].iloc[-1] == "全区 District"
    body = towns.iloc[:-1]
    assert len(body) == 16
    kinds = ["腾退用地：淘汰类企业(亩)", "腾退用地：全面改造三旧地块(亩)", "腾退用地：厂房加层(亩)"]
    # each town's total is the sum of its three kinds, and the towns add up to the district
    assert (body[kinds].sum(axis=1) - body["腾退用地合计(亩)"]).abs().max() <= 0.15
    assert body["腾退用地合计(亩)"].sum() == pytest.approx(expected["freed_mu"], abs=1.0)
    charts = [c for c in at.get("arrow_vega_lite_chart")] + [c for c in at.get("vega_lite_chart")]
    assert charts, "the balance and potential charts"


def test_a_scope_of_chosen_parks_counts_only_their_towns(app, layers):
    firms, parks, parcels = layers
    chosen = parks["park_id"].iloc[:2].tolist()
    expected = land_balance(firms, parks, parcels, scope=chosen)
    at = open_page(app, "land")
    at.radio(key="land_scope").set_value("parks").run()
    at.multiselect(key="land_parks").set_value(chosen).run()
    assert not at.exception, at.exception
    towns = _frame(at, "腾退用地合计(亩)")
    assert towns["所在镇街"].iloc[:-1].tolist() == expected.towns["town"].tolist()
    assert towns["腾退用地合计(亩)"].iloc[-1] == round(expected.district["freed_mu"].iloc[0], 1)
    assert "只计入这些园区内企业" in " ".join(c.value for c in at.caption)


def test_the_potential_tab_reports_firms_it_could_not_evaluate(app, layers):
    firms, parks, _ = layers
    expected = land_potential(firms, parks=parks)
    missing = int((~expected.firms["evaluated"].astype(bool)).sum())
    assert missing > 0  # the sample has firms without floor area
    at = open_page(app, "land")
    metrics = _metrics(at)
    assert metrics["未测算企业"] == f"{missing:,}"
    assert metrics["节约用地"].endswith(f"{expected.firms['land_saved_mu'].sum():,.0f} 亩")
    assert f"{missing} 家企业未测算" in " ".join(c.value for c in at.caption)
    towns = _frame(at, "所在镇街", "加层节约用地(亩)")
    parks_shown = _frame(at, "园区编号", "加层节约用地(亩)")
    assert (
        parks_shown["园区编号"].iloc[0]
        == expected.parks.sort_values("land_saved_m2", ascending=False)["park_id"].iloc[0]
    )
    assert towns["加层节约用地(亩)"].is_monotonic_decreasing
    assert "目标容积率 = 行业最低容积率" in " ".join(c.value for c in at.caption)


def test_the_park_card_and_a_park_colouring_show_the_potential(app, layers):
    firms, parks, _ = layers
    expected = land_potential(firms, parks=parks).parks
    best = expected.sort_values("land_saved_m2", ascending=False).iloc[0]
    at = open_map(app)
    at.session_state["map_park"] = best["park_id"]
    at.run()
    text = " ".join(m.value for m in at.markdown)
    assert f"节约用地 {best['land_saved_mu']:,.1f} 亩" in text
    assert "厂房加层节约用地" in at.selectbox(key="map_colour_parks").options
    at.selectbox(key="map_colour_parks").set_value("plot_ratio_potential").run()
    assert not at.exception, at.exception
