"""`make demo` serves what production serves: the product's own error pages (no debug
URL map) and the static files, on plain HTTP, with no set-up (a real server process)."""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.status, r.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode("utf-8", "replace")


@pytest.fixture
def demo_server(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DATABASE_URL", "DEBUG"}}
    env |= {"EIGYO_VAR_DIR": str(tmp_path), "EIGYO_SQLITE": str(tmp_path / "demo.sqlite3")}
    cli = [sys.executable, "-m", "eigyo.cli"]
    subprocess.run(
        [*cli, "migrate", "--no-input", "-v0"], env=env | {"DEBUG": "1"}, cwd=ROOT, check=True
    )
    port = free_port()
    server = subprocess.Popen(
        [*cli, "runserver", "--insecure", "--noreload", f"127.0.0.1:{port}"],
        env=env | {"DJANGO_SETTINGS_MODULE": "eigyo.settings_demo", "DEBUG": "1"},
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/accounts/login/", timeout=1)
            break
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.2)
    yield base, tmp_path
    server.terminate()
    server.wait(timeout=10)


def test_the_demo_shows_production_error_pages_and_static_files(demo_server):
    base, var = demo_server
    status, body = get(base + "/no-such-page/")
    assert status == 404
    assert "URLconf" not in body and "Page not found (404)" not in body  # no debug page
    assert "eigyo" in body  # the product's own page
    status, body = get(base + "/static/eigyo/vendor/htmx.min.js")
    assert status == 200 and "htmx" in body
    status, body = get(base + "/accounts/login/")
    assert status == 200 and 'name="csrfmiddlewaretoken"' in body
    assert (var / "demo-secret-key").exists()  # made once, no set-up asked of the user
