"""The audit and privacy pages, for the organisation's admins: the trail with its
filters, the register of data-subject requests, one person's disclosure package
(page, JSON, CSV) with cessation of use and erasure, the records of third-party
provision, and leak triage."""

from __future__ import annotations

import datetime as dt
from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from eigyo.accounts import access
from eigyo.audit import disclosure, erasure, history, requests, triage
from eigyo.audit.access import (
    audits,
    visible_events,
    visible_provisions,
    visible_requests,
)
from eigyo.audit.forms import EventFilterForm, SubjectRequestForm, TriageForm, start_of
from eigyo.audit.models import ProvisionRecord, SubjectRequest
from eigyo.contacts.access import visible_people
from eigyo.contacts.models import Person
from eigyo.core import clock, fields
from eigyo.core.signals import personal_data_read
from eigyo.core.views import deny_unless, form_page

PAGE_SIZE = 50


def _page(request, qs):
    return Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))


@login_required
@require_http_methods(["GET"])
def events(request: HttpRequest) -> HttpResponse:
    deny_unless(audits(request.user))
    form = EventFilterForm(request.GET or None, user=request.user)
    qs = form.apply(visible_events(request.user).select_related("actor"))
    page = _page(request, qs)
    return render(
        request,
        "audit/events.html",
        {"form": form, "page": page, "lines": history.lines(page.object_list, pk=form.object_pk())},
    )


@login_required
@require_http_methods(["GET"])
def request_list(request: HttpRequest) -> HttpResponse:
    deny_unless(audits(request.user))
    qs = visible_requests(request.user).select_related("person", "handled_by")
    status = request.GET.get("status", "open")
    if status in SubjectRequest.Status.values:
        qs = qs.filter(status=status)
    return render(
        request,
        "audit/requests.html",
        {"page": _page(request, qs), "status": status, "today": clock.today()},
    )


@login_required
@require_http_methods(["GET", "POST"])
def request_create(request: HttpRequest) -> HttpResponse:
    deny_unless(audits(request.user))
    initial = {}
    person_id = request.GET.get("person", "")
    if fields.is_id(person_id) and visible_people(request.user).filter(pk=person_id).exists():
        initial["person"] = int(person_id)
    form = SubjectRequestForm(request.POST or None, user=request.user, initial=initial)
    return form_page(
        request,
        form,
        template="audit/request_form.html",
        success_message=_("Request registered."),
        save=partial(requests.register, by=request.user),
    )


@login_required
@require_http_methods(["GET", "POST"])
def request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    req = access.get_visible(visible_requests(request.user), pk=pk)
    form = SubjectRequestForm(request.POST or None, instance=req, user=request.user)
    return form_page(
        request,
        form,
        template="audit/request_form.html",
        success_message=_("Request saved."),
        save=partial(requests.save_request, by=request.user),
        context={"req": req, "today": clock.today()},
    )


@login_required
@require_http_methods(["GET"])
def people(request: HttpRequest) -> HttpResponse:
    deny_unless(audits(request.user))
    q = request.GET.get("q", "")[:200]
    found = disclosure.find_people(visible_people(request.user), q).select_related("company")
    return render(request, "audit/people.html", {"q": q, "found": found[:50]})


def _person(request, pk) -> Person:
    person = access.get_visible(visible_people(request.user).select_related("company"), pk=pk)
    deny_unless(audits(request.user))
    return person


def _disclosed(request, person, action: str) -> dict:
    pkg = disclosure.package(person)
    personal_data_read.send(
        Person,
        user=request.user,
        model=Person,
        pks=[person.pk],
        action=action,
        via=request.path,
        items=["disclosure package"],
    )
    return pkg


@login_required
@require_http_methods(["GET"])
def person_package(request: HttpRequest, pk: int) -> HttpResponse:
    person = _person(request, pk)
    pkg = _disclosed(request, person, "view")
    return render(
        request,
        "audit/package.html",
        {
            "person": person,
            "package": pkg,
            "open_requests": visible_requests(request.user).filter(
                person=person, status=SubjectRequest.Status.OPEN
            ),
            "printed_at": clock.now(),
        },
    )


@login_required
@require_http_methods(["GET"])
def person_package_json(request: HttpRequest, pk: int) -> HttpResponse:
    person = _person(request, pk)
    body = disclosure.to_json(_disclosed(request, person, "export"))
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="disclosure-{person.pk}.json"'
    return response


@login_required
@require_http_methods(["GET"])
def person_package_csv(request: HttpRequest, pk: int) -> HttpResponse:
    person = _person(request, pk)
    body = disclosure.to_csv(_disclosed(request, person, "export"))
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="disclosure-{person.pk}.csv"'
    return response


USE_ACTIONS = {
    "cease": {"ceased": True},
    "resume": {"ceased": False},
    "stop_provision": {"provision_stopped": True},
    "allow_provision": {"provision_stopped": False},
}


@login_required
@require_POST
def person_use(request: HttpRequest, pk: int) -> HttpResponse:
    person = _person(request, pk)
    change = USE_ACTIONS.get(request.POST.get("action", ""))
    if change is None:
        messages.error(request, _("Unknown action."))
    else:
        requests.set_use(person, by=request.user, **change)
        messages.success(request, _("Saved."))
    return redirect("audit:package", pk=person.pk)


@login_required
@require_POST
def person_erase(request: HttpRequest, pk: int) -> HttpResponse:
    person = _person(request, pk)
    if request.POST.get("confirm", "").strip() != person.family_name:
        messages.error(request, _("Type the family name to confirm the erasure."))
        return redirect("audit:package", pk=person.pk)
    req = None
    req_id = request.POST.get("request", "")
    if fields.is_id(req_id):
        req = visible_requests(request.user).filter(pk=req_id, person=person).first()
    done = erasure.erase(person, by=request.user, request=req)
    messages.success(
        request,
        _("Erased. The audit trail keeps the pseudonym %(alias)s.") % {"alias": done["pseudonym"]},
    )
    return redirect("audit:requests")


@login_required
@require_http_methods(["GET"])
def provisions(request: HttpRequest) -> HttpResponse:
    deny_unless(audits(request.user))
    qs = visible_provisions(request.user).select_related("partner", "recorded_by")
    recipient = request.GET.get("recipient", "").strip()[:200]
    person = request.GET.get("person", "")
    direction = request.GET.get("direction", "")
    if recipient:
        qs = qs.filter(counterparty__icontains=recipient)
    if fields.is_id(person):
        qs = qs.filter(person_id=person)
    if direction in ProvisionRecord.Direction.values:
        qs = qs.filter(direction=direction)
    return render(
        request,
        "audit/provisions.html",
        {
            "page": _page(request, qs),
            "recipient": recipient,
            "person": person if fields.is_id(person) else "",
            "direction": direction,
            "directions": ProvisionRecord.Direction.choices,
        },
    )


@login_required
@require_http_methods(["GET"])
def leak_triage(request: HttpRequest) -> HttpResponse:
    deny_unless(audits(request.user))
    form = TriageForm(request.GET or None, user=request.user)
    result = None
    if form.is_valid():
        d = form.cleaned_data
        result = triage.triage(
            access.membership(request.user).org_id,
            start=start_of(d["date_from"]),
            end=start_of(d["date_to"] + dt.timedelta(days=1)),
            user_id=d["user"].pk if d["user"] else None,
            token_id=d["token"],
            feed_id=d["feed"],
        )
    return render(request, "audit/triage.html", {"form": form, "result": result})
