from django import template

register = template.Library()


@register.filter
def by_month(values, months):
    """(month, value) pairs, so each monthly figure can carry its month's label."""
    return list(zip(months, values, strict=False))
