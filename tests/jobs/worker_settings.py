"""Settings of the worker that the job tests start: the application's own (the queue chosen from
the environment as in production), e-mails written as files the test reads."""

import os

from config.settings.base import *  # noqa: F403

EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_FILE_PATH = os.environ["EMAIL_FILE_PATH"]
