"""`tasks.py run` starts the server beside other processes (a task worker): when one of them stops,
the others are stopped too, so nothing is left serving half an application."""

import signal
import sys
import time

import tasks


def test_when_one_process_stops_the_others_are_stopped(tmp_path):
    survivor = tmp_path / "survivor"
    sleeper = [sys.executable, "-c", f"import time; time.sleep(60); open({str(survivor)!r}, 'w')"]
    failing = [sys.executable, "-c", "import time, sys; time.sleep(0.5); sys.exit(3)"]
    previous = signal.getsignal(signal.SIGTERM)
    started = time.monotonic()
    try:
        code = tasks.run_together(sleeper, failing)
    finally:
        signal.signal(signal.SIGTERM, previous)

    assert code == 3  # the exit code of the one that stopped
    assert time.monotonic() - started < 20  # the sleeper was stopped, not waited for
    assert not survivor.exists()
