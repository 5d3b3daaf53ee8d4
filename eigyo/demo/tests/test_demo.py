"""`eigyo demo`: Demo KK on the real registry; seeded and idempotent."""

import datetime as dt
from collections import Counter

import pytest
from django.core.management import call_command

from eigyo.accounts.models import Membership
from eigyo.activities.models import Activity
from eigyo.companies.models import Company
from eigyo.contacts.models import Person
from eigyo.core import clock
from eigyo.demo import builder as demo
from eigyo.portfolio.models import Relationship


def snapshot(org):
    return (
        sorted(Company.objects.filter(org=org).values_list("corporate_number", flat=True)),
        sorted(
            Relationship.objects.filter(org=org).values_list(
                "company__corporate_number", "owner__email", "tier"
            )
        ),
        Activity.objects.filter(org=org).count(),
        sorted(Person.objects.filter(org=org).values_list("family_name", "given_name")),
    )


@pytest.mark.django_db
def test_demo_builds_a_believable_book_and_is_idempotent(capsys):
    call_command("demo")
    out = capsys.readouterr().out
    for email, _role, _pw in demo.logins():
        assert email in out
    assert demo.PASSWORD in out
    org, built = demo.build()
    assert not built
    roles = Counter(Membership.objects.filter(org=org).values_list("role", flat=True))
    assert roles == {"admin": 1, "manager": 1, "rep": 3, "partner": 1, "marketing": 1}
    # The book and the prospects to call; leads sales accepted brought a few more.
    from eigyo.prospecting.models import CallListEntry, Lead

    spider_list = CallListEntry.objects.filter(org=org, call_list__source="spider")
    assert spider_list.count() == 10  # like a client, numbers still to find
    assert not spider_list.exclude(company__phone="").exists()
    companies = Company.objects.filter(org=org).exclude(
        pk__in=Lead.objects.filter(org=org, status="accepted", registry=None).values("company")
    )
    companies = companies.exclude(pk__in=spider_list.values("company"))
    assert companies.filter(phone="").count() == 300
    prospects = companies.exclude(phone="")
    assert prospects.count() == 150
    assert companies.filter(registry__isnull=True).count() == 0  # all real registry companies
    tiers = set(Relationship.objects.filter(org=org).values_list("tier", flat=True))
    assert tiers == {"new", "willing", "possible", "probable", "client", "nurture", "dropped"}
    people = Person.objects.filter(org=org)
    assert people.count() >= 900 and not people.filter(family_kana="").exists()
    acts = Activity.objects.filter(org=org)
    assert acts.count() > 1000
    oldest = clock.today() - acts.order_by("occurred_at").first().occurred_at.date()
    assert dt.timedelta(days=150) < oldest <= dt.timedelta(days=190)
    assert acts.filter(business_discussed=True).exists() and acts.filter(people__isnull=False)

    from eigyo.prospecting import call_stats
    from eigyo.prospecting.models import Call, CallScript

    calls = Call.objects.filter(org=org)
    assert calls.count() > 150 and calls.filter(activity__kind="call").count() == calls.count()
    script = CallScript.objects.get(org=org)
    _versions, (a, b) = call_stats.script_rows(calls)
    assert (a.variant, b.variant) == ("A", "B")
    assert b.rates["past_reception"].value > a.rates["past_reception"].value
    assert sorted(script.versions.values_list("variant", "number")) == [
        ("A", 1),
        ("A", 2),
        ("B", 1),
    ]
    assert calls.filter(outcome__label="アポ獲得").exists()

    from eigyo.contacts.models import Person as P
    from eigyo.contacts.models import Tie
    from eigyo.prospecting import warm_paths

    assert Tie.objects.filter(org=org, other__isnull=False).count() >= 40
    head = P.objects.filter(org=org, company__phone__gt="").first()  # someone at a prospect
    boss = Membership.objects.get(org=org, role="manager").user
    found = warm_paths.warmest_path(boss, [head], clock.today())
    assert found is not None and found.steps[0].ours and 2 <= found.path.hops <= 3

    from eigyo.followups.models import Notice
    from eigyo.prospecting.models import Favour

    assert Favour.objects.filter(org=org, direction="received", reported_on=None).count() == 1
    assert Favour.objects.filter(org=org, discount_request__isnull=False).exists()
    assert Notice.objects.filter(org=org, kind="report_back").count() == 1

    states = set(Lead.objects.filter(org=org).values_list("status", flat=True))
    assert states == {"new", "assigned", "accepted", "rejected"}

    first = snapshot(org)
    call_command("demo")  # idempotent: nothing changes
    assert snapshot(org) == first
    org2, rebuilt = demo.build(reset=True)  # seeded: a rebuild is the same book
    assert rebuilt and snapshot(org2) == first


@pytest.mark.django_db
def test_demo_has_privacy_records_and_an_intact_trail():
    from eigyo.audit import chain
    from eigyo.audit.models import AuditEvent, ProvisionRecord, SubjectRequest

    org, _built = demo.build()
    assert SubjectRequest.objects.filter(org=org, status="open").count() == 1
    assert ProvisionRecord.objects.filter(org=org, direction="received").count() == 12
    assert ProvisionRecord.objects.filter(org=org, source="export").count() == 5
    assert Person.objects.filter(org=org, use_ceased=True).count() == 1
    assert AuditEvent.objects.filter(org=org, action="view").count() == 40
    assert chain.verify(org.pk).ok
    org, built = demo.build(reset=True)  # a reset drops the trail with the organisation
    assert built and chain.verify(org.pk).ok


@pytest.mark.django_db
def test_the_demo_has_imported_business_cards():
    from eigyo.contacts.models import Person, Tie
    from eigyo.demo import builder
    from eigyo.transfer.models import CompanyImport

    org, _built = builder.build()
    assert CompanyImport.objects.filter(org=org, target="people", status="done").count() == 2
    ishikawa = Person.objects.get(org=org, email="k.ishikawa@example.co.jp")
    assert ishikawa.activities.count() == 2  # met twice: two card exchanges
    assert Tie.objects.get(person=ishikawa, source="card").user.email == "manager@demo.example"
    sasaki = Person.objects.get(org=org, email="m.sasaki@example.co.jp")
    assert Tie.objects.get(person=sasaki).user.email == "rep1@demo.example"
