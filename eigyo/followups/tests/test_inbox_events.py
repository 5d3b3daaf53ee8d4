"""What lands in whose inbox: each event once, for the people it concerns, never for
the one who acted; what falls due with the calendar once per step; and the e-mails
and the morning digest told from the same notices."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation

from eigyo.core import clock
from eigyo.deals.models import Promise
from eigyo.followups import inbox
from eigyo.followups.models import Instruction, Milestone, Notice, Reminder, SeniorVisit


def at(y, m, d, h=9):
    clock.freeze(timezone.make_aware(dt.datetime(y, m, d, h, 0)))


@pytest.fixture(autouse=True)
def release_clock():
    yield
    clock.freeze(None)


def kinds(user) -> list[str]:
    return sorted(Notice.objects.filter(user=user).values_list("kind", flat=True))


@pytest.mark.django_db
def test_an_instruction_tells_each_side_what_the_other_did(actors, login, api):
    at(2026, 12, 7)
    boss, rep = login(actors.manager), login(actors.rep1)
    response = boss.post(
        reverse("followups:create"),
        {
            "kind": "instruction",
            "subject": "品質保証部長に面談",
            "asked": "日程を決める",
            "owner": actors.rep1.pk,
            "milestone_on_0": "2026-12-18",
            "milestone_title_0": "面談日程の確定",
        },
    )
    assert response.status_code == 302
    ins = Instruction.objects.get()
    assert kinds(actors.rep1) == ["instruction_issued"] and kinds(actors.manager) == []
    (issued,) = Notice.objects.filter(user=actors.rep1)
    assert issued.actor == actors.manager and issued.target == ins

    url = ins.get_absolute_url()
    rep.post(url, {"action": "acknowledge"})
    rep.post(url, {"action": "acknowledge"})  # the first time counts, once
    rep.post(url, {"action": "update", "text": "候補日を3つ提示しました"})
    boss.post(url, {"action": "update", "text": "ありがとう。先方の部長の都合は？"})
    rep.post(url, {"action": "done", "milestone": ins.milestones.get().pk})
    boss.post(url, {"action": "close"})
    assert kinds(actors.manager) == [
        "instruction_acknowledged",
        "instruction_update",
        "milestone_done",
    ]
    assert kinds(actors.rep1) == ["instruction_done", "instruction_issued", "instruction_update"]
    assert not Notice.objects.exclude(user__in=[actors.rep1, actors.manager]).exists()

    # Given to someone else, the new owner hears of it; the old one's line stays theirs.
    admin = api(actors.admin)
    reopened = admin.patch(
        f"/api/instructions/{ins.pk}",
        {"status": "open", "owner": actors.rep2.pk},
        content_type="application/json",
    )
    assert reopened.status_code == 200, reopened.content
    ins.refresh_from_db()
    assert ins.owner == actors.rep2
    assert kinds(actors.rep2) == ["instruction_issued"]


@pytest.mark.django_db
def test_milestone_steps_and_promises_land_once_for_the_right_people(book, actors):
    Milestone.objects.filter(pk=book.milestone.pk).update(due_on=dt.date(2026, 12, 11))
    Instruction.objects.filter(pk=book.instruction.pk).update(
        issued_at=timezone.make_aware(dt.datetime(2026, 12, 1, 10))
    )
    Promise.objects.filter(pk=book.promise.pk).update(due_on=dt.date(2026, 12, 14))

    assert inbox.collect_due(dt.date(2026, 12, 9)) == 0  # nothing due yet
    assert inbox.collect_due(dt.date(2026, 12, 10)) == 1  # the day before: the reminder
    assert inbox.collect_due(dt.date(2026, 12, 10)) == 0  # idempotent
    assert kinds(actors.rep1) == ["reminder"]
    # Passed on Friday 12/11 in silence: overdue on Monday 12/14 (with the promise due
    # that day), the manager told two business days later.
    inbox.collect_due(dt.date(2026, 12, 14))
    assert kinds(actors.rep1) == ["overdue", "promise", "reminder"]
    assert kinds(actors.manager) == []
    inbox.collect_due(dt.date(2026, 12, 16))
    (escalation,) = Notice.objects.filter(user=actors.manager)
    assert escalation.kind == "escalation" and escalation.actor == actors.rep1
    assert escalation.target == book.milestone
    with translation.override("en"):
        (item,) = inbox.items(actors.manager)
    assert item.text == (
        "No word from 鈴木 大輔 since the milestone of Fri 11 Dec 2026: 日程確定 · 品質保証部長に面談"
    )
    assert item.url == book.instruction.get_absolute_url() + "#milestones"
    with translation.override("ja"):
        (item,) = inbox.items(actors.manager)
    assert "鈴木 大輔" in item.text and "2026年12月11日(金)" in item.text
    # A rep whose team has no manager: the admins hear.
    m2 = Milestone.objects.create(
        org=actors.org, instruction=book.instruction2, title="提出", due_on=dt.date(2026, 12, 11)
    )
    Instruction.objects.filter(pk=book.instruction2.pk).update(
        issued_at=timezone.make_aware(dt.datetime(2026, 12, 1, 10))
    )
    inbox.collect_due(dt.date(2026, 12, 16))
    assert Notice.objects.get(user=actors.admin, kind="escalation").target == m2


@pytest.mark.django_db
def test_a_page_brings_the_users_inbox_up_to_date(book, actors, login):
    """Between the worker's rounds the header count is still right."""
    Instruction.objects.filter(pk=book.instruction.pk).update(
        issued_at=timezone.make_aware(dt.datetime(2026, 11, 10, 10))
    )
    at(2026, 12, 1)  # the book's milestone of 11/20 has passed in silence
    web = login(actors.rep1)
    page = web.get(reverse("agenda:home"))
    assert b'data-testid="inbox-unread"' in page.content
    assert set(kinds(actors.rep1)) >= {"overdue", "promise"}


