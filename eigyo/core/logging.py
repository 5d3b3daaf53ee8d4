"""Secrets never reach a log: the calendar feed's token, a password-reset link's token
and an API token are masked in every record the request and server logs write."""

from __future__ import annotations

import logging
import re

MASK = "…"
SECRETS = [
    # /feed/<token>.ics: the token is the credential of a calendar feed
    (re.compile(r"(/feed/)[^/\s\"'?]+(\.ics)"), rf"\g<1>{MASK}\g<2>"),
    # /accounts/password/reset/<uid>/<token>/
    (re.compile(r"(/password/reset/)[^/\s\"'?]+/[^/\s\"'?]+"), rf"\g<1>{MASK}"),
    # Authorization: Bearer eg_…
    (re.compile(r"\beg_[A-Za-z0-9_\-]{8,}"), f"eg_{MASK}"),
]


def redact(text: str) -> str:
    for pattern, replacement in SECRETS:
        text = pattern.sub(replacement, text)
    return text


class RedactSecrets(logging.Filter):
    """Rewrites a record's message (its arguments merged in) with secrets masked."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except (TypeError, ValueError):
            return True
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, ()
        # The request object travels with django.request's records (for mail_admins).
        request = getattr(record, "request", None)
        if (
            request is not None
            and hasattr(request, "path")
            and redact(request.path) != request.path
        ):
            record.request = None
        return True
