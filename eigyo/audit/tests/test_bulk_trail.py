"""Bulk writes in the audit trail: an import's rows are recorded in batches (one
event per batch, every row's values in it), a row's history, a disclosure and an
erasure each see just that row, moves by a merge and a removed own field keep their
old → new, and the chain of no organisation has one head."""

import datetime as dt
import json

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from eigyo.audit import access as audit_access
from eigyo.audit import chain, disclosure, erasure, history, tracking
from eigyo.audit.models import AuditChain, AuditEvent, AuditSubject
from eigyo.companies.models import Company
from eigyo.contacts.models import Person, Tie
from eigyo.core import clock
from eigyo.transfer import services

pytestmark = pytest.mark.django_db

HEAD = "会社名,部署名,役職,姓,名,e-mail,郵便番号,住所,TEL会社,TEL部門,TEL直通,Fax,携帯電話,URL,名刺交換日\r\n"
FAMILY = ["佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "山本", "中村", "小林", "加藤"]


def eight(n: int) -> str:
    rows = [
        f"{FAMILY[i % 10]}工業株式会社{i},営業部,課長,{FAMILY[i % 10]},太郎{i},"
        f"p{i}@firm{i}.example.jp,,,,,,,,,2026/04/{1 + i % 28:02d}"
        for i in range(n)
    ]
    return HEAD + "\r\n".join(rows) + "\r\n"


@pytest.fixture(autouse=True)
def monday():
    clock.freeze(timezone.make_aware(dt.datetime(2026, 12, 7, 10)))
    yield
    clock.freeze(None)


@pytest.fixture
def small_batches(monkeypatch):
    monkeypatch.setattr(tracking, "FEW_ROWS", 5)
    monkeypatch.setattr(tracking, "BATCH_ROWS", 10)


def test_an_import_is_recorded_in_batches_and_each_row_keeps_its_history(actors, small_batches):
    services.commit_people(eight(25), by=actors.manager)
    people = list(Person.objects.filter(org=actors.org).order_by("pk"))
    assert len(people) == 25
    made = AuditEvent.objects.filter(object_type="contacts.person", action="create")
    assert made.count() == 3  # 10 + 10 + 5 rows, not 25 events
    assert set(made.values_list("object_id", flat=True)) == {""}
    assert all(e.actor == actors.manager and e.data["count"] in (10, 5) for e in made)
    assert sorted(r[0] for e in made for r in e.data["rows"]) == [p.pk for p in people]
    # Every person's creation is found by the events' id ranges (as a disclosure and
    # an erasure look), without a subject row per person.
    for p in people:
        found = made.filter(AuditEvent.about("contacts.person", p.pk))
        assert [r[0] for e in found for r in e.data["rows"] if r[0] == p.pk] == [p.pk]
    assert not AuditSubject.objects.filter(event__in=made).exists()
    # The cards' ties and exchanges are recorded too, each naming its person.
    ties = AuditEvent.objects.filter(object_type="contacts.tie", action="create")
    assert sum(e.data["count"] for e in ties) == Tie.objects.count() == 25
    assert chain.verify(actors.org.pk).ok

    one = people[13]
    lines = history.lines(audit_access.history_of(actors.manager, one), pk=one.pk)
    created = [line for line in lines if line.event.action == "create"]
    assert len(created) == 1
    shown = {label: new for label, _old, new in created[0].changes}
    assert "太郎13" in shown.values() and "p13@firm13.example.jp" in shown.values()
    assert "太郎12" not in shown.values()
    assert created[0].who == str(actors.manager)


def test_a_disclosure_and_an_erasure_touch_only_the_persons_rows(actors, small_batches):
    services.commit_people(eight(12), by=actors.manager)
    people = list(Person.objects.filter(org=actors.org).order_by("pk"))
    target, other = people[3], people[4]
    package = disclosure.package(target)
    text = json.dumps(package["audit"], ensure_ascii=False, default=str)
    assert "太郎3" in text and "p3@firm3.example.jp" in text
    assert "太郎4" not in text and "p4@firm4.example.jp" not in text

    erasure.erase(target, by=actors.admin)
    events = AuditEvent.objects.filter(object_type="contacts.person", object_id="")
    payloads = " ".join(e.payload for e in events)
    assert "p3@firm3.example.jp" not in payloads and "太郎3," not in payloads
    assert "p4@firm4.example.jp" in payloads  # the others' record stays
    still = history.lines(audit_access.history_of(actors.manager, other), pk=other.pk)
    assert any(line.event.action == "create" for line in still)
    assert chain.verify(actors.org.pk).ok


def test_verify_finds_a_changed_range(actors, small_batches):
    services.commit_people(eight(8), by=actors.manager)
    e = AuditEvent.objects.filter(object_type="contacts.person", object_id="").first()
    AuditEvent.objects.filter(pk=e.pk).update(first_id=e.first_id + 1)
    verdict = chain.verify(actors.org.pk)
    assert not verdict.ok and any("range" in p for p in verdict.problems)


def test_a_merge_records_every_moved_row_old_to_new(actors, small_batches):
    from eigyo.companies import services as company_services
    from eigyo.companies.models import Company

    kept = Company.objects.create(org=actors.org, legal_name="東海化成株式会社")
    merged = Company.objects.create(org=actors.org, legal_name="東海化成（株）")
    moved = [
        Person.objects.create(org=actors.org, company=merged, family_name="山田", given_name=str(i))
        for i in range(7)
    ]
    gone = merged.pk
    company_services.merge_companies(kept, merged, by=actors.admin)
    e = AuditEvent.objects.get(object_type="contacts.person", object_id="", action="update")
    assert e.actor == actors.admin
    assert e.data["rows"] == [[p.pk, {"company_id": [gone, kept.pk]}] for p in moved]
    lines = history.lines(audit_access.history_of(actors.admin, moved[2]), pk=moved[2].pk)
    assert any(line.event == e and line.changes for line in lines)


def test_removing_an_own_field_records_each_companys_old_value(actors, fields):
    from eigyo.companies import own_fields
    from eigyo.companies.models import Company

    field = fields["memo"]
    firms = [
        Company.objects.create(
            org=actors.org, legal_name=f"株式会社テスト{i}", custom={field.key: f"値{i}"}
        )
        for i in range(3)
    ]
    own_fields.delete_field(field)
    for i, firm in enumerate(firms):
        e = AuditEvent.objects.filter(
            object_type="companies.company", object_id=str(firm.pk), action="update"
        ).last()
        old, new = e.data["changes"]["custom"]
        assert old[field.key] == f"値{i}" and field.key not in new


def test_the_chain_of_no_organisation_has_one_head(db):
    AuditChain.objects.create(org=None)
    with pytest.raises(IntegrityError), transaction.atomic():
        AuditChain.objects.create(org=None)
    tracking.record("login_failed", org_id=None, actor_label="x@y.example")
    assert AuditChain.objects.filter(org__isnull=True).count() == 1
    assert chain.verify(None).ok


@pytest.mark.django_db(transaction=True)
def test_concurrent_failed_logins_of_unknown_addresses_keep_one_chain():
    """Eight writers start the chain of no organisation at once (PostgreSQL: real
    concurrent transactions; SQLite serialises writers and has nothing to show)."""
    import threading

    from django.db import connection, connections

    if connection.vendor != "postgresql":
        pytest.skip("concurrent writers need PostgreSQL (run the suite with DATABASE_URL)")
    start = threading.Barrier(8)

    def writer(n):
        try:
            start.wait()
            for i in range(5):
                with transaction.atomic():
                    tracking.record("login_failed", org_id=None, actor_label=f"w{n}-{i}@x.example")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert AuditChain.objects.filter(org__isnull=True).count() == 1
    assert AuditEvent.objects.filter(org__isnull=True).count() == 40
    assert chain.verify(None).ok


def test_rows_inserted_as_plain_values_are_recorded(actors, small_batches):
    from eigyo.core import actor, writes

    firm = Person.objects.create(org=actors.org, family_name="山田", given_name="花子")
    columns = ["org_id", "user_id", "person_id", "source", "strength"]
    values = [(actors.org.pk, actors.rep1.pk, firm.pk, "card", i / 100) for i in range(12)]
    pks = list(range(9000, 9012))
    with actor.acting(actors.rep1):
        writes.created_values(Tie, pks, columns, values)
    made = AuditEvent.objects.filter(object_type="contacts.tie", object_id="")
    assert [e.data["count"] for e in made.order_by("seq")] == [10, 2]
    assert all(e.actor == actors.rep1 and e.org_id == actors.org.pk for e in made)
    assert AuditSubject.objects.filter(event__in=made, person_id=firm.pk).count() == 2
    e = made.order_by("seq").first()
    assert tracking.row_changes(e, 9003)["strength"] == [None, 0.03]


def test_history_lines_show_labels_and_dates_as_people_read_them(book, actors):
    from django.utils import translation

    with translation.override("ja"):
        lines = history.lines(
            audit_access.history_of(actors.rep1, book.activity), pk=book.activity.pk
        )
        created = next(line for line in lines if line.event.action == "create")
        shown = {label: new for label, _old, new in created.changes}
    assert shown["種別"] == "訪問"  # the choice's label, not its key "visit"
    assert shown["日時"].startswith("2026年") and "T" not in shown["日時"]


def test_equal_instants_in_two_zones_are_recorded_as_written(actors, small_batches):
    """The record converts each distinct day once; an instant in another zone is
    another value, not the first one's text."""
    from eigyo.activities.models import Activity
    from eigyo.core import writes

    jst = timezone.make_aware(dt.datetime(2026, 12, 7, 10))
    utc = jst.astimezone(dt.UTC)
    company = Company.objects.create(org=actors.org, legal_name="東海化成株式会社")
    columns = ["org_id", "kind", "occurred_at", "company_id", "owner_id"]
    values = [
        (actors.org.pk, "meeting", when, company.pk, actors.rep1.pk)
        for when in (jst, utc, jst, utc, jst, utc)
    ]
    writes.created_values(Activity, list(range(7000, 7006)), columns, values, by=actors.rep1)
    (event,) = AuditEvent.objects.filter(object_type="activities.activity", object_id="")
    at = event.data["fields"].index("occurred_at")
    written = [row[1 + at] for row in event.data["rows"]]
    assert written == [jst.isoformat(), utc.isoformat()] * 3
    assert written[0] != written[1]
