"""Several relationships at once (the winnowing queue above all): to a tier, dropped,
handed to another rep — all of them or none, each move recorded."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from eigyo.companies.models import Company
from eigyo.core import clock
from eigyo.portfolio import services
from eigyo.portfolio.models import Relationship, TierChange


@pytest.fixture
def stale(actors):
    """Three `new` relationships of rep1, untouched for months."""
    clock.freeze(timezone.make_aware(dt.datetime(2026, 11, 24, 10)))
    rels = []
    for i in range(3):
        company = Company.objects.create(org=actors.org, legal_name=f"放置{i}株式会社")
        rels.append(
            services.add_to_portfolio(
                org=actors.org,
                company=company,
                owner=actors.rep1,
                tier="new",
                on=dt.date(2026, 6, 1),
            )
        )
    yield rels
    clock.freeze(None)


def bulk(web, rels, **data):
    return web.post(
        reverse("portfolio:bulk"),
        {"ids": [r.pk for r in rels], "next": reverse("portfolio:winnowing"), **data},
        follow=True,
    )


@pytest.mark.django_db
def test_the_manager_drops_what_is_stale(stale, actors, login):
    web = login(actors.manager)
    page = web.get(reverse("portfolio:winnowing"))
    assert {r.pk for r in page.context["queue"]} >= {r.pk for r in stale}
    done = bulk(web, stale[:2], tier="dropped", reason="見込みなし")
    assert done.redirect_chain[-1][0] == reverse("portfolio:winnowing")
    assert [
        r.tier for r in Relationship.objects.filter(pk__in=[r.pk for r in stale]).order_by("pk")
    ] == [
        "dropped",
        "dropped",
        "new",
    ]
    assert TierChange.objects.filter(to_tier="dropped", reason="見込みなし").count() == 2


@pytest.mark.django_db
def test_hand_to_another_rep_all_or_nothing(stale, book, actors, login):
    web = login(actors.admin)
    # rep2 already has book.company: handing book.rel along with the others is refused.
    page = bulk(web, [*stale, book.rel], owner=actors.rep2.pk)
    errors = [str(m) for m in page.context["messages"] if m.level_tag == "error"]
    assert len(errors) == 1 and actors.rep2.display_name in errors[0]
    assert Relationship.objects.filter(owner=actors.rep1, pk__in=[r.pk for r in stale]).count() == 3
    bulk(web, stale, owner=actors.rep2.pk, tier="willing")
    moved = Relationship.objects.filter(pk__in=[r.pk for r in stale])
    assert {(r.owner_id, r.tier) for r in moved} == {(actors.rep2.pk, "willing")}


@pytest.mark.django_db
def test_someone_elses_relationships_are_not_changed(stale, actors, login):
    bulk(login(actors.rep2), stale, tier="dropped")  # not visible to rep2: refused
    assert set(
        Relationship.objects.filter(pk__in=[r.pk for r in stale]).values_list("tier", flat=True)
    ) == {"new"}
    assert login(actors.marketing).post(reverse("portfolio:bulk"), {}).status_code == 403
