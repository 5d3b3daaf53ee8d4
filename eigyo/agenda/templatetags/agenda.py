from django import template

register = template.Library()


@register.filter
def by_month(values, months):
    """(month label, value) pairs, so each monthly figure carries its month's label."""
    return list(zip(months, values, strict=False))
