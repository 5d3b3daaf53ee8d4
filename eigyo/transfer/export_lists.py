"""The lists that can be exported, one declaration each. Adding a list (the partners'
list, say) is one more `register(ListExport(...))` here: its access rule, its
FilterSchema and sorts (the ones its page uses), its columns."""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from ninja import FilterSchema

from eigyo.accounts import access
from eigyo.accounts.models import Partner
from eigyo.activities.access import visible_activities
from eigyo.activities.filters import ACTIVITY_SORTS, ActivityFilter
from eigyo.activities.models import Activity
from eigyo.companies.access import visible_companies
from eigyo.companies.filters import COMPANY_SORTS, CompanyFilter
from eigyo.companies.models import Company
from eigyo.contacts.access import visible_people
from eigyo.contacts.filters import PERSON_SORTS, PersonFilter
from eigyo.contacts.models import Person
from eigyo.deals.access import visible_deals
from eigyo.deals.filters import DEAL_SORTS, DealFilter
from eigyo.deals.models import Deal
from eigyo.followups.access import uses_followups, visible_instructions
from eigyo.followups.models import Instruction
from eigyo.lib.names import display_name
from eigyo.partners.access import sees_partner_internals
from eigyo.partners.filters import PARTNER_SORTS, PartnerFilter
from eigyo.portfolio.access import visible_relationships
from eigyo.portfolio.filters import RELATIONSHIP_SORTS, RelationshipFilter
from eigyo.portfolio.models import Relationship
from eigyo.prospecting.access import visible_leads, works_leads
from eigyo.prospecting.models import Lead
from eigyo.transfer.exporting import Column, ListExport, ManyColumn, register, user_column


def field(model, path: str, kind: str = "text", header=None) -> Column:
    """A column showing one model field, headed by its (translated) verbose name."""
    if header is None:
        model_field = model
        for link in path.split("__"):
            model_field = model_field._meta.get_field(link)
            model = model_field.related_model or model
        header = model_field.verbose_name
    return Column(header, (path,), kind=kind)


def person_name(family, given) -> str:
    return display_name(family, given)


def company_name(legal, short) -> str:
    return short or legal or ""


def company_column(path: str = "company") -> Column:
    return Column(_("company"), (f"{path}__legal_name", f"{path}__short_name"), make=company_name)


class InstructionFilter(FilterSchema):
    """The instruction page's status tabs (its only filter)."""

    # The page opens on the open ones; "all" (or any other value) shows every status.
    status: str | None = "open"

    def filter_status(self, value):
        return Q(status=value) if value in Instruction.Status.values else Q()


class LeadFilter(FilterSchema):
    """The lead page's status tabs (its only filter)."""

    status: str | None = None

    def filter_status(self, value):
        return Q(status=value) if value in Lead.Status.values else Q()


register(
    ListExport(
        key="companies",
        title=_("companies"),
        model=Company,
        visible=visible_companies,
        filter=CompanyFilter,
        sorts=COMPANY_SORTS,
        default_sort="name",
        columns=[
            field(Company, "id", "int", header=_("ID")),
            field(Company, "legal_name"),
            field(Company, "short_name"),
            field(Company, "kana"),
            field(Company, "name_en"),
            field(Company, "corporate_number"),
            field(Company, "sector33"),
            field(Company, "size_class"),
            field(Company, "market_segment"),
            field(Company, "prefecture"),
            field(Company, "postal_code"),
            field(Company, "address"),
            field(Company, "phone"),
            field(Company, "website"),
            field(Company, "prestigious", "bool"),
            field(Company, "partner__name", header=_("assigned partner")),
            field(Company, "notes"),
            field(Company, "updated_at", "datetime", header=_("updated")),
        ],
    )
)

register(
    ListExport(
        key="people",
        title=_("people"),
        model=Person,
        # cessation of use (APPI 利用停止): kept, but never exported
        visible=lambda user: visible_people(user).in_use(),
        filter=PersonFilter,
        sorts=PERSON_SORTS,
        default_sort="name",
        personal=True,
        columns=[
            field(Person, "id", "int", header=_("ID")),
            field(Person, "family_name"),
            field(Person, "given_name"),
            field(Person, "family_kana"),
            field(Person, "given_kana"),
            field(Person, "family_romaji"),
            field(Person, "given_romaji"),
            company_column(),
            field(Person, "department"),
            field(Person, "title"),
            field(Person, "seniority"),
            field(Person, "email"),
            field(Person, "phone"),
            field(Person, "mobile"),
            Column(
                _("reports to"),
                ("reports_to__family_name", "reports_to__given_name"),
                make=person_name,
            ),
            field(Person, "notes"),
            field(Person, "updated_at", "datetime", header=_("updated")),
        ],
    )
)

register(
    ListExport(
        key="portfolio",
        title=_("portfolio"),
        model=Relationship,
        visible=visible_relationships,
        filter=RelationshipFilter,
        sorts=RELATIONSHIP_SORTS,
        default_sort="company",
        columns=[
            field(Relationship, "id", "int", header=_("ID")),
            company_column(),
            user_column(_("owner"), "owner"),
            field(Relationship, "tier"),
            field(Relationship, "tier_since", "date"),
            field(Relationship, "cadence_days", "int"),
            field(Relationship, "notes"),
            field(Relationship, "updated_at", "datetime", header=_("updated")),
        ],
    )
)

