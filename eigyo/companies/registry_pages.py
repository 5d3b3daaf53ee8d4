"""What the organisation adds to the registry's pages: its companies linked to
an entry, "add to our companies", and the link action while linking one."""

from __future__ import annotations

from django.db.models import Count

from eigyo.companies.access import can_create_company, visible_companies
from eigyo.core.contributions import Contribution


def contribute(request, entry) -> list[Contribution]:
    if entry is None:
        link_to = request.GET.get("link_to", "")
        if not link_to.isdigit():
            return []
        return [
            Contribution(
                "row",
                "companies/_registry_link.html",
                {"link_to": link_to, "keep": {"link_to": link_to}},
            )
        ]
    ours = (
        visible_companies(request.user)
        .filter(registry=entry)
        .annotate(n_rel=Count("relationships"))
    )
    found = [Contribution("panel", "companies/_registry_ours.html", {"ours": ours})]
    if can_create_company(request.user):
        found.insert(0, Contribution("actions", "companies/_registry_adopt.html"))
    return found
