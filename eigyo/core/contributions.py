"""Pages that apps above fill in.

A page of a lower app (the registry entry, the company) names its slots; an app above
registers a contributor in its AppConfig.ready, and the page renders what each returns
without importing it. That keeps layers pointing down while the page shows, say, the
deals of a company."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.http import HttpRequest


@dataclass(frozen=True)
class Contribution:
    """A template filled into `slot`; `context` is added to the page's context.
    Within a slot, lower `order` comes first."""

    slot: str
    template: str
    context: dict = field(default_factory=dict)
    order: int = 100


Contributor = Callable[[HttpRequest, Any], list[Contribution]]


class Page:
    """The contributors of one page."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._contributors: list[Contributor] = []

    def contribute(self, contributor: Contributor) -> Contributor:
        if contributor not in self._contributors:
            self._contributors.append(contributor)
        return contributor

    def collect(self, request: HttpRequest, obj: Any) -> list[Contribution]:
        found = [c for contributor in self._contributors for c in contributor(request, obj)]
        return sorted(found, key=lambda c: c.order)

    def context(self, request: HttpRequest, obj: Any) -> dict:
        """`slots` (slot → contributions in order) plus every contribution's context."""
        found = self.collect(request, obj)
        slots: dict[str, list[Contribution]] = {}
        merged: dict = {}
        for c in found:
            slots.setdefault(c.slot, []).append(c)
            merged.update(c.context)
        return {**merged, "slots": slots}


# Any record's own detail page that has no page of its own above (an activity, an
# instruction, a relationship, a lead, a partner, a contract): the audit app adds its
# history panel to slot "timeline".
DETAIL = Page("detail")
