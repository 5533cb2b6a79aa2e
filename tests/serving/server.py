"""The production server as `python3 tasks.py run` starts it (gunicorn, config/gunicorn.py), on a
free port of 127.0.0.1, in a fresh process with its own settings, database and static files."""

import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]
GUNICORN = Path(sys.executable).with_name("gunicorn")


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def production_environment(directory, settings="config.settings.local_production"):
    """A clean environment: nothing of the test run's Django settings leaks in."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "STATIC_ROOT"}
        and not key.startswith(("DJANGO_", "GUNICORN_"))
    }
    environment.update(
        DJANGO_SETTINGS_MODULE=settings,
        SECRET_KEY=secrets.token_urlsafe(64),
        DATABASE_URL=f"sqlite:///{directory / 'production.sqlite3'}",
        STATIC_ROOT=str(directory / "static"),
    )
    return environment


def manage(environment, *args):
    subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=environment,
        check=True,
        capture_output=True,
        timeout=300,
    )


def fetch(url):
    """Status, headers and body of a GET, errors included (urllib raises on 4xx/5xx)."""
    request = urllib.request.Request(url, headers={"Accept-Language": "fr"})
    try:
        with urllib.request.urlopen(request, timeout=20) as response:  # noqa: S310 - local server
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode()


class GunicornServer:
    def __init__(self, environment, workers=2):
        self.environment = environment
        self.workers = workers
        self.url = f"http://127.0.0.1:{free_port()}"
        self.process = None

    def __enter__(self):
        command = [GUNICORN, "--config", "config/gunicorn.py", "--bind", self.url[len("http://") :]]
        self.process = subprocess.Popen(
            [str(part) for part in [*command, "--workers", self.workers]],
            cwd=BASE_DIR,
            env=self.environment,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn s'est arrêté :\n{self.process.stdout.read()}")
            try:
                with socket.create_connection(("127.0.0.1", int(self.url.rsplit(":", 1)[1])), 1):
                    return self
            except OSError:
                time.sleep(0.2)
        self.__exit__()
        raise RuntimeError("gunicorn n'a pas répondu en 60 s")

    def __exit__(self, *_):
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.process.stdout.close()
