"""A new company that is already one of the organisation's is not saved a second
time: the form shows the existing one to open; an admin may add it knowingly, with a
reason. A legal form alone is not a name."""

import pytest
from django.urls import reverse

from eigyo.companies.models import Company


def new_company(web, **data):
    return web.post(reverse("companies:create"), {"legal_name": "", **data})


@pytest.mark.django_db
def test_the_same_name_shows_the_existing_company(book, actors, login):
    web = login(actors.rep1)
    response = new_company(web, legal_name="トヨタ精機（株）")  # book has 株式会社トヨタ精機
    assert response.status_code == 422
    assert response.context["form"].duplicates == [book.company]
    assert reverse("companies:detail", args=[book.company.pk]) in response.content.decode()
    assert Company.objects.filter(org=actors.org, name_key=book.company.name_key).count() == 1
    assert "create_anyway" not in response.context["form"].fields  # a rep cannot override


@pytest.mark.django_db
def test_the_same_corporate_number_or_a_partners_view(book, actors, login):
    book.company.corporate_number = "5010401067252"
    book.company.save()
    response = new_company(
        login(actors.rep1), legal_name="全く別の名前", corporate_number="5010401067252"
    )
    assert response.status_code == 422
    # A partner user sees only their partner's companies: the existing one is not shown
    # to them, so it does not block them either (the admin can merge later).
    partner = new_company(login(actors.partner_user), legal_name="株式会社トヨタ精機")
    assert partner.status_code == 403 or partner.context["form"].duplicates == []


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["株式会社", "（株）", "Co., Ltd."])
def test_a_legal_form_alone_is_refused(actors, login, name):
    response = new_company(login(actors.rep1), legal_name=name)
    assert response.status_code == 422 and "legal_name" in response.context["form"].errors
    assert not Company.objects.filter(org=actors.org).exists()


@pytest.mark.django_db
def test_an_admin_adds_it_knowingly_with_a_reason(book, actors, login):
    web = login(actors.admin)
    first = new_company(web, legal_name="株式会社トヨタ精機")
    assert first.status_code == 422 and "create_anyway" in first.context["form"].fields
    no_reason = new_company(web, legal_name="株式会社トヨタ精機", create_anyway="on")
    assert no_reason.status_code == 422
    assert "duplicate_reason" in no_reason.context["form"].errors
    done = new_company(
        web, legal_name="株式会社トヨタ精機", create_anyway="on", duplicate_reason="別法人（同名）"
    )
    assert done.status_code == 302
    twin = Company.objects.exclude(pk=book.company.pk).get(
        org=actors.org, legal_name="株式会社トヨタ精機"
    )
    assert "別法人（同名）" in twin.notes


@pytest.mark.django_db
def test_editing_a_company_is_not_a_duplicate_of_itself(book, actors, login):
    url = reverse("companies:edit", args=[book.company.pk])
    response = login(actors.rep1).post(url, {"legal_name": "株式会社トヨタ精機", "notes": "更新"})
    assert response.status_code == 302
