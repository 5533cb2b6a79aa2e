"""Test overrides, kept small: fast hashing, in-memory mail, tasks run inline."""

from config.settings.base import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
RECHERCHE_ENTREPRISES_URL = "http://127.0.0.1:9"  # tests point it at their own local server
RECHERCHE_ENTREPRISES_TIMEOUT = 1.0
BODACC_API_URL = "http://127.0.0.1:9"  # tests/watch/test_intake_bodacc.py serves its own
BODACC_TIMEOUT = 1.0
WEBHOOKS_ALLOW_LOOPBACK = True  # webhook tests post to a server on 127.0.0.1
HUEY = {**HUEY, "immediate": True}  # noqa: F405  (tests/jobs/ run a real worker)
# Each test sees the reference lists it made (core/choices.py keeps them 60 s per process
# elsewhere; tests/core/test_choices.py checks that keeping).
REFERENCE_CHOICES_SECONDS = 0
