"""Leak triage (APPI Art. 26): for a user, an API token or a calendar feed and a time
window, which people's data it read or exported, how many people, which data items —
from the audit trail alone."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from eigyo.audit.erasure import pseudonym
from eigyo.audit.models import AuditEvent, AuditSubject


@dataclass
class PersonRead:
    person_id: int
    name: str
    times: int = 0
    items: set = field(default_factory=set)
    first: dt.datetime | None = None
    last: dt.datetime | None = None


@dataclass
class Triage:
    events: list
    people: list[PersonRead]
    items: list[str]

    @property
    def count(self) -> int:
        return len(self.people)


def triage(
    org_id: int,
    *,
    start: dt.datetime,
    end: dt.datetime,
    user_id: int | None = None,
    token_id: int | None = None,
    feed_id: int | None = None,
) -> Triage:
    reads = AuditEvent.objects.filter(
        org_id=org_id, at__gte=start, at__lt=end, action__in=AuditEvent.READS
    )
    if user_id is not None:
        reads = reads.filter(actor_id=user_id)
    if token_id is not None:
        reads = reads.filter(credential=f"token:{token_id}")
    if feed_id is not None:
        reads = reads.filter(credential=f"feed:{feed_id}")
    events = list(reads.order_by("at", "seq").select_related("actor"))
    # Each event's details are parsed once (a page of 25 people is 25 links to it).
    seen = {e.pk: (e.at, frozenset(e.data.get("items", []))) for e in events}
    people: dict[int, PersonRead] = {}
    links = AuditSubject.objects.filter(org_id=org_id, event__in=reads.values("pk"))
    for event_id, person_id in links.values_list("event_id", "person_id").iterator(5000):
        at, items = seen[event_id]
        row = people.get(person_id)
        if row is None:
            row = people[person_id] = PersonRead(person_id, "", first=at, last=at)
        row.times += 1
        row.items |= items
        if at < row.first:
            row.first = at
        if at > row.last:
            row.last = at
    from eigyo.contacts.models import Person

    names = dict(
        (p.pk, p.display_name) for p in Person.objects.filter(org_id=org_id, pk__in=list(people))
    )
    for row in people.values():
        row.name = names.get(row.person_id) or pseudonym(org_id, row.person_id)
    items = sorted({i for _at, found in seen.values() for i in found})
    return Triage(events, sorted(people.values(), key=lambda r: r.name), items)
