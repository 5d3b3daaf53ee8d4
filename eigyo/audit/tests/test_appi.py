"""APPI: the register of data-subject requests and its deadline in the admins' inbox,
the disclosure package, erasure, cessation of use, records of third-party provision
and receipt, and leak triage."""

import csv
import datetime as dt
import io
import json

import pytest
from django.core.management import call_command
from django.utils import timezone

from eigyo.audit import chain, disclosure, erasure
from eigyo.audit.models import AuditEvent, ProvisionRecord, SubjectRequest
from eigyo.contacts.models import Person
from eigyo.core import clock
from eigyo.core.signals import personal_data_read, personal_data_received

pytestmark = pytest.mark.django_db


@pytest.fixture
def frozen():
    clock.freeze(timezone.make_aware(dt.datetime(2026, 11, 2, 9)))
    yield
    clock.freeze(None)


def _request(actors, book, **kw):
    values = dict(
        org=actors.org,
        kind="disclosure",
        requester="田中 太郎",
        person=book.person,
        received_on=dt.date(2026, 11, 2),
        due_on=dt.date(2026, 11, 16),
    )
    values.update(kw)
    return SubjectRequest.objects.create(**values)


def test_a_request_is_registered_with_its_deadline(book, actors, login, frozen):
    web = login(actors.admin)
    r = web.post(
        "/audit/requests/new/",
        {
            "kind": "disclosure",
            "requester": "田中 太郎",
            "person": book.person.pk,
            "received_on": "2026-11-02",
            "identity_check": "registered_email",
            "scope": "保有個人データの全部",
        },
    )
    assert r.status_code == 302
    req = SubjectRequest.objects.get()
    assert req.due_on == dt.date(2026, 11, 16) and req.handled_by == actors.admin
    assert req.status == "open"
    # closing it records the outcome and the day
    r = web.post(
        f"/audit/requests/{req.pk}/",
        {
            "kind": "disclosure",
            "requester": "田中 太郎",
            "person": book.person.pk,
            "received_on": "2026-11-02",
            "due_on": "2026-11-16",
            "identity_check": "registered_email",
            "status": "done",
            "outcome": "開示した",
            "sent": "JSON と CSV を電子メールで",
        },
    )
    assert r.status_code == 302
    req.refresh_from_db()
    assert req.closed_on == dt.date(2026, 11, 2) and req.sent.startswith("JSON")
    # bad input: a clear message, nothing saved
    r = web.post("/audit/requests/new/", {"kind": "nonsense", "received_on": "x"})
    assert r.status_code == 422 and SubjectRequest.objects.count() == 1


def test_only_the_admins_see_the_register(book, actors, login):
    req = _request(actors, book)
    other = _request(actors, book, org=actors.other_org, person=None)
    assert login(actors.admin).get(f"/audit/requests/{req.pk}/").status_code == 200
    for who in ("manager", "rep1", "partner_user", "marketing", "outsider"):
        web = login(getattr(actors, who))
        assert web.get(f"/audit/requests/{req.pk}/").status_code == 404, who
        assert web.post(f"/audit/requests/{req.pk}/", {"status": "done"}).status_code == 404
    assert login(actors.admin).get(f"/audit/requests/{other.pk}/").status_code == 404
    assert login(actors.rep1).get("/audit/requests/").status_code == 403


def test_the_deadline_is_in_the_admins_inbox(book, actors):
    from eigyo.followups import inbox
    from eigyo.followups.models import Notice

    req = _request(actors, book)
    inbox.collect_due(dt.date(2026, 11, 10))
    assert not Notice.objects.filter(kind__startswith="appi")
    inbox.collect_due(dt.date(2026, 11, 13))
    due = Notice.objects.get(kind="appi_request_due")
    assert due.user == actors.admin and "田中" not in due.subject
    inbox.collect_due(dt.date(2026, 11, 17))
    assert Notice.objects.get(kind="appi_request_overdue").user == actors.admin
    assert [i.notice.kind for i in inbox.items(actors.admin)][:1] == ["appi_request_overdue"]
    assert not inbox.items(actors.rep1, unread_only=False) or all(
        not i.notice.kind.startswith("appi") for i in inbox.items(actors.rep1)
    )
    req.status = "done"
    req.save()
    inbox.collect_due(dt.date(2026, 11, 18))
    assert Notice.objects.filter(kind__startswith="appi").count() == 2


