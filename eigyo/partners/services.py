"""Partner writes: one function per operation, each taking the acting user, in one
transaction, ending with the visibility re-check."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from eigyo.accounts import access
from eigyo.accounts.models import Partner
from eigyo.core import clock
from eigyo.deals.models import Deal, Stage
from eigyo.partners.domain.periods import add_months
from eigyo.partners.models import (
    Attendance,
    DiligenceCheck,
    DiligenceItem,
    PartnerProfile,
    StageMove,
)
from eigyo.partners.models import Stage as PartnerStage

# The checklist every organisation starts with (the admin adds its own).
SEED_ITEMS = [
    (
        "competing_products",
        gettext_lazy("Competing products they carry"),
        gettext_lazy(
            "Which rival lines do they sell? A large distributor may sign us to keep our "
            "product off the market and protect its own."
        ),
    ),
    (
        "sales_capacity",
        gettext_lazy("Sales capacity"),
        gettext_lazy("How many salespeople, which territory and industries they really cover."),
    ),
    (
        "references",
        gettext_lazy("References and how we were introduced"),
        gettext_lazy(
            "A trusted intermediary, not a chance meeting; trade references are rarely given "
            "in Japan, so ask around."
        ),
    ),
    (
        "conflicts",
        gettext_lazy("Conflicts of interest and related parties"),
        gettext_lazy("Group ties (系列), related parties, customers who are also rivals."),
    ),
    (
        "financial_health",
        gettext_lazy("Financial health"),
        gettext_lazy("Credit report, accounts, payment record."),
    ),
    (
        "customer_access",
        gettext_lazy("Customer access we will get"),
        gettext_lazy("Which customers we will meet through them, and how."),
    ),
]


class DiligenceOpen(Exception):
    """Contracting a partner whose required checks are still open, without an admin's
    override and its reason."""

    def __init__(self, items):
        super().__init__("required due-diligence items are open")
        self.items = list(items)


def org_of(user):
    return access.membership(user).org


@transaction.atomic
def seed_checklist(org) -> int:
    """Give the organisation the usual checklist once (the admin extends it)."""
    if DiligenceItem.objects.filter(org=org).exists():
        return 0
    for position, (key, label, help_text) in enumerate(SEED_ITEMS):
        DiligenceItem.objects.create(
            org=org, key=key, label=str(label), help=str(help_text), position=position
        )
    return len(SEED_ITEMS)


@transaction.atomic
def save_item(form, *, by) -> DiligenceItem:
    """Add or change a checklist item (the admin's); existing partners get the new one."""
    item = form.save(commit=False)
    item.org = org_of(by)
    item.save()
    if item.active:
        for partner in Partner.objects.filter(org=item.org, profile__isnull=False):
            DiligenceCheck.objects.get_or_create(org=item.org, partner=partner, item=item)
    return access.ensure_visible(by, item)


def _open_checklist(partner: Partner) -> None:
    """A check row for every active item (so the checklist is complete)."""
    seed_checklist(partner.org)
    for item in DiligenceItem.objects.filter(org_id=partner.org_id, active=True):
        DiligenceCheck.objects.get_or_create(org_id=partner.org_id, partner=partner, item=item)


@transaction.atomic
def create_partner(form, *, by) -> Partner:
    """A new partner (a validated PartnerForm): the partner, our profile of it, its
    checklist and its first stage."""
    org = org_of(by)
    partner = Partner.objects.create(
        org=org, name=form.cleaned_data["name"], kind=form.cleaned_data["kind"]
    )
    profile = form.save(commit=False)
    profile.org, profile.partner = org, partner
    profile.stage_since = clock.today()
    profile.save()
    StageMove.objects.create(
        org=org, partner=partner, to_stage=profile.stage, on=clock.today(), by=by
    )
    _open_checklist(partner)
    access.ensure_visible(by, profile)
    return access.ensure_visible(by, partner)


@transaction.atomic
def update_partner(form, *, by) -> Partner:
    """Change a partner's name, kind and our profile of it (not its stage: `move`)."""
    profile = form.save(commit=False)
    partner = profile.partner
    partner.name, partner.kind = form.cleaned_data["name"], form.cleaned_data["kind"]
    partner.save(update_fields=["name", "kind", "updated_at"])
    profile.save()
    access.ensure_visible(by, profile)
    return partner


def profile_of(partner: Partner) -> PartnerProfile:
    """The partner's profile, or an unsaved blank one for a partner made elsewhere."""
    try:
        return partner.profile
    except PartnerProfile.DoesNotExist:
        return PartnerProfile(org_id=partner.org_id, partner=partner)


def open_required(partner: Partner) -> list[DiligenceCheck]:
    """Required checklist items not yet checked."""
    return list(
        DiligenceCheck.objects.filter(
            partner=partner,
            item__required=True,
            item__active=True,
            status=DiligenceCheck.Status.OPEN,
        ).select_related("item")
    )


CONTRACTED_OR_LATER = {PartnerStage.CONTRACTED, PartnerStage.ACTIVE, PartnerStage.REVIEW}


@transaction.atomic
def move(partner: Partner, stage: str, *, by, override_reason: str = "") -> PartnerProfile:
    """Move a partner to another lifecycle stage. Contracting it with required checks
    open takes an admin's override with a reason, which is recorded."""
    if stage not in PartnerStage.values:
        raise ValueError(f"not a stage: {stage!r}")
    profile = profile_of(partner)
    if stage == profile.stage and profile.pk:
        return profile
    if stage == PartnerStage.DILIGENCE:
        _open_checklist(partner)
    reason = ""
    if stage in CONTRACTED_OR_LATER and profile.stage not in CONTRACTED_OR_LATER:
        _open_checklist(partner)
        still_open = open_required(partner)
        if still_open:
            reason = override_reason.strip()
            from eigyo.partners.access import can_override_diligence

            if not (reason and can_override_diligence(by)):
                raise DiligenceOpen(check.item for check in still_open)
    StageMove.objects.create(
        org_id=partner.org_id,
        partner=partner,
        from_stage=profile.stage if profile.pk else "",
        to_stage=stage,
        on=clock.today(),
        by=by,
        override_reason=reason,
    )
    profile.stage, profile.stage_since = stage, clock.today()
    profile.save()
    return access.ensure_visible(by, profile)


@transaction.atomic
def save_check(form, *, by) -> DiligenceCheck:
    """Record a checklist item's finding and evidence, and who checked it."""
    check = form.save(commit=False)
    if check.status != DiligenceCheck.Status.OPEN:
        check.checked_by, check.checked_on = by, clock.today()
    else:
        check.checked_by = check.checked_on = None
    check.save()
    return access.ensure_visible(by, check)


# --- contracts ---------------------------------------------------------------------


@transaction.atomic
def save_contract(form, *, by, partner: Partner | None = None):
    """Add (for `partner`) or change a contract (a validated ContractForm)."""
    contract = form.save(commit=False)
    if partner is not None:
        contract.org_id, contract.partner = partner.org_id, partner
    contract.save()
    return access.ensure_visible(by, contract)


@transaction.atomic
def save_contract_record(form, *, by, contract=None):
    """Add or change a target, a milestone or a termination right of a contract."""
    record = form.save(commit=False)
    if contract is not None:
        record.org_id, record.contract = contract.org_id, contract
    record.save()
    return access.ensure_visible(by, record)


@transaction.atomic
def delete_contract_record(record, *, by) -> None:
    record.delete()


# --- the win a partner reports, confirmed by our side ------------------------------


class NotConfirmable(Exception):
    """Only a won deal assigned to a partner is confirmed."""


@transaction.atomic
def confirm_win(deal: Deal, *, by) -> Deal:
    """Our side confirms a partner's won deal: from now it counts toward the partner's
    targets, at the amount it has now."""
    deal = Deal.objects.select_for_update().get(pk=deal.pk)
    if deal.stage != Stage.WON or deal.partner_id is None:
        raise NotConfirmable(_("Only a won deal assigned to a partner can be confirmed."))
    if deal.win_confirmed_at is None:
        deal.win_confirmed_at, deal.win_confirmed_by = clock.now(), by
        deal.win_confirmed_amount = deal.amount
        deal.save(
            update_fields=[
                "win_confirmed_at",
                "win_confirmed_by",
                "win_confirmed_amount",
                "updated_at",
            ]
        )
    return access.ensure_visible(by, deal)


# --- training -------------------------------------------------------------------------


@transaction.atomic
def save_training_record(form, *, by, **fixed):
    """Add or change a module, a session or a trainee (a validated form); `fixed` sets
    the parent of a new one (a trainee's partner)."""
    record = form.save(commit=False)
    if record.pk is None:
        record.org = org_of(by)
    for name, value in fixed.items():
        setattr(record, name, value)
    record.save()
    return access.ensure_visible(by, record)


@transaction.atomic
def save_attendance(form, *, by, session=None) -> Attendance:
    """Record a trainee at a session; a certification runs for the module's months."""
    attendance = form.save(commit=False)
    if session is not None:
        attendance.org_id, attendance.session = session.org_id, session
    months = attendance.session.module.certification_months
    if attendance.certified_on and months:
        attendance.certified_until = add_months(attendance.certified_on, months)
    elif not attendance.certified_on:
        attendance.certified_until = None
    attendance.save()
    return access.ensure_visible(by, attendance)
