"""Company pages: create, edit, bad input, search, registry link."""

import pytest
from django.urls import reverse

from eigyo.companies.models import Company

VALID_NUMBER = "5070001000715"  # カネコ種苗 (EDINET list)


@pytest.mark.django_db
def test_create_company_normalises_and_saves(actors, login):
    web = login(actors.rep1)
    response = web.post(
        reverse("companies:create"),
        {
            "legal_name": "株式会社　ｻﾝﾌﾟﾙ商事",
            "kana": "さんぷるしょうじ",
            "corporate_number": "５０７０００１０００７１５",
            "phone": "０３-１２３４-５６７８",
            "postal_code": "1000005",
            "prefecture": "13",
        },
    )
    assert response.status_code == 302
    company = Company.objects.get(org=actors.org, corporate_number=VALID_NUMBER)
    assert company.legal_name == "株式会社 サンプル商事"
    assert company.kana == "サンプルショウジ"
    assert company.phone == "+81312345678"
    assert company.postal_code == "100-0005"
    assert response["Location"] == company.get_absolute_url()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "field,value,message_en",
    [
        ("corporate_number", "5070001000716", "check digit"),
        ("corporate_number", "12345", "13 digits"),
        ("phone", "03-1234", "valid phone number"),
        ("postal_code", "12-34", "postal code of 7 digits"),
        ("kana", "Sample", "kana"),
        ("website", "not a url", "valid URL"),
    ],
)
def test_bad_input_is_explained_next_to_the_field_and_saves_nothing(
    actors, login, field, value, message_en
):
    web = login(actors.rep1)  # rep1's language is English
    data = {"legal_name": "テスト株式会社", field: value}
    response = web.post(reverse("companies:create"), data)
    assert response.status_code == 422
    errors = response.context["form"].errors
    assert list(errors) == [field]
    assert message_en in errors[field][0]
    assert f'data-field="{field}"' in response.content.decode()
    assert not Company.objects.filter(org=actors.org, legal_name="テスト株式会社").exists()


@pytest.mark.django_db
def test_errors_are_in_the_users_language(actors, login):
    web = login(actors.rep2)  # Japanese
    response = web.post(
        reverse("companies:create"), {"legal_name": "テスト", "corporate_number": "5070001000716"}
    )
    assert response.status_code == 422
    assert "法人番号" in response.context["form"].errors["corporate_number"][0]


@pytest.mark.django_db
def test_duplicate_corporate_number_is_refused(book, actors, login):
    book.company.corporate_number = VALID_NUMBER
    book.company.save()
    web = login(actors.rep1)
    response = web.post(
        reverse("companies:create"),
        {"legal_name": "別名株式会社", "corporate_number": VALID_NUMBER},
    )
    assert response.status_code == 422
    assert "already exists" in response.context["form"].errors["corporate_number"][0]


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["トヨタ", "とよた", "ﾄﾖﾀ", "toyota", "トヨタ精機株式会社"])
def test_search_by_name_kana_or_romaji(book, actors, login, query):
    web = login(actors.rep1)
    response = web.get(reverse("companies:list"), {"q": query}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert [c.pk for c in response.context["page"].object_list] == [book.company.pk]
    assert "<html" not in response.content.decode()  # htmx gets only the table


@pytest.mark.django_db
def test_marketing_may_read_but_not_create(book, actors, login):
    web = login(actors.marketing)
    assert web.get(reverse("companies:detail", args=[book.company.pk])).status_code == 200
    assert web.get(reverse("companies:create")).status_code == 403
    assert web.post(reverse("companies:create"), {"legal_name": "X"}).status_code == 403


@pytest.mark.django_db
def test_partner_may_edit_assigned_company_but_not_assign_partners(book, actors, login):
    web = login(actors.partner_user)
    url = reverse("companies:edit", args=[book.partner_company.pk])
    response = web.get(url)
    assert response.status_code == 200
    assert "partner" not in response.context["form"].fields
    response = web.post(url, {"legal_name": "大阪部品株式会社", "phone": "06-6123-4567"})
    assert response.status_code == 302
    book.partner_company.refresh_from_db()
    assert book.partner_company.phone == "+81661234567"
    assert book.partner_company.partner_id == actors.partner.pk


@pytest.mark.django_db
def test_company_list_query_count_does_not_grow(actors, login, django_assert_max_num_queries):
    for i in range(30):
        Company.objects.create(org=actors.org, legal_name=f"会社{i}株式会社")
    web = login(actors.rep1)
    with django_assert_max_num_queries(7):  # 6 for the list, 1 for the inbox count
        assert web.get(reverse("companies:list")).status_code == 200


@pytest.mark.django_db
def test_link_to_registry_and_adopt_from_registry(book, actors, login):
    from eigyo.registry import loaders
    from eigyo.registry.models import RegistryEntry

    loaders.load_edinet(
        [
            {
                "edinet_code": "E02144",
                "name": "トヨタ自動車株式会社",
                "industry": "輸送用機器",
                "name_en": "TOYOTA MOTOR CORPORATION",
                "corporate_number": "1180301018771",
            },
            {
                "edinet_code": "E01777",
                "name": "ソニーグループ株式会社",
                "corporate_number": "5010401067252",
            },
        ]
    )
    toyota = RegistryEntry.objects.get(edinet_code="E02144")
    web = login(actors.rep1)
    page = web.get(reverse("registry:list"), {"q": "toyota", "link_to": book.company.pk})
    assert [e.pk for e in page.context["page"].object_list] == [toyota.pk]
    response = web.post(
        reverse("companies:link_registry", args=[book.company.pk]), {"entry": toyota.pk}
    )
    assert response.status_code == 302
    book.company.refresh_from_db()
    assert book.company.registry == toyota
    assert book.company.corporate_number == "1180301018771" and book.company.sector33 == "3700"
    sony = RegistryEntry.objects.get(edinet_code="E01777")
    adopted = web.post(reverse("companies:registry_adopt", args=[sony.pk]))
    company = Company.objects.get(org=actors.org, registry=sony)
    assert adopted["Location"] == company.get_absolute_url()
    web.post(reverse("companies:registry_adopt", args=[sony.pk]))
    assert Company.objects.filter(org=actors.org, registry=sony).count() == 1
    assert (
        login(actors.marketing)
        .post(reverse("companies:registry_adopt", args=[sony.pk]))
        .status_code
        == 403
    )
