"""The firm profile page under AppTest: every survey year of the workspace, the screen's figures
of the firm, a chart per indicator, the download by role, the sidebar's search on any page,
an unknown USCC with its near matches, English; the screen table and park card link to it."""

from __future__ import annotations

import json

import geopandas as gpd
import pytest

from scoring.screen.run import screen
from store.workspace import SAMPLE_GPKG
from tests.pages.conftest import open_map, open_page
from ui.map_view.card import md


@pytest.fixture(scope="module")
def firms():
    return gpd.read_file(SAMPLE_GPKG, layer="enterprises", engine="pyogrio", use_arrow=True)


@pytest.fixture(scope="module")
def years(firms) -> list[int]:
    return sorted(int(y) for y in firms["survey_year"].unique())


@pytest.fixture(scope="module")
def candidate(firms, years) -> str:
    """A phase-out candidate of the latest year surveyed in every year (it has reasons)."""
    table = screen(firms, year=years[-1]).table
    every = firms.groupby("uscc")["survey_year"].nunique() == len(years)
    pick = table[table["phase_out"] & table["uscc"].map(every).fillna(False)]
    return str(pick.sort_values("uscc")["uscc"].iloc[0])


def frame_with(at, column: str):
    return next(d.value for d in at.dataframe if column in d.value.columns)


def open_firm(at, uscc: str):
    at.query_params["uscc"] = uscc
    return open_page(at, "firm")


def test_a_firm_page_shows_every_year_with_the_screens_figures(app, firms, years, candidate):
    open_firm(app, candidate)
    rows = firms[firms["uscc"] == candidate].sort_values("survey_year")
    assert [h.value for h in app.header] == [md(rows["name"].iloc[-1])]
    metrics = {m.label: m.value for m in app.metric}
    assert metrics["调查年度"] == f"{len(years)} / {len(years)} 年"
    indicators = frame_with(app, "亩均税收（万元/亩）")
    assert indicators["调查年度"].tolist() == years
    flags = frame_with(app, "占地过大原因")
    for i, year in enumerate(years):
        table = screen(firms, year=year).table
        mine = table[table["uscc"] == candidate].iloc[0]
        assert indicators["亩均税收（万元/亩）"].iloc[i] == pytest.approx(mine["tax_per_mu"])
        assert flags["标记数"].iloc[i] == mine["flag_count"]
        assert flags["淘汰/搬迁候选"].iloc[i] == ("是" if mine["phase_out"] else "否")
    last = screen(firms, year=years[-1]).table
    mine = last[last["uscc"] == candidate].iloc[0]
    assert metrics[f"最新分级（{years[-1]}年）"] == str(mine["grade"])
    raised = [k for k in ("labour", "land", "low_va", "energy", "pollution") if mine[f"flag_{k}"]]
    column = {"labour": "用工过多原因", "land": "占地过大原因", "low_va": "附加值过低原因",
              "energy": "耗能过高原因", "pollution": "排污过量原因"}[raised[0]]  # fmt: skip
    assert flags[column].iloc[-1] in mine["reasons"]
    assert flags[column].iloc[-1]
    # one chart per indicator, each field titled in Chinese
    charts = app.get("vega_lite_chart")
    assert len(charts) == 8
    spec = json.loads(charts[1].proto.spec)
    assert spec["encoding"]["x"]["title"] == "调查年度"
    assert spec["encoding"]["y"]["title"] == "亩均税收（万元/亩）"
    assert [d.proto.label for d in app.get("download_button")] == ["下载企业档案（Excel）"]


def test_a_viewer_sees_the_profile_without_the_download(app_as, candidate):
    at = open_firm(app_as("只读王"), candidate)
    assert at.header
    assert not at.get("download_button")


def test_the_sidebar_search_links_to_firms_from_any_page(app, firms, years):
    open_page(app, "screen")
    latest = firms[firms["survey_year"] == years[-1]]
    name = str(latest.sort_values("uscc")["name"].iloc[0])
    app.sidebar.text_input(key="firm_search").input(name).run()
    assert not app.exception
    links = app.get("page_link")
    labels = [p.proto.label for p in links]
    assert any(label.startswith(md(name)) for label in labels), labels
    uscc = str(latest.sort_values("uscc")["uscc"].iloc[0])
    assert any(p.proto.query_string == f"uscc={uscc}" for p in links)
    app.sidebar.text_input(key="firm_search").input("没有这个企业").run()
    assert any(c.value == "未找到“没有这个企业”" for c in app.sidebar.caption)


def test_an_unknown_uscc_names_near_matches(app, candidate):
    wrong = candidate[:-1] + ("0" if candidate[-1] != "0" else "1")
    open_firm(app, wrong)
    assert [w.value for w in app.warning] == [f"工作库中没有统一社会信用代码为 {wrong} 的企业。"]
    assert any(p.proto.query_string == f"uscc={candidate}" for p in app.get("page_link"))
    assert not app.header


def test_without_a_uscc_the_page_offers_the_search(app):
    open_page(app, "firm")
    assert app.text_input(key="firm_page_search")
    assert app.info


def test_in_english(app, candidate):
    app.session_state["lang"] = "en"
    open_firm(app, candidate)
    assert "Survey year" in frame_with(app, "Survey year").columns
    assert any(s.value == "Indicators" for s in app.subheader)


def test_the_park_card_links_to_its_firms(app, firms, years):
    open_map(app)
    park = firms[firms["survey_year"] == years[-1]]["park_id"].dropna().sort_values().iloc[0]
    app.session_state["map_park"] = park
    app.run()
    assert not app.exception
    choice = app.selectbox(key="park_card_firm")
    assert choice.value
    assert any(p.proto.query_string == f"uscc={choice.value}" for p in app.get("page_link"))


def test_a_firm_profile_reads_chinese(app, candidate):
    from tests.pages.test_chinese_pages import ENGLISH_PLACEHOLDERS, raw_names, texts

    open_firm(app, candidate)
    seen = texts(app)
    assert len(seen) > 40
    wrong = [(w, x[:80]) for w, x in seen if raw_names(x) or ENGLISH_PLACEHOLDERS.search(x)]
    assert not wrong, wrong
    for chart in app.get("vega_lite_chart"):
        encoding = json.loads(chart.proto.spec)["encoding"]
        titles = [encoding["x"]["title"], encoding["y"]["title"]]
        titles += [tip["title"] for tip in encoding["tooltip"]]
        assert all(title and not raw_names(title) for title in titles), titles


def test_the_screen_table_says_how_to_open_a_profile(app):
    open_page(app, "screen")
    assert any(c.value == "选中表中一行即可打开该企业档案" for c in app.caption)


def test_the_map_popup_and_the_page_agree_on_the_address():
    from layers.enterprises import PROFILE_HREF
    from ui.firm.search import PAGE, PARAM, profile_href

    assert profile_href("X1") == PROFILE_HREF + "X1" == f"/firm?{PARAM}=X1"
    assert PAGE == "app_pages/firm.py"


def test_the_address_is_read_as_a_code_only(app):
    open_firm(app, "[x](http://example.invalid) 9144")
    assert [w.value for w in app.warning] == [
        "工作库中没有统一社会信用代码为 XHTTPEXAMPLEINVALID9144 的企业。"
    ]
