"""While a company is typed in, eigyo proposes the registry entity and duplicates."""

import pytest
from django.urls import reverse

from eigyo.companies.models import Company
from eigyo.registry import loaders

ENTITIES = [
    {"edinet_code": "E02144", "name": "トヨタ自動車株式会社", "corporate_number": "1180301018771"},
    {"edinet_code": "E90001", "name": "東邦工業株式会社", "corporate_number": "9010001000007"},
    {"edinet_code": "E90002", "name": "東邦工業株式会社", "corporate_number": "1010001000006"},
]


@pytest.fixture
def loaded(db):
    loaders.load_edinet(ENTITIES)


def suggest(web, **params):
    return web.get(reverse("companies:suggest"), params, headers={"HX-Request": "true"})


@pytest.mark.django_db
def test_a_typed_name_proposes_its_registry_entity(actors, loaded, login):
    response = suggest(login(actors.rep1), legal_name="ﾄﾖﾀ自動車(株)")
    assert response.status_code == 200
    assert response.context["status"] == "matched"
    assert [e.corporate_number for e in response.context["entries"]] == ["1180301018771"]
    assert "トヨタ自動車株式会社" in response.content.decode()


@pytest.mark.django_db
def test_an_ambiguous_name_lists_the_candidates(actors, loaded, login):
    response = suggest(login(actors.rep1), legal_name="東邦工業")
    assert response.context["status"] == "ambiguous"
    assert {e.corporate_number for e in response.context["entries"]} == {
        "9010001000007",
        "1010001000006",
    }


@pytest.mark.django_db
def test_duplicates_in_the_organisation_are_shown_and_only_visible_ones(actors, loaded, login):
    mine = Company.objects.create(org=actors.org, legal_name="トヨタ自動車株式会社")
    Company.objects.create(org=actors.other_org, legal_name="トヨタ自動車株式会社")
    response = suggest(login(actors.rep1), legal_name="トヨタ自動車（株）")
    assert list(response.context["duplicates"]) == [mine]
    by_number = suggest(login(actors.rep1), legal_name="別名", corporate_number="1180301018771")
    assert list(by_number.context["duplicates"]) == []  # number not on our company yet
    mine.corporate_number = "1180301018771"
    mine.save()
    by_number = suggest(login(actors.rep1), legal_name="別名", corporate_number="1180301018771")
    assert list(by_number.context["duplicates"]) == [mine]


@pytest.mark.django_db
def test_nothing_typed_nothing_proposed_and_access(actors, loaded, login):
    assert suggest(login(actors.rep1), legal_name="").content.strip() == b""
    assert suggest(login(actors.rep1), legal_name="\x00" * 3).status_code in (200, 400)
    assert suggest(login(actors.marketing), legal_name="トヨタ").status_code == 403
    assert suggest(login(actors.partner_user), legal_name="トヨタ").status_code == 403
