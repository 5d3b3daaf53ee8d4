"""What prospecting adds to the company page: the avatar fit and "similar companies",
for the sales side only (they lead to pages other roles cannot open)."""

import pytest
from django.urls import reverse

from eigyo.prospecting.models import Avatar


@pytest.mark.django_db
def test_fit_and_spider_for_the_sales_side_only(book, actors, login):
    Avatar.objects.create(org=actors.org, name="理想", sectors=["3250"])
    for who, shown in (("rep1", True), ("manager", True), ("marketing", False)):
        page = login(getattr(actors, who)).get(reverse("companies:detail", args=[book.company.pk]))
        html = page.content.decode()
        assert ('data-testid="spider"' in html) is shown, who
        assert ('data-testid="avatar-fit"' in html) is shown, who
    partner = login(actors.partner_user).get(
        reverse("companies:detail", args=[book.partner_company.pk])
    )
    assert partner.status_code == 200
    html = partner.content.decode()
    assert 'data-testid="spider"' not in html and 'data-testid="avatar-fit"' not in html
