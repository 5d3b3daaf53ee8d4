"""What the transfer app adds to the person page: the person's card as vCard."""

from eigyo.core.contributions import Contribution


def contribute(request, person) -> list[Contribution]:
    return [Contribution("actions", "transfer/_person_vcard.html", order=90)]
