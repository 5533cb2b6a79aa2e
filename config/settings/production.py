"""Production: everything secure by default; secrets and hosts must come from the environment."""

import os

os.environ.setdefault("DEBUG", "false")

from django.core.exceptions import ImproperlyConfigured  # noqa: E402

from config.settings.base import *  # noqa: E402, F403

DEBUG = False
# base.py falls back to a public development key when DEBUG=true is in the environment.
if not os.environ.get("SECRET_KEY"):
    raise ImproperlyConfigured("SECRET_KEY doit être défini quand DEBUG est désactivé.")
SECURE_SSL_REDIRECT = True
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# collectstatic rewrites the url() of the DSFR's stylesheets to the hashed names, so the integrity
# digests django-dsfr prints (those of its original files) no longer match and browsers refuse the
# stylesheets. Integrity checks guard files from another origin; these are served by us.
DSFR_USE_INTEGRITY_CHECKSUMS = False
