"""AppTest fixtures: every page runs against a fresh workspace copied from the sample."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.accounts import PASSWORDS, create_accounts
from tests.conftest import workspace_location

ROOT = Path(__file__).resolve().parents[2]
TIMEOUT = 60


@pytest.fixture(scope="session", autouse=True)
def app_workspace(tmp_path_factory: pytest.TempPathFactory):
    location = workspace_location(tmp_path_factory.mktemp("app"), "app")
    create_accounts(location)
    mp = pytest.MonkeyPatch()
    mp.setenv("PARKPLAN_WORKSPACE", location)
    yield location
    mp.undo()


def new_app() -> AppTest:
    """The app as a visitor first sees it: the sign-in form."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT)
    at.run()
    assert not at.exception, at.exception
    return at


def sign_in(at: AppTest, name: str, password: str | None = None) -> AppTest:
    """Sign in through the form as a user does (the password of the test account by default)."""
    at.text_input(key="login_user").input(name)
    at.text_input(key="login_password").input(PASSWORDS[name] if password is None else password)
    at.button[0].click().run()  # the form's one submit button
    assert not at.exception, at.exception
    return at


@pytest.fixture
def app() -> AppTest:
    """The app signed in as the planner 李规划."""
    return sign_in(new_app(), "李规划")


@pytest.fixture
def app_as():
    """The app signed in as the named test account (tests.accounts.ROLES_OF)."""
    return lambda name: sign_in(new_app(), name)


def open_page(at: AppTest, page: str) -> AppTest:
    at.switch_page(f"app_pages/{page}.py")
    at.run()
    assert not at.exception, at.exception
    return at


def open_map(at: AppTest) -> AppTest:
    """Open the map page as a browser does: the session's first run draws the map alone, and
    the map's frame then asks for the next run, which draws the controls
    (``ui.map_view.component.AskNextRun``; AppTest has no browser, so the test runs it)."""
    open_page(at, "map")
    at.run()
    assert not at.exception, at.exception
    return at
