"""An import starts from its preview's kept outcome (no row checked a second time),
and still gives the right result when the organisation or the list changed since:
a record added after the preview is a duplicate, not written twice; a record a row
repeated that is gone, or a company the list names that appeared, makes the import
check every row again."""

import datetime as dt

import pytest
from django.utils import timezone

from eigyo.accounts import access
from eigyo.companies.models import Company
from eigyo.contacts.models import Person, Tie
from eigyo.core import clock
from eigyo.transfer import importing, pipeline, services
from eigyo.transfer.models import CompanyImport, ImportCheck

PEOPLE = (
    "会社名,部署名,役職,姓,名,e-mail,携帯電話,名刺交換日\r\n"
    "東海化成株式会社,品質保証部,課長,山田,花子,hanako@tokai.example.jp,090-1234-5678,2026/04/10\r\n"
    "北陸精工株式会社,製造部,部長,林,誠,hayashi@hokuriku.example.jp,,2026/05/20\r\n"
    "東海化成株式会社,総務部,,佐藤,一郎,,,2026/06/01\r\n"
)
COMPANIES = "会社名,電話番号\r\n新規開拓株式会社,03-1234-5678\r\n北陸精工株式会社,\r\n"


@pytest.fixture(autouse=True)
def monday():
    clock.freeze(timezone.make_aware(dt.datetime(2026, 12, 7, 10)))
    yield
    clock.freeze(None)


def upload_people(user, text=PEOPLE, on_duplicate="skip"):
    """What the upload page does: check every row, keep the list and the outcome."""
    checked = pipeline.preview(
        services.people_target(user, on_duplicate=on_duplicate), text, keep=True
    )
    assert checked.kept
    return services.start_import(
        by=user,
        filename="cards.csv",
        text=text,
        mapping=checked.mapping,
        target="people",
        options={"on_duplicate": on_duplicate},
        kept=checked.kept,
    )


def commit_people(user, batch, on_duplicate="skip"):
    return services.commit_people(
        batch.content, batch.mapping, by=user, batch=batch, on_duplicate=on_duplicate
    )


def upload_companies(user, text=COMPANIES):
    org = access.membership(user).org
    checked = importing.preview(org, user, text, keep=True)
    assert checked.kept
    return services.start_import(
        by=user, filename="list.csv", text=text, mapping=checked.mapping, kept=checked.kept
    )


@pytest.mark.django_db
def test_people_are_imported_from_the_kept_preview_without_checking_again(actors):
    batch = upload_people(actors.manager)
    assert ImportCheck.objects.filter(batch=batch).exists()
    done = commit_people(actors.manager, batch)
    assert not done.rechecked
    assert [r.action for r in done.rows] == ["create", "create", "create"]
    hanako = Person.objects.get(org=actors.org, family_name="山田")
    assert (hanako.mobile, hanako.company.legal_name) == ("+819012345678", "東海化成株式会社")
    assert Person.objects.get(family_name="佐藤").company_id == hanako.company_id
    assert Company.objects.filter(org=actors.org).count() == 2
    assert Tie.objects.filter(person=hanako, user=actors.manager).exists()
    batch.refresh_from_db()
    assert (batch.status, batch.created) == (CompanyImport.Status.DONE, 3)
    assert not ImportCheck.objects.filter(batch=batch).exists()  # working data gone


@pytest.mark.django_db
def test_a_person_added_after_the_preview_is_skipped_not_written_twice(actors):
    batch = upload_people(actors.manager)
    Person.objects.create(
        org=actors.org, family_name="山田", given_name="花子", email="Hanako@tokai.example.jp"
    )
    done = commit_people(actors.manager, batch)
    assert not done.rechecked  # found with a look-up among what was added since
    assert [r.action for r in done.rows] == ["skip", "create", "create"]
    assert Person.objects.filter(org=actors.org, family_name="山田").count() == 1


