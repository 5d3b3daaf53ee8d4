"""The readiness gaps in the user's language."""

from django.utils.translation import get_language

from eigyo.deals.domain.readiness import describe_gap


def gap_sentences(gaps) -> list[str]:
    language = "ja" if (get_language() or "ja").startswith("ja") else "en"
    return [describe_gap(g, language) for g in gaps]
