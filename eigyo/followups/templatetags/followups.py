"""Template filters of the follow-up lists."""

from django import template

register = template.Library()


@register.filter
def next_milestone(instruction):
    """The earliest open milestone (from the prefetched list)."""
    open_ones = [m for m in instruction.milestones.all() if not m.done_on]
    return min(open_ones, key=lambda m: (m.due_on, m.pk)) if open_ones else None
