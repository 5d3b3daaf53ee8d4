"""Who is acting right now, for the audit trail.

A write deep inside a service (or a model's save) does not take the request, yet the
audit trail must say who made it. The acting party is kept in a context variable:
`ActorMiddleware` puts the request there for the length of a request (the user is read
from it lazily, so an API token authenticated later by ninja counts), the commands
that act for a user set it through `accounts.commands.owner_and_org`, and any code
may say `with acting(user, via="…")`. Nothing here imports an app."""

from __future__ import annotations

import contextvars
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Actor:
    """The acting party: a request (user read when asked) or a user and a channel."""

    user: Any = None
    request: Any = None
    via: str = ""

    def current_user(self):
        if self.request is not None:
            user = getattr(self.request, "user", None)
            if user is not None and getattr(user, "is_authenticated", False):
                return user
            return None
        return self.user


_actor: contextvars.ContextVar[Actor | None] = contextvars.ContextVar("eigyo_actor", default=None)


def current() -> Actor | None:
    return _actor.get()


def user():
    """The acting user, or None (the system: a worker, a migration, the demo)."""
    found = _actor.get()
    return found.current_user() if found else None


def request():
    found = _actor.get()
    return found.request if found else None


@contextmanager
def acting(user=None, *, request=None, via: str = ""):
    """Attribute what happens inside to `user` (or to the request's user)."""
    token = _actor.set(Actor(user=user, request=request, via=via))
    try:
        yield
    finally:
        _actor.reset(token)


@contextmanager
def attributed_to(by):
    """`acting(by)` unless a request or a command already says who acts: services
    whose writes go in bulk (an import, a merge) run their writes inside it."""
    if user() is not None or by is None:
        yield
        return
    with acting(by):
        yield


def set_for_command(user, via: str) -> None:
    """A command acts for one user for the rest of its run (no block to wrap it in)."""
    _actor.set(Actor(user=user, via=via))


def clear() -> None:
    _actor.set(None)
