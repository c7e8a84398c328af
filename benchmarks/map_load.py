"""Bench stage ``map_load``: 20 planners open the map at the same moment (issue 22).

A Streamlit server of the app runs on a copy of the bundled sample (district scale only: the
figure is how one server holds up, not how the map scales). After one warm-up visit, ``VISITORS``
new visitors — each a fresh headless Chromium context (no cache, no session), every request to
another host aborted — open ``/map`` together, sign in and wait for the parks, each visit bounded
by ``TIMEOUT_S``. The stage reports the p50 and p95 time to parks (ms from navigation start,
sign-in included), how many visits did not finish in time, and the server's peak resident memory
(its process and children, sampled from ``/proc`` every 0.2 s). It runs in ``cli.py bench`` only,
never in the test run. Figures measure; they never pass or fail.
"""

from __future__ import annotations

import asyncio
import importlib.util
import logging
import os
import statistics
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from benchmarks import Result
from benchmarks.map_time import (
    _TIMELINE_JS,
    BENCH_USER,
    CHROMIUM,
    CHROMIUM_ARGS,
    VIEWPORT,
    add_bench_account,
    serve,
)
from benchmarks.screen import MemoryResult

__all__ = ["TIMEOUT_S", "VISITORS", "run_stage"]

log = logging.getLogger(__name__)

VISITORS = 20
TIMEOUT_S = 60.0


def _rss_bytes(pid: int) -> int:
    """Resident memory of ``pid`` and its children (bytes; 0 without ``/proc``)."""
    total = 0
    pids = [pid]
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        pids += [int(c) for c in children]
    except OSError:
        pass
    for p in pids:
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) * 1024
        except OSError:
            continue
    return total


class _PeakMemory:
    """The highest :func:`_rss_bytes` of a process while the block runs."""

    def __init__(self, pid: int) -> None:
        self.pid, self.peak = pid, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, _rss_bytes(self.pid))
            self._stop.wait(0.2)

    def __enter__(self) -> _PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._stop.set()
        self._thread.join()


async def _offline(route: Any) -> None:
    url = route.request.url
    if url.startswith(("data:", "blob:", "http://127.0.0.1", "http://localhost")):
        await route.continue_()
    else:
        await route.abort()


async def _visit(browser: Any, url: str) -> float | None:
    """One new visitor: open /map, sign in, wait for the parks; ms to parks (None: timed out)."""
    from playwright.async_api import Error as PlaywrightError

    timeout_ms = TIMEOUT_S * 1000
    context = await browser.new_context(viewport=VIEWPORT, locale="zh-CN")
    start = time.monotonic()
    try:
        page = await context.new_page()
        await page.route("**/*", _offline)
        await page.add_init_script(_TIMELINE_JS)
        await page.goto(f"{url}/map", wait_until="domcontentloaded", timeout=timeout_ms)
        form = page.locator(".st-key-login_user input")
        await form.wait_for(timeout=timeout_ms)
        await form.fill(BENCH_USER[0])
        await page.locator(".st-key-login_password input").fill(BENCH_USER[1])
        await page.locator(".st-key-login_password input").press("Enter")
        while True:
            frame = next((f for f in page.frames if "streamlit_folium" in f.url), None)
            if frame is not None:
                break
            if time.monotonic() - start > TIMEOUT_S:
                return None
            await page.wait_for_timeout(20)
        left = max(TIMEOUT_S - (time.monotonic() - start), 1.0) * 1000
        await frame.wait_for_function("() => window.__pp && window.__pp.parks", timeout=left)
        origin = float(await page.evaluate("() => performance.timeOrigin"))
        parks = float(await frame.evaluate("() => window.__pp.parks"))
        return parks - origin
    except PlaywrightError as exc:  # a visit that times out or breaks: not finished, logged
        log.warning("map load: a visit failed: %s", str(exc).splitlines()[0])
        return None
    finally:
        await context.close()


async def _crowd(url: str, pid: int) -> tuple[list[float | None], int, float]:
    from playwright.async_api import async_playwright

    async with async_playwright() as pw:
        browser = await pw.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        try:
            await _visit(browser, url)  # warm-up: the caches of the second planner of the day
            start = time.monotonic()
            with _PeakMemory(pid) as memory:
                times = await asyncio.gather(*(_visit(browser, url) for _ in range(VISITORS)))
            wall = time.monotonic() - start
        finally:
            await browser.close()
    return list(times), memory.peak, wall


def _p95(values: list[float]) -> float:
    """The 95th percentile (linear between the two nearest visits)."""
    if len(values) < 2:
        return values[0]
    return statistics.quantiles(values, n=20, method="inclusive")[18]


def run_stage(scale: str) -> list[Result]:
    """The crowd on the district map; nothing at other scales or without Playwright/Chromium."""
    if scale != "district":
        log.info("map load: measured at district scale only")
        return []
    if importlib.util.find_spec("playwright") is None or not Path(CHROMIUM).exists():
        log.warning("map load: needs playwright (requirements-dev.txt) and %s", CHROMIUM)
        return []
    from store.workspace import Workspace

    load = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "district.gpkg"
        Workspace.open(path)  # a copy of the bundled sample
        add_bench_account(path)
        with serve(path) as server:
            times, peak, wall = asyncio.run(_crowd(server.url, server.pid))
    done = [t for t in times if t is not None]
    missed = len(times) - len(done)
    log.info("map load: %d visitors, %s ms, peak %.2f GB", VISITORS, times, peak / 1e9)
    if not done:
        return [Result(f"map load: {VISITORS} visitors, none finished in {TIMEOUT_S:.0f} s", 0, 0)]
    label = f"map load: {VISITORS} new visitors at once (load {load:.1f})"
    return [
        Result(f"{label}, p50 time to parks", len(done), statistics.median(done) / 1000),
        Result(f"{label}, p95 time to parks", len(done), _p95(done) / 1000),
        Result(f"map load: visits not done in {TIMEOUT_S:.0f} s: {missed}", VISITORS, wall),
        MemoryResult("map load: server peak memory", VISITORS, wall, peak_bytes=peak),
    ]