def test_the_disclosure_package_holds_everything_about_the_person(book, actors, login, api):
    from eigyo.deals.models import Praise
    from eigyo.transfer.models import CompanyImport

    book.deal.notes = "田中部長は来期の予算を握っている"
    book.deal.save()
    book.instruction.asked = "田中 太郎さんに面談"
    book.instruction.save()
    Praise.objects.create(
        org=actors.org,
        deal=book.deal,
        about=book.person,
        to=book.partner_person,
        statement="丁寧",
        said_on=dt.date(2026, 11, 2),
    )
    CompanyImport.objects.create(
        org=actors.org,
        filename="展示会.csv",
        content="会社名,氏名\nトヨタ精機,田中 太郎\n他社,佐藤 花子\n",
    )
    web = login(actors.admin)
    page = web.get(f"/audit/people/{book.person.pk}/")
    assert page.status_code == 200
    pkg = page.context["package"]
    assert [r["id"] for r in pkg["activities"]["rows"]] == [book.activity.pk]
    assert [r["id"] for r in pkg["deals"]["rows"]] == [book.deal.pk]
    assert [r["id"] for r in pkg["promises"]["rows"]] == [book.promise.pk]
    assert len(pkg["stakeholder"]["rows"]) == 1 and len(pkg["praise"]["rows"]) == 1
    notes = json.dumps(pkg["notes"]["rows"], ensure_ascii=False)
    assert "来期の予算" in notes and "田中 太郎さんに面談" in notes
    assert pkg["imports"]["rows"][0]["file" if "file" in pkg["imports"]["rows"][0] else "ファイル"]
    lines = json.dumps(pkg["imports"]["rows"], ensure_ascii=False)
    assert "トヨタ精機,田中 太郎" in lines and "佐藤" not in lines
    assert pkg["audit"]["rows"]  # its creation at least
    # JSON and CSV downloads; each is recorded as an export
    data = json.loads(web.get(f"/audit/people/{book.person.pk}/disclosure.json").content)
    assert data["person"]["rows"][0]["id"] == book.person.pk
    body = web.get(f"/audit/people/{book.person.pk}/disclosure.csv").content.decode()
    assert body.startswith("\ufeff") and ["section", "record", "item", "value"] == next(
        csv.reader(io.StringIO(body.lstrip("\ufeff")))
    )
    assert AuditEvent.objects.filter(action="export", actor=actors.admin).count() == 2
    # the API gives the same package; others who see the person get 403
    assert api(actors.admin).get(f"/api/audit/people/{book.person.pk}/disclosure").json()["deals"]
    assert api(actors.rep1).get(f"/api/audit/people/{book.person.pk}/disclosure").status_code == 403
    assert login(actors.rep1).get(f"/audit/people/{book.person.pk}/").status_code == 403


def test_a_person_is_found_by_name_kana_email_or_phone(book, actors, login):
    book.person.email = "tanaka@toyota-seiki.example"
    book.person.phone = "03-1234-5678"
    book.person.save()
    web = login(actors.admin)
    for q in (
        "田中太郎",
        "田中",
        "タナカ",
        "たなか",
        "tanaka@toyota-seiki.example",
        "03-1234-5678",
    ):
        found = list(web.get("/audit/people/", {"q": q}).context["found"])
        assert book.person in found, q
        assert book.other_person not in found


def test_census_every_model_with_personal_data_is_disclosed_or_listed_as_not_personal():
    from django.apps import apps

    covered = disclosure.covered_labels()
    for m in apps.get_models():
        if not m.__module__.startswith("eigyo."):
            continue
        label = m._meta.label
        assert label in covered or disclosure.NOT_PERSONAL.get(label), label
    assert not covered & set(disclosure.NOT_PERSONAL)


