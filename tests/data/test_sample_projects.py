"""The bundled sample's technical-retrofit project library (issue 24): the ``projects`` table.

Reads the GeoPackage as shipped. The expectations come from the plan's 2015 targets
(DOMAIN.md §6: 89 above-scale retrofits, 10 机器换人, 26.80 亿元 retrofit investment), its
二(一)1 (key projects: 市重点 or ≥ 5 000 万元, followed to 投产) and 三(一) (province + city +
district ≤ 50 % of the firm's investment), computed here from the table, not by the generator.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pandas as pd
import pyogrio
import pytest

ROOT = Path(__file__).resolve().parents[2]
GPKG = ROOT / "data" / "parks" / "panyu_sample.gpkg"
COLUMNS = [
    "project_id", "uscc", "name", "type", "total_investment_wan", "equipment_investment_wan",
    "city_key", "stage", "reserve_date", "landing_date", "start_date", "production_date",
    "terminated_date", "planned_start_date", "planned_production_date", "subsidy_province_wan",
    "subsidy_city_wan", "matching_requested_wan", "matching_approved_wan", "approval_date",
    "approved_by", "year",
]  # fmt: skip
TYPES = {"设备更新", "机器换人", "智能化改造", "两化融合", "园区循环化改造", "扩产增效",
         "企业技术中心", "首台套"}  # fmt: skip
STEPS = ["reserve_date", "landing_date", "start_date", "production_date"]
REACHED = {"储备": 1, "落地": 2, "开工": 3, "投产": 4}
AS_OF = "2017-12-31"
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@pytest.fixture(scope="module")
def projects() -> pd.DataFrame:
    return pyogrio.read_dataframe(GPKG, layer="projects")


@pytest.fixture(scope="module")
def firms() -> pd.DataFrame:
    return pyogrio.read_dataframe(GPKG, layer="enterprises", read_geometry=False)


@pytest.fixture(scope="module")
def y15(firms) -> pd.DataFrame:
    return firms[firms["survey_year"] == 2015].set_index("uscc")


def _state(t: pd.DataFrame) -> pd.Series:
    return t["subsidy_province_wan"].fillna(0) + t["subsidy_city_wan"].fillna(0)


def _completed_2015(t: pd.DataFrame) -> pd.DataFrame:
    return t[(t["year"] == 2015) & t["production_date"].notna() & (t["production_date"] < "2016")]


# ------------------------------------------------------------------------------------ contract


def test_an_attributes_table_with_exactly_the_columns(projects):
    kinds = dict(pyogrio.list_layers(GPKG))
    assert kinds["projects"] is None  # no geometry
    assert list(projects.columns) == COLUMNS
    assert 150 <= len(projects) <= 300


def test_the_workspace_reader_lists_and_reads_it(tmp_path):
    from store.workspace import Workspace

    copy = tmp_path / "ws.gpkg"
    shutil.copyfile(GPKG, copy)
    ws = Workspace.open(copy)
    assert "projects" in ws.tables()
    assert "projects" not in ws.layers()
    table = ws.read_table("projects")
    assert list(table.columns) == COLUMNS
    assert table["city_key"].dtype == bool


def test_ids_unique_and_named_by_year(projects):
    assert projects["project_id"].is_unique
    ids = projects["project_id"].str.extract(r"^XM-(\d{4})-(\d{4})$")
    assert ids.notna().all().all()
    assert (ids[0].astype(int) == projects["year"]).all()
    assert set(projects["year"]) == {2015, 2016, 2017}


def test_every_firm_in_the_sample_and_names_by_type(projects, firms):
    assert projects["uscc"].isin(set(firms["uscc"])).all()
    assert set(projects["type"]) == TYPES
    for name, kind in zip(projects["name"], projects["type"], strict=True):
        assert re.search(f"{kind}项目(（[二三四]期）)?$", name), name
    assert projects["name"].is_unique  # a firm's second project of a type is its 二期


def test_stages_carry_the_dates_they_passed_in_order(projects):
    dates = [c for c in COLUMNS if c.endswith("_date")]
    for c in dates:
        given = projects[c].dropna()
        assert given.str.match(DATE).all(), c
        assert (given <= AS_OF).all() or c.startswith("planned"), c
    for _, p in projects.iterrows():
        have = [p[c] is not None and not pd.isna(p[c]) for c in STEPS]
        n = sum(have)
        assert have == [True] * n + [False] * (4 - n), p["project_id"]  # no gaps
        if p["stage"] == "终止":
            assert isinstance(p["terminated_date"], str), p["project_id"]
            assert n < 4, p["project_id"]
            assert p["terminated_date"] >= p[STEPS[n - 1]], p["project_id"]
        else:
            assert n == REACHED[p["stage"]], p["project_id"]
            assert pd.isna(p["terminated_date"]), p["project_id"]
        steps = [p[c] for c in STEPS[:n]]
        assert steps == sorted(steps), p["project_id"]
        assert p["reserve_date"][:4] == str(p["year"]), p["project_id"]


def test_money(projects):
    total = projects["total_investment_wan"]
    assert (total > 0).all()
    assert (projects["equipment_investment_wan"] > 0).all()
    assert (projects["equipment_investment_wan"] <= total).all()


def test_approved_matching_within_the_50_percent_cap(projects):
    t = projects[projects["matching_approved_wan"].notna()]
    assert len(t) >= 10
    assert (_state(t) + t["matching_approved_wan"] <= 0.5 * t["total_investment_wan"] + 1e-6).all()
    assert (t["matching_approved_wan"] <= t["matching_requested_wan"]).all()
    assert t["approval_date"].notna().all()
    assert t["approved_by"].notna().all()
    assert (t["approval_date"] >= t["reserve_date"]).all()
    none = projects[projects["matching_approved_wan"].isna()]
    assert none["approval_date"].isna().all()
    assert none["approved_by"].isna().all()


def test_subsidies_mostly_5_to_20_percent_and_a_few_above_the_cap(projects):
    total = projects["total_investment_wan"]
    state = _state(projects)
    share = (state / total)[state > 0]
    assert 0.05 <= share.median() <= 0.20
    over = projects[state > 0.5 * total]
    assert 2 <= len(over) <= 6  # province + city alone above 50 %: the district adds nothing
    assert over["matching_requested_wan"].notna().any()
    assert over["matching_approved_wan"].isna().all()
    assert (projects["matching_requested_wan"].notna() & (state == 0)).sum() == 0


def test_key_projects_and_late_ones(projects):
    key = projects[projects["city_key"] | (projects["total_investment_wan"] >= 5000)]
    assert 5 <= len(key) <= 12
    assert key["city_key"].any()
    assert (key["total_investment_wan"] >= 5000).any()
    live = key["stage"] != "终止"
    no_start = key["start_date"].isna() & (key["planned_start_date"] < AS_OF)
    no_done = key["production_date"].isna() & (key["planned_production_date"] < AS_OF)
    late = key[live & (no_start | no_done)]
    assert 2 <= len(late) <= 6
    assert no_start[late.index].any()  # not started after the planned start
    assert no_done[late.index].any()  # started, not done after the planned completion


def test_a_few_terminated_and_park_circular_retrofits_in_village_parks(projects, y15):
    assert 3 <= (projects["stage"] == "终止").sum() <= 8
    parks = pyogrio.read_dataframe(GPKG, layer="parks", read_geometry=False)
    village = set(parks.loc[parks["name"].str.endswith("村工业园"), "park_id"])
    circular = projects[projects["type"] == "园区循环化改造"]
    assert 3 <= len(circular) <= 8
    assert y15.loc[circular["uscc"], "park_id"].isin(village).all()


# --------------------------------------------------------------- against the firms and §6


def test_completed_2015_retrofits_are_the_surveyed_retrofit_firms(projects, y15):
    done = _completed_2015(projects)
    firms = y15.loc[done["uscc"].unique()]
    assert firms["tech_retrofit"].all()
    assert firms["above_scale"].all()
    surveyed = int((y15["above_scale"] & y15["tech_retrofit"]).sum())
    assert firms.index.nunique() == surveyed  # every surveyed retrofit has its project
    assert 75 <= surveyed <= 100  # the plan's 89


def test_robot_retrofits(projects, firms, y15):
    done = _completed_2015(projects)
    robots = done.loc[done["type"] == "机器换人", "uscc"].unique()
    assert 7 <= len(robots) <= 12  # the plan's 10
    assert y15.loc[robots, "robot_retrofit"].all()
    ever = set(firms.loc[firms["robot_retrofit"], "uscc"])
    assert projects.loc[projects["type"] == "机器换人", "uscc"].isin(ever).all()


def test_2015_investment_follows_the_survey(projects, y15):
    p15 = projects[projects["year"] == 2015]
    per_firm = p15.groupby("uscc")["total_investment_wan"].sum()
    tri = y15.loc[per_firm.index, "tech_retrofit_investment"]
    spent = tri > 0
    ratio = per_firm[spent] / tri[spent]
    assert ratio.between(0.99, 1.51).all()  # the survey's 2015 spend, up to 1.5× for multi-year
    done = _completed_2015(projects)
    small = done[y15.loc[done["uscc"], "tech_retrofit_investment"].to_numpy() == 0]
    assert (small["total_investment_wan"] <= 600).all()  # no survey spend: small updates
    live = p15[p15["stage"] != "终止"]["total_investment_wan"].sum() / 1e4
    assert 20 <= live <= 31  # the plan's 26.80 亿元 of 2015 retrofit investment


def test_the_bundled_table_is_the_seeded_generators_output(projects, firms):
    """The shipped table is up to date: the generator's projects stream on the shipped layers."""
    import sys

    import numpy as np

    sys.path.insert(0, str(ROOT / "data" / "parks"))
    from samplegen.common import SEED
    from samplegen.main import STREAMS
    from samplegen.projects import make_projects

    stream = np.random.default_rng(SEED).spawn(len(STREAMS))[STREAMS.index("projects")]
    parks = pyogrio.read_dataframe(GPKG, layer="parks", read_geometry=False)
    early = firms[firms["survey_year"] <= 2015]  # the library is drawn from the 2014–2015 firms
    again = make_projects(stream, early, parks)
    pd.testing.assert_frame_equal(again, projects, check_dtype=False)
