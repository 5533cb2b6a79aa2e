"""A real worker (`python3 tasks.py run`'s) on a real queue: a SQLite file, or the Redis of
REDIS_URL; the test process enqueues into the same queue instead of running tasks inline."""

import importlib.util
import os
import time
from email import message_from_bytes, policy

import pytest
import redis
from django.conf import settings
from huey.contrib.djhuey import HUEY
from huey.utils import load_class

from config.settings.base import huey_settings

ROOT = settings.BASE_DIR
SKIPPED_REDIS = "REDIS_URL absent : file Redis non testée hors CI"


def load_tasks_py():
    """The project's `tasks.py` (the run command), not an app's tasks module."""
    spec = importlib.util.spec_from_file_location("aidess_run_command", ROOT / "tasks.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def redis_url(environ=os.environ):
    """REDIS_URL, checked reachable; without it a skip outside CI, a failure in CI (CI=true), so
    that the Redis-backed queue cannot silently stop being tested there (as the seed documents)."""
    url = environ.get("REDIS_URL")
    if url:
        try:
            redis.Redis.from_url(url, socket_connect_timeout=5).ping()
        except redis.RedisError as error:
            pytest.fail(f"Redis injoignable ({url}) : {error}", pytrace=False)
        return url
    if environ.get("CI") == "true":
        pytest.fail("CI : REDIS_URL est requis (file Redis des tâches).", pytrace=False)
    pytest.skip(SKIPPED_REDIS)


@pytest.fixture(params=["sqlite", "redis"])
def queue_environ(request, tmp_path):
    """The environment that selects each backend in config/settings/base.py."""
    if request.param == "redis":
        return {"REDIS_URL": redis_url()}
    return {"REDIS_URL": "", "HUEY_SQLITE_PATH": str(tmp_path / "queue.sqlite3")}


@pytest.fixture
def queue(queue_environ, monkeypatch):
    """The app's tasks now go to the queue that `queue_environ` selects, as in production."""
    config = huey_settings(queue_environ)
    for option in ("consumer", "immediate"):
        config.pop(option)
    huey = load_class(config.pop("huey_class"))(config.pop("name"), **config)
    monkeypatch.setattr(HUEY, "_immediate", False)
    monkeypatch.setattr(HUEY, "storage", huey.storage)
    return huey.storage


@pytest.fixture
def outbox(queue_environ, tmp_path, monkeypatch):
    """Where the worker writes the e-mails it sends; its environment is the backend's."""
    directory = tmp_path / "outbox"
    directory.mkdir()
    monkeypatch.setenv("DJANGO_SETTINGS_MODULE", "tests.jobs.worker_settings")
    monkeypatch.setenv("EMAIL_FILE_PATH", str(directory))
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'worker.sqlite3'}")
    monkeypatch.delenv("HUEY_IMMEDIATE", raising=False)
    for name, value in queue_environ.items():
        monkeypatch.setenv(name, value)
    return directory


def sent_messages(outbox, count=1, timeout=60):
    """The e-mails the worker wrote, once there are `count` of them (starting Django on this
    shared 2-core machine can take a while)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        files = sorted(outbox.glob("*.log"))
        messages = [  # the backend writes a line of 79 dashes after each whole message
            message_from_bytes(part.strip(), policy=policy.default)
            for path in files
            for part in path.read_bytes().split(b"-" * 79)[:-1]
        ]
        if len(messages) >= count:
            return messages
        time.sleep(0.2)
    pytest.fail(f"le worker n'a pas envoyé {count} e-mail(s) en {timeout} s", pytrace=False)
