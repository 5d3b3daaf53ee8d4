"""Settings for `make demo`: the production settings — the product's own error pages,
no debug URL map — on plain HTTP at 127.0.0.1 (`eigyo runserver --insecure` serves the
static files), with a secret key made once in var/ so the demo needs no set-up."""

import os
import secrets
from pathlib import Path

_var = Path(os.environ.get("EIGYO_VAR_DIR", Path(__file__).resolve().parent.parent / "var"))
if not os.environ.get("SECRET_KEY"):
    _key = _var / "demo-secret-key"
    if not _key.exists():
        _var.mkdir(parents=True, exist_ok=True)
        _key.write_text(secrets.token_urlsafe(50), encoding="utf-8")
    os.environ["SECRET_KEY"] = _key.read_text(encoding="utf-8").strip()
os.environ["DEBUG"] = "0"  # the demo shows what production shows
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost")

from eigyo.settings import *  # noqa: E402,F403

# Plain HTTP on the loopback interface: no HTTPS redirect, no secure-only cookies.
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = False
SECURE_HSTS_PRELOAD = False
# The demo's logins are shared to try the product: two-factor is offered, not required
# (set EIGYO_MFA_REQUIRED_ROLES=admin,manager to try the required flow).
EIGYO_MFA_REQUIRED_ROLES = env_list("EIGYO_MFA_REQUIRED_ROLES", "")  # noqa: F405
