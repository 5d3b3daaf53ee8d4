"""Global search: grouped, as the lists match (kanji, kana, romaji), within what the
user may see, on the page, as the header's htmx dropdown and in the API."""

import pytest
from django.urls import reverse

from eigyo.agenda.search import search
from eigyo.registry.models import RegistryEntry, search_fields


def kinds(groups):
    return {g.kind: [o.pk for o in g.items] for g in groups}


@pytest.mark.django_db
def test_people_by_kanji_kana_and_romaji(book, actors):
    for q in ("田中", "タナカ", "たなか", "tanaka"):
        assert kinds(search(actors.rep1, q)).get("people") == [book.person.pk], q


@pytest.mark.django_db
def test_companies_deals_and_the_registry_are_grouped(book, actors):
    RegistryEntry.objects.create(
        name="トヨタ精機工業株式会社",
        corporate_number="",
        **search_fields("トヨタ精機工業株式会社", "", ""),
    )
    found = kinds(search(actors.rep1, "トヨタ精機"))
    assert found["companies"] == [book.company.pk]
    assert book.deal.pk in found["deals"]  # a deal of that company
    assert "registry" in found
    assert list(found) == ["companies", "deals", "registry"]  # the fixed order


@pytest.mark.django_db
def test_only_what_the_user_may_see(book, actors):
    assert "companies" not in kinds(search(actors.outsider, "トヨタ精機"))  # another org
    partner = kinds(search(actors.partner_user, "トヨタ精機"))
    assert "companies" not in partner and "deals" not in partner
    assert kinds(search(actors.partner_user, "大阪部品"))["companies"] == [book.partner_company.pk]
    assert "deals" not in kinds(search(actors.marketing, "検査装置"))  # marketing has no deals
    assert kinds(search(actors.rep2, "検査装置")).get("deals") is None  # rep1's deal
    assert search(actors.rep1, "   ") == []


@pytest.mark.django_db
def test_page_partial_and_api(book, actors, login, api):
    web = login(actors.rep1)
    page = web.get(reverse("agenda:search"), {"q": "田中"})
    assert page.status_code == 200 and "<html" in page.content.decode()
    partial = web.get(reverse("agenda:search"), {"q": "田中"}, headers={"HX-Request": "true"})
    html = partial.content.decode()
    assert "<html" not in html and reverse("contacts:detail", args=[book.person.pk]) in html
    groups = api(actors.rep1).get("/api/search", {"q": "tanaka"}).json()
    assert groups == [
        {
            "kind": "people",
            "more": False,
            "items": [
                {
                    "id": book.person.pk,
                    "label": book.person.display_name,
                    "detail": f"{book.person.kana_name} {book.company}",
                    "url": reverse("contacts:detail", args=[book.person.pk]),
                }
            ],
        }
    ]
    assert api(actors.rep1).get("/api/search", {"q": "x" * 5000}).status_code == 200


@pytest.mark.django_db
def test_more_than_five_says_so(actors):
    from eigyo.companies.models import Company

    for i in range(7):
        Company.objects.create(org=actors.org, legal_name=f"山田商事{i}株式会社")
    (group,) = search(actors.rep1, "山田商事")
    assert len(group.items) == 5 and group.more
