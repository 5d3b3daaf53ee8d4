"""Leads over the API (the same forms, services and rules as the pages)."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from ninja import Router, Schema, Status

from eigyo.accounts import access
from eigyo.core.api import Forbidden, FormInvalid, valid
from eigyo.core.signals import personal_data_read
from eigyo.prospecting import lead_services as services
from eigyo.prospecting.access import (
    can_decide_lead,
    can_enter_leads,
    visible_leads,
    works_leads,
)
from eigyo.prospecting.lead_forms import AssignForm, DecideForm, LeadForm
from eigyo.prospecting.models import Lead

router = Router(tags=["leads"])


class LeadOut(Schema):
    id: int
    source: str
    medium: str
    campaign: str
    company_name: str
    corporate_number: str
    family_name: str
    given_name: str
    email: str
    phone: str
    status: str
    owner: int | None
    company: int | None
    person: int | None
    registry: int | None
    arrived_at: dt.datetime
    due_at: dt.datetime | None
    first_touch_at: dt.datetime | None
    reason: str
    rating: int | None
    comment: str

    @staticmethod
    def resolve_owner(obj):
        return obj.owner_id

    @staticmethod
    def resolve_company(obj):
        return obj.company_id

    @staticmethod
    def resolve_person(obj):
        return obj.person_id

    @staticmethod
    def resolve_registry(obj):
        return obj.registry_id


class LeadIn(Schema):
    source: str
    company_name: str
    corporate_number: str = ""
    family_name: str
    given_name: str = ""
    family_kana: str = ""
    given_kana: str = ""
    title: str = ""
    email: str = ""
    phone: str = ""
    medium: str = ""
    campaign: str = ""
    note: str = ""
    owner: int | None = None


class AssignIn(Schema):
    owner: int


class DecisionIn(Schema):
    decision: str  # accept | reject
    rating: int
    reason: str = ""  # one of the fixed reasons when rejecting
    comment: str = ""


# What a lead shows of the person behind it (the items a read names).
LEAD_ITEMS = ["name", "company", "email", "phone"]


def _read(request, leads: list) -> list:
    """Leads hold a person's data: the API's reads are recorded (the people they are
    linked to as the subjects)."""
    if leads:
        personal_data_read.send(
            Lead,
            user=request.user,
            model=Lead,
            pks=[x.pk for x in leads],
            action="api",
            via=request.path,
            items=LEAD_ITEMS,
            people=[x.person_id for x in leads if x.person_id],
        )
    return leads


@router.get("/leads", response=list[LeadOut])
def list_leads(request: HttpRequest, status: str = ""):
    if not works_leads(request.user):
        raise Forbidden
    qs = visible_leads(request.user)
    return _read(request, list((qs.filter(status=status) if status else qs)[:500]))


@router.get("/leads/{int:pk}", response=LeadOut)
def get_lead(request: HttpRequest, pk: int):
    return _read(request, [access.get_visible(visible_leads(request.user), pk=pk)])[0]


@router.post("/leads", response={201: LeadOut})
def create_lead(request: HttpRequest, payload: LeadIn):
    """Enter a lead (marketing, admins, managers); resolved to the registry and to the
    organisation's companies and people; assigned at once with `owner`."""
    if not can_enter_leads(request.user):
        raise Forbidden
    data = {k: ("" if v is None else v) for k, v in payload.dict().items()}
    form = valid(LeadForm(data, user=request.user))
    return Status(201, services.create_lead(form, by=request.user))


@router.post("/leads/{int:pk}/assign", response=LeadOut)
def assign(request: HttpRequest, pk: int, payload: AssignIn):
    lead = access.get_visible(visible_leads(request.user), pk=pk)
    if not can_enter_leads(request.user):
        raise Forbidden
    form = valid(AssignForm(payload.dict(), user=request.user))
    try:
        return services.assign(lead, form.cleaned_data["owner"], by=request.user)
    except services.LeadDecided as exc:
        raise FormInvalid.single("owner", str(exc)) from exc


@router.post("/leads/{int:pk}/decision", response=LeadOut)
def decide(request: HttpRequest, pk: int, payload: DecisionIn):
    """Accept (the company enters the caller's portfolio) or reject with a fixed reason."""
    lead = access.get_visible(visible_leads(request.user), pk=pk)
    if not can_decide_lead(request.user, lead):
        raise Forbidden
    d = valid(DecideForm(payload.dict())).cleaned_data
    try:
        if d["decision"] == "accept":
            return services.accept(lead, rating=d["rating"], comment=d["comment"], by=request.user)
        return services.reject(
            lead, reason=d["reason"], rating=d["rating"], comment=d["comment"], by=request.user
        )
    except services.LeadDecided as exc:
        raise FormInvalid.single("decision", str(exc)) from exc
