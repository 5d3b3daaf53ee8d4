"""Reminders that reach people: queue what is due, then send each exactly once.

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

from eigyo.accounts import access
from eigyo.accounts.models import Membership
from eigyo.deals.models import Promise
from eigyo.deals.queries import open_promises
from eigyo.followups.access import gets_morning_digest
from eigyo.followups.domain import escalation
from eigyo.followups.models import Instruction, Reminder
from eigyo.followups.services import last_sign_of_life, with_signs_of_life
from eigyo.portfolio import planning
from eigyo.portfolio.models import PortfolioSettings
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


def managers_of(membership: Membership) -> list[int]:
    """Who hears about a rep's silence: the team's manager, else the admins."""
    if membership.team_id and membership.team.manager_id:
        return [membership.team.manager_id]
    return access.admin_ids(membership.org_id)


_rules: dict[int, escalation.Rules] = {}


def rules_for(org) -> escalation.Rules:
    if org.pk not in _rules:
        settings = PortfolioSettings.for_org(org)
        _rules[org.pk] = escalation.Rules(
            remind_before=settings.remind_before_days, escalate_after=settings.escalate_after_days
        )
    return _rules[org.pk]


def enqueue_due(now: dt.datetime) -> int:
    """Queue every reminder whose day has come. Returns how many were new."""
    today = timezone.localtime(now).date()
    queued = 0
    _rules.clear()  # settings may have changed since the last round
    memberships = {m.user_id: m for m in Membership.objects.select_related("team", "org")}
    calendars: dict[int, object] = {}

    def calendar(user_id):
        m = memberships[user_id]
        if user_id not in calendars:
            calendars[user_id] = calendar_for(m.org, m.user)
        return calendars[user_id]

    # 1. Milestones: before the date, when it passes in silence, then the manager.
    instructions = (
        with_signs_of_life(
            Instruction.objects.filter(status=Instruction.Status.OPEN, owner__is_active=True)
        )
        .select_related("owner")
        .prefetch_related("milestones")
    )
    for ins in instructions:
        if ins.owner_id not in memberships:
            continue
        sign = last_sign_of_life(ins)
        rules = rules_for(memberships[ins.owner_id].org)
        for m in (m for m in ins.milestones.all() if m.done_on is None):
            for step in escalation.due_steps(m.due_on, sign, today, calendar(ins.owner_id), rules):
                if step.kind == "reminder" and today > m.due_on:
                    continue  # a heads-up after the date would only confuse
                users = (
                    managers_of(memberships[ins.owner_id])
                    if step.kind == "escalation"
                    else [ins.owner_id]
                )
                for user_id in users:
                    key = f"{step.kind}:{m.pk}:{step.on.isoformat()}:{user_id}"
                    queued += _queue(ins.org_id, user_id, step.kind, key, step.on, now, milestone=m)

    # 2. Open promises to buyers, on their due date (or at once if overdue).
    for p in Promise.objects.filter(
        status=Promise.Status.OPEN, due_on__lte=today, owner__is_active=True
    ):
        key = f"promise:{p.pk}:{p.due_on.isoformat()}"
        queued += _queue(p.org_id, p.owner_id, "promise", key, p.due_on, now, promise=p)

    # 3. The morning digest at 08:00 on the user's business days.
    if timezone.localtime(now).hour >= DIGEST_HOUR:
        for user_id, m in memberships.items():
            if not gets_morning_digest(m):
                continue
            if calendar(user_id).is_business_day(today):
                queued += _queue(
                    m.org_id, user_id, "digest", f"digest:{user_id}:{today}", today, now
                )
    return queued


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
            )
        elif reminder.milestone_id:
            context.update(milestone=reminder.milestone, instruction=reminder.milestone.instruction)
        elif reminder.promise_id:
            context.update(promise=reminder.promise)
        subject = render_to_string(f"followups/email/{reminder.kind}_subject.txt", context)
        text = render_to_string(f"followups/email/{reminder.kind}.txt", context)
        html = render_to_string(f"followups/email/{reminder.kind}.html", context)
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
            "user", "milestone__instruction", "promise__deal__company"
        ).get(pk=pk)
        try:
            _message(reminder, today).send()
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
