"""On the company's page: the avatar fit and the "similar companies" button; on the
person's: who knows them and the warmest way in."""

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


def contribute_to_person(request, person) -> list[Contribution]:
    """Who knows this person, and the warmest way in: the sales side's."""
    from eigyo.contacts.access import sees_ties

    if not sees_ties(request.user):
        return []
    return [Contribution("actions", "prospecting/_person_ties.html", order=30)]