@pytest.mark.django_db
def test_senior_visit_request_and_answer(book, actors, login):
    at(2026, 12, 7)
    rep, boss = login(actors.rep1), login(actors.manager)
    data = {
        "company": book.company.pk,
        "senior": actors.manager.pk,
        "why": "値上げのご説明に部長同行",
        "by_date": "2026-12-18",
    }
    assert (
        rep.post(reverse("followups:simple_create", args=["senior-visits"]), data).status_code
        == 302
    )
    visit = SeniorVisit.objects.get()
    assert kinds(actors.manager) == ["senior_visit_requested"]
    boss.post(
        reverse("followups:simple_edit", args=["senior-visits", visit.pk]),
        {**data, "status": "scheduled", "scheduled_for": "2026-12-16T10:00"},
    )
    (answer,) = Notice.objects.filter(user=actors.rep1)
    assert answer.kind == "senior_visit_scheduled" and answer.day == dt.date(2026, 12, 16)
    assert answer.actor == actors.manager


@pytest.mark.django_db
def test_the_emails_are_told_from_the_inbox(book, actors, smtp):
    Milestone.objects.filter(pk=book.milestone.pk).update(due_on=dt.date(2026, 12, 11))
    Instruction.objects.filter(pk=book.instruction.pk).update(
        issued_at=timezone.make_aware(dt.datetime(2026, 12, 1, 10))
    )
    Promise.objects.filter(pk=book.promise.pk).update(due_on=dt.date(2026, 12, 30))
    inbox.notify(
        to=actors.rep1,
        kind="instruction_issued",
        key="issued:x",
        target=book.instruction,
        subject="品質保証部長に面談",
        day=dt.date(2026, 12, 1),
        actor=actors.manager,
    )
    read = inbox.notify(
        to=actors.manager,
        kind="instruction_acknowledged",
        key="ack:x",
        target=book.instruction,
        subject="品質保証部長に面談",
        day=dt.date(2026, 12, 1),
        actor=actors.rep1,
    )
    at(2026, 12, 10, 7)  # before the digest hour
    call_command("remind", verbosity=0)
    call_command("remind", verbosity=0)
    subjects = sorted(m["Subject"] for m in smtp.to(actors.rep1.email))
    # rep1 reads English: the instruction given, and the milestone's reminder.
    assert len(subjects) == 2
    assert any("gave you an instruction" in s for s in subjects)
    assert any("Reminder" in s and "日程確定" in s for s in subjects)
    # An acknowledgement is not worth its own e-mail: it waits for the digest.
    assert smtp.to(actors.manager.email) == []
    assert Reminder.objects.filter(notice__isnull=False).count() == 2

    at(2026, 12, 10, 8)  # the manager's digest lists what is unread in the inbox
    call_command("remind", verbosity=0)
    (digest,) = smtp.to(actors.manager.email)
    body = digest.get_body(("plain",)).get_content()
    assert "受信箱" in body and "鈴木 大輔" in body and "品質保証部長に面談" in body
    inbox.mark_read(read, by=actors.manager)
    at(2026, 12, 11, 8)
    call_command("remind", verbosity=0)
    second = [m for m in smtp.to(actors.manager.email) if m is not digest]
    assert second and "受信箱" not in second[0].get_body(("plain",)).get_content()


