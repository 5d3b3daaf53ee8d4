"""Lead pages: the list (marketing: all; a rep: theirs), entering one, one lead with
its deadline and the decision, and the report of what sales did with them."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from eigyo.accounts import access
from eigyo.core import clock
from eigyo.core.contributions import DETAIL
from eigyo.core.views import deny_unless
from eigyo.prospecting import lead_services as services
from eigyo.prospecting.access import (
    can_decide_lead,
    can_enter_leads,
    visible_leads,
    works_leads,
)
from eigyo.prospecting.lead_forms import AssignForm, DecideForm, LeadForm
from eigyo.prospecting.models import Lead


@login_required
@require_http_methods(["GET", "POST"])
def lead_list(request: HttpRequest) -> HttpResponse:
    deny_unless(works_leads(request.user))
    form = (
        LeadForm(request.POST or None, user=request.user) if can_enter_leads(request.user) else None
    )
    if request.method == "POST":
        deny_unless(form is not None)
        if form.is_valid():
            lead = services.create_lead(form, by=request.user)
            messages.success(request, _("Lead entered."))
            return redirect(lead.get_absolute_url())
    status = request.GET.get("status", "")
    leads = visible_leads(request.user).select_related("owner", "company")
    if status in Lead.Status.values:
        leads = leads.filter(status=status)
    return render(
        request,
        "prospecting/leads.html",
        {
            "leads": leads[:300],
            "form": form,
            "status": status,
            "statuses": Lead.Status.choices,
            "now": clock.now(),
        },
        status=422 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def lead_detail(request: HttpRequest, pk: int) -> HttpResponse:
    lead = access.get_visible(
        visible_leads(request.user).select_related("owner", "company", "person", "registry"), pk=pk
    )
    may_assign = can_enter_leads(request.user)
    may_decide = can_decide_lead(request.user, lead)
    action = request.POST.get("action")
    assign_form = (
        AssignForm(request.POST if action == "assign" else None, user=request.user)
        if may_assign
        else None
    )
    decide_form = DecideForm(request.POST if action == "decide" else None) if may_decide else None
    if request.method == "POST":
        if action == "assign":
            deny_unless(assign_form is not None)
            if assign_form.is_valid():
                try:
                    services.assign(lead, assign_form.cleaned_data["owner"], by=request.user)
                except services.LeadDecided as exc:
                    assign_form.add_error(None, str(exc))
                else:
                    return redirect(lead.get_absolute_url())
        elif action == "touch":
            deny_unless(may_decide)
            services.touch(lead, by=request.user)
            return redirect(lead.get_absolute_url())
        elif action == "decide":
            deny_unless(decide_form is not None)
            if decide_form.is_valid():
                d = decide_form.cleaned_data
                try:
                    if d["decision"] == "accept":
                        services.accept(
                            lead, rating=d["rating"], comment=d["comment"], by=request.user
                        )
                    else:
                        services.reject(
                            lead,
                            reason=d["reason"],
                            rating=d["rating"],
                            comment=d["comment"],
                            by=request.user,
                        )
                except services.LeadDecided as exc:
                    decide_form.add_error(None, str(exc))
                else:
                    messages.success(request, _("Decided."))
                    return redirect(lead.get_absolute_url())
        else:
            return HttpResponse(status=422)
    return render(
        request,
        "prospecting/lead.html",
        {
            "lead": lead,
            **DETAIL.context(request, lead),
            "assign_form": assign_form,
            "decide_form": decide_form
            if lead.status in ("new", "assigned") or (decide_form and decide_form.errors)
            else None,
            "may_decide": may_decide,
            "now": clock.now(),
        },
        status=422 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET"])
def lead_report(request: HttpRequest) -> HttpResponse:
    """By source and campaign: accepted (with its 95 % interval), became a deal, won,
    median business hours to first touch, why the rest were rejected."""
    deny_unless(works_leads(request.user))
    rows = services.report(visible_leads(request.user), access.membership(request.user).org)
    return render(
        request,
        "prospecting/lead_report.html",
        {"rows": rows, "reasons": dict(Lead.Reason.choices), "sources": dict(Lead.Source.choices)},
    )
