"""A real browser: headless Chromium, driven through chromedriver's WebDriver API, on `datasette serve` of the samples."""

from __future__ import annotations

import base64
import json
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import httpx
import pytest
from click.testing import CliRunner

from corpus.metadata import build_metadata

CHROMIUM = next((p for p in map(shutil.which, ("chromium", "chromium-browser", "google-chrome")) if p), None)
DRIVER = shutil.which("chromedriver")
pytestmark = pytest.mark.skipif(not (CHROMIUM and DRIVER), reason="headless Chromium and chromedriver are not installed")
ELEMENT = "element-6066-11e4-a52e-4f735466cecf"  # the W3C WebDriver key of an element reference
SCREENSHOT = Path("/tmp/palermo-search.png")
# `datasette serve`, with the plugin registered when its entry point is not installed yet.
LAUNCH = """
import sys
from datasette.plugins import pm
import corpus.datasette_plugin as plugin
if not pm.is_registered(plugin):
    pm.register(plugin, name="palermo")
from datasette.cli import cli
sys.exit(cli())
"""
HOSTILE = "Statement by the Alliance <script>alert(1)</script> for Safe Publishing\n\nWe urge States parties to publish <img src=x onerror=alert(2)> their reports.\n"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, process: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{process.args[0]} exited with {process.returncode}")
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise TimeoutError(url)


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def serve(db_path: Path, tmp: Path):
    """A `datasette serve -i` subprocess on a free port, as `palermo serve` starts it; yields its address."""
    metadata = tmp / f"{db_path.stem}-metadata.json"
    metadata.write_text(json.dumps(build_metadata(db_path.stem)))
    port = free_port()
    log = open(tmp / f"{db_path.stem}-datasette.log", "wb")
    process = subprocess.Popen([sys.executable, "-c", LAUNCH, "serve", "-i", str(db_path), "--metadata", str(metadata),
                                "--host", "127.0.0.1", "--port", str(port), "--setting", "sql_time_limit_ms", "3000"],
                               stdout=log, stderr=subprocess.STDOUT, env=os.environ | {"HF_HUB_OFFLINE": "1"})
    try:
        wait_for(f"http://127.0.0.1:{port}/-/search", process)
        yield f"http://127.0.0.1:{port}"
    finally:
        stop(process)
        log.close()


