"""Secrets never reach a log: the calendar feed's token (a 404 for a revoked feed is
logged by Django), a reset link's token, an API token — through the real handlers
configured in settings.LOGGING, runserver's request log included."""

import io
import logging

import pytest
from django.test import Client
from django.urls import reverse

from eigyo.core.logging import redact


@pytest.fixture
def log_output():
    """What the configured handlers (not pytest's) write, captured."""
    stream = io.StringIO()
    handlers = [
        h
        for name in ("", "django.server")
        for h in logging.getLogger(name).handlers
        if isinstance(h, logging.StreamHandler) and h.filters
    ]
    assert handlers, "the masking handlers are configured"
    saved = [(h, h.stream) for h in handlers]
    for h in handlers:
        h.setStream(stream)
    yield stream
    for h, original in saved:
        h.setStream(original)


@pytest.mark.django_db
def test_a_feed_token_is_not_in_the_request_log(actors, login, log_output):
    web = login(actors.rep1)
    web.post(reverse("agenda:feed_manage"), {"action": "create"})
    feed = actors.rep1.calendar_feeds.get()
    url = reverse("agenda:feed", args=[feed.token])
    web.post(reverse("agenda:feed_manage"), {"action": "revoke"})
    assert Client().get(url).status_code == 404  # Django logs "Not Found: <path>"
    written = log_output.getvalue()
    assert "Not Found: /feed/" in written
    assert feed.token not in written


def test_runserver_request_lines_are_masked(log_output):
    logging.getLogger("django.server").info(
        '"%s" %s %s', "GET /feed/s3cr3t-token-value.ics HTTP/1.1", "200", "512"
    )
    written = log_output.getvalue()
    assert "/feed/….ics" in written and "s3cr3t-token-value" not in written


def test_what_is_masked():
    assert redact("GET /feed/abcDEF_123-x.ics HTTP/1.1") == "GET /feed/….ics HTTP/1.1"
    assert redact("/accounts/password/reset/MQ/cz9abc-1234/") == "/accounts/password/reset/…/"
    assert redact("Bearer eg_AbCdEfGh12345") == "Bearer eg_…"
    assert redact("/companies/12/") == "/companies/12/"
