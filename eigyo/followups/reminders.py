"""Reminders that reach people: queue what is due, then send each exactly once.

What is told comes from the inbox (followups.inbox): `enqueue_due` brings every
inbox up to date, then queues one e-mail per unread notice of an e-mailed kind and
the 08:00 digest, which lists the agenda and what is unread in the inbox.

The database is the queue. `enqueue_due` is idempotent: every reminder has a
unique key (what, which object, which day), so running it twice, or in two
workers at once, queues nothing twice. `send_pending` claims each row with a
guarded UPDATE (… WHERE status = 'pending'), so of two workers only one sends
it; a failed send goes back to pending with a later attempt time. A row left in
'sending' by a worker that died is retried after ten minutes (at-least-once in
that one case).
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import socket

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from eigyo.accounts.models import Membership
from eigyo.deals.models import Promise
from eigyo.deals.queries import open_promises
from eigyo.followups import inbox
from eigyo.followups.access import gets_morning_digest
from eigyo.followups.models import Milestone, Notice, Reminder
from eigyo.portfolio import planning
from eigyo.portfolio.text import explain
from eigyo.worktime.calendars import calendar_for

log = logging.getLogger(__name__)
DIGEST_HOUR = 8  # 08:00 Asia/Tokyo
MAX_ATTEMPTS = 8
STALE_CLAIM = dt.timedelta(minutes=10)


def _queue(org_id, user_id, kind, key, day, now, **refs) -> bool:
    try:
        with transaction.atomic():
            Reminder.objects.create(
                org_id=org_id,
                user_id=user_id,
                kind=kind,
                key=key,
                day=day,
                next_attempt_at=now,
                **refs,
            )
        return True
    except IntegrityError:  # already queued (by this run earlier, or another worker)
        return False


def enqueue_due(now: dt.datetime) -> int:
    """Bring every inbox up to date, then queue an e-mail for each unread notice of a
    kind that is e-mailed, and the digests whose hour has come. Returns how many
    e-mails were new. The inbox is the source: nothing is e-mailed that it does not hold."""
    today = timezone.localtime(now).date()
    queued = 0
    inbox.collect_due(today)

    emailed = [k.name for k in inbox.KINDS.values() if k.email]
    unsent = list(
        Notice.objects.filter(
            kind__in=emailed, read_at__isnull=True, reminder__isnull=True, user__is_active=True
        ).select_related("target_type")
    )
    for n in inbox.naming_people_in_use(unsent):
        model = n.target_type.model_class()
        refs = {
            "milestone_id": n.target_id if model is Milestone else None,
            "promise_id": n.target_id if model is Promise else None,
        }
        if _queue(n.org_id, n.user_id, n.kind, n.key, n.day, now, notice=n, **refs):
            queued += 1
        else:  # e-mailed before the inbox existed, under the same key: that was it
            Reminder.objects.filter(key=n.key, notice__isnull=True).update(notice=n)

    # The morning digest at 08:00 on the user's business days.
    if timezone.localtime(now).hour >= DIGEST_HOUR:
        for m in Membership.objects.select_related("org", "user"):
            if not gets_morning_digest(m):
                continue
            if calendar_for(m.org, m.user).is_business_day(today):
                queued += _queue(
                    m.org_id, m.user_id, "digest", f"digest:{m.user_id}:{today}", today, now
                )
    return queued


# E-mails with their own template; every other notice uses the generic one.
OWN_TEMPLATES = {"digest", "reminder", "overdue", "escalation", "promise"}


class Skip(Exception):
    """The e-mail no longer has anything to tell (its target is out of the user's sight)."""


def _message(reminder: Reminder, today: dt.date) -> EmailMultiAlternatives:
    user = reminder.user
    context = {
        "user": user,
        "reminder": reminder,
        "today": today,
        "base_url": settings.EIGYO_BASE_URL.rstrip("/"),
    }
    with translation.override(user.language):
        if reminder.kind == "digest":
            m = Membership.objects.select_related("org").get(user=user)
            agenda = planning.build_agenda(user, m.org, today)
            context.update(
                agenda=agenda,
                items=[(c, explain(c, today)) for c in agenda.contacts],
                promises=open_promises(user, m.org, today),
                inbox=inbox.items(user, unread_only=True, limit=20),
            )
        else:
            if reminder.notice_id:
                (item,) = inbox.visible([reminder.notice], user) or [None]
                done = item is not None and item.kind and item.kind.still
                if item is None or (done and not item.kind.still(item.target)):
                    raise Skip  # out of sight, or nothing left to do
                context.update(item=item)
            if reminder.milestone_id:
                context.update(
                    milestone=reminder.milestone, instruction=reminder.milestone.instruction
                )
            elif reminder.promise_id:
                context.update(promise=reminder.promise)
        name = reminder.kind if reminder.kind in OWN_TEMPLATES else "notice"
        subject = render_to_string(f"followups/email/{name}_subject.txt", context)
        text = render_to_string(f"followups/email/{name}.txt", context)
        html = render_to_string(f"followups/email/{name}.html", context)
    message = EmailMultiAlternatives(
        " ".join(subject.split()), text, settings.DEFAULT_FROM_EMAIL, [user.email]
    )
    message.attach_alternative(html, "text/html")
    return message


def send_pending(now: dt.datetime, worker: str | None = None, limit: int = 200) -> tuple[int, int]:
    """Send what is due. Returns (sent, failed this round)."""
    worker = worker or f"{socket.gethostname()}:{os.getpid()}"
    today = timezone.localtime(now).date()
    # A claim left behind by a dead worker goes back in the queue.
    Reminder.objects.filter(
        status=Reminder.Status.SENDING, claimed_at__lt=now - STALE_CLAIM
    ).update(status=Reminder.Status.PENDING)
    ids = list(
        Reminder.objects.filter(status=Reminder.Status.PENDING, next_attempt_at__lte=now)
        .order_by("next_attempt_at", "pk")
        .values_list("pk", flat=True)[:limit]
    )
    sent = failed = 0
    for pk in ids:
        claimed = Reminder.objects.filter(pk=pk, status=Reminder.Status.PENDING).update(
            status=Reminder.Status.SENDING, claimed_by=worker, claimed_at=now
        )
        if not claimed:
            continue  # another worker took it
        reminder = Reminder.objects.select_related(
            "user", "milestone__instruction", "promise__deal__company", "notice__actor"
        ).get(pk=pk)
        try:
            _message(reminder, today).send()
        except Skip:
            Reminder.objects.filter(pk=pk).update(
                status=Reminder.Status.SKIPPED, attempts=reminder.attempts + 1
            )
            continue
        except Exception as exc:  # noqa: BLE001 - any failure must leave it for a retry
            attempts = reminder.attempts + 1
            Reminder.objects.filter(pk=pk).update(
                status=Reminder.Status.FAILED
                if attempts >= MAX_ATTEMPTS
                else Reminder.Status.PENDING,
                attempts=attempts,
                last_error=str(exc)[:1000],
                next_attempt_at=now + dt.timedelta(minutes=min(2**attempts, 120)),
            )
            log.warning("reminder %s failed (attempt %s): %s", reminder.key, attempts, exc)
            failed += 1
        else:
            Reminder.objects.filter(pk=pk).update(
                status=Reminder.Status.SENT, sent_at=now, attempts=reminder.attempts + 1
            )
            sent += 1
    return sent, failed


__all__ = ["enqueue_due", "send_pending"]
