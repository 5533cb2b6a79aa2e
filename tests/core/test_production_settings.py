"""Production settings, checked the way an operator starts them: in a fresh process."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parents[2]


def manage(*args, tmp_path, **env):
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL"}
        and not key.startswith("DJANGO_")
    }
    environment.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        DATABASE_URL=f"sqlite:///{tmp_path / 'production.sqlite3'}",
        **env,
    )
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_check_deploy_is_clean(tmp_path):
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        tmp_path=tmp_path,
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="aidess.example.fr",
    )

    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "System check identified no issues" in output
    assert "WARNINGS" not in output
    assert "security.W0" not in output


@pytest.mark.parametrize("debug", [None, "true"])
def test_production_refuses_to_start_without_secret_key(tmp_path, debug):
    env = {"ALLOWED_HOSTS": "aidess.example.fr"}
    if debug is not None:
        env["DEBUG"] = debug  # a DEBUG=true left in the environment must not unlock a known key

    result = manage("check", tmp_path=tmp_path, **env)

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "SECRET_KEY doit être défini" in result.stderr