register(
    ListExport(
        key="activities",
        title=_("activities"),
        model=Activity,
        visible=visible_activities,
        filter=ActivityFilter,
        sorts=ACTIVITY_SORTS,
        default_sort="-when",
        personal=True,  # whom we met is personal data
        columns=[
            field(Activity, "id", "int", header=_("ID")),
            field(Activity, "occurred_at", "datetime"),
            field(Activity, "kind"),
            company_column(),
            ManyColumn(
                _("people met"),
                "people",
                ("family_name", "given_name"),
                make=person_name,
                where={"use_ceased": False},  # cessation of use: not named in exports
            ),
            user_column(_("logged by"), "owner"),
            field(Activity, "business_discussed", "bool"),
            field(Activity, "outcome"),
            field(Activity, "next_step"),
            field(Activity, "next_step_on", "date"),
            field(Activity, "notes"),
        ],
    )
)

register(
    ListExport(
        key="deals",
        title=_("deals"),
        model=Deal,
        visible=visible_deals,
        filter=DealFilter,
        sorts=DEAL_SORTS,
        default_sort="close",
        columns=[
            field(Deal, "id", "int", header=_("ID")),
            field(Deal, "title", header=_("deal")),
            company_column(),
            user_column(_("owner"), "owner"),
            field(Deal, "stage"),
            field(Deal, "amount", "yen"),
            field(Deal, "expected_close", "date"),
            field(Deal, "closed_on", "date"),
            field(Deal, "lost_reason"),
            field(Deal, "partner__name", header=_("assigned partner")),
            field(Deal, "notes"),
            field(Deal, "updated_at", "datetime", header=_("updated")),
        ],
    )
)

register(
    ListExport(
        key="instructions",
        title=_("instructions"),
        model=Instruction,
        visible=visible_instructions,
        filter=InstructionFilter,
        sorts={"issued": "issued_at"},
        default_sort="-issued",
        allowed=uses_followups,
        columns=[
            field(Instruction, "id", "int", header=_("ID")),
            field(Instruction, "kind"),
            field(Instruction, "subject"),
            company_column(),
            field(Instruction, "deal__title", header=_("deal")),
            user_column(_("owner"), "owner"),
            user_column(_("issued by"), "issued_by"),
            field(Instruction, "status"),
            field(Instruction, "issued_at", "datetime"),
            field(Instruction, "acknowledged_at", "datetime"),
            field(Instruction, "discussed"),
            field(Instruction, "asked"),
        ],
    )
)

register(
    ListExport(
        key="leads",
        title=_("leads"),
        model=Lead,
        # a lead about someone whose use has ceased (APPI 利用停止) is not exported
        visible=lambda user: visible_leads(user).filter(
            Q(person__isnull=True) | Q(person__use_ceased=False)
        ),
        filter=LeadFilter,
        sorts={"arrived": "arrived_at"},
        default_sort="-arrived",
        allowed=works_leads,
        personal=True,
        people="person",
        columns=[
            field(Lead, "id", "int", header=_("ID")),
            field(Lead, "arrived_at", "datetime"),
            field(Lead, "source"),
            field(Lead, "medium"),
            field(Lead, "campaign"),
            field(Lead, "company_name"),
            field(Lead, "corporate_number"),
            field(Lead, "family_name"),
            field(Lead, "given_name"),
            field(Lead, "family_kana"),
            field(Lead, "given_kana"),
            field(Lead, "title"),
            field(Lead, "email"),
            field(Lead, "phone"),
            user_column(_("owner"), "owner"),
            field(Lead, "status"),
            field(Lead, "due_at", "datetime"),
            field(Lead, "first_touch_at", "datetime"),
            field(Lead, "reason"),
            field(Lead, "rating", "int"),
            field(Lead, "comment"),
            field(Lead, "note"),
        ],
    )
)


register(
    ListExport(
        key="partners",
        title=_("partners"),
        model=Partner,
        visible=lambda user: access.visible(user, Partner),
        filter=PartnerFilter,
        sorts=PARTNER_SORTS,
        default_sort="name",
        allowed=sees_partner_internals,  # the partner list is the sales side's page
        columns=[
            field(Partner, "id", "int", header=_("ID")),
            field(Partner, "name"),
            field(Partner, "kind"),
            field(Partner, "profile__stage", header=_("stage")),
            field(Partner, "profile__group_name", header=_("group (系列)")),
            Column(
                _("partner manager"),
                ("profile__manager__family_name", "profile__manager__given_name"),
                make=person_name,
            ),
            field(Partner, "profile__introduced_by", header=_("how we were introduced")),
            field(Partner, "profile__stage_since", "date", header=_("in this stage since")),
            field(Partner, "updated_at", "datetime", header=_("updated")),
        ],
    )
)
