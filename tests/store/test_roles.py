"""The roles of issue 20: each may exactly what its row of the table says; a refusal names the
role and what it may do."""

from __future__ import annotations

import pytest

from errors import AccessDeniedError, ParkPlanError
from store.accounts import Account
from store.roles import ACTIONS, allowed, may, require

ADMIN = Account("a", "admin")
PLANNER = Account("p", "planner")
LAND = Account("l", "land")
TOWN = Account("c", "town", "化龙")
VIEWER = Account("v", "viewer")

# the issue's table, written out by hand (the oracle)
EXPECTED = {
    ADMIN: set(ACTIONS),
    PLANNER: set(ACTIONS) - {"manage_accounts"},
    LAND: {"read", "export_parcels", "export_pack"},
    # issue 24: a town also imports its own firms' retrofit projects (not approving matching)
    TOWN: {
        "read",
        "import_survey",
        "import_projects",
        "target_edit",
        "export_parcels",
        "export_table",
        # issue 25: a town records its own firms' objections to an evaluation batch
        "objection_record",
    },
    VIEWER: {"read"},
}


@pytest.mark.parametrize("actor", list(EXPECTED), ids=lambda a: a.role)
def test_each_role_may_what_the_issue_says(actor):
    town = "化龙"  # a town account's own town; the others do not need one
    got = {a for a in ACTIONS if may(actor, a, town=town)}
    assert got == EXPECTED[actor]


def test_a_town_account_acts_on_its_own_town_only():
    require(TOWN, "import_survey", town="化龙")
    for town in ("石楼", None):
        with pytest.raises(AccessDeniedError, match="own town only"):
            require(TOWN, "import_survey", town=town)
    require(PLANNER, "import_survey", town="石楼")
    require(PLANNER, "import_survey")


def test_matching_is_approved_by_the_district_and_projects_imported_by_their_town():
    for actor in (PLANNER, ADMIN):
        require(actor, "approve_matching")
    for actor in (LAND, TOWN, VIEWER):
        with pytest.raises(AccessDeniedError, match="may not approve the district's matching"):
            require(actor, "approve_matching")
    require(TOWN, "import_projects", town="化龙")
    with pytest.raises(AccessDeniedError, match="own town only"):
        require(TOWN, "import_projects", town="石楼")


def test_a_refusal_names_the_role_and_what_it_may_do():
    with pytest.raises(AccessDeniedError) as info:
        require(LAND, "import_survey")
    text = str(info.value)
    assert "国土/城市更新" in text
    assert "role land may not import survey" in text
    assert "it may: read the data, export parcel lists, export the decision pack" in text
    assert isinstance(info.value, PermissionError)
    assert isinstance(info.value, ParkPlanError)
    with pytest.raises(
        AccessDeniedError, match=r"role viewer may not save scenarios; it may: read"
    ):
        require(VIEWER, "scenario_save")
    assert allowed(VIEWER) == ["read"]


def test_an_unknown_role_may_do_nothing():
    with pytest.raises(AccessDeniedError, match="unknown role"):
        require(Account("x", "boss"), "read")
