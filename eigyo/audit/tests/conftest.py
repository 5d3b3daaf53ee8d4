import pytest


@pytest.fixture(autouse=True)
def _no_stale_actor():
    """A command run by an earlier test leaves its actor set in this thread."""
    from eigyo.core import actor

    actor.clear()
    yield
    actor.clear()
