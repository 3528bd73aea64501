"""Fixtures for the real-browser tests: a Chromium, a running `dagster dev`, a screenshot folder.

The browser is Debian's Chromium driven by Playwright (never a browser Playwright downloads).
Without one the tests skip, unless ``HEADCOUNT_REQUIRE_BROWSER=1`` asks for them to fail.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
CORPUS_SOURCES = REPO_ROOT / "tests" / "fixtures" / "corpus" / "sources.yml"
REQUIRE_BROWSER_ENV = "HEADCOUNT_REQUIRE_BROWSER"
SCREENSHOTS_ENV = "HEADCOUNT_SCREENSHOTS"
CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "chromium", "chromium-browser")
# Flags that work in this sandboxed, offline machine (TOOLCHAIN.md, "The UI in a real browser").
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# `dagster dev` answers after ~9 s on an idle 2-core machine, then loads the code location
# (importing assets.definitions alone takes 12-15 s here); it took 100 s to answer while two
# other test suites shared the cores, hence the wide margin.
SERVER_START_TIMEOUT_S = 180.0
SERVER_STOP_GRACE_S = 20.0  # SIGTERM shut it down in ~10 s here
LOG_TAIL_LINES = 60

# --- the browser ------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def chromium_path() -> str:
    """The installed Chromium; skips (or fails under HEADCOUNT_REQUIRE_BROWSER=1) without one."""
    for candidate in CHROMIUM_CANDIDATES:
        found = shutil.which(candidate)
        if found:
            return found
    message = (
        "no Chromium found (looked for /usr/bin/chromium and `chromium` on PATH); "
        "install it with `apt-get install -y chromium`"
    )
    if os.environ.get(REQUIRE_BROWSER_ENV) == "1":
        pytest.fail(f"{message} ({REQUIRE_BROWSER_ENV}=1 makes this a failure)", pytrace=False)
    pytest.skip(message)


@pytest.fixture
def browser(chromium_path: str):
    """A headless Chromium driven through Playwright's sync API.

    One a test, not one a session: Playwright's sync API keeps an asyncio loop running in the
    main thread while it is open, and an in-process `dg.materialize` then cannot use its own.
    A test asks for its data fixtures before `page` so that they run before the browser starts.
    """
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def page(browser):
    """A fresh browser context and page, wide enough for the Dagster UI's side panels."""
    context = browser.new_context(viewport={"width": 1440, "height": 960})
    context.set_default_timeout(30_000)
    try:
        yield context.new_page()
    finally:
        context.close()


@pytest.fixture
def screenshot(request: pytest.FixtureRequest, tmp_path: Path) -> Callable[..., Path]:
    """``screenshot(page, "step")`` saves a numbered full-page PNG and returns its path.

    PNGs go to $HEADCOUNT_SCREENSHOTS/<test name>/ when set, else to the test's tmp_path.
    """
    configured = os.environ.get(SCREENSHOTS_ENV)
    folder = Path(configured) / request.node.name if configured else tmp_path / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    taken: list[Path] = []

    def take(page, step: str, full_page: bool = True) -> Path:
        path = folder / f"{len(taken) + 1:02d}-{step}.png"
        page.screenshot(path=str(path), full_page=full_page)
        taken.append(path)
        return path

    return take


# --- the Dagster UI ---------------------------------------------------------------------------


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    """Keep each phase's report on the item, so fixtures can tell whether the test failed."""
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@dataclass(frozen=True)
class DagsterUI:
    """A running `dagster dev`: its base URL and its log file."""

    url: str
    log_path: Path

    def graphql(self, query: str, variables: dict | None = None) -> dict:
        return graphql(self.url, query, variables)


