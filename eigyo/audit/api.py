"""Audit and APPI endpoints, for the organisation's admins (403 for the rest): the
trail with the page's filters, one person's disclosure package, the register of
requests, the provision records, leak triage."""

import datetime as dt

from django.http import HttpRequest
from ninja import Router, Status
from ninja.pagination import paginate

from eigyo.accounts import access
from eigyo.audit import disclosure, requests, triage
from eigyo.audit.access import audits, visible_events, visible_provisions, visible_requests
from eigyo.audit.forms import EventFilterForm, SubjectRequestForm, TriageForm, start_of
from eigyo.audit.schemas import EventOut, ProvisionOut, RequestIn, RequestOut, TriageOut
from eigyo.contacts.access import visible_people
from eigyo.contacts.models import Person
from eigyo.core import fields
from eigyo.core.api import Forbidden, FormInvalid, Pagination, valid
from eigyo.core.signals import personal_data_read

router = Router(tags=["audit"])


def _admin(request) -> None:
    if not audits(request.user):
        raise Forbidden


@router.get("/audit/events", response=list[EventOut])
@paginate(Pagination)
def list_events(request: HttpRequest):
    """Filters as on the page: user, object_type, object_id, action, date_from, date_to."""
    _admin(request)
    form = EventFilterForm(request.GET, user=request.user)
    return form.apply(visible_events(request.user).order_by("-seq"))


@router.get("/audit/people/{int:person_id}/disclosure", response=dict)
def person_disclosure(request: HttpRequest, person_id: int):
    """Everything held about the person (the disclosure package), as JSON."""
    person = access.get_visible(visible_people(request.user), pk=person_id)
    _admin(request)
    pkg = disclosure.package(person)
    personal_data_read.send(
        Person,
        user=request.user,
        model=Person,
        pks=[person.pk],
        action="export",
        via=request.path,
        items=["disclosure package"],
    )
    return pkg


@router.get("/audit/requests", response=list[RequestOut])
@paginate(Pagination)
def list_requests(request: HttpRequest, status: str = ""):
    _admin(request)
    qs = visible_requests(request.user)
    return qs.filter(status=status) if status else qs


@router.post("/audit/requests", response={201: RequestOut})
def create_request(request: HttpRequest, payload: RequestIn):
    _admin(request)
    data = {k: ("" if v is None else v) for k, v in payload.dict().items()}
    form = valid(SubjectRequestForm(data, user=request.user))
    return Status(201, requests.register(form, by=request.user))


@router.get("/audit/provision", response=list[ProvisionOut])
@paginate(Pagination)
def list_provision(request: HttpRequest, recipient: str = "", person: str = ""):
    """Records of third-party provision and receipt, by recipient (part of the name)
    and person id."""
    _admin(request)
    qs = visible_provisions(request.user)
    if recipient.strip():
        qs = qs.filter(counterparty__icontains=recipient.strip()[:200])
    if person:
        if not fields.is_id(person):
            raise FormInvalid.single("person", "not an id")
        qs = qs.filter(person_id=person)
    return qs


@router.get("/audit/triage", response=TriageOut)
def leak_triage(request: HttpRequest):
    """Whose personal data a user, token or feed read: user / token / feed, date_from,
    date_to (inclusive)."""
    _admin(request)
    form = valid(TriageForm(request.GET, user=request.user))
    d = form.cleaned_data
    result = triage.triage(
        access.membership(request.user).org_id,
        start=start_of(d["date_from"]),
        end=start_of(d["date_to"] + dt.timedelta(days=1)),
        user_id=d["user"].pk if d["user"] else None,
        token_id=d["token"],
        feed_id=d["feed"],
    )
    return {
        "people": result.count,
        "reads": len(result.events),
        "items": result.items,
        "persons": [
            {
                "id": p.person_id,
                "name": p.name,
                "times": p.times,
                "items": sorted(p.items),
                "first": p.first,
                "last": p.last,
            }
            for p in result.people
        ],
    }
