"""The visit log: list, log a visit (phone-first), detail, edit."""

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from eigyo.accounts import access
from eigyo.activities import services
from eigyo.activities.access import can_edit_activity, can_log_activity, visible_activities
from eigyo.activities.filters import ACTIVITY_SORTS, ActivityFilter
from eigyo.activities.forms import ActivityForm
from eigyo.activities.models import Activity
from eigyo.companies.access import visible_companies
from eigyo.contacts.reads import partner_viewed, people_met, shared
from eigyo.core import fields
from eigyo.core.contributions import DETAIL
from eigyo.core.htmx import render_list
from eigyo.core.lists import apply_sort, filter_from_query
from eigyo.core.views import deny_unless, form_page


@login_required
@require_http_methods(["GET"])
def activity_list(request: HttpRequest) -> HttpResponse:
    filters = filter_from_query(ActivityFilter, request.GET)
    qs = (
        filters.filter(visible_activities(request.user))
        .select_related("company", "owner")
        .prefetch_related(people_met(request.user))
    )
    sort = request.GET.get("sort") or "-when"
    qs = apply_sort(qs, sort, ACTIVITY_SORTS, "when")
    return render_list(
        request,
        "activities/activity_list.html",
        "activities/_activity_table.html",
        qs,
        {
            "filters": filters,
            "kinds": Activity.Kind.choices,
            "can_log": can_log_activity(request.user),
        },
    )


@login_required
@require_http_methods(["GET"])
def activity_detail(request: HttpRequest, pk: int) -> HttpResponse:
    activity = access.get_visible(
        visible_activities(request.user).select_related("company", "owner"), pk=pk
    )
    met = list(shared(request.user, activity.people.all(), ""))
    partner_viewed(request, met, items=["name"])
    return render(
        request,
        "activities/activity_detail.html",
        {
            "activity": activity,
            "met": met,
            "can_edit": can_edit_activity(request.user, activity),
            **DETAIL.context(request, activity),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def activity_create(request: HttpRequest) -> HttpResponse:
    """Log a visit: few fields, big targets, works on a 375-px screen."""
    deny_unless(can_log_activity(request.user))
    initial = {}
    company_id = request.GET.get("company", "")
    if fields.is_id(company_id) and visible_companies(request.user).filter(pk=company_id):
        initial["company"] = int(company_id)
    person_id = request.GET.get("person", "")
    if fields.is_id(person_id):
        initial["people"] = [int(person_id)]
    form = ActivityForm(request.POST or None, user=request.user, initial=initial)
    back = request.POST.get("next") or request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        back = ""
    if request.method == "POST" and form.is_valid():
        activity = services.save_activity(form, by=request.user)
        messages.success(request, _("Contact logged."))
        for warning in form.warnings:
            messages.warning(request, warning)
        # From the agenda, go back to it: the logged item has left the list.
        return redirect(back or activity.company.get_absolute_url())
    return render(
        request,
        "activities/activity_form.html",
        {"form": form, "next": back},
        status=422 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def activity_edit(request: HttpRequest, pk: int) -> HttpResponse:
    activity = access.get_visible(visible_activities(request.user), pk=pk)
    deny_unless(can_edit_activity(request.user, activity))
    form = ActivityForm(request.POST or None, instance=activity, user=request.user)
    return form_page(
        request,
        form,
        template="activities/activity_form.html",
        success_message=_("Contact saved."),
        save=partial(services.save_activity, by=request.user),
        context={"activity": activity},
    )


@login_required
@require_http_methods(["GET"])
def people_options(request: HttpRequest) -> HttpResponse:
    """htmx partial: the people checkboxes for the chosen company."""
    form = ActivityForm(initial={"company": request.GET.get("company", "")}, user=request.user)
    company_id = request.GET.get("company", "")
    if company_id:
        access.get_visible(visible_companies(request.user), pk=company_id)
    return render(request, "activities/_people_options.html", {"form": form})