@pytest.mark.django_db
def test_a_notice_read_before_the_worker_runs_is_not_emailed(book, actors, smtp):
    at(2026, 12, 10, 7)
    n = inbox.notify(
        to=actors.rep1,
        kind="instruction_issued",
        key="issued:y",
        target=book.instruction,
        subject="件",
        day=dt.date(2026, 12, 10),
        actor=actors.manager,
    )
    inbox.mark_read(n, by=actors.rep1)
    Milestone.objects.filter(pk=book.milestone.pk).update(done_on=dt.date(2026, 11, 20))
    Promise.objects.filter(pk=book.promise.pk).update(status="kept")
    call_command("remind", verbosity=0)
    assert smtp.to(actors.rep1.email) == []


@pytest.mark.django_db
def test_out_of_sight_is_out_of_the_inbox_and_the_email(book, actors, smtp):
    """Given to someone else, an instruction leaves the old owner's inbox and e-mail."""
    at(2026, 12, 10, 7)
    inbox.notify(
        to=actors.rep1,
        kind="instruction_issued",
        key="issued:z",
        target=book.instruction,
        subject="件",
        day=dt.date(2026, 12, 10),
        actor=actors.manager,
    )
    Milestone.objects.filter(pk=book.milestone.pk).update(done_on=dt.date(2026, 11, 20))
    Promise.objects.filter(pk=book.promise.pk).update(status="kept")
    assert inbox.unread_count(actors.rep1) == 1
    Instruction.objects.filter(pk=book.instruction.pk).update(owner=actors.rep2)
    assert inbox.unread_count(actors.rep1) == 0 and inbox.items(actors.rep1) == []
    call_command("remind", verbosity=0)
    assert smtp.to(actors.rep1.email) == []
    assert Reminder.objects.get(notice__key="issued:z").status == Reminder.Status.SKIPPED


@pytest.mark.django_db
def test_nobody_is_told_of_their_own_doing(book, actors):
    assert (
        inbox.notify(
            to=actors.rep1,
            kind="instruction_update",
            key="u",
            target=book.instruction,
            subject="件",
            day=dt.date(2026, 12, 1),
            actor=actors.rep1,
        )
        is None
    )
    assert not Notice.objects.exists()


@pytest.mark.django_db
def test_a_notice_is_of_a_declared_kind_about_its_own_kind_of_object(book, actors):
    with pytest.raises(ValueError):
        inbox.notify(
            to=actors.rep1,
            kind="promise",
            key="p",
            target=book.instruction,
            subject="件",
            day=dt.date(2026, 12, 1),
        )
    with pytest.raises(ValueError):
        inbox.notify(
            to=actors.rep1,
            kind="no_such_kind",
            key="q",
            target=book.instruction,
            subject="件",
            day=dt.date(2026, 12, 1),
        )
    assert not Notice.objects.exists()


@pytest.mark.django_db
def test_an_email_queued_is_not_sent_once_the_milestone_is_done(book, actors, smtp):
    Milestone.objects.filter(pk=book.milestone.pk).update(due_on=dt.date(2026, 12, 11))
    Instruction.objects.filter(pk=book.instruction.pk).update(
        issued_at=timezone.make_aware(dt.datetime(2026, 12, 1, 10))
    )
    Promise.objects.filter(pk=book.promise.pk).update(status="kept")
    at(2026, 12, 10, 7)
    from eigyo.followups import reminders

    reminders.enqueue_due(clock.now())
    Milestone.objects.filter(pk=book.milestone.pk).update(done_on=dt.date(2026, 12, 10))
    reminders.send_pending(clock.now())
    assert smtp.to(actors.rep1.email) == []
    assert Reminder.objects.get(kind="reminder").status == Reminder.Status.SKIPPED


@pytest.mark.django_db
def test_a_reminder_sent_before_the_inbox_is_not_sent_again(book, actors, smtp):
    Milestone.objects.filter(pk=book.milestone.pk).update(due_on=dt.date(2026, 12, 11))
    Instruction.objects.filter(pk=book.instruction.pk).update(
        issued_at=timezone.make_aware(dt.datetime(2026, 12, 1, 10))
    )
    Promise.objects.filter(pk=book.promise.pk).update(status="kept")
    at(2026, 12, 10, 7)
    key = f"reminder:{book.milestone.pk}:2026-12-10:{actors.rep1.pk}"
    Reminder.objects.create(
        org=actors.org,
        user=actors.rep1,
        kind="reminder",
        key=key,
        day=dt.date(2026, 12, 10),
        next_attempt_at=clock.now(),
        status=Reminder.Status.SENT,
        milestone=book.milestone,
    )
    call_command("remind", verbosity=0)
    call_command("remind", verbosity=0)
    assert smtp.to(actors.rep1.email) == []
    assert Reminder.objects.get(key=key).notice.key == key
