"""The secret iCalendar feed: today's agenda and the coming weeks' plan in the
calendar app a rep already looks at."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override
from django.views.decorators.http import require_GET, require_http_methods
from icalendar import Calendar, Event, Timezone

from eigyo.accounts import access
from eigyo.agenda import services
from eigyo.agenda.models import CalendarFeed
from eigyo.core import clock
from eigyo.core.signals import personal_data_read
from eigyo.deals.queries import open_promises
from eigyo.followups import services as followups
from eigyo.followups.access import visible_instructions
from eigyo.followups.models import Milestone, SeniorVisit
from eigyo.portfolio import planning
from eigyo.portfolio.text import explain

TOKYO = "Asia/Tokyo"
# Suggested times for the day's contacts; the rep moves them in their calendar.
SLOTS = [
    dt.time(10, 0),
    dt.time(11, 0),
    dt.time(13, 30),
    dt.time(14, 30),
    dt.time(15, 30),
    dt.time(16, 30),
    dt.time(17, 30),
]


def active_feed(user) -> CalendarFeed | None:
    return CalendarFeed.objects.filter(user=user, revoked_at__isnull=True).first()


def _slot(index: int) -> dt.time:
    return SLOTS[min(index, len(SLOTS) - 1)]


def build_calendar(user, org, today: dt.date, weeks: int = 4, host: str = "eigyo") -> bytes:
    """RFC 5545 calendar of the agenda and plan; UIDs stay stable until the
    contact is logged, so calendar apps move an event instead of duplicating it."""
    tz = timezone.get_current_timezone()
    cal = Calendar()
    cal.add("prodid", "-//eigyo//agenda//JA")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", f"eigyo · {user.display_name}")
    cal.add("x-wr-timezone", TOKYO)
    cal.add_component(Timezone.from_tzid(TOKYO))
    stamp = clock.now()
    plan = planning.build_plan(user, org, today, weeks)
    agenda = planning.build_agenda(user, org, today)

    def event(uid: str, day: dt.date, index: int, summary: str, description: str, url: str):
        start = dt.datetime.combine(day, _slot(index), tzinfo=tz)
        ev = Event()
        ev.add("uid", f"{uid}@{host}")
        ev.add("dtstamp", stamp)
        ev.add("dtstart", start)
        ev.add("dtend", start + dt.timedelta(minutes=45))
        ev.add("summary", summary)
        ev.add("description", description)
        ev.add("url", url)
        cal.add_component(ev)

    with override(user.language):
        for day, items in plan.days:
            for i, c in enumerate(items):
                since = c.last_contact.isoformat() if c.last_contact else "none"
                event(
                    f"contact-{c.relationship_id}-{since}",
                    day,
                    i,
                    _("Contact: %(company)s") % {"company": c.company_name},
                    explain(c, day),
                    f"https://{host}{reverse('companies:detail', args=[c.company_id])}",
                )
        horizon_end = plan.days[-1][0] if plan.days else today
        for p in open_promises(user, org, horizon_end):
            due = max(p.due_on, today)  # an overdue promise stays on today until kept
            ev = Event()
            ev.add("uid", f"promise-{p.pk}@{host}")
            ev.add("dtstamp", stamp)
            ev.add("dtstart", due)  # all day: a date, not a meeting
            ev.add("dtend", due + dt.timedelta(days=1))
            ev.add("summary", _("Promise due: %(what)s") % {"what": p.what})
            ev.add("description", f"{p.deal.company.display_name} · {p.deal.title}")
            ev.add("url", f"https://{host}{p.deal.get_absolute_url()}")
            cal.add_component(ev)
        _followups(cal, user, org, today, horizon_end, stamp, host)
        offset = len(plan.days[0][1]) if plan.days and plan.days[0][0] == today else 0
        for j, a in enumerate(agenda.approaches):
            event(
                f"approach-{a.relationship_id}",
                today,
                offset + j,
                _("New approach: %(company)s") % {"company": a.company_name},
                _("First contact with a new company in your portfolio."),
                f"https://{host}{reverse('companies:detail', args=[a.company_id])}",
            )
    return cal.to_ical()


def _all_day(cal, uid: str, day: dt.date, summary: str, description: str, url: str, stamp):
    ev = Event()
    ev.add("uid", uid)
    ev.add("dtstamp", stamp)
    ev.add("dtstart", day)
    ev.add("dtend", day + dt.timedelta(days=1))
    ev.add("summary", summary)
    ev.add("description", description)
    ev.add("url", url)
    cal.add_component(ev)


def _followups(cal, user, org, today, horizon_end, stamp, host) -> None:
    """Milestones the user owns, escalations they must act on, senior visits."""
    for m in Milestone.objects.filter(
        instruction__owner=user,
        instruction__status="open",
        done_on__isnull=True,
        due_on__lte=horizon_end,
    ).select_related("instruction"):
        _all_day(
            cal,
            f"milestone-{m.pk}@{host}",
            max(m.due_on, today),
            _("Milestone: %(title)s") % {"title": m.title},
            m.instruction.subject,
            f"https://{host}{m.instruction.get_absolute_url()}",
            stamp,
        )
    managed = visible_instructions(user).exclude(owner=user)
    for e in followups.evaporating(managed, org, today):
        _all_day(
            cal,
            f"escalation-{e.milestone.pk}@{host}",
            today,
            _("Follow up: %(name)s · %(title)s")
            % {"name": e.instruction.owner.display_name, "title": e.milestone.title},
            e.instruction.subject,
            f"https://{host}{e.instruction.get_absolute_url()}",
            stamp,
        )
    for v in (
        SeniorVisit.objects.filter(org=org, status="scheduled", scheduled_for__isnull=False)
        .filter(models.Q(senior=user) | models.Q(requested_by=user))
        .select_related("company")
    ):
        ev = Event()
        ev.add("uid", f"senior-visit-{v.pk}@{host}")
        ev.add("dtstamp", stamp)
        ev.add("dtstart", v.scheduled_for)
        ev.add("dtend", v.scheduled_for + dt.timedelta(hours=1))
        ev.add("summary", _("Senior visit: %(company)s") % {"company": v.company.display_name})
        ev.add("description", v.why)
        cal.add_component(ev)


@require_GET
def ics(request: HttpRequest, token: str) -> HttpResponse:
    """Public by design: the token in the URL is the credential."""
    feed = (
        CalendarFeed.objects.select_related("user")
        .filter(token=token, revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    membership = access.membership(feed.user) if feed else None
    if feed is None or membership is None or membership.org_id != feed.org_id:
        raise Http404
    body = build_calendar(feed.user, membership.org, clock.today(), host=request.get_host())
    # Who read it is the feed's address, not a session: leak triage asks by feed.
    personal_data_read.send(
        CalendarFeed,
        user=feed.user,
        model=CalendarFeed,
        pks=[feed.pk],
        action="feed",
        via="feed",
        credential=f"feed:{feed.pk}",
        items=["agenda", "promises", "senior visits"],
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="eigyo.ics"'
    response["Cache-Control"] = "private, max-age=300"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def manage(request: HttpRequest) -> HttpResponse:
    """Create, regenerate or revoke the user's secret calendar address."""
    membership = access.membership(request.user)
    if membership is None:
        raise Http404
    if request.method == "POST":
        if request.POST.get("action") in {"create", "regenerate"}:
            services.issue_feed(by=request.user, org=membership.org)
            messages.success(request, _("Your calendar address is ready."))
        else:
            services.revoke_feed(by=request.user)
            messages.success(request, _("Your calendar address was revoked."))
        return redirect("agenda:feed_manage")
    feed = active_feed(request.user)
    url = request.build_absolute_uri(reverse("agenda:feed", args=[feed.token])) if feed else None
    return render(request, "agenda/feed.html", {"feed": feed, "url": url})
