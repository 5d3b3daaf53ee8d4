"""pytest --today really moves every clock of the suite, and refuses a bad value."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
PROBE = Path(__file__).with_name("travel_probe.py")


def run(*args: str) -> subprocess.CompletedProcess:
    # On SQLite: the clock is what is probed, and a child on the parent's PostgreSQL
    # would try to create the test database the parent is using.
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "EIGYO_TODAY"}}
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-s", *args, str(PROBE)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize(
    ("value", "today", "time"),
    [
        ("2028-02-29T16:00", "2028-02-29", "16:0"),
        ("2027-05-04T07:30", "2027-05-04", "07:3"),
        ("2026-12-30", "2026-12-30", "10:0"),
    ],
)
def test_the_suite_travels_to_the_given_moment(value, today, time):
    # 07:30 in Tokyo is the day before in UTC: the date must be Tokyo's.
    done = run("--today", value)
    assert done.returncode == 0, done.stdout + done.stderr
    line = next(x for x in done.stdout.splitlines() if x.startswith("PROBE"))
    assert f"today={today}" in line and f"now={time}" in line and f"stamp={today}" in line


def test_a_bad_date_is_refused_with_an_example():
    done = run("--today", "2027-13-01")
    assert done.returncode == 4
    assert "give a date or a local time, e.g. 2027-01-04" in done.stderr
