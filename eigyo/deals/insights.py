"""Objections and discount requests summarised across deals."""

from collections import Counter

from django.db.models import Count

from eigyo.deals.models import DiscountRequest, Objection
from eigyo.lib import jp_text


def recurring_objections(deals, limit: int = 20) -> list[dict]:
    """Objections grouped by their normalised wording, most frequent first."""
    rows = Objection.objects.filter(deal__in=deals.values("pk")).values_list(
        "objection", "status", "deal_id"
    )
    groups: dict[str, dict] = {}
    for text, status, deal_id in rows:
        key = jp_text.normalize_text(text).casefold()
        g = groups.setdefault(
            key,
            {
                "objection": jp_text.normalize_text(text),
                "count": 0,
                "deals": set(),
                "statuses": Counter(),
            },
        )
        g["count"] += 1
        g["deals"].add(deal_id)
        g["statuses"][status] += 1
    out = sorted(groups.values(), key=lambda g: (-g["count"], g["objection"]))[:limit]
    for g in out:
        g["deals"] = len(g["deals"])
        g["open"] = g["statuses"].get("open", 0)
    return out


def discount_summary(deals) -> dict:
    """How often value replaced a discount, among decided requests."""
    counts = dict(
        DiscountRequest.objects.filter(deal__in=deals.values("pk"))
        .values_list("outcome")
        .annotate(n=Count("id"))
        .values_list("outcome", "n")
    )
    decided = sum(n for outcome, n in counts.items() if outcome != "pending")
    value = counts.get("value_accepted", 0)
    return {
        "counts": counts,
        "decided": decided,
        "value_accepted": value,
        "value_rate": (value / decided) if decided else None,
        "discount_given": counts.get("discount_given", 0),
    }
