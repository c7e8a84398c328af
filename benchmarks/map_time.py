"""Bench stage: time from opening ``/map`` to the parks drawn, in headless Chromium.

A Streamlit server runs on a copy of the workspace of ``scale`` (district: the bundled sample;
city: the seeded synthetic workspace of :mod:`benchmarks.workspaces`). One visit warms it up
(caches filled, as for the second planner of the day); then each measured visit is a new
browser context (a new visitor: no cache, no session), every request to another host aborted.

Milestones, in ms from navigation start, from an init script in every frame: the Streamlit
shell parsed (DOMContentLoaded), the page's title drawn (the script run's first delta), the
map's frame attached, Leaflet loaded in it, the map made (``window.map``), and the parks drawn
(a park polygon projected on the canvas). Beside them, the server's CPU time per new visitor
(from ``/proc``, so Linux only): unlike the milestones it hardly moves with the machine's load.
Figures measure; they never pass or fail.
"""

from __future__ import annotations

import importlib.util
import logging
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchmarks import Result
from errors import BenchmarkError, UnknownKeyError

__all__ = ["MILESTONES", "VISITS", "Server", "Visits", "run_stage", "serve", "time_to_parks"]

log = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
VISITS = 3
CHROMIUM_ARGS = [  # the browser tests launch it so too (tests/e2e/conftest.py)
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORT = {"width": 1400, "height": 1000}
# label, key in the page's timeline; "parks" is the figure the issue targets
MILESTONES = (
    ("Streamlit shell parsed (DOMContentLoaded)", "dcl"),
    ("page title drawn (first script delta)", "heading"),
    ("map frame attached", "iframe"),
    ("Leaflet loaded in the frame", "leaflet"),
    ("map made (window.map)", "map"),
    ("parks drawn", "parks"),
)

_TIMELINE_JS = r"""(() => {
  const T = (window.__pp = window.__pp || {});
  const now = () => performance.timeOrigin + performance.now();
  const top = window === window.top;
  const parks = () => window.map && Object.values(window.map._layers).some(
      l => l.feature && l.feature.properties && typeof l.feature.properties.i === 'string'
           && l._parts && l._parts.length > 0);
  const h = setInterval(() => {
    if (top) {
      if (!T.heading && document.querySelector('h1')) T.heading = now();
      if (!T.iframe && document.querySelector('iframe[title="streamlit_folium.st_folium"]'))
        T.iframe = now();
      if (T.iframe) clearInterval(h);
    } else {
      if (!T.leaflet && window.L) T.leaflet = now();
      if (!T.map && window.map) T.map = now();
      if (!T.parks && parks()) { T.parks = now(); clearInterval(h); }
    }
  }, 10);
})();"""


@dataclass(frozen=True)
class Server:
    """A running app: its URL and the process id of its server."""

    url: str
    pid: int


@dataclass(frozen=True)
class Visits:
    """Milestones of each new visitor, ``(first visit, return visit)``, and the server's CPU
    seconds per new visitor (``None`` where ``/proc`` does not tell it)."""

    runs: list[tuple[dict[str, float], ...]]
    server_cpu: float | None


@contextmanager
def serve(
    workspace: str | Path, *, log_path: Path | None = None, timeout: float = 120.0
) -> Iterator[Server]:
    """A Streamlit server of the app on ``workspace`` (a GeoPackage or a postgresql://
    address; a free local port), with the app's own ``.streamlit/config.toml``, its output in
    ``log_path`` (default: beside a GeoPackage); yields its URL and process id. The browser
    tests start their servers with it too."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = int(s.getsockname()[1])
    env = dict(os.environ, PARKPLAN_WORKSPACE=str(workspace))
    command = [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port)]
    command += ["--server.address", "127.0.0.1", "--server.headless", "true"]
    log_path = log_path or Path(workspace).with_suffix(".log")
    with log_path.open("w") as out:
        proc = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + timeout
            while not _healthy(url):
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise BenchmarkError(f"map bench: streamlit did not start, see {log_path}")
                time.sleep(0.3)
            yield Server(url, proc.pid)
        finally:
            proc.terminate()
            proc.wait(timeout=30)


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
            return bool(r.status == 200)
    except OSError:
        return False


def _visit(browser: Any, url: str, *, timeout_ms: float) -> tuple[dict[str, float], ...]:
    """A new visitor opens ``url``/map, then opens it again in a new tab (a returning
    planner: the browser has Streamlit's and Leaflet's files cached); milestones of both in
    ms from navigation start."""
    context = browser.new_context(viewport=VIEWPORT, locale="zh-CN")
    try:
        return tuple(_open_map(context, url, timeout_ms=timeout_ms) for _ in range(2))
    finally:
        context.close()


BENCH_USER = ("bench", "bench-password-2026")  # a viewer account made in the bench's workspace


def add_bench_account(workspace: str | Path) -> None:
    """The viewer account the bench's browser signs in with (once per workspace)."""
    from config import load_settings
    from store.accounts import Account, add_account, list_accounts
    from store.workspace import Workspace

    ws = Workspace.open(workspace)
    if BENCH_USER[0] not in {a.name for a in list_accounts(ws)}:
        add_account(ws, BENCH_USER[0], BENCH_USER[1], role="viewer",
                    config=load_settings().auth, by=Account("bench", "admin"))  # fmt: skip


def sign_in(page: Any, name: str, password: str, *, timeout_ms: float = 60_000) -> None:
    """Sign in through the app's form (its inputs' stable keys ``login_user`` and
    ``login_password``) as a planner does; returns when the form is gone."""
    form = page.locator(".st-key-login_user input")
    form.wait_for(timeout=timeout_ms)
    form.fill(name)
    page.locator(".st-key-login_password input").fill(password)
    page.locator(".st-key-login_password input").press("Enter")
    page.locator(".st-key-login_user").wait_for(state="detached", timeout=timeout_ms)


def _open_map(context: Any, url: str, *, timeout_ms: float) -> dict[str, float]:
    """Open ``url``/map in a new tab of ``context``, sign in, wait for the parks; milestones in
    ms from navigation start (the sign-in — one Argon2id check and a rerun — included)."""
    page = context.new_page()
    try:
        page.route("**/*", _offline)
        page.add_init_script(_TIMELINE_JS)
        page.goto(f"{url}/map", wait_until="domcontentloaded", timeout=timeout_ms)
        sign_in(page, *BENCH_USER, timeout_ms=timeout_ms)
        frame = None
        deadline = time.monotonic() + timeout_ms / 1000
        while frame is None:
            frame = next((f for f in page.frames if "streamlit_folium" in f.url), None)
            if frame is None:
                if time.monotonic() > deadline:
                    raise BenchmarkError(f"map bench: no map frame on {url}/map")
                page.wait_for_timeout(20)
        frame.wait_for_function("() => window.__pp && window.__pp.parks", timeout=timeout_ms)
        origin = float(page.evaluate("() => performance.timeOrigin"))
        dcl = float(page.evaluate("() => performance.timing.domContentLoadedEventEnd"))
        marks = {**page.evaluate("() => window.__pp"), **frame.evaluate("() => window.__pp")}
        marks["dcl"] = dcl
        return {key: float(marks[key]) - origin for _, key in MILESTONES if key in marks}
    finally:
        page.close()


def _cpu_seconds(pid: int) -> float | None:
    """User + system CPU seconds of process ``pid`` so far (``None`` without ``/proc``)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _offline(route: Any) -> None:
    """Let requests to this machine through; abort every other (as the browser tests do)."""
    url = route.request.url
    local = url.startswith(("data:", "blob:", "http://127.0.0.1", "http://localhost"))
    if local:
        route.continue_()
    else:
        route.abort()


def time_to_parks(workspace: Path, *, visits: int = VISITS, timeout_ms: float = 120_000) -> Visits:
    """Milestones of ``visits`` new visitors to ``/map`` on a warm server of ``workspace``
    (each a first and a return visit), and the server's CPU time per new visitor."""
    from playwright.sync_api import sync_playwright

    add_bench_account(workspace)
    with serve(workspace) as server, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            _visit(browser, server.url, timeout_ms=timeout_ms)  # warm-up: fills the caches
            before = _cpu_seconds(server.pid)
            runs = [_visit(browser, server.url, timeout_ms=timeout_ms) for _ in range(visits)]
            after = _cpu_seconds(server.pid)
        finally:
            browser.close()
    cpu = None if before is None or after is None else (after - before) / visits
    return Visits(runs, cpu)


def _workspace(scale: str, folder: Path) -> tuple[Path, int]:
    """A workspace of ``scale`` in ``folder`` and the number of features the map draws."""
    from store.workspace import Workspace

    path = folder / f"{scale}.gpkg"
    if scale == "district":
        ws = Workspace.open(path)  # created from the bundled sample
    else:
        from benchmarks.workspaces import synthetic_workspace

        ws = synthetic_workspace(scale, path)
    features = sum(len(ws.read(k, columns=[])) for k in ("towns", "parks", "parcels"))
    return path, features


def run_stage(scale: str) -> list[Result]:
    """Time to parks on ``/map`` (median of :data:`VISITS` new visitors, warm server), with the
    median of each milestone before it, and the median of their return visits (browser cache
    warm). Province is not drawn in a browser (the city figure
    says how the page scales); the stage reports nothing there, and nothing without Playwright
    (requirements-dev.txt) or Chromium."""
    from benchmarks.workspaces import SCALES_DRAWN

    if scale not in SCALES_DRAWN and scale != "province":
        raise UnknownKeyError("benchmark scale", scale, [*SCALES_DRAWN, "province"])
    if scale == "province":
        log.info("map time: not measured at province scale (the map is sized for a city)")
        return []
    if importlib.util.find_spec("playwright") is None or not Path(CHROMIUM).exists():
        log.warning("map time: needs playwright (requirements-dev.txt) and %s", CHROMIUM)
        return []
    with tempfile.TemporaryDirectory() as tmp:
        path, features = _workspace(scale, Path(tmp))
        visited = time_to_parks(path)
    runs = visited.runs
    load = os.getloadavg()[0]
    results = []
    for label, key in MILESTONES:
        ms = statistics.median(run[0][key] for run in runs)
        name = f"map {scale}: {label}"
        if key == "parks":
            name = f"map {scale}: TIME TO PARKS, new visitor (load {load:.1f})"
        results.append(Result(name, features, ms / 1000))
    again = statistics.median(run[1]["parks"] for run in runs)
    results.append(Result(f"map {scale}: TIME TO PARKS, returning visitor", features, again / 1000))
    if visited.server_cpu is not None:  # both visits of each visitor
        results.append(
            Result(f"map {scale}: server CPU per new visitor", features, visited.server_cpu)
        )
    log.info("map time (%s): %s", scale, runs)
    return results
