"""The organisation's company pages."""

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from eigyo.accounts import access
from eigyo.companies import merging, own_fields, services
from eigyo.companies.access import (
    can_create_company,
    can_edit_company,
    can_import_companies,
    can_merge_companies,
    visible_companies,
)
from eigyo.companies.filters import COMPANY_SORTS, CompanyFilter
from eigyo.companies.forms import CompanyForm
from eigyo.companies.merging import duplicates_of
from eigyo.companies.pages import COMPANY
from eigyo.core.htmx import render_list
from eigyo.core.lists import apply_sort, filter_from_query
from eigyo.core.views import deny_unless, form_page
from eigyo.lib import jp_text
from eigyo.registry.access import visible_registry
from eigyo.registry.models import PREFECTURE_CHOICES, SECTOR_CHOICES
from eigyo.registry.resolving import candidates


@login_required
@require_http_methods(["GET"])
def company_list(request: HttpRequest) -> HttpResponse:
    filters = filter_from_query(CompanyFilter, request.GET)
    qs = filters.filter(visible_companies(request.user)).select_related("registry")
    qs = apply_sort(qs, request.GET.get("sort"), COMPANY_SORTS, "name")
    return render_list(
        request,
        "companies/company_list.html",
        "companies/_company_table.html",
        qs,
        {
            "filters": filters,
            "can_create": can_create_company(request.user),
            "can_import": can_import_companies(request.user),
            "sectors": SECTOR_CHOICES,
            "prefectures": PREFECTURE_CHOICES,
        },
    )


@login_required
@require_http_methods(["GET"])
def company_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The company and everything the apps above show about it (their panels)."""
    company = access.get_visible(
        visible_companies(request.user).select_related("registry", "partner"), pk=pk
    )
    fields = own_fields.fields_for(company)
    return render(
        request,
        "companies/company_detail.html",
        {
            "company": company,
            "own_values": own_fields.displayed(company, fields),
            "duplicates": duplicates_of(company, visible_companies(request.user)),
            "merges": company.merges.all()[:5],
            "can_edit": can_edit_company(request.user, company),
            "can_merge": can_merge_companies(request.user),
            **COMPANY.context(request, company),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def company_create(request: HttpRequest) -> HttpResponse:
    deny_unless(can_create_company(request.user))
    form = CompanyForm(request.POST or None, user=request.user)
    return form_page(
        request,
        form,
        template="companies/company_form.html",
        success_message=_("Company saved."),
        save=partial(services.save_company, by=request.user),
    )


@login_required
@require_http_methods(["GET"])
def company_suggest(request: HttpRequest) -> HttpResponse:
    """While a company is typed in: the registry entity its name resolves to (or the
    candidates when ambiguous) and the organisation's companies it may duplicate."""
    deny_unless(can_create_company(request.user))
    name = request.GET.get("legal_name", "")[:300]
    number = request.GET.get("corporate_number", "").strip()[:13]
    key = jp_text.company_name_key(name)
    status, entries = candidates(name) if key else ("none", [])
    duplicates = merging.look_alikes(
        visible_companies(request.user),
        name_key=key,
        corporate_number=number if number.isdigit() and len(number) == 13 else "",
        registry_ids=[e.pk for e in entries],
    )[:5]
    return render(
        request,
        "companies/_suggest.html",
        {"status": status, "entries": entries, "duplicates": duplicates, "name": name},
    )


@login_required
@require_http_methods(["GET", "POST"])
def company_edit(request: HttpRequest, pk: int) -> HttpResponse:
    company = access.get_visible(visible_companies(request.user), pk=pk)
    deny_unless(can_edit_company(request.user, company))
    form = CompanyForm(request.POST or None, instance=company, user=request.user)
    return form_page(
        request,
        form,
        template="companies/company_form.html",
        success_message=_("Company saved."),
        save=partial(services.save_company, by=request.user),
        context={"company": company},
    )


@login_required
@require_POST
def company_link_registry(request: HttpRequest, pk: int) -> HttpResponse:
    company = access.get_visible(visible_companies(request.user), pk=pk)
    deny_unless(can_edit_company(request.user, company))
    entry_id = request.POST.get("entry", "")
    entry = None
    if entry_id:
        entry = access.get_visible(visible_registry(request.user), pk=entry_id)
    services.link_company(company, entry, by=request.user)
    messages.success(request, _("Registry link saved.") if entry else _("Registry link removed."))
    return redirect(company.get_absolute_url())


@login_required
@require_POST
def registry_adopt(request: HttpRequest, pk: int) -> HttpResponse:
    """Make a registry company one of the organisation's companies."""
    deny_unless(can_create_company(request.user))
    entry = access.get_visible(visible_registry(request.user), pk=pk)
    company, created = services.adopt_from_registry(entry, by=request.user)
    messages.success(
        request, _("Company added.") if created else _("This company is already in your list.")
    )
    return redirect(company.get_absolute_url())


@login_required
@require_http_methods(["GET", "POST"])
def company_merge(request: HttpRequest, pk: int, other: int) -> HttpResponse:
    """Merge a duplicate into this company (admin, manager): people, portfolios,
    activities, deals and follow-ups move over; the merge is recorded."""
    visible = visible_companies(request.user)
    kept = access.get_visible(visible, pk=pk)
    merged = access.get_visible(visible, pk=other)
    deny_unless(can_merge_companies(request.user) and kept.pk != merged.pk)
    if request.method == "POST":
        services.merge_companies(kept, merged, by=request.user)
        messages.success(request, _("Merged into this company."))
        return redirect(kept.get_absolute_url())
    return render(request, "companies/merge.html", {"kept": kept, "merged": merged})
