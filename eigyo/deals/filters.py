"""One filter definition for the deal list, the board and the deals API."""

from django.db.models import Q
from ninja import FilterSchema

from eigyo.core.lists import Id
from eigyo.lib import jp_text

DEAL_SORTS = {
    "title": "title",
    "company": "company__name_key",
    "amount": "amount",
    "close": "expected_close",
    "stage": "stage",
    "updated": "updated_at",
}


class DealFilter(FilterSchema):
    q: str | None = None
    stage: str | None = None
    owner: Id | None = None
    company: Id | None = None
    open: bool | None = None

    def filter_q(self, value):
        if not value or not value.strip():
            return Q()
        text = jp_text.normalize_text(value)
        key = jp_text.company_name_key(value)
        cond = Q(title__icontains=text)
        if key:
            cond |= Q(company__name_key__contains=key)
        return cond

    def filter_owner(self, value):
        return Q() if value is None else Q(owner_id=value)

    def filter_company(self, value):
        return Q() if value is None else Q(company_id=value)

    def filter_open(self, value):
        if value is None:
            return Q()
        closed = Q(stage__in=["won", "lost"])
        return ~closed if value else closed