class Browser:
    """The few WebDriver commands the tests need, over HTTP (no selenium)."""

    def __init__(self, driver: str, profile: Path):
        options = {"binary": CHROMIUM, "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                                                "--window-size=1280,1600", "--no-first-run", "--disable-sync",
                                                "--disable-background-networking", "--disable-component-update",
                                                f"--user-data-dir={profile}"]}
        response = httpx.post(f"{driver}/session", json={"capabilities": {"alwaysMatch": {"goog:chromeOptions": options}}}, timeout=60)
        response.raise_for_status()
        self.url = f"{driver}/session/{response.json()['value']['sessionId']}"
        # Finding an element waits for it: results appear only after the submitted search has loaded.
        self.call("POST", "/timeouts", {"implicit": 30_000, "pageLoad": 120_000, "script": 30_000})

    def call(self, method: str, path: str, payload: dict | None = None):
        response = httpx.request(method, self.url + path, json=payload, timeout=150)
        value = response.json()["value"]
        if response.status_code != 200:
            raise AssertionError(f"WebDriver {path}: {value.get('error')}: {value.get('message', '')[:300]}")
        return value

    def go(self, url: str) -> None:
        self.call("POST", "/url", {"url": url})

    def find(self, css: str) -> str:
        return self.call("POST", "/element", {"using": "css selector", "value": css})[ELEMENT]

    def find_all(self, css: str) -> list[str]:
        return [e[ELEMENT] for e in self.call("POST", "/elements", {"using": "css selector", "value": css})]

    def text(self, element: str) -> str:
        return self.call("GET", f"/element/{element}/text")

    def property(self, element: str, name: str):
        return self.call("GET", f"/element/{element}/property/{name}")

    def script(self, source: str):
        return self.call("POST", "/execute/sync", {"script": source, "args": []})

    def current_url(self) -> str:
        return self.call("GET", "/url")

    def alert_open(self) -> bool:
        response = httpx.get(self.url + "/alert/text", timeout=30)
        return response.status_code == 200

    def screenshot(self, path: Path) -> None:
        path.write_bytes(base64.b64decode(self.call("GET", "/screenshot")))

    def quit(self) -> None:
        httpx.delete(self.url, timeout=30)


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("chromium")
    port = free_port()
    driver = subprocess.Popen([DRIVER, f"--port={port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for(f"http://127.0.0.1:{port}/status", driver)
        session = Browser(f"http://127.0.0.1:{port}", tmp / "profile")
        try:
            yield session
        finally:
            session.quit()
    finally:
        stop(driver)


@pytest.fixture(scope="module")
def site(sample_db, tmp_path_factory):
    yield from serve(sample_db, tmp_path_factory.mktemp("site"))


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    from palermo.cli import cli

    tmp = tmp_path_factory.mktemp("hostile-site")
    (tmp / "statement.txt").write_text(HOSTILE)
    db_path = tmp / "hostile.db"
    result = CliRunner().invoke(cli, ["add", str(tmp / "statement.txt"), "--db", str(db_path), "--fast", "--no-embeddings"])
    assert result.exit_code == 0, result.output
    yield from serve(db_path, tmp)


def test_search_highlight_and_follow_to_document(browser, site, tmp_path):
    browser.go(f"{site}/-/search")
    box = browser.find("input#q")
    # Type the query and press Enter: the browser submits the search form.
    browser.call("POST", f"/element/{box}/value", {"text": "victim identification\ue007"})
    marks = browser.find_all("ol.hits .snippet mark")
    assert marks, "no highlighted results"
    words = {browser.text(m).lower() for m in marks[:10]}
    assert any(w.startswith(("victim", "identif")) for w in words), words
    assert "q=victim+identification" in browser.current_url()
    assert browser.find_all(".why code.term")
    browser.screenshot(tmp_path / "search.png")
    shutil.copyfile(tmp_path / "search.png", SCREENSHOT)

    link = browser.find("ol.hits .hit-title a")
    href = browser.property(link, "href")
    page_link = browser.property(browser.find("ol.hits .page-link"), "href")
    browser.call("POST", f"/element/{link}/click", {})
    title = browser.find("h1.doc-title")
    assert browser.current_url() == href and "/-/document/" in href
    passage_id = href.split("#", 1)[1]
    assert browser.script("return document.querySelector('.passage:target') && document.querySelector('.passage:target').id") == passage_id
    page_anchor = page_link.split("#", 1)[1]
    assert browser.find_all(f"h2.page-marker#{page_anchor}")
    assert browser.text(title)
    assert browser.find_all("mark.ent") and browser.find_all(".badge-recommendation")
    browser.screenshot(tmp_path / "document.png")
    shutil.copyfile(tmp_path / "document.png", SCREENSHOT.with_name("palermo-document.png"))
    for shot in ("search.png", "document.png"):
        assert (tmp_path / shot).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and (tmp_path / shot).stat().st_size > 10_000


def test_script_in_a_document_stays_text_in_the_browser(browser, hostile_site):
    response = httpx.get(f"{hostile_site}/-/search.json?q={quote('safe publishing')}", timeout=60)
    assert response.status_code == 200, response.text
    doc_id = response.json()["hits"][0]["document_id"]
    browser.go(f"{hostile_site}/-/document/{doc_id}")
    title = browser.text(browser.find("h1.doc-title"))
    assert not browser.alert_open()
    assert title == "Statement by the Alliance <script>alert(1)</script> for Safe Publishing"
    assert browser.script("return document.querySelectorAll('.passages script, .passages img, h1 script').length") == 0
    assert "<img src=x onerror=alert(2)>" in browser.script("return document.querySelector('.passages').textContent")
