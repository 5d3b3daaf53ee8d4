"""Template filters of the deal board: the stage before and after."""

from django import template

from eigyo.deals.models import OPEN_STAGES

register = template.Library()


@register.filter
def next_stage(value: str) -> str:
    """The value-selling stage after `value` (ask for the order → won)."""
    i = OPEN_STAGES.index(value) if value in OPEN_STAGES else -1
    return OPEN_STAGES[i + 1] if 0 <= i < len(OPEN_STAGES) - 1 else "won"


@register.filter
def prev_stage(value: str) -> str:
    i = OPEN_STAGES.index(value) if value in OPEN_STAGES else 0
    return OPEN_STAGES[max(i - 1, 0)]