@pytest.mark.django_db
def test_a_person_added_after_the_preview_is_merged_when_asked(actors):
    batch = upload_people(actors.manager, on_duplicate="merge")
    yamada = Person.objects.create(
        org=actors.org, family_name="山田", given_name="花子", email="hanako@tokai.example.jp"
    )
    done = commit_people(actors.manager, batch, on_duplicate="merge")
    assert [r.action for r in done.rows] == ["merge", "create", "create"]
    yamada.refresh_from_db()
    assert (yamada.title, yamada.mobile) == ("課長", "+819012345678")  # blanks filled
    assert Person.objects.filter(org=actors.org, family_name="山田").count() == 1


@pytest.mark.django_db
def test_a_company_of_the_list_added_after_the_preview_is_used_not_duplicated(actors):
    batch = upload_people(actors.manager)
    hokuriku = Company.objects.create(org=actors.org, legal_name="北陸精工株式会社")
    done = commit_people(actors.manager, batch)
    assert done.rechecked  # the list's companies changed: every row checked again
    assert Company.objects.filter(org=actors.org, legal_name="北陸精工株式会社").count() == 1
    assert Person.objects.get(org=actors.org, family_name="林").company_id == hokuriku.pk


@pytest.mark.django_db
def test_a_repeated_person_deleted_since_the_preview_is_created_again(actors):
    yamada = Person.objects.create(
        org=actors.org, family_name="山田", given_name="花子", email="hanako@tokai.example.jp"
    )
    batch = upload_people(actors.manager)
    yamada.delete()
    done = commit_people(actors.manager, batch)
    assert done.rechecked
    assert [r.action for r in done.rows] == ["create", "create", "create"]
    assert Person.objects.filter(org=actors.org, family_name="山田").count() == 1


@pytest.mark.django_db
def test_a_changed_mapping_is_checked_again(actors):
    batch = upload_people(actors.manager)
    mapping = list(batch.mapping)
    mapping[2] = ""  # the title column ignored after all
    done = services.commit_people(batch.content, mapping, by=actors.manager, batch=batch)
    assert done.rechecked
    assert Person.objects.get(org=actors.org, family_name="山田").title == ""


@pytest.mark.django_db
def test_another_users_import_does_not_use_the_kept_outcome(actors):
    batch = upload_people(actors.manager)
    done = commit_people(actors.admin, batch)
    assert done.rechecked  # the card owner is the importing user: checked again


@pytest.mark.django_db
def test_a_list_with_errors_keeps_nothing(actors):
    checked = pipeline.preview(
        services.people_target(actors.manager), PEOPLE + ",,,,,bad-address,,\r\n", keep=True
    )
    assert checked.count("error") and checked.kept is None


@pytest.mark.django_db
def test_a_company_added_after_the_preview_is_skipped(actors):
    batch = upload_companies(actors.manager)
    Company.objects.create(org=actors.org, legal_name="株式会社新規開拓")  # same name key
    done = services.commit_import(batch.content, batch.mapping, by=actors.manager, batch=batch)
    assert not done.rechecked
    assert [r.action for r in done.rows] == ["skip", "create"]
    assert Company.objects.filter(org=actors.org).count() == 2


@pytest.mark.django_db
def test_a_repeated_company_deleted_since_the_preview_is_created(actors):
    old = Company.objects.create(org=actors.org, legal_name="新規開拓株式会社")
    batch = upload_companies(actors.manager)
    old.delete()
    done = services.commit_import(batch.content, batch.mapping, by=actors.manager, batch=batch)
    assert done.rechecked
    assert [r.action for r in done.rows] == ["create", "create"]
    new = Company.objects.get(org=actors.org, legal_name="新規開拓株式会社")
    assert new.phone == "+81312345678"


@pytest.mark.django_db
def test_companies_are_imported_from_the_kept_preview(actors):
    batch = upload_companies(actors.manager)
    done = services.commit_import(batch.content, batch.mapping, by=actors.manager, batch=batch)
    assert not done.rechecked
    assert sorted(Company.objects.filter(org=actors.org).values_list("legal_name", "phone")) == [
        ("北陸精工株式会社", ""),
        ("新規開拓株式会社", "+81312345678"),
    ]
