"""Training pages: modules and sessions, a session's attendance, a partner's people."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from eigyo.accounts import access
from eigyo.accounts.models import Partner
from eigyo.core.views import deny_unless
from eigyo.partners import services
from eigyo.partners.access import (
    can_manage_partner,
    can_run_training,
    sees_partner_internals,
    uses_partner_pages,
    visible_attendances,
    visible_modules,
    visible_sessions,
)
from eigyo.partners.forms import AttendanceForm, ModuleForm, SessionForm, TraineeForm


@login_required
@require_http_methods(["GET", "POST"])
def training(request: HttpRequest) -> HttpResponse:
    """The modules and the sessions held; admins and managers add them."""
    deny_unless(sees_partner_internals(request.user))
    allowed = can_run_training(request.user)
    adding_module = "add_module" in request.POST
    module_form = ModuleForm(request.POST if adding_module else None)
    session_form = SessionForm(
        request.POST if request.method == "POST" and not adding_module else None,
        user=request.user,
    )
    status = 200
    if request.method == "POST":
        deny_unless(allowed)
        form = module_form if adding_module else session_form
        if form.is_valid():
            saved = services.save_training_record(form, by=request.user)
            messages.success(request, _("Saved."))
            return redirect(saved.get_absolute_url())
        status = 422
    return render(
        request,
        "partners/training.html",
        {
            "modules": visible_modules(request.user),
            "sessions": visible_sessions(request.user).select_related("module")[:100],
            "module_form": module_form,
            "session_form": session_form,
            "can_run": allowed,
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def session_detail(request: HttpRequest, pk: int) -> HttpResponse:
    session = access.get_visible(visible_sessions(request.user).select_related("module"), pk=pk)
    deny_unless(uses_partner_pages(request.user))
    allowed = can_run_training(request.user)
    form = AttendanceForm(request.POST or None, user=request.user, session=session)
    if request.method == "POST":
        deny_unless(allowed)
        if form.is_valid():
            services.save_attendance(form, by=request.user, session=session)
            messages.success(request, _("Saved."))
            return redirect(session.get_absolute_url())
    return render(
        request,
        "partners/session.html",
        {
            "session": session,
            "attendances": visible_attendances(request.user)
            .filter(session=session)
            .select_related("trainee", "trainee__partner"),
            "form": form,
            "can_run": allowed,
        },
        status=422 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def trainee_create(request: HttpRequest, pk: int) -> HttpResponse:
    """Add a salesperson or leader of the partner (to train and to count)."""
    partner = access.get_visible(access.visible(request.user, Partner), pk=pk)
    deny_unless(sees_partner_internals(request.user))
    deny_unless(can_manage_partner(request.user, partner))
    form = TraineeForm(request.POST or None, partner=partner)
    if request.method == "POST" and form.is_valid():
        services.save_training_record(form, by=request.user, partner=partner)
        messages.success(request, _("Saved."))
        return redirect("partners:detail", partner.pk)
    return render(
        request,
        "partners/trainee_form.html",
        {"form": form, "partner": partner},
        status=422 if request.method == "POST" else 200,
    )
