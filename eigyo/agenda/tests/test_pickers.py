"""The company picker of the capture forms: the user's own portfolio first, then the
organisation's by the start of a name, reading or romaji; never a select of them all."""

import pytest
from django.urls import reverse

from eigyo.agenda.pickers import company_choices
from eigyo.companies.models import Company


@pytest.mark.django_db
def test_own_portfolio_first(book, actors):
    other = Company.objects.create(org=actors.org, legal_name="トヨタ商会", kana="トヨタショウカイ")
    assert company_choices(actors.rep1, "") == sorted(
        [book.company, book.partner_company], key=lambda c: c.name_key
    )  # rep1's portfolio when nothing is typed
    assert company_choices(actors.rep1, "とよた") == [book.company, other]  # mine first
    assert company_choices(actors.rep2, "とよた")[0] == book.company  # rep2 has it too
    assert company_choices(actors.outsider, "とよた") == []


@pytest.mark.django_db
def test_the_picker_partial_and_the_form(book, actors, login):
    web = login(actors.rep1)
    html = web.get(reverse("agenda:pick_company"), {"company_search": "トヨタ"}).content.decode()
    assert f'data-pick="{book.company.pk}"' in html
    form = web.get(reverse("activities:create")).content.decode()
    assert 'select name="company"' not in form and 'data-testid="company-search"' in form


@pytest.mark.django_db
def test_a_typed_name_is_taken_when_only_one_company_starts_with_it(book, actors, login):
    web = login(actors.rep1)
    data = {"kind": "call", "occurred_at": "2026-11-24T09:00", "company_search": "トヨタ精"}
    assert web.post(reverse("activities:create"), data).status_code == 302
    assert book.company.activities.count() == 2  # the book's own and this one
    Company.objects.create(org=actors.org, legal_name="トヨタ精工")
    again = web.post(reverse("activities:create"), data)
    assert again.status_code == 422 and "company" in again.context["form"].errors
