"""Portfolio writes: every tier move is recorded with its date and reason."""

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from eigyo.accounts import access
from eigyo.core import clock, writes
from eigyo.portfolio.access import can_edit_relationship
from eigyo.portfolio.models import Relationship, TierChange
from eigyo.worktime import services as worktime


@transaction.atomic
def add_to_portfolio(
    *, org, company, owner, tier: str, on: dt.date, reason: str = "", by=None
) -> Relationship:
    rel = Relationship.objects.create(
        org=org, company=company, owner=owner, tier=tier, tier_since=on
    )
    TierChange.objects.create(
        org=org,
        relationship=rel,
        from_tier="",
        to_tier=tier,
        changed_on=on,
        reason=reason,
        changed_by=by,
    )
    return rel


@transaction.atomic
def change_tier(rel: Relationship, *, tier: str, on: dt.date, reason: str, by) -> Relationship:
    """Move a relationship to another tier (no-op when it is already there)."""
    if tier == rel.tier:
        return rel
    TierChange.objects.create(
        org_id=rel.org_id,
        relationship=rel,
        from_tier=rel.tier,
        to_tier=tier,
        changed_on=on,
        reason=reason,
        changed_by=by,
    )
    rel.tier = tier
    rel.tier_since = on
    rel.save(update_fields=["tier", "tier_since", "updated_at"])
    return rel


@transaction.atomic
def create_relationship(
    *, by, company, owner, tier: str, reason: str = "", cadence_days=None, notes: str = ""
) -> Relationship:
    """Put a company into a rep's portfolio (today, in `tier`), with its own cadence."""
    rel = add_to_portfolio(
        org=access.membership(by).org,
        company=company,
        owner=owner,
        tier=tier,
        on=clock.today(),
        reason=reason,
        by=by,
    )
    if cadence_days or notes:
        rel.cadence_days, rel.notes = cadence_days, notes
        rel.save(update_fields=["cadence_days", "notes", "updated_at"])
    return access.ensure_visible(by, rel)


@transaction.atomic
def update_relationship(
    rel: Relationship, *, by, tier: str, reason: str = "", cadence_days=None, notes: str = ""
) -> Relationship:
    """Move a relationship to a tier (recorded, dated today) and set its cadence and notes."""
    # A bound ModelForm has already written the new tier onto `rel`: move from the stored one.
    rel.tier = Relationship.objects.values_list("tier", flat=True).get(pk=rel.pk)
    change_tier(rel, tier=tier, on=clock.today(), reason=reason, by=by)
    rel.cadence_days, rel.notes = cadence_days, notes
    rel.save(update_fields=["cadence_days", "notes", "updated_at"])
    return access.ensure_visible(by, rel)


@transaction.atomic
def delete_relationship(rel: Relationship, *, by) -> None:
    rel.delete()


@transaction.atomic
def save_settings(*, by, settings, calendar=None):
    """Store the organisation's cadence settings (and its closure options, which the
    same page edits) together."""
    settings.save()
    if calendar is not None:
        worktime.save_closure_options(by=by, options=calendar)
    return settings


def follow_company_merge(kept, merged) -> dict[str, int]:
    """A merge hook. A rep may have both companies in their portfolio: keep one
    relationship, and point everything of the other (tier history, deals) at it."""
    moved = 0
    for rel in Relationship.objects.filter(company=merged):
        twin = Relationship.objects.filter(company=kept, owner=rel.owner_id).first()
        if twin is None:
            rel.company = kept
            rel.save(update_fields=["company", "updated_at"])
        else:
            for reverse in Relationship._meta.related_objects:
                if reverse.one_to_many:
                    writes.update(
                        reverse.related_model.objects.filter(**{reverse.field.name: rel}),
                        **{reverse.field.name: twin},
                    )
            rel.delete()
        moved += 1
    return {"relationship": moved}


class BulkRefused(ValueError):
    """The whole bulk change is refused (nothing changed); the message is for the user."""


@transaction.atomic
def bulk_change(rels, *, by, tier: str = "", owner=None, reason: str = "") -> int:
    """Move several relationships to `tier` (dated today, each move recorded) and/or
    hand them to `owner` — all of them, or none when one cannot be changed."""
    rels = list(rels)
    if not rels or not (tier or owner):
        raise BulkRefused(_("Choose relationships and what to change."))
    if any(not can_edit_relationship(by, r) for r in rels):
        raise BulkRefused(_("Some of these relationships are not yours to change."))
    if owner is not None:
        clash = Relationship.objects.filter(
            company__in=[r.company_id for r in rels], owner=owner
        ).exclude(pk__in=[r.pk for r in rels])
        if clash.exists():
            raise BulkRefused(
                _("%(name)s already has some of these companies: nothing was changed.")
                % {"name": owner.display_name}
            )
    for rel in rels:
        if tier:
            change_tier(rel, tier=tier, on=clock.today(), reason=reason, by=by)
        if owner is not None and rel.owner_id != owner.pk:
            rel.owner = owner
            rel.save(update_fields=["owner", "updated_at"])
    return len(rels)
