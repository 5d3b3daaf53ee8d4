"""The timeline and the "log a visit" button, on the company's and the person's pages."""

from eigyo.activities.access import can_log_activity, visible_activities
from eigyo.contacts.reads import people_met
from eigyo.core.contributions import Contribution


def contribute_to_company(request, company) -> list[Contribution]:
    activities = (
        visible_activities(request.user)
        .filter(company=company)
        .select_related("owner")
        .prefetch_related(people_met(request.user))[:50]
    )
    found = [
        Contribution("timeline", "activities/_company_timeline.html", {"activities": activities})
    ]
    if can_log_activity(request.user):
        found.append(Contribution("actions", "activities/_company_log.html", order=10))
    return found


def contribute_to_person(request, person) -> list[Contribution]:
    activities = (
        visible_activities(request.user)
        .filter(people=person)
        .select_related("owner", "company")
        .prefetch_related(people_met(request.user))[:50]
    )
    found = [
        Contribution("timeline", "activities/_person_timeline.html", {"activities": activities})
    ]
    if can_log_activity(request.user) and person.company_id:
        found.append(Contribution("actions", "activities/_person_log.html", order=10))
    return found
