"""The imports' batched insert writes what save() would, and sets the ids."""

import datetime as dt

import pytest
from django.utils import timezone

from eigyo.activities.models import Activity
from eigyo.companies.models import Company
from eigyo.contacts.models import Person, Tie
from eigyo.core import clock
from eigyo.transfer import bulk


@pytest.mark.django_db
def test_insert_sets_ids_and_writes_every_field(actors):
    clock.freeze(timezone.make_aware(dt.datetime(2026, 12, 7, 10)))
    try:
        firms = [
            Company(
                org=actors.org, legal_name=f"会社{i}", custom={"plants": i}, prestigious=i % 2 == 0
            )
            for i in range(2500)  # more than one INSERT of 32,000 parameters
        ]
        bulk.insert(Company, firms)
        assert len({c.pk for c in firms}) == 2500 and all(c.pk for c in firms)
        again = Company.objects.get(pk=firms[1234].pk)
        assert (again.legal_name, again.custom, again.prestigious) == (
            "会社1234",
            {"plants": 1234},
            True,
        )
        assert again.created_at == clock.now() and again.org == actors.org
        person = Person(org=actors.org, company=again, family_name="山田")
        bulk.insert(Person, [person])
        visit = Activity(org=actors.org, company=again, owner=actors.rep1, occurred_at=clock.now())
        bulk.insert(Activity, [visit])
        bulk.insert(
            Activity.people.through,
            [Activity.people.through(activity_id=visit.pk, person_id=person.pk)],
        )
        assert list(Activity.objects.get(pk=visit.pk).people.all()) == [person]
        bulk.insert(
            Tie, [Tie(org=actors.org, user=actors.rep1, person=person, source="card", strength=0.5)]
        )
        assert Tie.objects.get().person == person
        assert bulk.insert(Tie, []) == []
    finally:
        clock.freeze(None)
