"""Settings for the test suite: production settings with what plain-HTTP tests need."""

import os

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-not-for-production-0123456789")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")

from eigyo.settings import *  # noqa: E402,F403

SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
# Argon2 costs ~50 ms a hash by design; the tests log in hundreds of times.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Tests create registry entries directly and resolve at once.
EIGYO_RESOLVER_RECHECK = 0
# Chromium keeps the real clock while the suite may travel in time (--today): a
# cookie with an expiry date in the travelled past would be dropped at once.
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
CSRF_COOKIE_AGE = None
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Most tests log in admins and managers with `force_login` or the plain login page;
# the two-factor tests require it themselves (`settings.EIGYO_MFA_REQUIRED_ROLES`).
EIGYO_MFA_REQUIRED_ROLES = []
# Tests travel in time between requests of one client (clock.freeze, --today); the
# session-limit tests set these themselves.
EIGYO_SESSION_IDLE_MINUTES = 0
EIGYO_SESSION_MAX_HOURS = 0
SESSION_COOKIE_AGE = 1209600  # Django's default: the limits above are off here
