"""The people at a company, on the company's page."""

from eigyo.companies.access import can_edit_company
from eigyo.contacts.access import visible_people
from eigyo.core.contributions import Contribution


def contribute(request, company) -> list[Contribution]:
    people = visible_people(request.user).filter(company=company)
    return [
        Contribution(
            "panels",
            "contacts/_company_people.html",
            {
                "people": people.order_by("-seniority", "family_kana"),
                "can_add_person": can_edit_company(request.user, company),
            },
            order=30,
        )
    ]
