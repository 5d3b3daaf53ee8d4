"""WSGI entry point for production servers."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "eigyo.settings")
application = get_wsgi_application()

from django.conf import settings  # noqa: E402

if settings.EIGYO_WARM_RESOLVER:
    from eigyo.registry.resolving import resolver  # noqa: E402

    resolver()  # before the first request (and before a preloading server forks)