def test_erasure_removes_the_person_everywhere_and_keeps_a_pseudonym(book, actors, login):
    from eigyo.prospecting.models import Lead
    from eigyo.transfer.models import CompanyImport

    book.person.email = "tanaka@toyota-seiki.example"
    book.person.save()
    book.activity.notes = "田中 太郎 様と面談。tanaka@toyota-seiki.example に資料送付"
    book.activity.save()
    book.deal.notes = "田中部長が決裁"
    book.deal.save()
    book.partner_person.notes = "田中太郎の部下"
    book.partner_person.save()
    upload = CompanyImport.objects.create(
        org=actors.org, filename="a.csv", content="氏名\n田中 太郎\n佐藤 花子\n"
    )
    lead = Lead.objects.create(
        org=actors.org,
        source="web_form",
        company_name="トヨタ精機",
        family_name="田中",
        given_name="太郎",
        email="tanaka@toyota-seiki.example",
        person=book.person,
        arrived_at=clock.now(),
        created_by=actors.marketing,
    )
    provided = ProvisionRecord.objects.filter(person=book.person).count()
    req = _request(actors, book, kind="deletion")
    pk = book.person.pk
    web = login(actors.admin)
    assert web.post(f"/audit/people/{pk}/erase/", {"confirm": "違う"}).status_code == 302
    assert Person.objects.filter(pk=pk).exists()  # not confirmed: nothing done
    r = web.post(f"/audit/people/{pk}/erase/", {"confirm": "田中", "request": req.pk})
    assert r.status_code == 302
    assert not Person.objects.filter(pk=pk).exists()
    book.activity.refresh_from_db()
    book.deal.refresh_from_db()
    book.partner_person.refresh_from_db()
    assert "田中" not in book.activity.notes and "tanaka@" not in book.activity.notes
    assert erasure.REMOVED in book.activity.notes and "資料送付" in book.activity.notes
    assert "田中" not in book.deal.notes and "田中" not in book.partner_person.notes
    assert "田中" not in CompanyImport.objects.get(pk=upload.pk).content
    assert "佐藤 花子" in CompanyImport.objects.get(pk=upload.pk).content
    lead.refresh_from_db()
    alias = erasure.pseudonym(actors.org.pk, pk)
    assert lead.family_name == alias and not lead.email
    # the trail: no trace of the names, a pseudonym, the chain intact
    for e in AuditEvent.objects.filter(org=actors.org):
        assert "田中" not in e.payload and "tanaka@" not in e.payload, e.seq
    done = AuditEvent.objects.get(action="erasure")
    assert done.data["pseudonym"] == alias and done.data["request"] == req.pk
    assert chain.verify(actors.org.pk).ok
    req.refresh_from_db()
    assert req.status == "done" and req.requester == alias and req.person is None
    kept = ProvisionRecord.objects.filter(person_label=alias)
    assert kept.count() == provided  # provision records stay, under the pseudonym


def test_a_blanked_event_without_an_erasure_is_found(book, actors):
    e = AuditEvent.objects.filter(org=actors.org).last()
    AuditEvent.objects.filter(pk=e.pk).update(payload="{}", redacted=True)
    assert any("without an erasure" in p for p in chain.verify(actors.org.pk).problems)


def test_cessation_of_use_keeps_the_record_but_not_its_use(book, actors, login):
    web = login(actors.admin)
    partner = login(actors.partner_user)
    assert partner.get(f"/people/{book.partner_person.pk}/").status_code == 200
    r = web.post(f"/audit/people/{book.partner_person.pk}/use/", {"action": "cease"})
    assert r.status_code == 302
    book.partner_person.refresh_from_db()
    assert book.partner_person.use_ceased
    assert book.partner_person not in Person.objects.in_use()
    assert partner.get(f"/people/{book.partner_person.pk}/").status_code == 404
    assert web.get(f"/people/{book.partner_person.pk}/").status_code == 200  # kept
    e = AuditEvent.objects.filter(object_id=str(book.partner_person.pk), action="update").last()
    assert e.data["changes"]["use_ceased"] == [False, True]
    web.post(f"/audit/people/{book.partner_person.pk}/use/", {"action": "resume"})
    web.post(f"/audit/people/{book.partner_person.pk}/use/", {"action": "stop_provision"})
    book.partner_person.refresh_from_db()
    assert not book.partner_person.use_ceased and book.partner_person.provision_stopped
    assert book.partner_person not in Person.objects.shareable()
    assert partner.get(f"/people/{book.partner_person.pk}/").status_code == 404


