"""Portfolio relationships: adding, tier moves with reasons kept as history."""

import pytest
from django.urls import reverse

from eigyo.portfolio.models import Relationship


@pytest.mark.django_db
def test_tier_change_is_recorded_with_date_and_reason(book, actors, login):
    web = login(actors.rep1)
    url = reverse("portfolio:detail", args=[book.rel.pk])
    response = web.post(url, {"tier": "probable", "reason": "部長と面談、予算あり", "notes": ""})
    assert response.status_code == 302
    book.rel.refresh_from_db()
    assert book.rel.tier == "probable"
    last = book.rel.tier_changes.first()
    assert (last.from_tier, last.to_tier, last.reason) == (
        "possible",
        "probable",
        "部長と面談、予算あり",
    )
    assert last.changed_by == actors.rep1
    page = web.get(url).content.decode()
    assert "部長と面談、予算あり" in page


@pytest.mark.django_db
def test_tier_change_without_reason_is_refused(book, actors, login, api):
    web = login(actors.rep1)
    url = reverse("portfolio:detail", args=[book.rel.pk])
    response = web.post(url, {"tier": "client", "reason": ""})
    assert response.status_code == 422
    assert "reason" in response.context["form"].errors
    api_response = api(actors.rep1).patch(
        f"/api/relationships/{book.rel.pk}", {"tier": "client"}, content_type="application/json"
    )
    assert api_response.status_code == 422
    book.rel.refresh_from_db()
    assert book.rel.tier == "possible"
    assert book.rel.tier_changes.count() == 1


@pytest.mark.django_db
def test_api_tier_change_and_history(book, actors, api):
    rest = api(actors.manager)
    response = rest.patch(
        f"/api/relationships/{book.rel.pk}",
        {"tier": "dropped", "reason": "予算凍結"},
        content_type="application/json",
    )
    assert response.status_code == 200
    assert response.json()["tier"] == "dropped"
    history = rest.get(f"/api/relationships/{book.rel.pk}/history").json()
    assert [h["to_tier"] for h in history] == ["dropped", "possible"]


@pytest.mark.django_db
def test_add_to_portfolio_and_duplicate_is_409(book, actors, api, login):
    web = login(actors.rep2)
    response = web.post(
        reverse("portfolio:create"),
        {
            "company": book.partner_company.pk,
            "owner": actors.rep2.pk,
            "tier": "new",
        },
    )
    assert response.status_code == 302
    rel = Relationship.objects.get(company=book.partner_company, owner=actors.rep2)
    assert rel.tier_changes.get().to_tier == "new"
    again = api(actors.rep2).post(
        "/api/relationships", {"company": book.partner_company.pk}, content_type="application/json"
    )
    assert again.status_code == 409


@pytest.mark.django_db
def test_rep_cannot_fill_another_reps_portfolio(book, actors, api):
    response = api(actors.rep1).post(
        "/api/relationships",
        {"company": book.partner_company.pk, "owner": actors.rep2.pk},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "owner"
    ok = api(actors.manager).post(
        "/api/relationships",
        {
            "company": book.partner_company.pk,
            "owner": actors.rep1.pk,
            "tier": "willing",
            "reason": "紹介",
        },
        content_type="application/json",
    )
    assert ok.status_code == 409  # rep1 already has it (book.partner_rel)


@pytest.mark.django_db
def test_partner_user_reads_but_cannot_change(book, actors, login, api):
    url = reverse("portfolio:detail", args=[book.partner_rel.pk])
    web = login(actors.partner_user)
    assert web.get(url).status_code == 200
    assert web.post(url, {"tier": "client", "reason": "x"}).status_code == 403
    patched = api(actors.partner_user).patch(
        f"/api/relationships/{book.partner_rel.pk}",
        {"tier": "client", "reason": "x"},
        content_type="application/json",
    )
    assert patched.status_code == 403


@pytest.mark.django_db
def test_portfolio_list_filters_by_tier_and_owner(
    book, actors, login, django_assert_max_num_queries
):
    web = login(actors.admin)
    with django_assert_max_num_queries(9):  # 8 for the list, 1 for the inbox count
        response = web.get(reverse("portfolio:list"), {"tier": "possible", "owner": actors.rep1.pk})
    assert [r.pk for r in response.context["page"].object_list] == [book.rel.pk]
