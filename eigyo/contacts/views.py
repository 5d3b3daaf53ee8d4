"""People pages."""

from functools import partial

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from eigyo.accounts import access
from eigyo.companies.access import visible_companies
from eigyo.contacts import services
from eigyo.contacts.access import can_create_person, can_edit_person, visible_people
from eigyo.contacts.filters import PERSON_SORTS, PersonFilter
from eigyo.contacts.forms import PersonForm
from eigyo.contacts.models import PERSON_ITEMS, Person
from eigyo.contacts.pages import PERSON
from eigyo.contacts.reads import partner_viewed
from eigyo.core import fields
from eigyo.core.htmx import render_list
from eigyo.core.lists import apply_sort, filter_from_query
from eigyo.core.signals import personal_data_read
from eigyo.core.views import deny_unless, form_page


@login_required
@require_http_methods(["GET"])
def person_list(request: HttpRequest) -> HttpResponse:
    filters = filter_from_query(PersonFilter, request.GET)
    qs = filters.filter(visible_people(request.user)).select_related("company")
    qs = apply_sort(qs, request.GET.get("sort"), PERSON_SORTS, "name")
    return render_list(
        request,
        "contacts/person_list.html",
        "contacts/_person_table.html",
        qs,
        {"filters": filters, "can_create": can_create_person(request.user)},
        shown=partial(partner_viewed, request) if access.is_partner_user(request.user) else None,
    )


@login_required
@require_http_methods(["GET"])
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    person = access.get_visible(
        visible_people(request.user).select_related("company", "reports_to"), pk=pk
    )
    reports = visible_people(request.user).filter(reports_to=person)
    personal_data_read.send(
        Person,
        user=request.user,
        model=Person,
        pks=[person.pk],
        action="view",
        via=request.path,
        items=PERSON_ITEMS,
    )
    return render(
        request,
        "contacts/person_detail.html",
        {
            "person": person,
            "reports": reports,
            "can_edit": can_edit_person(request.user, person),
            **PERSON.context(request, person),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def person_create(request: HttpRequest) -> HttpResponse:
    deny_unless(can_create_person(request.user))
    initial = {}
    company_id = request.GET.get("company", "")
    if fields.is_id(company_id) and visible_companies(request.user).filter(pk=company_id):
        initial["company"] = int(company_id)
    form = PersonForm(request.POST or None, user=request.user, initial=initial)
    return form_page(
        request,
        form,
        template="contacts/person_form.html",
        success_message=_("Person saved."),
        save=partial(services.save_person, by=request.user),
    )


@login_required
@require_http_methods(["GET", "POST"])
def person_edit(request: HttpRequest, pk: int) -> HttpResponse:
    person = access.get_visible(visible_people(request.user), pk=pk)
    deny_unless(can_edit_person(request.user, person))
    form = PersonForm(request.POST or None, instance=person, user=request.user)
    return form_page(
        request,
        form,
        template="contacts/person_form.html",
        success_message=_("Person saved."),
        save=partial(services.save_person, by=request.user),
        context={"person": person},
    )
