"""One filter definition for the portfolio list page and the relationships API."""

from django.db.models import Q
from ninja import FilterSchema

from eigyo.core.lists import Id
from eigyo.registry.filters import name_search

RELATIONSHIP_SORTS = {
    "company": "company__name_key",
    "tier": "tier",
    "owner": "owner__email",
    "since": "tier_since",
    "updated": "updated_at",
}


class RelationshipFilter(FilterSchema):
    q: str | None = None
    owner: Id | None = None
    tier: str | None = None
    company: Id | None = None

    def filter_q(self, value):
        return name_search(value, path="company__")

    def filter_owner(self, value):
        return Q() if value is None else Q(owner_id=value)

    def filter_company(self, value):
        return Q() if value is None else Q(company_id=value)
