"""Global search: companies, people, deals and registry entities for what a user types,
grouped, within what the user may see. Each group uses its list's own filter (one
definition of "matches"), so the header finds exactly what the lists would."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet

from eigyo.companies.access import visible_companies
from eigyo.companies.filters import CompanyFilter
from eigyo.contacts.access import visible_people
from eigyo.contacts.filters import PersonFilter
from eigyo.deals.access import sees_deals, visible_deals
from eigyo.deals.filters import DealFilter
from eigyo.registry.access import visible_registry
from eigyo.registry.filters import RegistryFilter

PER_GROUP = 5
MAX_QUERY = 100


@dataclass
class Group:
    """One kind of result: up to PER_GROUP objects, and whether there are more."""

    kind: str  # companies | people | deals | registry
    items: list
    more: bool


def _first(qs: QuerySet, limit: int) -> tuple[list, bool]:
    found = list(qs[: limit + 1])
    return found[:limit], len(found) > limit


def search(user, q: str, limit: int = PER_GROUP) -> list[Group]:
    """The groups that have results, in a fixed order (empty for a blank query)."""
    q = (q or "").strip()[:MAX_QUERY]
    if not q:
        return []
    queries = {
        "companies": CompanyFilter(q=q).filter(visible_companies(user)).order_by("name_key", "pk"),
        "people": PersonFilter(q=q)
        .filter(visible_people(user))
        .select_related("company")
        .order_by("family_kana", "given_kana", "pk"),
        "deals": DealFilter(q=q).filter(visible_deals(user)).select_related("company")
        if sees_deals(user)
        else None,
        "registry": RegistryFilter(q=q).filter(visible_registry(user)).order_by("name_key", "pk"),
    }
    groups = []
    for kind, qs in queries.items():
        if qs is None:
            continue
        items, more = _first(qs, limit)
        if items:
            groups.append(Group(kind, items, more))
    return groups
