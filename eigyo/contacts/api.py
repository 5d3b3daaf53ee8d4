"""People endpoints."""

from django.http import HttpRequest
from ninja import Query, Router, Status
from ninja.pagination import paginate

from eigyo.accounts import access
from eigyo.contacts import reads, services
from eigyo.contacts.access import (
    can_create_person,
    can_delete_person,
    can_edit_person,
    visible_people,
)
from eigyo.contacts.filters import PERSON_SORTS, PersonFilter
from eigyo.contacts.forms import PersonForm
from eigyo.contacts.schemas import PersonIn, PersonOut
from eigyo.core.api import Forbidden, Pagination, merged, valid
from eigyo.core.lists import apply_sort

router = Router(tags=["people"])


@router.get("/people", response=list[PersonOut])
@paginate(Pagination)
def list_people(request: HttpRequest, filters: Query[PersonFilter], sort: str = "name"):
    qs = filters.filter(visible_people(request.user))
    return ReadRecorded(request, apply_sort(qs, sort, PERSON_SORTS, "name"))


@router.get("/people/{int:person_id}", response=PersonOut)
def get_person(request: HttpRequest, person_id: int):
    person = access.get_visible(visible_people(request.user), pk=person_id)
    _read(request, [person.pk])
    return person


def _read(request, pks) -> None:
    reads.people_read(request, pks, action="api")


class ReadRecorded:
    """The people list as paginated: the page actually sent is recorded as read."""

    def __init__(self, request, qs):
        self.request, self.qs = request, qs

    def __len__(self):
        return self.qs.count()

    def count(self):
        return self.qs.count()

    def __getitem__(self, index):
        rows = self.qs[index]
        if isinstance(index, slice):
            rows = list(rows)
            _read(self.request, [p.pk for p in rows])
        return rows

    def __iter__(self):
        rows = list(self.qs)
        _read(self.request, [p.pk for p in rows])
        return iter(rows)


@router.post("/people", response={201: PersonOut})
def create_person(request: HttpRequest, payload: PersonIn):
    if not can_create_person(request.user):
        raise Forbidden
    data = {k: ("" if v is None else v) for k, v in payload.dict().items()}
    form = valid(PersonForm(data, user=request.user))
    return Status(201, services.save_person(form, by=request.user))


@router.patch("/people/{int:person_id}", response=PersonOut)
def update_person(request: HttpRequest, person_id: int, payload: PersonIn):
    person = access.get_visible(visible_people(request.user), pk=person_id)
    if not can_edit_person(request.user, person):
        raise Forbidden
    data = merged(person, PersonForm, payload.dict(exclude_unset=True))
    form = valid(PersonForm(data, instance=person, user=request.user))
    return services.save_person(form, by=request.user)


@router.delete("/people/{int:person_id}", response={204: None})
def delete_person(request: HttpRequest, person_id: int):
    person = access.get_visible(visible_people(request.user), pk=person_id)
    if not can_delete_person(request.user, person):
        raise Forbidden
    services.delete_person(person, by=request.user)
    return Status(204, None)
