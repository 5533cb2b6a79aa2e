"""Which queue the environment selects, and the Redis-backed one tested whenever it can be (CI
cannot silently stop testing it)."""

import pytest
from django.conf import settings

from config.settings.base import huey_settings
from tests.jobs.conftest import SKIPPED_REDIS, redis_url


def test_a_fresh_machine_queues_in_a_sqlite_file_and_redis_url_switches_to_redis():
    default = huey_settings({})
    assert default["huey_class"] == "huey.SqliteHuey"
    assert default["filename"] == str(settings.BASE_DIR / "var" / "huey.sqlite3")
    assert default["immediate"] is False, "the worker runs tasks, even with DEBUG"

    on_redis = huey_settings({"REDIS_URL": "redis://127.0.0.1:6379/5"})
    assert on_redis["huey_class"] == "huey.RedisHuey"
    assert on_redis["url"] == "redis://127.0.0.1:6379/5"


def test_without_redis_url_the_redis_tests_skip_outside_ci_and_fail_in_ci():
    with pytest.raises(pytest.skip.Exception, match=SKIPPED_REDIS):
        redis_url(environ={})
    with pytest.raises(pytest.fail.Exception, match="REDIS_URL est requis"):
        redis_url(environ={"CI": "true"})


def test_an_unreachable_redis_is_a_failure_not_a_skip():
    with pytest.raises(pytest.fail.Exception, match="Redis injoignable"):
        redis_url(environ={"REDIS_URL": "redis://127.0.0.1:9/5"})
