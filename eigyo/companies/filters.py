"""One filter definition for the company list page and the company API."""

from django.db.models import Q
from ninja import FilterSchema

from eigyo.core.lists import Id
from eigyo.lib import jp_text
from eigyo.registry.filters import name_search

COMPANY_SORTS = {
    "name": "name_key",
    "kana": "kana_key",
    "sector": "sector33",
    "prefecture": "prefecture",
    "updated": "updated_at",
}


class CompanyFilter(FilterSchema):
    q: str | None = None
    sector33: str | None = None
    prefecture: str | None = None
    size_class: str | None = None
    market_segment: str | None = None
    partner: Id | None = None
    in_registry: bool | None = None

    def filter_q(self, value):
        return name_search(value)

    def filter_in_registry(self, value):
        return Q() if value is None else Q(registry__isnull=not value)

    def filter_partner(self, value):
        return Q() if value is None else Q(partner_id=value)


def typeahead(q: str) -> list[tuple[str, str]]:
    """The header search: (column, prefix) pairs for the start of a company's name,
    reading, romaji or English name — each column has an index, so each pair is one
    index range (the list's filter above also finds a word inside a name: a scan)."""
    pairs = []
    for variant in jp_text.search_variants(q):
        key = jp_text.company_name_key(variant)
        pairs += [
            (column, key) for column in ("name_key", "kana_key", "romaji", "name_en_key") if key
        ]
    return pairs
