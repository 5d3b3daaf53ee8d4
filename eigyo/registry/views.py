"""Registry pages: search the public company master and look at one entry.

The registry knows nothing of organisations. What an organisation adds to these
pages (its own companies linked to an entry, "add to our companies", the link
action while linking one of them) comes from the apps above, which register a
contributor in their AppConfig.ready().
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from eigyo.accounts import access
from eigyo.core.contributions import Contribution, Page
from eigyo.core.htmx import render_list
from eigyo.core.lists import filter_from_query
from eigyo.registry.access import visible_registry
from eigyo.registry.filters import RegistryFilter
from eigyo.registry.models import SECTOR_CHOICES, RegistryEntry

# Apps above fill the registry's pages (companies adds "our companies" and "adopt").
PAGE = Page("registry")
contribute = PAGE.contribute


def contributions(request: HttpRequest, entry: RegistryEntry | None) -> list[Contribution]:
    return PAGE.collect(request, entry)


@login_required
@require_http_methods(["GET"])
def registry_list(request: HttpRequest) -> HttpResponse:
    filters = filter_from_query(RegistryFilter, request.GET)
    qs = filters.filter(visible_registry(request.user)).order_by("name_key")
    extra = contributions(request, None)
    context = {
        "filters": filters,
        "sectors": SECTOR_CHOICES,
        "row_extras": [c for c in extra if c.slot == "row"],
        "hidden": {k: v for c in extra for k, v in c.context.get("keep", {}).items()},
    }
    return render_list(
        request, "registry/registry_list.html", "registry/_registry_table.html", qs, context
    )


@login_required
@require_http_methods(["GET"])
def registry_detail(request: HttpRequest, pk: int) -> HttpResponse:
    entry = access.get_visible(visible_registry(request.user), pk=pk)
    extra = contributions(request, entry)
    return render(
        request,
        "registry/registry_detail.html",
        {
            "entry": entry,
            "actions": [c for c in extra if c.slot == "actions"],
            "panels": [c for c in extra if c.slot == "panel"],
        },
    )
