"""Duplicates inside an organisation, and merging two companies into one."""

from __future__ import annotations

from collections.abc import Callable

from django.db import transaction
from django.db.models import Q

from eigyo.companies.models import Company, CompanyMerge

# Fields copied from the merged company when the kept one has none.
FILL = [
    "short_name",
    "name_en",
    "kana",
    "corporate_number",
    "sector33",
    "size_class",
    "market_segment",
    "prefecture",
    "address",
    "postal_code",
    "phone",
    "website",
    "registry_id",
    "partner_id",
]


def look_alikes(queryset, *, name_key: str = "", corporate_number: str = "", registry_ids=()):
    """The companies of `queryset` that look like the same one: same normalised
    name, same corporate number or same registry entity (none when nothing is given)."""
    cond = Q(pk__in=[])
    if name_key:
        cond |= Q(name_key=name_key)
    if corporate_number:
        cond |= Q(corporate_number=corporate_number)
    if registry_ids:
        cond |= Q(registry_id__in=list(registry_ids))
    return queryset.filter(cond)


def duplicates_of(company: Company, queryset=None):
    """The organisation's other companies that look like this one."""
    qs = queryset if queryset is not None else Company.objects.filter(org=company.org_id)
    registry_ids = [company.registry_id] if company.registry_id else []
    return look_alikes(
        qs,
        name_key=company.name_key,
        corporate_number=company.corporate_number,
        registry_ids=registry_ids,
    ).exclude(pk=company.pk)


# What each app above moves from the merged company to the kept one: a hook takes
# (kept, merged) and answers {model name: rows moved}. Registered in AppConfig.ready.
MergeHook = Callable[[Company, Company], dict[str, int]]
_hooks: list[MergeHook] = []


def on_merge(hook: MergeHook) -> MergeHook:
    if hook not in _hooks:
        _hooks.append(hook)
    return hook


@transaction.atomic
def merge(kept: Company, merged: Company, *, by) -> CompanyMerge:
    """Move everything of `merged` onto `kept` and delete it, recording the merge."""
    if kept.pk == merged.pk or kept.org_id != merged.org_id:
        raise ValueError("merge two different companies of one organisation")
    moved: dict[str, int] = {}
    for hook in _hooks:
        moved.update(hook(kept, merged))
    name, number = merged.legal_name, merged.corporate_number
    for field in FILL:
        if not getattr(kept, field) and getattr(merged, field):
            setattr(kept, field, getattr(merged, field))
    if kept.notes or merged.notes:
        kept.notes = "\n\n".join(n for n in (kept.notes, merged.notes) if n)
    merged.delete()  # before saving kept: the corporate number must be free
    kept.save()
    return CompanyMerge.objects.create(
        org_id=kept.org_id,
        kept=kept,
        merged_name=name,
        merged_corporate_number=number,
        moved=moved,
        merged_by=by,
    )
