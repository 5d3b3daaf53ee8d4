"""The organisation's own company fields (admin): define, edit, delete."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from eigyo.accounts import access
from eigyo.companies import own_fields, services
from eigyo.companies.access import can_manage_company_fields, visible_company_fields
from eigyo.companies.models import CompanyField
from eigyo.core.views import deny_unless


def _field(request: HttpRequest, pk: int) -> CompanyField:
    """Another organisation's field is 404 for everyone; ours is 403 for non-admins."""
    field = access.get_visible(visible_company_fields(request.user), pk=pk)
    deny_unless(can_manage_company_fields(request.user))
    return field


@login_required
@require_http_methods(["GET", "POST"])
def field_list(request: HttpRequest) -> HttpResponse:
    """The fields, and a form to add one."""
    deny_unless(can_manage_company_fields(request.user))
    fields = visible_company_fields(request.user)
    org = access.membership(request.user).org
    form = own_fields.CompanyFieldForm(request.POST or None, org=org)
    if request.method == "POST" and form.is_valid():
        field = services.save_company_field(form, by=request.user)
        messages.success(request, _("Field “%(label)s” added.") % {"label": field.label})
        return redirect("companies:fields")
    return render(
        request,
        "companies/fields.html",
        {"fields": fields, "form": form},
        status=422 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def field_edit(request: HttpRequest, pk: int) -> HttpResponse:
    field = _field(request, pk)
    form = own_fields.CompanyFieldForm(request.POST or None, instance=field, org=field.org)
    if request.method == "POST" and form.is_valid():
        services.save_company_field(form, by=request.user)
        messages.success(request, _("Field saved."))
        return redirect("companies:fields")
    return render(
        request,
        "companies/field_form.html",
        {"field": field, "form": form},
        status=422 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def field_delete(request: HttpRequest, pk: int) -> HttpResponse:
    field = _field(request, pk)
    cleared = services.delete_company_field(field, by=request.user)
    messages.success(
        request,
        _("Field “%(label)s” deleted; its value was removed from %(n)s companies.")
        % {"label": field.label, "n": cleared},
    )
    return redirect("companies:fields")
