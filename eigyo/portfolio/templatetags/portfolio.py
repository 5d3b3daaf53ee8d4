"""Template filters of the portfolio: a tier's label."""

from django import template

from eigyo.portfolio.models import Tier

register = template.Library()


@register.filter
def tier_label(value: str) -> str:
    """A (S), B, … as the user's language names it; an unknown value as it is."""
    try:
        return Tier(value).label
    except ValueError:
        return value
