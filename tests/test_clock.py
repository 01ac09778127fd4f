"""The suite's clock: `--clock-shift-days` moves every Python clock, and only by that much."""

import sqlite3
import time
from datetime import date, datetime

from django.utils import timezone


def _operating_system_seconds() -> float:
    # SQLite reads the operating system's clock in C, where time-machine does not reach.
    row = sqlite3.connect(":memory:").execute("SELECT strftime('%s', 'now')").fetchone()
    return float(row[0])


def test_clock_shift_reaches_every_python_clock(request):
    days = request.config.getoption("clock_shift_days")
    expected = days * 86400
    real = _operating_system_seconds()
    for seen in (time.time(), timezone.now().timestamp(), datetime.now().timestamp()):
        assert abs(seen - real - expected) < 300
    assert abs((date.today() - date.fromtimestamp(real)).days - days) <= 1
