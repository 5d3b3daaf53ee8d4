"""The warmest way in: from anyone on the team to a target person (or anyone at a
target company), through the people we met (the visit log), the ties recorded by
hand (cards, known personally) and the reporting lines inside each client.

The graph is loaded outward from the target only as far as a three-hop path can
reach — the target's ties, their ties, and who of ours met those — a few indexed
queries however large the organisation's network (bench/warm_path_scale.py).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from eigyo.accounts import access
from eigyo.accounts.models import User
from eigyo.activities.models import Activity
from eigyo.contacts.domain import paths
from eigyo.contacts.models import Person, PrivateContact, Tie
from eigyo.lib import jp_text


@dataclass
class Step:
    """One node of a path as the viewer may see it."""

    name: str
    detail: str
    ours: bool
    private: bool = False
    url: str = ""


@dataclass
class WarmPath:
    path: paths.Path
    steps: list[Step]

    @property
    def text(self) -> str:
        return "→ ".join(
            f"{s.name}（{s.detail}）" if s.detail else f"{s.name} " for s in self.steps
        )

    @property
    def warmth(self) -> float:
        return self.path.warmth


class _Graph:
    def __init__(self, org, today: dt.date, ours: set[int] | None = None):
        self.org, self.today = org, today
        # Our side of a path: the sales side only (a partner user or someone who left
        # is not a way in, and is never shown as "us").
        self.ours = access.sales_side_ids(org.pk) if ours is None else ours
        self.edges: dict = defaultdict(dict)
        self.met: dict[tuple[int, int], dt.date] = {}  # (user, person) → last met
        self.meetings: dict[tuple[int, int], list[dt.date]] = defaultdict(list)  # days met
        self._manual: dict[tuple, list[float]] = defaultdict(list)

    def _add(self, a, b, s: float) -> None:
        if s > self.edges[a].get(b, 0):
            self.edges[a][b] = self.edges[b][a] = s

    def expand(self, person_ids: set[int], *, people_ties: bool) -> set[int]:
        """Add every tie of these people (with `people_ties`, to other people too);
        returns the people newly reached."""
        if not person_ids:
            return set()
        ids = list(person_ids)
        reached: set[int] = set()
        tz = timezone.get_current_timezone()
        # Met in the visit log: the activity's owner and colleagues met its people.
        links = list(
            Activity.people.through.objects.filter(
                person_id__in=ids, activity__org=self.org
            ).values_list("activity_id", "person_id", "activity__owner_id", "activity__occurred_at")
        )
        colleagues = defaultdict(list)
        for activity_id, user_id in Activity.colleagues.through.objects.filter(
            activity_id__in={a for a, *_r in links}
        ).values_list("activity_id", "user_id"):
            colleagues[activity_id].append(user_id)
        for activity_id, person_id, owner_id, when in links:
            day = when.astimezone(tz).date()
            for user_id in (owner_id, *colleagues[activity_id]):
                self.meetings[(user_id, person_id)].append(day)
        ties = Tie.objects.filter(org=self.org).filter(
            Q(person__in=ids) | Q(other__in=ids)
            if people_ties
            else Q(person__in=ids, user__isnull=False)
        )
        for user_id, person_id, other_id, s in ties.values_list(
            "user", "person", "other", "strength"
        ):
            if user_id:
                self._manual[(user_id, person_id)].append(s)
            else:
                self._add(("p", person_id), ("p", other_id), s)
                reached |= {person_id, other_id}
        if people_ties:
            for pid, boss in Person.objects.filter(
                Q(pk__in=ids, reports_to__isnull=False) | Q(reports_to__in=ids), org=self.org
            ).values_list("pk", "reports_to"):
                self._add(("p", pid), ("p", boss), paths.REPORTING_LINE)
                reached |= {pid, boss}
        for user_id, person_id in set(self.meetings) | set(self._manual):
            if person_id not in person_ids or user_id not in self.ours:
                continue
            days = self.meetings.get((user_id, person_id), [])
            met = paths.strength(paths.evidence(days, self.today)) if days else 0.0
            s = paths.combine(met, *self._manual.get((user_id, person_id), []))
            if s > 0:
                self._add(("u", user_id), ("p", person_id), s)
                if days:
                    self.met[(user_id, person_id)] = max(days)
        return reached - person_ids


def warmest_path(viewer, targets: list[Person], today: dt.date) -> WarmPath | None:
    """The warmest path from anyone on the viewer's team to any of `targets` (people the
    viewer may see), at most three hops, explained as the viewer may see it."""
    m = access.membership(viewer)
    if m is None or not targets:
        return None
    org = m.org
    graph = _Graph(org, today)
    target_ids = {p.pk for p in targets}
    seen = set(target_ids)
    frontier = set(target_ids)
    sources = {("u", u) for u in graph.ours}
    goal = {("p", p) for p in target_ids}
    for hop in range(paths.MAX_HOPS):
        last = hop == paths.MAX_HOPS - 1  # the third hop only needs who of ours met them
        new = graph.expand(frontier, people_ties=not last)
        frontier = new - seen
        seen |= new
        if not frontier:
            break
        # Strengths are below 1, so a longer way through someone can only be as warm as
        # the way to them: skip those already colder than the warmest path found.
        so_far = paths.warmest(graph.edges, sources, goal, hop + 1)
        if so_far is not None:
            warmth = paths.reach(graph.edges, goal, hop + 1)
            frontier = {p for p in frontier if warmth.get(("p", p), 0.0) > so_far.warmth}
    found = paths.warmest(graph.edges, sources, goal)
    return _explain(found, graph, viewer, org, today) if found else None


def _explain(found: paths.Path, graph: _Graph, viewer, org, today: dt.date) -> WarmPath:
    user_ids = [n[1] for n in found.nodes if n[0] == "u"]
    person_ids = [n[1] for n in found.nodes if n[0] == "p"]
    users = {u.pk: u for u in User.objects.filter(pk__in=user_ids)}
    people = {
        p.pk: p
        for p in access.visible(viewer, Person).filter(pk__in=person_ids).select_related("company")
    }
    private = set(
        PrivateContact.objects.filter(org=org, person__in=person_ids)
        .exclude(user=viewer)
        .values_list("user", "person")
    )
    steps: list[Step] = []
    nodes = found.nodes
    for i, (kind, pk) in enumerate(nodes):
        if kind == "u":
            nxt = nodes[i + 1][1] if i + 1 < len(nodes) else None
            if (pk, nxt) in private:
                steps.append(Step(_("someone on our team"), _("private"), True, private=True))
            else:
                steps.append(Step(users[pk].display_name, _("us"), True))
            continue
        person = people.get(pk)
        if person is None:  # out of the viewer's sight: named by nothing
            steps.append(Step(_("someone"), "", False))
            continue
        firm = person.company
        firm_name = (firm.short_name or jp_text.strip_legal_form(firm.legal_name)) if firm else ""
        detail = " ".join(x for x in (firm_name, person.title) if x)
        prev = nodes[i - 1] if i else None
        if prev and prev[0] == "u" and (prev[1], pk) not in private:
            last = graph.met.get((prev[1], pk))
            if last:
                days = (today - last).days
                detail += (", " if detail else "") + _("last met %(n)s days ago") % {"n": days}
        steps.append(Step(person.display_name, detail, False, url=person.get_absolute_url()))
    return WarmPath(found, steps)


@dataclass
class Met:
    """One of ours who met a person, as the viewer may see it."""

    name: str
    meetings: int
    last: dt.date | None
    strength: float
    private: bool


def who_met(viewer, person: Person, today: dt.date) -> list[Met]:
    """Who of ours met `person` in the visit log, warmest first (a private contact of
    someone else's shows as "someone on our team", without how often or when)."""
    graph = _Graph(access.membership(viewer).org, today)
    graph.expand({person.pk}, people_ties=False)
    private = set(
        PrivateContact.objects.filter(person=person)
        .exclude(user=viewer)
        .values_list("user", flat=True)
    )
    users = {
        u.pk: u
        for u in User.objects.filter(
            pk__in=[n[1] for n in graph.edges.get(("p", person.pk), {}) if n[0] == "u"]
        )
    }
    out = []
    for (kind, pk), s in graph.edges.get(("p", person.pk), {}).items():
        if kind != "u":
            continue
        if pk in private:
            out.append(Met(_("someone on our team"), 0, None, s, True))
        else:
            days = graph.meetings.get((pk, person.pk), [])
            out.append(
                Met(users[pk].display_name, len(days), max(days) if days else None, s, False)
            )
    return sorted(out, key=lambda m: -m.strength)
