"""The warmest way in over the API: GET /api/path?to=PERSON or ?company=COMPANY."""

from django.http import HttpRequest
from ninja import Router, Schema

from eigyo.accounts import access
from eigyo.companies.access import visible_companies
from eigyo.contacts.access import sees_ties, visible_people
from eigyo.core import clock
from eigyo.core.api import Forbidden, FormInvalid
from eigyo.core.lists import Id
from eigyo.prospecting import warm_paths

router = Router(tags=["introductions"])


class StepOut(Schema):
    name: str
    detail: str
    ours: bool
    private: bool
    url: str


class PathOut(Schema):
    found: bool
    warmth: float | None
    hops: int | None
    text: str
    steps: list[StepOut]


@router.get("/path", response=PathOut)
def warmest(request: HttpRequest, to: Id | None = None, company: Id | None = None):
    """From anyone on the team to a person (`to`) or anyone at a company, at most three
    steps, each explained as the caller may see it; `found` false when there is none."""
    if not sees_ties(request.user):
        raise Forbidden
    people = visible_people(request.user)
    if to:
        targets = [access.get_visible(people, pk=to)]
    elif company:
        firm = access.get_visible(visible_companies(request.user), pk=company)
        targets = list(people.filter(company=firm))
    else:
        raise FormInvalid.single("to", "give a person (to) or a company")
    found = warm_paths.warmest_path(request.user, targets, clock.today())
    if found is None:
        return {"found": False, "warmth": None, "hops": None, "text": "", "steps": []}
    return {
        "found": True,
        "warmth": found.warmth,
        "hops": found.path.hops,
        "text": found.text,
        "steps": [s.__dict__ for s in found.steps],
    }
