"""The avatar fit and the "similar companies" button, on the company's page."""

from eigyo.companies import own_fields
from eigyo.core.contributions import Contribution
from eigyo.prospecting import spider
from eigyo.prospecting.access import can_see_avatar, can_use_spider
from eigyo.prospecting.text import reason_texts


def contribute(request, company) -> list[Contribution]:
    found = []
    if not can_see_avatar(request.user):  # the fit links to the avatar: the sales side's
        return found
    fit = spider.company_fit(company, own_fields.fields_for(company))
    if fit:
        found.append(
            Contribution(
                "facts", "prospecting/_company_fit.html", {"fit": (fit[0], reason_texts(fit[1]))}
            )
        )
    if can_use_spider(request.user):
        found.append(Contribution("actions", "prospecting/_company_spider.html", order=20))
    return found
