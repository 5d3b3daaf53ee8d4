"""Type-ahead pickers for the capture forms: a company among the user's own portfolio
first, then the organisation's by the start of a name, reading or romaji."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from eigyo.companies.access import visible_companies
from eigyo.companies.filters import typeahead
from eigyo.core.lists import first_by_prefix
from eigyo.portfolio.access import visible_relationships

SHOWN = 8


def company_choices(user, q: str) -> list:
    """Up to SHOWN companies: those in the user's own portfolio first (all of them for
    an empty query, best tiers first), then the rest of what matches."""
    q = (q or "").strip()[:100]
    visible = visible_companies(user)
    own = visible.filter(
        pk__in=visible_relationships(user)
        .filter(owner=user)
        .exclude(tier="dropped")
        .values("company")
    )
    if not q:
        return list(own.order_by("name_key")[:SHOWN])
    pairs = typeahead(q)
    mine, _more = first_by_prefix(own, pairs, SHOWN, "name_key")
    others, _more = first_by_prefix(
        visible.exclude(pk__in=[c.pk for c in mine]), pairs, SHOWN, "name_key"
    )
    return (mine + others)[:SHOWN]


@login_required
@require_http_methods(["GET"])
def pick_company(request: HttpRequest) -> HttpResponse:
    """htmx partial: the choices for what is typed in a company picker."""
    q = request.GET.get("company_search", request.GET.get("q", ""))
    return render(
        request,
        "agenda/_pick_company.html",
        {"choices": company_choices(request.user, q), "q": q.strip()},
    )
