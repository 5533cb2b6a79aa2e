"""Production settings served over plain HTTP on this machine: what `python3 tasks.py run` uses.

Everything of production.py (DEBUG off, hashed static files by WhiteNoise, CSP, security headers)
except what needs TLS, which 127.0.0.1 does not have: no redirect to HTTPS, cookies not limited
to HTTPS. Without SECRET_KEY in the environment, a random key is made once and kept in
var/secret_key (readable by its owner only), so sessions survive a restart.
"""

import os
from pathlib import Path

from django.core.management.utils import get_random_secret_key

SECRET_KEY_FILE = Path(__file__).resolve().parent.parent.parent / "var" / "secret_key"


def local_secret_key():
    """The kept key, made first if missing; written aside then linked, so that two processes
    starting together never read a half-written file and both end with the same key."""
    if not SECRET_KEY_FILE.exists():
        SECRET_KEY_FILE.parent.mkdir(exist_ok=True)
        draft = SECRET_KEY_FILE.with_name(f"secret_key.{os.getpid()}")
        descriptor = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "w") as file:
            file.write(get_random_secret_key())
        try:
            os.link(draft, SECRET_KEY_FILE)
        except FileExistsError:
            pass  # another process made it first: use theirs
        finally:
            draft.unlink()
    return SECRET_KEY_FILE.read_text().strip()


if not os.environ.get("SECRET_KEY"):
    os.environ["SECRET_KEY"] = local_secret_key()

from config.settings.production import *  # noqa: E402, F403

SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
