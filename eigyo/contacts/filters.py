"""One filter definition for the people list page and the people API."""

from django.db.models import Q
from ninja import FilterSchema

from eigyo.core.lists import Id
from eigyo.lib import jp_text

PERSON_SORTS = {
    "name": "family_kana",
    "company": "company__name_key",
    "seniority": "seniority",
    "updated": "updated_at",
}


class PersonFilter(FilterSchema):
    q: str | None = None
    company: Id | None = None
    seniority: int | None = None

    def filter_q(self, value):
        """Kanji, kana (either script) or romaji: "tanaka" finds 田中 when the reading is known."""
        if not value or not value.strip():
            return Q()
        cond = Q()
        for variant in jp_text.search_variants(value):
            for word in jp_text.normalize_text(variant).casefold().split():
                cond |= Q(search_text__contains=word)
        return cond

    def filter_company(self, value):
        return Q() if value is None else Q(company_id=value)


def typeahead(q: str) -> list[tuple[str, str]]:
    """The header search: (column, prefix) pairs for the start of a person's whole name
    (family first), its reading or romaji, or the given name alone — each indexed."""
    pairs = []
    for variant in jp_text.search_variants(q):
        key = "".join(jp_text.normalize_text(variant).casefold().split())
        if key:
            pairs += [
                ("name_key", key),
                ("kana_key", jp_text.to_hiragana(key)),
                ("romaji_key", key),
                ("given_name", key),
                ("given_kana", jp_text.to_katakana(key)),
            ]
    return pairs
