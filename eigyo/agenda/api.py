"""Agenda, plan and benchmarks endpoints: a rep sees their own, a manager their
team's, an admin everyone's (access.portfolio_owners)."""

import datetime as dt

from django.http import Http404, HttpRequest
from ninja import Router, Schema

from eigyo.accounts import access
from eigyo.agenda import search
from eigyo.contacts import reads
from eigyo.core import clock
from eigyo.core.api import Forbidden
from eigyo.core.lists import Id
from eigyo.followups import inbox
from eigyo.portfolio import benchmarking, planning
from eigyo.portfolio.text import explain

router = Router(tags=["agenda"])


class ContactOut(Schema):
    relationship: int
    company: int
    company_name: str
    tier: str
    day: dt.date
    due: dt.date
    reason: str
    why: str
    last_contact: dt.date | None
    cadence: int | None


class ApproachOut(Schema):
    relationship: int
    company: int
    company_name: str
    since: dt.date


class AgendaOut(Schema):
    user: int
    date: dt.date
    business_day: bool
    capacity: int
    overdue_total: int
    contacts: list[ContactOut]
    approach_quota: int
    approaches: list[ApproachOut]


class PlanDayOut(Schema):
    date: dt.date
    contacts: list[ContactOut]


class PlanOut(Schema):
    user: int
    capacity: int
    fits: bool
    days: list[PlanDayOut]
    late: int
    unplaced: list[ContactOut]
    shortfall_by_tier: dict[str, int]


class BenchmarkOut(Schema):
    user: int
    name: str
    months: list[dt.date]
    approaches: list[int]
    contacts: list[int]
    tiers: dict[str, int]
    maturing: int
    within_cadence: dict[str, list[int]]
    median_visits_before_business: float | None
    prestigious_targets: int
    first_prestigious_client: str | None
    first_prestigious_client_on: dt.date | None


def _owner(request: HttpRequest, user: int | None):
    owners = access.portfolio_owners(request.user)
    if not owners.exists():
        raise Forbidden
    if user is None:
        return owners.filter(pk=request.user.pk).first() or owners.first()
    return access.get_visible(owners, pk=user)


def _contact(c, today) -> dict:
    return {
        "relationship": c.relationship_id,
        "company": c.company_id,
        "company_name": c.company_name,
        "tier": c.tier,
        "day": c.day,
        "due": c.due,
        "reason": c.reason,
        "why": explain(c, today),
        "last_contact": c.last_contact,
        "cadence": c.cadence,
    }


@router.get("/agenda", response=AgendaOut)
def get_agenda(request: HttpRequest, user: Id | None = None, date: dt.date | None = None):
    owner = _owner(request, user)
    day = date or clock.today()
    a = planning.build_agenda(owner, access.membership(request.user).org, day)
    return {
        "user": owner.pk,
        "date": day,
        "business_day": a.is_business_day,
        "capacity": a.capacity,
        "overdue_total": a.overdue_total,
        "contacts": [_contact(c, day) for c in a.contacts],
        "approach_quota": a.approach_quota,
        "approaches": [
            {
                "relationship": x.relationship_id,
                "company": x.company_id,
                "company_name": x.company_name,
                "since": x.since,
            }
            for x in a.approaches
        ],
    }


@router.get("/plan", response=PlanOut)
def get_plan(
    request: HttpRequest, user: Id | None = None, start: dt.date | None = None, weeks: int = 4
):
    if not 1 <= weeks <= 8:
        weeks = min(max(weeks, 1), 8)
    owner = _owner(request, user)
    p = planning.build_plan(
        owner, access.membership(request.user).org, start or clock.today(), weeks
    )
    return {
        "user": owner.pk,
        "capacity": p.capacity,
        "fits": p.fits,
        "late": len(p.late),
        "days": [{"date": d, "contacts": [_contact(c, d) for c in items]} for d, items in p.days],
        "unplaced": [_contact(c, c.day) for c in p.unplaced],
        "shortfall_by_tier": p.shortfall_by_tier(),
    }


