"""Global search: companies, people, deals and registry entities for what a user types,
grouped, within what the user may see. Companies, people and registry entities are
found by the start of a name, reading or romaji (index-served: the header asks on
every keystroke); deals by a word of their title or company, as on the deal list."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet

from eigyo.companies.access import visible_companies
from eigyo.companies.filters import typeahead as companies_typeahead
from eigyo.contacts.access import visible_people
from eigyo.contacts.filters import typeahead as people_typeahead
from eigyo.core.lists import first_by_prefix
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
    found = {
        # by prefix, one index range per column
        "companies": first_by_prefix(
            visible_companies(user), companies_typeahead(q), limit, "name_key"
        ),
        "people": first_by_prefix(
            visible_people(user).select_related("company"), people_typeahead(q), limit, "kana_key"
        ),
        "deals": _first(
            DealFilter(q=q).filter(visible_deals(user)).select_related("company"), limit
        )
        if sees_deals(user)
        else ([], False),
        "registry": _first(
            RegistryFilter(q=q).filter(visible_registry(user)).order_by("name_key"), limit
        ),
    }
    return [Group(kind, items, more) for kind, (items, more) in found.items() if items]
