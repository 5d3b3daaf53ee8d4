"""One filter definition for the activity list page and the activities API."""

import datetime as dt

from django.db.models import Q
from ninja import FilterSchema

from eigyo.core.lists import Id

ACTIVITY_SORTS = {"when": "occurred_at", "company": "company__name_key", "kind": "kind"}


class ActivityFilter(FilterSchema):
    company: Id | None = None
    person: Id | None = None
    owner: Id | None = None
    kind: str | None = None
    business_discussed: bool | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None

    def filter_company(self, value):
        return Q() if value is None else Q(company_id=value)

    def filter_person(self, value):
        return Q() if value is None else Q(people=value)

    def filter_owner(self, value):
        return Q() if value is None else Q(owner_id=value)

    def filter_date_from(self, value):
        return Q() if value is None else Q(occurred_at__date__gte=value)

    def filter_date_to(self, value):
        return Q() if value is None else Q(occurred_at__date__lte=value)
