"""One filter for the partner list, the API list (and an export of it)."""

from django.db.models import Q
from ninja import FilterSchema

from eigyo.core.lists import Id
from eigyo.lib import jp_text

PARTNER_SORTS = {
    "name": "name",
    "stage": "profile__stage",
    "kind": "kind",
    "updated": "updated_at",
}


class PartnerFilter(FilterSchema):
    q: str | None = None
    stage: str | None = None
    kind: str | None = None
    manager: Id | None = None
    prefecture: str | None = None

    def filter_q(self, value):
        if not value or not value.strip():
            return Q()
        return Q(name__icontains=jp_text.normalize_text(value))

    def filter_stage(self, value):
        return Q(profile__stage=value) if value else Q()

    def filter_kind(self, value):
        return Q(kind=value) if value else Q()

    def filter_manager(self, value):
        return Q() if value is None else Q(profile__manager_id=value)

    def filter_prefecture(self, value):
        # JSON lists: contains works on PostgreSQL and SQLite alike through icontains
        # of the quoted code (codes are two digits, quoted, so "1" never matches "13").
        return Q(profile__territory__icontains=f'"{value}"') if value else Q()
