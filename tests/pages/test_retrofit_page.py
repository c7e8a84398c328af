"""The retrofit page under AppTest: ranking, weights, AHP consistency, scenarios."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from config import load_settings
from scoring.parks.choice import choose
from scoring.parks.indicators import ParkLayers, park_indicators
from scoring.parks.score import rank_parks, with_overrides
from store.workspace import Workspace
from tests.pages.conftest import open_page


def _frame_with(page, column):
    for frame in page.dataframe:
        if column in frame.value.columns:
            return frame.value
    raise AssertionError(f"no table with column {column!r}")


@pytest.fixture
def page(app):
    return open_page(app, "retrofit")


def _expected(**overrides):
    cfg = load_settings()
    settings = with_overrides(cfg.park_score, **overrides)
    ws = Workspace.open()  # PARKPLAN_WORKSPACE of the page tests
    ind = park_indicators(
        ParkLayers.from_workspace(ws), settings=settings, energy_factors=cfg.energy.model_dump()
    )
    return choose(rank_parks(ind, settings).table, n=3, one_per_town=False).parks


def test_the_page_picks_the_three_the_scoring_picks(page):
    assert page.title[0].value == "循环化改造选园"
    assert page.session_state["retrofit.selection"] == list(_expected())
    verdicts = [*page.success, *page.warning]
    assert sum("进入前三的概率" in v.value for v in verdicts) == 3
    ranking = _frame_with(page, "排名")
    assert ranking["排名"].dropna().astype(int).tolist()[:3] == [1, 2, 3]


def test_a_weight_change_reranks_and_updates_the_selection(page):
    before = list(page.session_state["retrofit.selection"])
    page.sidebar.radio(key="rf.scheme").set_value("given").run()
    page.sidebar.slider(key="rf.w.pv").set_value(10.0).run()
    assert not page.exception
    after = list(page.session_state["retrofit.selection"])
    weights = {"heat": 1, "treatment": 1, "water": 1, "recycling": 1, "pv": 10, "chain": 1}
    assert after == list(_expected(weighting="given", weights=weights))
    assert after != before


def test_an_inconsistent_ahp_matrix_is_refused_with_its_cr(page):
    page.sidebar.radio(key="rf.scheme").set_value("ahp").run()
    assert page.success[0].value == "一致性比率 CR = 0.000"
    names = ["集中供热", "集中治污", "中水回用", "循环利用", "分布式光伏", "产业补链"]
    matrix = pd.DataFrame(1.0, index=names, columns=names)
    matrix.iloc[0, 1], matrix.iloc[1, 2], matrix.iloc[0, 2] = 9.0, 9.0, 1 / 9  # cyclic
    page.session_state["rf.ahp_matrix"] = matrix.to_numpy().tolist()
    page.session_state["rf.ahp_editor"] = {"edited_rows": {}, "added_rows": [], "deleted_rows": []}
    page.run()
    errors = [e.value for e in page.error]
    assert any("consistency ratio CR" in e and "≥ 0.10" in e for e in errors)
    assert not any("排名" in f.value.columns for f in page.dataframe)  # nothing ranked


def test_save_reopen_and_compare_scenarios(page):
    page.text_input(key="rf.save_name").input("等权方案").run()
    page.button(key="rf.save").click().run()
    first = list(page.session_state["retrofit.selection"])
    assert page.session_state["retrofit.scenario"] == "等权方案"
    page.sidebar.multiselect(key="rf.excl").set_value([first[0]]).run()
    page.text_input(key="rf.save_name").input("排除第一").run()
    page.button(key="rf.save").click().run()
    assert first[0] not in page.session_state["retrofit.selection"]
    page.selectbox(key="rf.open_name").set_value("等权方案").run()
    page.button(key="rf.open").click().run()
    assert not page.exception
    assert page.session_state["retrofit.selection"] == first
    assert any(s.value == "重新计算得到相同的园区。" for s in page.success)
    assert any("李规划" in i.value for i in page.info)  # saved by the signed-in account
    changed = _frame_with(page, "参数")
    assert "choice.excludes" in changed.iloc[:, 0].tolist()


def test_routes_read_the_five_excess_screen_of_the_same_year(page):
    """The suggested route uses the screen's park aggregates (share of D-class and phase-out
    firms): on the sample some parks are 淘汰关停 only because of them."""
    from config import load_config
    from scoring.parks.upgrade_route import screen_shares, upgrade_routes
    from scoring.screen.run import screen, select_year

    page.toggle(key="rf.show_gated").set_value(True).run()
    shown = (
        _frame_with(page, "园区编号")
        if any("园区编号" in f.value.columns for f in page.dataframe)
        else _frame_with(page, "park_id")
    )
    id_col = "园区编号" if "园区编号" in shown.columns else "park_id"
    route_col = next(c for c in shown.columns if "路径" in c or c == "route_label")
    cfg = load_config()
    s = load_settings().park_score
    ws = Workspace.open()
    ind = park_indicators(ParkLayers.from_workspace(ws), settings=s, energy_factors=cfg["energy"])
    frame = ind.table.join(rank_parks(ind, s).table[["score", "rank"]])
    firms, _ = select_year(ws.read("enterprises"), ind.year)
    with_screen = upgrade_routes(
        frame, s, screen=screen_shares(screen(firms, config=cfg, year=ind.year).table)
    ).set_index("park_id")["route_label"]
    without = upgrade_routes(frame, s).set_index("park_id")["route_label"]
    assert (with_screen != without).any()  # the sample has parks the screen moves
    got = shown.set_index(id_col)[route_col]
    assert got.to_dict() == with_screen.reindex(got.index).to_dict()


def test_the_raw_indicators_show_chinese_labels_and_rounded_figures(page):
    """ "原始指标与参考值": no field name of the data model, no unrounded float."""
    from ui.retrofit.figures import INDICATORS

    raw = _frame_with(page, "参考值（DOMAIN §7）")
    labels = [str(i) for i in raw.index]
    assert "园区面积（公顷）" in labels
    assert "用热密度（GJ/km²）" in labels
    assert not set(labels) & set(INDICATORS)  # thermal_gj_per_km2, fuel_firms …
    assert all(re.search(r"[\u4e00-\u9fff]", label) for label in labels)
    cells = [str(v) for v in raw.drop(columns="参考值（DOMAIN §7）").to_numpy().ravel()]
    assert len(cells) == 3 * len(INDICATORS)
    assert not [c for c in cells if re.search(r"\d\.\d{3,}", c)]  # 95854.48527462808
    assert not [c for c in cells if re.search(r"\d{4,}", c.replace(",", "x"))]  # grouped
    thermal = raw.loc["用热密度（GJ/km²）"].iloc[0]
    assert re.fullmatch(r"[\d,]+|\d+\.\d{1,2}|—", thermal), thermal


@pytest.mark.parametrize(
    ("value", "kind", "text"),
    [
        (95854.48527462808, "number", "95,854"),
        (1234567.0, "number", "1,234,567"),
        (42.123, "number", "42.1"),
        (3.14159, "number", "3.14"),
        (0.123456, "number", "0.12"),
        (0.0, "number", "0"),
        (float("nan"), "number", "—"),
        (12.0, "count", "12"),
        (12345, "count", "12,345"),
        (0.4567, "share", "46 %"),
        (0.0534, "share", "5.3 %"),
        ("jewellery", "text", "珠宝首饰"),
        ("my_chain", "text", "my_chain"),
    ],
)
def test_figures_are_rounded_as_a_planner_reads_them(value, kind, text):
    from ui.retrofit.figures import format_figure

    assert format_figure(value, kind) == text


def test_the_park_multiselects_have_a_chinese_placeholder(page):
    for key in ("rf.pins", "rf.excl"):
        box = page.multiselect(key=key)
        assert box.proto.placeholder == "选择园区"