def test_provision_records_are_written_when_a_partner_comes_to_see_people(book, actors):
    from eigyo.deals.models import Stakeholder

    # the book's partner person was created at the partner's company: recorded then
    first = ProvisionRecord.objects.get(person=book.partner_person)
    assert first.partner == actors.partner and first.direction == "provided"
    assert first.keep_until == clock.today() + dt.timedelta(days=1096)
    # a company assigned to a partner brings its people
    book.company.partner = actors.partner2
    book.company.save()
    rec = ProvisionRecord.objects.get(person=book.person, partner=actors.partner2)
    assert rec.source == "partner" and "email" in rec.items and rec.basis
    # a stakeholder added to a partner's deal
    Stakeholder.objects.create(org=actors.org, deal=book.partner_deal, person=book.person)
    assert ProvisionRecord.objects.filter(person=book.person, partner=actors.partner).exists()
    # not someone who stopped it
    p = Person.objects.create(org=actors.org, family_name="停止", provision_stopped=True)
    p.company = book.partner_company
    p.save()
    assert not ProvisionRecord.objects.filter(person=p).exists()
    # immutable
    with pytest.raises(PermissionError):
        rec.save()
    with pytest.raises(PermissionError):
        rec.delete()
    assert AuditEvent.objects.filter(action="provision").exists()


def test_an_export_for_a_third_party_and_a_received_list_are_recorded(book, actors, login, api):
    personal_data_read.send(
        Person,
        user=actors.admin,
        model=Person,
        pks=[book.person.pk],
        action="export",
        via="people.csv",
        items=["name", "email"],
        recipient={"name": "株式会社展示会事務局", "address": "東京都港区"},
        basis="本人の同意",
    )
    rec = ProvisionRecord.objects.get(counterparty="株式会社展示会事務局")
    assert rec.source == "export" and rec.items == ["name", "email"]
    personal_data_received.send(
        Person,
        user=actors.admin,
        model=Person,
        pks=[book.person.pk],
        provider="名簿業者A",
        obtained="展示会の来場者登録(本人同意)",
        source="import:7",
    )
    got = ProvisionRecord.objects.get(direction="received")
    assert got.counterparty == "名簿業者A" and got.obtained.startswith("展示会")
    assert AuditEvent.objects.filter(action="receipt").exists()
    # filterable by recipient and person, page and API
    web = login(actors.admin)
    page = web.get("/audit/provision/", {"recipient": "展示会"})
    assert [r.pk for r in page.context["page"].object_list] == [rec.pk]
    page = web.get("/audit/provision/", {"person": book.person.pk, "direction": "received"})
    assert [r.pk for r in page.context["page"].object_list] == [got.pk]
    rows = api(actors.admin).get("/api/audit/provision", {"recipient": "名簿"}).json()["items"]
    assert [r["id"] for r in rows] == [got.pk]
    assert login(actors.manager).get("/audit/provision/").status_code == 403


