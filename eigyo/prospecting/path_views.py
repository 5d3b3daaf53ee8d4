"""Introductions: the warmest way in (/introductions/path/?to=PERSON or ?company=),
who knows a person, and the give-and-take ledger (/introductions/)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from eigyo.accounts import access
from eigyo.companies.access import visible_companies
from eigyo.contacts import services as contacts
from eigyo.contacts.access import (
    sees_ties,
    visible_people,
    visible_private_contacts,
    visible_ties,
)
from eigyo.contacts.filters import PersonFilter
from eigyo.contacts.forms import TieForm
from eigyo.core import clock
from eigyo.core.views import deny_unless
from eigyo.prospecting import ledger_services, warm_paths
from eigyo.prospecting.access import can_call, visible_favours
from eigyo.prospecting.ledger_forms import FavourForm
from eigyo.prospecting.models import Favour


@login_required
@require_http_methods(["GET"])
def warmest(request: HttpRequest) -> HttpResponse:
    deny_unless(sees_ties(request.user))
    people = visible_people(request.user).select_related("company")
    target = company = None
    targets = []
    if request.GET.get("to"):
        target = access.get_visible(people, pk=request.GET["to"])
        targets = [target]
    elif request.GET.get("company"):
        company = access.get_visible(visible_companies(request.user), pk=request.GET["company"])
        targets = list(people.filter(company=company))
    q = request.GET.get("q", "").strip()
    matches = list(PersonFilter(q=q).filter(people)[:20]) if q and not targets else []
    found = warm_paths.warmest_path(request.user, targets, clock.today()) if targets else None
    return render(
        request,
        "prospecting/warmest.html",
        {
            "target": target,
            "company": company,
            "targets": targets,
            "found": found,
            "q": q,
            "matches": matches,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def ties(request: HttpRequest, pk: int) -> HttpResponse:
    """Who knows this person: the visit log's meetings, the ties recorded by hand (add
    one here), and whether I keep my own contact with them private."""
    person = access.get_visible(visible_people(request.user).select_related("company"), pk=pk)
    deny_unless(sees_ties(request.user))
    form = TieForm(
        request.POST if request.POST.get("action") == "tie" else None,
        user=request.user,
        person=person,
    )
    if request.method == "POST":
        if request.POST.get("action") == "private":
            contacts.keep_private(person, request.POST.get("private") == "on", by=request.user)
            return redirect("intros:ties", pk=person.pk)
        if form.is_valid():
            contacts.record_tie(form, by=request.user)
            messages.success(request, _("Saved."))
            return redirect("intros:ties", pk=person.pk)
    known = (
        visible_ties(request.user)
        .filter(Q(person=person) | Q(other=person))
        .select_related("user", "person", "other")
    )
    mine_private = visible_private_contacts(request.user).filter(person=person).exists()
    return render(
        request,
        "prospecting/ties.html",
        {
            "person": person,
            "form": form,
            "known": known,
            "met": warm_paths.who_met(request.user, person, clock.today()),
            "mine_private": mine_private,
        },
        status=422 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET"])
def ledger(request: HttpRequest) -> HttpResponse:
    """The give-and-take ledger: report-backs due first, then the balance per company
    and per person (given − received; never shown to the counterpart)."""
    deny_unless(can_call(request.user))
    favours = visible_favours(request.user).select_related(
        "counterpart__company", "introduced", "ours"
    )
    due = favours.filter(
        direction="received", kind="introduction", reported_on__isnull=True
    ).order_by("report_back_by")
    by_person, by_company = ledger_services.balances(favours)
    companies = {c.pk: c for c in visible_companies(request.user).filter(pk__in=by_company)}
    people = {
        p.pk: p
        for p in visible_people(request.user).filter(pk__in=by_person).select_related("company")
    }
    return render(
        request,
        "prospecting/ledger.html",
        {
            "due": due,
            "recent": favours[:30],
            "companies": sorted(
                ((companies[k], v) for k, v in by_company.items() if k in companies),
                key=lambda x: x[1],
            ),
            "people": sorted(
                ((people[k], v) for k, v in by_person.items() if k in people), key=lambda x: x[1]
            ),
            "today": clock.today(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def ledger_person(request: HttpRequest, pk: int) -> HttpResponse:
    """What we received from and gave to one person; record a favour; report back."""
    person = access.get_visible(visible_people(request.user).select_related("company"), pk=pk)
    deny_unless(can_call(request.user))
    favours = (
        visible_favours(request.user)
        .filter(counterpart=person)
        .select_related("introduced", "ours")
    )
    action = request.POST.get("action")
    form = FavourForm(
        request.POST if action == "favour" else None, user=request.user, person=person
    )
    if request.method == "POST":
        if action in ("reported", "outcome"):
            favour = access.get_visible(favours, pk=request.POST.get("favour"))
            if action == "reported":
                ledger_services.reported_back(favour, by=request.user)
            else:
                try:
                    ledger_services.set_outcome(
                        favour, request.POST.get("outcome", ""), by=request.user
                    )
                except ValueError:
                    return HttpResponse(status=422)
            return redirect("intros:ledger_person", pk=person.pk)
        if form.is_valid():
            ledger_services.record_favour(form, by=request.user)
            messages.success(request, _("Saved."))
            return redirect("intros:ledger_person", pk=person.pk)
    by_person, _by_company = ledger_services.balances(favours)
    return render(
        request,
        "prospecting/ledger_person.html",
        {
            "person": person,
            "favours": favours,
            "balance": by_person.get(person.pk, 0),
            "form": form,
            "outcomes": Favour.Outcome.choices,
            "today": clock.today(),
        },
        status=422 if request.method == "POST" else 200,
    )
