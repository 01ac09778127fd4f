"""`--clock-shift-days N`: run the whole suite with the clock N days ahead.

A test that compares a timestamp stored in a fixture with the wall clock passes on the day it
is written and fails months later. CI runs the suite a second time with the clock moved more
than a year ahead, so such a test fails on the day it is written instead. time-machine moves
every Python clock (`time.time`, `datetime.now`, `date.today`) in every thread, so Django's
`timezone.now()`, the live server of the browser tests and the API all see the shifted time.
"""

import os
from datetime import UTC, datetime, timedelta

import time_machine

_TRAVEL_KEY = "_sahel_clock_travel"


def pytest_addoption(parser):
    parser.addoption(
        "--clock-shift-days",
        type=int,
        default=int(os.environ.get("CLOCK_SHIFT_DAYS") or 0),
        help="Run every test with the clock this many days ahead (env: CLOCK_SHIFT_DAYS).",
    )


def pytest_configure(config):
    days = config.getoption("clock_shift_days")
    if not days:
        return
    travel = time_machine.travel(datetime.now(tz=UTC) + timedelta(days=days), tick=True)
    travel.start()
    setattr(config, _TRAVEL_KEY, travel)


def pytest_unconfigure(config):
    travel = getattr(config, _TRAVEL_KEY, None)
    if travel is not None:
        travel.stop()


def pytest_report_header(config):
    days = config.getoption("clock_shift_days")
    if days:
        return f"clock shifted {days} days ahead: now is {datetime.now(tz=UTC):%Y-%m-%d %H:%M} UTC"
    return None