@pytest.fixture
def dagster_ui(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[DagsterUI]:
    """A real `dagster dev` on a free 127.0.0.1 port over a temporary warehouse.

    DAGSTER_HOME, the warehouse and the reviews live in tmp_path; sources are the fixture
    corpus. The server runs in its own process group, which is always stopped afterwards.
    """
    home = tmp_path / "dagster_home"
    home.mkdir()
    shutil.copy(REPO_ROOT / "dagster.yaml", home / "dagster.yaml")
    env = {
        **os.environ,
        "DAGSTER_HOME": str(home),
        "HEADCOUNT_WAREHOUSE": str(tmp_path / "warehouse"),
        "HEADCOUNT_SOURCES": str(CORPUS_SOURCES),
        "HEADCOUNT_REVIEWS": str(tmp_path / "reviews"),
        "PYTHONUNBUFFERED": "1",
    }
    port = _free_port()
    base_url = f"http://127.0.0.1:{port}"
    log_path = tmp_path / "dagster_dev.log"
    command = [_dagster_executable(), "dev", "-h", "127.0.0.1", "-p", str(port)]
    command += ["-m", "assets.definitions"]
    with open(log_path, "wb") as log:
        server = subprocess.Popen(
            command,
            cwd=REPO_ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        _wait_until_ready(server, base_url, log_path)
        graphql(base_url, "mutation { setNuxSeen }")  # no "Join the Dagster community" modal
        yield DagsterUI(url=base_url, log_path=log_path)
    finally:
        _stop_process_group(server)
        report = getattr(request.node, "report_call", None)
        if report is None or report.failed:
            print(f"--- last lines of {log_path} ---\n{_tail(log_path)}")


def graphql(base_url: str, query: str, variables: dict | None = None) -> dict:
    """POST one GraphQL query to the webserver and return its ``data`` (errors raise)."""
    body = json.dumps({"query": query, "variables": variables or {}}).encode("utf-8")
    request = urllib.request.Request(
        f"{base_url}/graphql", data=body, headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        answer = json.load(response)
    if answer.get("errors"):
        raise AssertionError(f"GraphQL errors: {answer['errors']}")
    return answer["data"]


_LOCATIONS_QUERY = """
{ workspaceOrError { __typename ... on Workspace { locationEntries { name loadStatus
  locationOrLoadError { __typename ... on PythonError { message } } } } } }
"""


def _wait_until_ready(server: subprocess.Popen, base_url: str, log_path: Path) -> None:
    """Wait for HTTP 200 on /server_info, then for the code location to have loaded."""
    deadline = time.monotonic() + SERVER_START_TIMEOUT_S
    while True:
        if server.poll() is not None:
            raise RuntimeError(
                f"dagster dev exited with {server.returncode} before answering\n{_tail(log_path)}"
            )
        if _answers(f"{base_url}/server_info") and _location_loaded(base_url):
            return
        if time.monotonic() > deadline:
            raise TimeoutError(
                f"dagster dev at {base_url} not ready after {SERVER_START_TIMEOUT_S:.0f} s\n"
                f"{_tail(log_path)}"
            )
        time.sleep(0.5)


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status == 200
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return False


def _location_loaded(base_url: str) -> bool:
    """True once every code location has loaded; a location that failed to load raises."""
    try:
        workspace = graphql(base_url, _LOCATIONS_QUERY)["workspaceOrError"]
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return False
    entries = workspace.get("locationEntries") or []
    for entry in entries:
        error = entry.get("locationOrLoadError") or {}
        if error.get("__typename") == "PythonError":
            raise RuntimeError(f"code location {entry['name']} failed: {error['message']}")
    return bool(entries) and all(entry["loadStatus"] == "LOADED" for entry in entries)


def _stop_process_group(server: subprocess.Popen) -> None:
    """SIGTERM the server's whole process group, then SIGKILL whatever outlives the grace."""
    group = server.pid  # start_new_session=True: the server leads its own group
    with contextlib.suppress(ProcessLookupError):
        os.killpg(group, signal.SIGTERM)
    deadline = time.monotonic() + SERVER_STOP_GRACE_S
    while time.monotonic() < deadline and _group_alive(server, group):
        time.sleep(0.2)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(group, signal.SIGKILL)
    server.wait(timeout=10)


def _group_alive(server: subprocess.Popen, group: int) -> bool:
    server.poll()  # reap the leader, or killpg(group, 0) keeps finding its zombie
    try:
        os.killpg(group, 0)
    except ProcessLookupError:
        return False
    return True


def _dagster_executable() -> str:
    beside_python = Path(sys.executable).parent / "dagster"
    return str(beside_python) if beside_python.exists() else (shutil.which("dagster") or "dagster")


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _tail(path: Path, lines: int = LOG_TAIL_LINES) -> str:
    if not path.exists():
        return "(no log)"
    return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
