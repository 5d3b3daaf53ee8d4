"""The history panel is on every record's detail page, not only company, person and
deal: an activity, an instruction, a relationship, a lead, a partner and a contract
show what changed, by whom. A partner user's portal shows none of our side's history."""

import pytest
from django.urls import reverse

from eigyo.accounts.tests.test_access_matrix import book as book  # noqa: F401 (fixture)


@pytest.mark.django_db
def test_every_detail_page_has_its_history(book, actors, login):  # noqa: F811
    changed = {
        book.activity: ("outcome", "見積依頼あり"),
        book.instruction: ("subject", "品質部長に再訪"),
        book.rel: ("notes", "年度末に再評価"),
        book.lead: ("title", "購買課長"),
        book.partner: ("name", "関西販売ホールディングス"),
        book.contract: ("title", "販売店契約（改定）"),
    }
    for obj, (field, value) in changed.items():
        setattr(obj, field, value)
        obj.save()
    web = login(actors.admin)
    partner_page = reverse("partners:detail", args=[book.partner.pk])
    for obj, (_field, value) in changed.items():
        url = partner_page if obj == book.partner else obj.get_absolute_url()
        page = web.get(url).content.decode()
        start = page.find('data-testid="history"')
        assert start > 0, url
        assert value in page[start:], (url, value)
    portal = login(actors.partner_user).get(partner_page)
    assert portal.status_code == 200 and 'data-testid="history"' not in portal.content.decode()
    contract = login(actors.partner_user).get(book.contract.get_absolute_url())
    assert 'data-testid="history"' not in contract.content.decode()
