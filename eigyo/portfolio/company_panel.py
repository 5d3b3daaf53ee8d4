"""Whose portfolios a company is in, on the company's page."""

from eigyo.companies.access import can_edit_company
from eigyo.core.contributions import Contribution
from eigyo.portfolio.access import can_create_relationship, visible_relationships


def contribute(request, company) -> list[Contribution]:
    user = request.user
    relationships = visible_relationships(user).filter(company=company).select_related("owner")
    can_add = can_create_relationship(user) and can_edit_company(user, company)
    return [
        Contribution(
            "panels",
            "portfolio/_company_portfolio.html",
            {"relationships": relationships, "can_add_relationship": can_add},
            order=10,
        )
    ]
