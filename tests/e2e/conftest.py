"""Browser tests: a real Streamlit server and Debian's headless Chromium driven by Playwright.

Every request to a host other than this machine is aborted and recorded, so a test fails when
the app needs the internet.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from benchmarks.map_time import CHROMIUM, CHROMIUM_ARGS, serve, sign_in
from tests.accounts import PASSWORDS, create_accounts
from tests.conftest import workspace_location

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]"}


@contextmanager
def run_server(workdir: Path, location: str | None = None) -> Iterator[str]:
    """Start a Streamlit server on a free port with a fresh workspace (or the one at
    ``location``) holding the accounts of tests.accounts; yield its base URL (the map bench's
    server, its log in ``workdir``)."""
    where = location or workspace_location(workdir, "e2e")
    create_accounts(where)
    with serve(where, log_path=workdir / "streamlit.log", timeout=90) as server:
        yield server.url


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """One server for the session's browser tests."""
    with run_server(tmp_path_factory.mktemp("e2e")) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    assert Path(CHROMIUM).exists(), (
        "Debian's chromium is required: bash scripts/test.sh installs it"
    )
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


class OfflinePage:
    """A page whose requests to other hosts are aborted and recorded in ``blocked``."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.blocked: list[tuple[str, str]] = []
        page.route("**/*", self._route)

    def _route(self, route) -> None:
        request = route.request
        host = urlparse(request.url).hostname or ""
        if request.url.startswith(("data:", "blob:")) or host in LOCAL_HOSTS:
            route.continue_()
        else:
            self.blocked.append((request.resource_type, request.url))
            route.abort()


@pytest.fixture
def offline_page(browser: Browser) -> Iterator[OfflinePage]:
    context = browser.new_context(viewport={"width": 1400, "height": 900}, locale="zh-CN")
    page = context.new_page()
    yield OfflinePage(page)
    context.close()


def goto(page: Page, url: str, *, as_user: str = "李规划", timeout: float = 60_000) -> None:
    """Open ``url`` as a new visit (a new Streamlit session) and sign in through the form as
    ``as_user`` (an account of tests.accounts), as a planner does after opening a bookmark."""
    page.goto(url, wait_until="domcontentloaded")
    sign_in(page, as_user, PASSWORDS[as_user], timeout_ms=timeout)


def screenshot(page: Page, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=False)
    return path
