"""A company's deals and its overdue promises, on the company's page."""

from eigyo.companies.access import can_edit_company
from eigyo.core import clock
from eigyo.core.contributions import Contribution
from eigyo.deals.access import can_create_deal, visible_deals
from eigyo.deals.models import Promise


def contribute(request, company) -> list[Contribution]:
    user = request.user
    deals = visible_deals(user).filter(company=company).order_by("-updated_at")
    overdue = Promise.objects.filter(
        deal__in=deals.values("pk"), status=Promise.Status.OPEN, due_on__lt=clock.today()
    ).select_related("deal")
    can_add = can_create_deal(user) and can_edit_company(user, company)
    return [
        Contribution("notices", "deals/_company_overdue.html", {"overdue_promises": overdue}),
        Contribution(
            "panels",
            "deals/_company_deals.html",
            {"deals": deals, "can_add_deal": can_add},
            order=20,
        ),
    ]
