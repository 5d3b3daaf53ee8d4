"""The people at a company, on the company's page."""

from eigyo.accounts import access
from eigyo.companies.access import can_edit_company
from eigyo.contacts.access import visible_people
from eigyo.contacts.reads import partner_viewed
from eigyo.core.contributions import Contribution


def contribute(request, company) -> list[Contribution]:
    people = (
        visible_people(request.user).filter(company=company).order_by("-seniority", "family_kana")
    )
    if access.is_partner_user(request.user):
        people = list(people)
        partner_viewed(request, people)
    return [
        Contribution(
            "panels",
            "contacts/_company_people.html",
            {
                "people": people,
                "can_add_person": can_edit_company(request.user, company),
            },
            order=30,
        )
    ]
