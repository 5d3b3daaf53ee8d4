"""pytest --today: the whole suite, browser tests included, as if the real date were
another moment, the clock still ticking (time-machine moves every clock of this
process: Python's, Django's and so eigyo.core.clock's).

    pytest --today 2027-01-04            # 10:00 in Tokyo
    pytest --today 2026-12-30T17:45
    make test TODAY=2028-02-29           # the same through make (or EIGYO_TODAY=…)

Chromium keeps the real clock; the test settings give it cookies without an
expiry date so that a session made in the travelled past is not dropped.
"""

import datetime as dt
import os
from zoneinfo import ZoneInfo

import pytest

# Chromium, the `browser` fixture and the browser tests' helpers (browser_fixtures.py).
pytest_plugins = ["browser_fixtures"]

TOKYO = ZoneInfo("Asia/Tokyo")


def pytest_addoption(parser):
    parser.addoption(
        "--today",
        metavar="YYYY-MM-DD[THH:MM]",
        default=os.environ.get("EIGYO_TODAY") or None,
        help="run the suite as if the real date were this moment in Asia/Tokyo, the "
        "clock still ticking (default 10:00; also EIGYO_TODAY=…, make test TODAY=…)",
    )


def travel_destination(value: str) -> dt.datetime:
    """The moment a --today value names, as an aware UTC time (a bare date is 10:00 JST)."""
    try:
        moment = dt.datetime.fromisoformat(value.strip())
    except ValueError:
        raise pytest.UsageError(
            f"--today {value!r}: give a date or a local time, e.g. 2027-01-04 or 2027-01-04T09:30"
        ) from None
    if len(value.strip()) == 10:
        moment = moment.replace(hour=10)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=TOKYO)
    # UTC, so that time-machine moves the clock but leaves the process's zone alone.
    return moment.astimezone(dt.UTC)


def pytest_configure(config):
    value = config.getoption("--today")
    if value:
        import time_machine

        destination = travel_destination(value)
        config._eigyo_travel = time_machine.travel(destination, tick=True)
        config._eigyo_travel.start()


def pytest_unconfigure(config):
    travel = getattr(config, "_eigyo_travel", None)
    if travel is not None:
        travel.stop()


def pytest_report_header(config):
    value = config.getoption("--today")
    if value:
        start = travel_destination(value).astimezone(TOKYO)
        return f"travelled in time: the suite starts as if it were {start:%Y-%m-%d %H:%M} JST"
    return None
