"""`tasks.py run` needs no SECRET_KEY: one is drawn once, kept private, and every process (the
commands, each gunicorn worker) reads the same one, so sessions survive a restart."""

import subprocess
import sys

from tests.serving.server import BASE_DIR

READ_KEY = """
import os, sys
from pathlib import Path
os.environ["SECRET_KEY"] = "unused"  # importing the module must not touch the real var/
import config.settings.local_production as settings
settings.SECRET_KEY_FILE = Path(sys.argv[1])
print(settings.local_secret_key())
"""


def start_reading(path):
    return subprocess.Popen(
        [sys.executable, "-c", READ_KEY, str(path)],
        cwd=BASE_DIR,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def keys_read(path, processes):
    started = [start_reading(path) for _ in range(processes)]
    outputs = [process.communicate(timeout=60) for process in started]
    assert all(process.returncode == 0 for process in started), outputs
    return {stdout.strip() for stdout, _ in outputs}


def test_the_key_is_made_once_and_shared_by_processes_starting_together(tmp_path):
    path = tmp_path / "var" / "secret_key"

    first = keys_read(path, processes=4)
    again = keys_read(path, processes=1)

    assert len(first) == 1  # four processes at once, one key
    assert again == first  # and the same after a restart
    (key,) = first
    assert len(key) >= 50
    assert path.stat().st_mode & 0o777 == 0o600
    assert list(path.parent.iterdir()) == [path]  # no draft left behind
