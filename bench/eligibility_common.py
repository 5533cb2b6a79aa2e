"""What the parts of the eligibility benchmark share (`python -m bench eligibility`): the fixed
date, the goals, and the timing and printing helpers. No Django import here."""

import datetime
import os
import statistics
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TODAY = datetime.date(2026, 3, 2)
GOAL_PROFILE_MS = 20
GOAL_TARGETING_S = 1.5
GOAL_TARGETING_RATIO = 50


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def summary_ms(seconds):
    return {
        "median_ms": round(statistics.median(seconds) * 1000, 3),
        "p95_ms": round(percentile(seconds, 0.95) * 1000, 3),
        "min_ms": round(min(seconds) * 1000, 3),
        "max_ms": round(max(seconds) * 1000, 3),
        "runs": len(seconds),
    }


def timed(function, *args, **kwargs):
    started = time.perf_counter()
    value = function(*args, **kwargs)
    return time.perf_counter() - started, value


def say(text=""):
    print(text, flush=True)


def load_average():
    try:
        return [round(value, 2) for value in os.getloadavg()]
    except OSError:
        return None
