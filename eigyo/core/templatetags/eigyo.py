"""Template filters for Japanese display: dates with weekday and era, yen."""

import datetime as dt

from django import template
from django.utils import timezone, translation

from eigyo.lib.jp_calendar import to_wareki
from eigyo.lib.phones import format_phone

register = template.Library()

_WEEKDAYS_JA = "月火水木金土日"


def _as_date(value):
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


@register.filter
def jdate(value) -> str:
    """2026年11月23日(月) in Japanese, Mon 23 Nov 2026 in English."""
    d = _as_date(value)
    if not d:
        return ""
    if translation.get_language() == "ja":
        return f"{d.year}年{d.month}月{d.day}日({_WEEKDAYS_JA[d.weekday()]})"
    return d.strftime("%a %-d %b %Y")


@register.filter
def jdatetime(value) -> str:
    if not value:
        return ""
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    return f"{jdate(local)} {local:%H:%M}"


@register.filter
def wareki(value) -> str:
    """The Japanese era date, e.g. 令和8年11月23日."""
    d = _as_date(value)
    return to_wareki(d) if d else ""


@register.filter
def yen(value) -> str:
    """Integer yen with thousands separators: ¥1,200,000."""
    if value in (None, ""):
        return ""
    return f"¥{int(value):,}"


@register.filter
def yen_short(value) -> str:
    """Yen the Japanese way where space is short: 3,010万円, 1.2億円 (English: ¥30.1M)."""
    if value in (None, ""):
        return ""
    n = int(value)
    if translation.get_language() != "ja":
        for size, unit in ((10**9, "B"), (10**6, "M"), (10**3, "k")):
            if abs(n) >= size:
                return f"¥{n / size:,.1f}".rstrip("0").rstrip(".") + unit
        return f"¥{n:,}"
    if abs(n) >= 10**8:
        return f"{n / 10**8:,.2f}".rstrip("0").rstrip(".") + "億円"
    if abs(n) >= 10**5:
        return f"{round(n / 10**4):,}万円"
    if abs(n) >= 10**4:
        return f"{n / 10**4:.1f}".rstrip("0").rstrip(".") + "万円"
    return f"{n:,}円"


@register.simple_tag(takes_context=True)
def sort_link(context, key: str) -> str:
    """The query string that sorts by key, flipping direction when already sorted by it."""
    request = context["request"]
    params = request.GET.copy()
    current = params.get("sort", "")
    params["sort"] = f"-{key}" if current == key else key
    params.pop("page", None)
    return "?" + params.urlencode()


@register.filter
def phone(value: str) -> str:
    """+81312345678 → 03-1234-5678 (numbers are stored in E.164)."""
    if not value:
        return ""
    try:
        return format_phone(value)
    except ValueError:
        return value


@register.filter
def get(mapping, key):
    """Dictionary lookup in templates: {{ labels|get:key }}."""
    try:
        return mapping.get(key, "")
    except AttributeError:
        return ""


@register.filter
def percent(value) -> str:
    return "—" if value is None else f"{round(value * 100)}%"
