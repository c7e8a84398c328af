"""The sample's later survey years, 2016 and 2017 (issue 23), against DOMAIN.md §6 and §8.

Computed here from the GeoPackage as shipped, never from the generator: every figure that
names a year holds for that year, and the firms' history is believable (phase-out candidates
leave more often, some move out of the village parks, new firms come, retrofits accumulate).
"""

from __future__ import annotations

import itertools

import pandas as pd
import pyogrio
import pytest

from tests.data.test_calibration import GPKG, KGCE, MU_M2, PLOT_MIN


@pytest.fixture(scope="module")
def firms() -> pd.DataFrame:
    return pyogrio.read_dataframe(GPKG, layer="enterprises", read_geometry=False)


def _year(firms: pd.DataFrame, y: int) -> pd.DataFrame:
    return firms[firms["survey_year"] == y].reset_index(drop=True)


def _candidates(year: pd.DataFrame) -> pd.Series:
    """≥ 3 of the five DOMAIN §2 default flags (relative thresholds), per firm."""
    div = year["industry_code"].astype(str).str[:2]
    energy = sum(year[c].fillna(0) * k for c, k in KGCE.items()) / 1000
    emission = year[["cod_t", "nh3n_t", "so2_t", "nox_t"]].fillna(0).sum(axis=1)
    ind = pd.DataFrame(
        {
            "labour": year["value_added"] / year["employees"],
            "tax_mu": year["tax"] / (year["land_area_m2"] / MU_M2),
            "va_rate": year["value_added"] / year["gross_output"],
            "energy": energy / year["value_added"],
            "emission": emission / year["value_added"],
        }
    )
    small = div.map(div.value_counts()) < 10
    med = {c: ind[c].groupby(div).transform("median").where(~small, ind[c].median()) for c in ind}
    plot = year["floor_area_m2"] / year["land_area_m2"]
    low_plot = (plot < div.map(lambda d: PLOT_MIN.get(d, 1.0))) | plot.isna()
    n = (
        (ind["labour"] < 0.5 * med["labour"]).astype(int)
        + ((ind["tax_mu"] < 0.5 * med["tax_mu"]) & low_plot).astype(int)
        + (ind["va_rate"] < 0.5 * med["va_rate"]).astype(int)
        + (ind["energy"] > 2 * med["energy"]).astype(int)
        + ((ind["emission"] > 2 * med["emission"]) | (emission > year["permitted_emissions_t"]))
    )
    return n >= 3


def test_four_survey_years_one_row_per_firm_and_year(firms):
    assert sorted(firms["survey_year"].unique()) == [2014, 2015, 2016, 2017]
    assert not firms.duplicated(["uscc", "survey_year"]).any()
    for y in (2016, 2017):
        assert 5500 <= (firms["survey_year"] == y).sum() <= 6600


@pytest.mark.parametrize("year", [2016, 2017])
def test_value_added_grows_about_eight_percent(firms, year):
    now, before = _year(firms, year), _year(firms, year - 1)
    growth = now["value_added"].sum() / before["value_added"].sum() - 1
    assert 0.05 <= growth <= 0.11, f"{growth:.1%}"  # plan +8 % a year (§6)


def test_gross_output_2016_near_published(firms):
    total = _year(firms, 2016)["gross_output"].sum() / 1e4
    assert 1800 <= total <= 2150  # 1 968.96 亿元 in 2016 (§8)


def test_auto_reaches_18_6_percent_of_output_in_2016(firms):
    y = _year(firms, 2016)
    share = (
        y.loc[y["industry_code"].str[:2] == "36", "gross_output"].sum() / y["gross_output"].sum()
    )
    assert 0.165 <= share <= 0.205, f"{share:.1%}"


@pytest.mark.parametrize(("year", "target"), [(2016, 0.475), (2017, 0.485)])
def test_high_tech_share_rises_a_point_a_year(firms, year, target):
    y = _year(firms, year)
    above = y[y["above_scale"]]
    share = above.loc[above["high_tech"], "gross_output"].sum() / above["gross_output"].sum()
    assert abs(share - target) <= 0.02, f"{share:.1%}"


@pytest.mark.parametrize(
    ("year", "invest", "retrofit"),
    [(2016, 103.09 * 1.08, 26.80 * 1.22), (2017, 103.09 * 1.08 * 1.07, 26.80 * 1.22 * 1.20)],
)
def test_investment_follows_the_plans_growth(firms, year, invest, retrofit):
    y = _year(firms, year)
    assert 0.85 * invest <= y["industrial_investment"].sum() / 1e4 <= 1.15 * invest
    assert 0.8 * retrofit <= y["tech_retrofit_investment"].sum() / 1e4 <= 1.2 * retrofit


def test_audits_accumulate_and_retrofits_accumulate(firms):
    above = firms[firms["above_scale"]]
    audit = above.groupby("survey_year")["clean_production_audit"].mean()
    assert audit.is_monotonic_increasing
    assert audit[2017] >= 0.7  # all by 2017 (二(五)2)
    done = firms[firms["tech_retrofit"]]
    cum = [done.loc[done["survey_year"] <= y, "uscc"].nunique() for y in (2014, 2015, 2016, 2017)]
    assert all(b > a for a, b in itertools.pairwise(cum)), cum
    # an audited firm stays audited
    a = firms.pivot_table(index="uscc", columns="survey_year", values="clean_production_audit",
                          aggfunc="first")  # fmt: skip
    was, now = a[2016].astype("boolean"), a[2017].astype("boolean")
    both = was.notna() & now.notna()
    assert not (was[both] & ~now[both]).any()


@pytest.mark.parametrize("year", [2016, 2017])
def test_phase_out_stays_a_minority(firms, year):
    share = _candidates(_year(firms, year)).mean()
    assert 0.05 <= share <= 0.12, f"{share:.1%}"


def test_phase_out_candidates_leave_more_often_some_relocate(firms):
    y15, y17 = _year(firms, 2015), _year(firms, 2017).set_index("uscc")
    cand = _candidates(y15).to_numpy()
    gone = ~y15["uscc"].isin(y17.index).to_numpy()
    assert gone[cand].mean() >= 2 * gone[~cand].mean()
    stay = ~gone & y15["park_id"].notna().to_numpy()
    moved = y17.loc[y15.loc[stay, "uscc"], "park_id"].isna().to_numpy()
    assert 10 <= moved.sum() <= 150  # relocated out of their village park, same USCC
    moved_cand = cand[stay][moved]
    assert moved_cand.mean() > cand[stay].mean()  # candidates move more often


def test_new_firms_each_year_with_new_codes(firms):
    for y in (2016, 2017):
        now, before = _year(firms, y), firms[firms["survey_year"] < y]
        new = now[~now["uscc"].isin(before["uscc"])]
        assert 0.03 <= len(new) / len(now) <= 0.07
        assert (new["founded_year"] == y).all()
        assert new["uscc"].str[8:10].eq("MA").all()  # codes issued from late 2015


def test_years_in_d_typed_only_before_2016(firms):
    later = firms[firms["survey_year"] >= 2016]
    assert (later["years_in_d"].fillna(0) == 0).all()
    assert (firms.loc[firms["survey_year"] == 2014, "years_in_d"] > 0).any()


def test_every_project_firm_is_surveyed_in_its_year_and_after(firms):
    projects = pyogrio.read_dataframe(GPKG, layer="projects", read_geometry=False)
    present = set(zip(firms["uscc"], firms["survey_year"], strict=True))
    for uscc, year in zip(projects["uscc"], projects["year"], strict=True):
        for y in range(int(year), 2018):
            assert (uscc, y) in present, (uscc, y)