def test_leak_triage_for_a_token(book, actors, api, login, capsys):
    from eigyo.accounts.models import ApiToken

    stolen = api(actors.rep1)
    stolen.get("/api/people")
    stolen.get(f"/api/people/{book.person.pk}")
    token = ApiToken.objects.filter(user=actors.rep1).latest("pk")
    login(actors.rep1).get(f"/people/{book.partner_person.pk}/")  # the session, not the token
    today = clock.today().isoformat()
    web = login(actors.admin)
    page = web.get("/audit/triage/", {"token": token.pk, "date_from": today, "date_to": today})
    result = page.context["result"]
    assert result.count == 2 and len(result.events) == 2
    tanaka = next(p for p in result.people if p.person_id == book.person.pk)
    assert tanaka.times == 2 and "email" in tanaka.items
    by_user = web.get(
        "/audit/triage/", {"user": actors.rep1.pk, "date_from": today, "date_to": today}
    ).context["result"]
    assert len(by_user.events) == 3
    data = api(actors.admin).get(
        "/api/audit/triage", {"token": token.pk, "date_from": today, "date_to": today}
    )
    assert data.json()["people"] == 2
    assert api(actors.admin).get("/api/audit/triage", {"date_from": "x"}).status_code == 422
    call_command(
        "audit",
        "triage",
        "--org",
        "acme",
        "--token",
        str(token.pk),
        "--from",
        today,
        "--to",
        today,
        "--format",
        "json",
    )
    assert json.loads(capsys.readouterr().out)["people"] == 2
    assert web.get("/audit/triage/", {"date_from": "bad"}).status_code == 200


def test_api_events_and_requests(book, actors, api):
    admin = api(actors.admin)
    rows = admin.get("/api/audit/events", {"object_type": "contacts.person"}).json()["items"]
    assert rows and all(r["object_type"] == "contacts.person" for r in rows)
    assert api(actors.rep1).get("/api/audit/events").status_code == 403
    r = admin.post(
        "/api/audit/requests",
        data={"kind": "cessation", "requester": "木村 聡", "received_on": "2026-11-02"},
        content_type="application/json",
    )
    assert r.status_code == 201 and r.json()["due_on"] == "2026-11-16"
    r = admin.post(
        "/api/audit/requests",
        data={"kind": "x", "requester": "", "received_on": "2026-11-02"},
        content_type="application/json",
    )
    assert r.status_code == 422 and {e["field"] for e in r.json()["errors"]} >= {"kind"}


def test_provision_records_leave_only_after_their_retention(book, actors, settings):
    """A partner's access is continuous provision: its records are kept while it goes
    on and the retention from its end (TRUST.md), then pruned."""
    from eigyo.audit import provision

    rec = ProvisionRecord.objects.get(person=book.partner_person)
    days = dt.timedelta(days=settings.EIGYO_PROVISION_RETENTION_DAYS)
    later = rec.keep_until + dt.timedelta(days=400)  # the partner still sees them then
    assert provision.prune_expired(later) == 0
    rec.refresh_from_db()
    assert rec.keep_until == later + days
    # The partner stops seeing them (the company is unassigned): kept from that day.
    company = book.partner_person.company
    company.partner = None
    company.save()
    rec.refresh_from_db()
    assert rec.keep_until == max(later, clock.today()) + days
    end = rec.keep_until
    assert provision.prune_expired(end) == 0
    assert provision.prune_expired(end + dt.timedelta(days=1)) == 1
    assert not ProvisionRecord.objects.filter(pk=rec.pk).exists()
    assert AuditEvent.objects.filter(action="prune", object_type="audit.provisionrecord")
    assert chain.verify(actors.org.pk).ok


def test_a_provision_that_ended_is_kept_from_its_end(book, actors, settings):
    """Unassigned in the third year: the record outlives its first keep_until."""
    from eigyo.audit import provision

    rec = ProvisionRecord.objects.get(person=book.partner_person)
    first = rec.keep_until
    clock.freeze(
        timezone.make_aware(dt.datetime.combine(first, dt.time(9))) - dt.timedelta(days=30)
    )
    try:
        company = book.partner_person.company
        company.partner = None
        company.save()
    finally:
        clock.freeze(None)
    assert provision.prune_expired(first + dt.timedelta(days=1)) == 0
    rec.refresh_from_db()
    assert rec.keep_until == first - dt.timedelta(days=30) + dt.timedelta(
        days=settings.EIGYO_PROVISION_RETENTION_DAYS
    )
