"""Why a company fits or resembles another, in the user's words."""

from django.utils.translation import gettext_lazy

REASONS = {
    "same_sector": gettext_lazy("same industry"),
    "same_size": gettext_lazy("same size"),
    "neighbouring_size": gettext_lazy("neighbouring size"),
    "same_segment": gettext_lazy("same market segment"),
    "same_prefecture": gettext_lazy("same prefecture"),
    "same_region": gettext_lazy("same region"),
    "avatar_fit": gettext_lazy("fits the avatar"),
    "sector": gettext_lazy("industry"),
    "size": gettext_lazy("size"),
    "size_near": gettext_lazy("size (near)"),
    "segment": gettext_lazy("market segment"),
    "prefecture": gettext_lazy("prefecture"),
}


def reason_texts(reasons: list[tuple[str, str]]) -> list[str]:
    """Avatar reasons as words: a criterion over an own field is named by its label."""
    return [value if code == "custom" else str(REASONS[code]) for code, value in reasons]