@router.get("/benchmarks", response=list[BenchmarkOut])
def get_benchmarks(request: HttpRequest, user: Id | None = None):
    """One row per rep the caller may see (or only `user`)."""
    owners = access.portfolio_owners(request.user)
    if not owners.exists():
        raise Forbidden
    users = [access.get_visible(owners, pk=user)] if user else list(owners.order_by("pk"))
    rows = benchmarking.benchmarks(users, access.membership(request.user).org, clock.today())
    return [
        {
            "user": r.user.pk,
            "name": r.user.display_name,
            "months": r.months,
            "approaches": r.approaches,
            "contacts": r.contacts,
            "tiers": r.tiers,
            "maturing": r.maturing,
            "within_cadence": {t: [ok, total] for t, (ok, total) in r.adherence.items()},
            "median_visits_before_business": r.median_visits_before_business,
            "prestigious_targets": r.prestigious_targets,
            "first_prestigious_client": (r.first_prestigious_client or (None, None))[1],
            "first_prestigious_client_on": (r.first_prestigious_client or (None, None))[0],
        }
        for r in rows
    ]


class SearchItemOut(Schema):
    id: int
    label: str
    detail: str
    url: str


class SearchGroupOut(Schema):
    kind: str
    more: bool
    items: list[SearchItemOut]


def _describe(kind: str, o) -> tuple[str, str]:
    if kind == "people":
        return o.display_name, " ".join(x for x in (o.kana_name, str(o.company or "")) if x)
    if kind == "deals":
        return o.title, f"{o.company} · {o.get_stage_display()}"
    if kind == "registry":
        return o.name, o.corporate_number
    return o.display_name, o.corporate_number


@router.get("/search", response=list[SearchGroupOut])
def global_search(request: HttpRequest, q: str = ""):
    """Companies, people, deals and registry entities matching `q` (name, kana or
    romaji), at most 5 a group, within what the caller may see; `more` when there are.
    The people it answers with are recorded as read (the audit trail)."""
    groups = search.search(request.user, q)
    people = [o.pk for g in groups if g.kind == "people" for o in g.items]
    reads.people_read(request, people, action="api", items=["name", "kana", "company"])
    return [
        {
            "kind": g.kind,
            "more": g.more,
            "items": [
                dict(zip(("label", "detail"), _describe(g.kind, o), strict=True))
                | {"id": o.pk, "url": o.get_absolute_url()}
                for o in g.items
            ],
        }
        for g in groups
    ]


class NoticeOut(Schema):
    id: int
    kind: str
    group: str
    text: str
    subject: str
    day: dt.date
    created_at: dt.datetime
    read: bool
    url: str
    actor: int | None


class InboxOut(Schema):
    unread: int
    items: list[NoticeOut]


def _notice(item: inbox.Item) -> dict:
    n = item.notice
    return {
        "id": n.pk,
        "kind": n.kind,
        "group": str(item.kind.group) if item.kind else "",
        "text": item.text,
        "subject": n.subject,
        "day": n.day,
        "created_at": n.created_at,
        "read": n.read_at is not None,
        "url": item.url,
        "actor": n.actor_id,
    }


@router.get("/inbox", response=InboxOut)
def get_inbox(request: HttpRequest, unread: bool = False, limit: int = 100):
    """My inbox, newest first (only notices whose object I may still see); `unread` for
    the unread only; `text` in the language of Accept-Language. The same notices feed
    the e-mails and the morning digest."""
    inbox.refresh(request.user)
    items = inbox.items(request.user, unread_only=unread, limit=min(max(limit, 1), 500))
    return {"unread": inbox.unread_count(request.user), "items": [_notice(i) for i in items]}


@router.post("/inbox/{int:pk}/read", response=NoticeOut)
def read_notice(request: HttpRequest, pk: int):
    """Mark one notice read (404 for another's or one whose object is out of sight)."""
    notice = access.get_visible(inbox.notices_of(request.user), pk=pk)
    (item,) = inbox.visible([notice], request.user) or [None]
    if item is None:
        raise Http404
    inbox.mark_read(notice, by=request.user)
    return _notice(item)


class MarkedOut(Schema):
    marked: int


@router.post("/inbox/read-all", response=MarkedOut)
def read_all(request: HttpRequest):
    return {"marked": inbox.mark_all_read(by=request.user)}
