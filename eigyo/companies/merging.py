"""Duplicates inside an organisation, and merging two companies into one."""

from __future__ import annotations

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


@transaction.atomic
def merge(kept: Company, merged: Company, *, by) -> CompanyMerge:
    """Move everything of `merged` onto `kept` and delete it, recording the merge."""
    from eigyo.activities.models import Activity
    from eigyo.contacts.models import Person
    from eigyo.deals.models import Deal
    from eigyo.followups.models import Conflict, Instruction, SeniorVisit
    from eigyo.portfolio.models import Relationship, TierChange

    if kept.pk == merged.pk or kept.org_id != merged.org_id:
        raise ValueError("merge two different companies of one organisation")
    moved = {}
    for model in (Person, Activity, Deal, Instruction, Conflict, SeniorVisit):
        moved[model._meta.model_name] = model.objects.filter(company=merged).update(company=kept)
    # A rep may have both in their portfolio: keep one relationship, with both histories.
    rels = 0
    for rel in Relationship.objects.filter(company=merged):
        twin = Relationship.objects.filter(company=kept, owner=rel.owner_id).first()
        if twin is None:
            rel.company = kept
            rel.save(update_fields=["company", "updated_at"])
        else:
            TierChange.objects.filter(relationship=rel).update(relationship=twin)
            Deal.objects.filter(relationship=rel).update(relationship=twin)
            rel.delete()
        rels += 1
    moved["relationship"] = rels
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
