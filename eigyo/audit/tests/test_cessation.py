"""Cessation of use (APPI 利用停止): a person whose use has ceased is kept but named in
no e-mail (a notice's own e-mail, the 08:00 digest), no inbox line (page, API, the
unread count) and no export; lifting it brings them back. Real SMTP (aiosmtpd)."""

import csv
import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from eigyo.audit import requests as appi
from eigyo.conftest import company
from eigyo.contacts.models import Person
from eigyo.core import clock
from eigyo.followups import inbox
from eigyo.followups.tests.conftest import smtp  # noqa: F401 (fixture)
from eigyo.prospecting import lead_services
from eigyo.prospecting.models import Favour, Lead


def at(y, m, d, h=9, mi=0):
    clock.freeze(timezone.make_aware(dt.datetime(y, m, d, h, mi)))


@pytest.fixture(autouse=True)
def release_clock():
    yield
    clock.freeze(None)


@pytest.fixture
def two(actors):
    """田中 (use ceased) and 佐藤 (in use), each behind a report back and a lead of rep1's."""
    at(2026, 12, 7)
    firm = company(actors, "ABC商事株式会社")
    tanaka = Person.objects.create(
        org=actors.org, company=firm, family_name="田中", given_name="一郎"
    )
    sato = Person.objects.create(
        org=actors.org, company=firm, family_name="佐藤", given_name="次郎"
    )
    for who in (tanaka, sato):
        Favour.objects.create(
            org=actors.org,
            direction=Favour.Direction.RECEIVED,
            kind=Favour.Kind.INTRODUCTION,
            counterpart=who,
            ours=actors.rep1,
            on=dt.date(2026, 12, 3),
            report_back_by=dt.date(2026, 12, 10),
        )
        lead = Lead.objects.create(
            org=actors.org,
            source="web_form",
            company_name="ABC商事株式会社",
            family_name=who.family_name,
            given_name=who.given_name,
            person=who,
            arrived_at=clock.now(),
            created_by=actors.marketing,
        )
        lead_services.assign(lead, actors.rep1, by=actors.marketing)
    appi.set_use(tanaka, ceased=True, by=actors.admin)
    return tanaka, sato


def texts(messages) -> str:
    return "\n".join(
        m["Subject"] + m.get_body(("plain",)).get_content() + m.get_body(("html",)).get_content()
        for m in messages
    )


@pytest.mark.django_db
def test_no_email_digest_or_inbox_line_names_a_person_whose_use_has_ceased(
    two,
    actors,
    login,
    api,
    smtp,  # noqa: F811
):
    tanaka, sato = two
    at(2026, 12, 9, 8, 30)  # Wednesday, the day before the report back; digest hour
    call_command("remind", verbosity=0)
    mail = smtp.to(actors.rep1.email)
    sent = texts(mail)
    # 佐藤's report back and lead each have their e-mail and are in the digest …
    about_sato = [m["Subject"] for m in mail if "佐藤" in m["Subject"]]
    assert any("Report back" in s for s in about_sato), about_sato
    assert any("A lead for you" in s for s in about_sato), about_sato
    (digest,) = [m for m in mail if "agenda" in m["Subject"]]
    assert "佐藤" in digest.get_body(("plain",)).get_content()
    # … 田中 is in none of them.
    assert "田中" not in sent
    # Plain text is not HTML-escaped ("A lead's deadline …", not "lead&#x27;s").
    plain = [m["Subject"] + m.get_body(("plain",)).get_content() for m in mail]
    assert any("lead's" in p for p in plain) and not any("&#" in p for p in plain)
    # The inbox: page, API and the count agree.
    page = login(actors.rep1).get("/inbox/").content.decode()
    assert "佐藤" in page and "田中" not in page
    listed = api(actors.rep1).get("/api/inbox").json()
    assert listed["unread"] == len(listed["items"]) == len(about_sato)
    assert not any("田中" in i["text"] for i in listed["items"])
    # Lifting the cessation brings them back (the report back is collected now).
    appi.set_use(tanaka, ceased=False, by=actors.admin)
    at(2026, 12, 9, 8, 40)
    call_command("remind", verbosity=0)
    later = [m["Subject"] for m in smtp.to(actors.rep1.email)[len(mail) :]]
    assert any("Report back" in s and "田中" in s for s in later), later
    assert any("A lead for you" in s and "田中" in s for s in later), later
    assert inbox.unread_count(actors.rep1) == 2 * len(about_sato)


@pytest.mark.django_db
def test_the_activities_export_leaves_out_whom_we_met_if_their_use_has_ceased(two, actors, login):
    from eigyo.activities.models import Activity

    tanaka, sato = two
    visit = Activity.objects.create(
        org=actors.org,
        company=tanaka.company,
        owner=actors.rep1,
        kind="visit",
        occurred_at=clock.now(),
    )
    visit.people.add(tanaka, sato)
    rows = list(
        csv.reader(io.StringIO(login(actors.rep1).get("/export/activities.csv").content.decode()))
    )
    met = rows[1][[str(h) for h in rows[0]].index("people met")]
    assert "佐藤" in met and "田中" not in met


@pytest.mark.django_db
def test_list_exports_name_whose_data_they_hold_and_leave_out_ceased_leads(two, actors, login):
    """The activities and leads exports record the people in them (leak triage, the
    disclosure package); a lead about someone whose use has ceased is not exported."""
    from eigyo.activities.models import Activity
    from eigyo.audit.models import AuditEvent

    tanaka, sato = two
    visit = Activity.objects.create(
        org=actors.org, company=sato.company, owner=actors.rep1, occurred_at=clock.now()
    )
    visit.people.add(tanaka, sato)
    login(actors.rep1).get("/export/activities.csv")
    event = AuditEvent.objects.filter(action="export", object_type="activities.activity").last()
    assert set(event.subjects.values_list("person_id", flat=True)) == {sato.pk}
    leads = login(actors.marketing).get("/export/leads.csv").content.decode()
    assert "佐藤" in leads and "田中" not in leads
    event = AuditEvent.objects.filter(action="export", object_type="prospecting.lead").last()
    assert set(event.subjects.values_list("person_id", flat=True)) == {sato.pk}
