"""The inbox: what a user should look at, as stored notices — the one source of the
inbox page, the unread count in the header, the e-mails and the morning digest.

Events are written where they happen (`notify`, inside the service's transaction:
an instruction given, acknowledged, updated, closed; a senior visit asked or
answered; later a lead assigned). What falls due with the calendar (a milestone's
reminder, its passing in silence, the escalation to the manager, a promise to a
buyer) is written by `collect_due`, run by the `remind` worker for everyone and for
one user when their pages are shown, so the inbox is right even between runs. Each
notice has a key (what, which object, which day, for whom), so an event is told
once however often it is collected.

A notice opens its target's page and is listed only while its target is visible
to the user by the target's own access rule, and names no one whose use has ceased.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from eigyo.accounts import access
from eigyo.accounts.models import Membership
from eigyo.core import clock
from eigyo.core.templatetags.eigyo import jdate
from eigyo.deals.models import Promise
from eigyo.followups.domain import escalation
from eigyo.followups.models import Instruction, Milestone, Notice, SeniorVisit
from eigyo.portfolio.models import PortfolioSettings
from eigyo.worktime.calendars import calendar_for


@dataclass(frozen=True)
class Kind:
    """A kind of notice: how it reads and whether it is also sent as its own e-mail
    (the others reach e-mail through the morning digest)."""

    name: str
    text: object  # a lazy format string over %(actor)s, %(subject)s, %(day)s
    group: object  # a lazy label shown as the line's badge
    about: type  # the model of its target
    email: bool = False
    urgent: bool = False
    # Whether there is still something to do (an e-mail queued earlier is not sent
    # once the milestone is done, the promise kept …); None: always.
    still: object = None
    # Paths from the target to the people (contacts.Person) its text names: a notice
    # naming someone whose use has ceased (APPI 利用停止) is neither shown nor e-mailed.
    people: tuple[str, ...] = ()


KINDS: dict[str, Kind] = {}
INSTRUCTION, MILESTONE, PROMISE, VISIT = (
    _("Instruction"),
    _("Milestone"),
    _("Promise"),
    _("Senior visit"),
)


def kind(
    name: str, text, group, about: type, *, email=False, urgent=False, still=None, people=()
) -> Kind:
    """Declare a kind of notice about `about` objects (apps above followups declare
    theirs at import); `people`: the target's fields that name a person."""
    KINDS[name] = Kind(name, text, group, about, email, urgent, still, tuple(people))
    return KINDS[name]


def in_use(model, queryset):
    """`queryset` of notice targets less those naming a person whose use has ceased
    (by any kind's `people` paths for `model`): joins, no extra query."""
    paths = {p for k in KINDS.values() if k.about is model for p in k.people}
    for path in sorted(paths):
        queryset = queryset.filter(
            Q(**{f"{path}__isnull": True}) | Q(**{f"{path}__use_ceased": False})
        )
    return queryset


def naming_people_in_use(notices) -> list[Notice]:
    """`notices` less those whose target names a person whose use has ceased (one
    query per kind of target that names people): such a notice is not e-mailed, and
    is when the cessation is lifted."""
    notices = list(notices)
    by_model: dict = defaultdict(set)
    for n in notices:
        k = KINDS.get(n.kind)
        if k is not None and k.people:
            by_model[k.about].add(n.target_id)
    kept = {
        model: set(in_use(model, model.objects.filter(pk__in=ids)).values_list("pk", flat=True))
        for model, ids in by_model.items()
    }
    return [
        n
        for n in notices
        if not (KINDS.get(n.kind) and KINDS[n.kind].people)
        or n.target_id in kept[KINDS[n.kind].about]
    ]


def _milestone_open(m) -> bool:
    return m.done_on is None and m.instruction.status == Instruction.Status.OPEN


def _promise_open(p) -> bool:
    return p.status == Promise.Status.OPEN


kind(
    "instruction_issued",
    _("%(actor)s gave you an instruction: %(subject)s"),
    INSTRUCTION,
    Instruction,
    email=True,
)
kind("instruction_acknowledged", _("%(actor)s acknowledged: %(subject)s"), INSTRUCTION, Instruction)
kind(
    "instruction_update", _("%(actor)s posted an update on: %(subject)s"), INSTRUCTION, Instruction
)
kind("instruction_done", _("%(actor)s marked done: %(subject)s"), INSTRUCTION, Instruction)
kind("instruction_cancelled", _("%(actor)s cancelled: %(subject)s"), INSTRUCTION, Instruction)
kind("milestone_done", _("%(actor)s completed the milestone: %(subject)s"), MILESTONE, Instruction)
kind(
    "reminder",
    _("Milestone due %(day)s: %(subject)s"),
    MILESTONE,
    Milestone,
    email=True,
    still=_milestone_open,
)
kind(
    "overdue",
    _("Milestone passed on %(day)s without a word: %(subject)s"),
    MILESTONE,
    Milestone,
    email=True,
    urgent=True,
    still=_milestone_open,
)
kind(
    "escalation",
    _("No word from %(actor)s since the milestone of %(day)s: %(subject)s"),
    MILESTONE,
    Milestone,
    email=True,
    urgent=True,
    still=_milestone_open,
)
kind(
    "promise",
    _("Promise to a buyer due %(day)s: %(subject)s"),
    PROMISE,
    Promise,
    email=True,
    still=_promise_open,
)
kind(
    "senior_visit_requested",
    _("%(actor)s asks you to visit: %(subject)s"),
    VISIT,
    SeniorVisit,
    email=True,
)
kind("senior_visit_scheduled", _("%(actor)s will visit: %(subject)s"), VISIT, SeniorVisit)
kind("senior_visit_declined", _("%(actor)s declined the visit: %(subject)s"), VISIT, SeniorVisit)


def text(notice: Notice) -> str:
    """The notice as a sentence, in the active language."""
    k = KINDS.get(notice.kind)
    fmt = k.text if k else "%(subject)s"
    actor = notice.actor.display_name if notice.actor_id else ""
    return str(fmt) % {"actor": actor, "subject": notice.subject, "day": jdate(notice.day)}


# --- writing ------------------------------------------------------------------


def notify(*, to, kind: str, key: str, target, subject: str, day: dt.date, actor=None):
    """Put a notice in `to`'s inbox once (None if it is theirs already, or if they
    would be telling themselves). Called inside the acting service's transaction."""
    if kind not in KINDS or not isinstance(target, KINDS[kind].about):
        raise ValueError(f"not a kind of notice about {type(target).__name__}: {kind!r}")
    to_id = getattr(to, "pk", to)
    actor_id = getattr(actor, "pk", actor)
    if to_id is None or to_id == actor_id:
        return None
    try:
        with transaction.atomic():
            return Notice.objects.create(
                org_id=target.org_id,
                user_id=to_id,
                kind=kind,
                key=key,
                actor_id=actor_id,
                target_type=ContentType.objects.get_for_model(type(target)),
                target_id=target.pk,
                subject=subject[:300],
                day=day,
            )
    except IntegrityError:  # told already
        return None


def managers_of(membership: Membership, admins: dict | None = None) -> list[int]:
    """Who hears about a rep's silence: the team's manager, else the admins (`admins`,
    a dict the caller keeps, remembers them per organisation across calls)."""
    if membership.team_id and membership.team.manager_id:
        return [membership.team.manager_id]
    if admins is None:
        return access.admin_ids(membership.org_id)
    if membership.org_id not in admins:
        admins[membership.org_id] = access.admin_ids(membership.org_id)
    return admins[membership.org_id]


def _due(today: dt.date, owners: Iterable[int] | None, rules_for) -> list[dict]:
    """Every time-based notice whose day has come, as keyword arguments of `notify`."""
    from eigyo.followups.services import last_sign_of_life, with_signs_of_life

    memberships = Membership.objects.select_related("team", "org", "user")
    instructions = Instruction.objects.filter(
        status=Instruction.Status.OPEN, owner__is_active=True, milestones__done_on__isnull=True
    )
    promises = Promise.objects.filter(
        status=Promise.Status.OPEN, due_on__lte=today, owner__is_active=True
    )
    if owners is not None:
        owners = list(owners)
        memberships = memberships.filter(user_id__in=owners)
        instructions = instructions.filter(owner__in=owners)
        promises = promises.filter(owner__in=owners)
    members = {m.user_id: m for m in memberships}
    calendars: dict[int, object] = {}
    admins: dict = {}
    out = []
    for ins in (
        with_signs_of_life(instructions.distinct())
        .select_related("owner")
        .prefetch_related("milestones")
    ):
        m = members.get(ins.owner_id)
        if m is None:
            continue
        if ins.owner_id not in calendars:
            calendars[ins.owner_id] = calendar_for(m.org, m.user)
        sign = last_sign_of_life(ins)
        for milestone in (x for x in ins.milestones.all() if x.done_on is None):
            steps = escalation.due_steps(
                milestone.due_on, sign, today, calendars[ins.owner_id], rules_for(m.org)
            )
            for step in steps:
                if step.kind == "reminder" and today > milestone.due_on:
                    continue  # a heads-up after the date would only confuse
                users = managers_of(m, admins) if step.kind == "escalation" else [ins.owner_id]
                for user_id in users:
                    out.append(
                        dict(
                            to=user_id,
                            kind=step.kind,
                            key=f"{step.kind}:{milestone.pk}:{step.on.isoformat()}:{user_id}",
                            target=milestone,
                            subject=f"{milestone.title} · {ins.subject}",
                            day=milestone.due_on,
                            actor=ins.owner_id if step.kind == "escalation" else None,
                        )
                    )
    for p in promises.select_related("deal"):
        out.append(
            dict(
                to=p.owner_id,
                kind="promise",
                key=f"promise:{p.pk}:{p.due_on.isoformat()}",
                target=p,
                subject=f"{p.what} · {p.deal.title}",
                day=p.due_on,
            )
        )
    return out


def _fresh_rules():
    """The organisations' escalation settings as they are now, read once per call."""
    memo: dict[int, escalation.Rules] = {}

    def rules_for(org) -> escalation.Rules:
        if org.pk not in memo:
            s = PortfolioSettings.for_org(org)
            memo[org.pk] = escalation.Rules(
                remind_before=s.remind_before_days, escalate_after=s.escalate_after_days
            )
        return memo[org.pk]

    return rules_for


# Apps above followups add what falls due in their own data (a report back to an
# introducer …): fn(today, owners or None) → notify() keyword arguments.
DUE_SOURCES: list = []


def due_source(fn):
    """Declare `fn` as a source of time-based notices (at import, in the app's ready())."""
    if fn not in DUE_SOURCES:
        DUE_SOURCES.append(fn)
    return fn


def collect_due(today: dt.date, owners: Iterable[int] | None = None, rules_for=None) -> int:
    """Write the time-based notices whose day has come (for the work of `owners`, or
    everyone's); returns how many were new. Idempotent."""
    if rules_for is None:
        rules_for = _fresh_rules()
    owners = None if owners is None else list(owners)
    due = _due(today, owners, rules_for)
    for source in DUE_SOURCES:
        due += source(today, owners)
    if not due:
        return 0
    known = set(
        Notice.objects.filter(key__in=[d["key"] for d in due]).values_list("key", flat=True)
    )
    return sum(notify(**d) is not None for d in due if d["key"] not in known)


def whose_work_tells(user) -> list[int]:
    """Whose milestones and promises end up in `user`'s inbox: their own, and for a
    manager (or an admin, for reps without a team manager) the reps they hear about."""
    m = access.membership(user)
    if m is None:
        return []
    ids = {user.pk}
    if access.leads(user):
        admins: dict = {}
        for other in Membership.objects.filter(org=m.org).select_related("team"):
            if user.pk in managers_of(other, admins):
                ids.add(other.user_id)
    return sorted(ids)


REFRESH_EVERY = dt.timedelta(minutes=5)


def refresh(user, session=None) -> None:
    """Bring `user`'s time-based notices up to date (at most every few minutes per
    session, so pages do not pay for it each time)."""
    if not access.in_sales(user):
        return
    now = clock.now()
    if session is not None:
        try:
            since = now - dt.datetime.fromisoformat(session.get("inbox_refreshed", ""))
        except (TypeError, ValueError):
            since = None
        if since is not None and dt.timedelta(0) <= since < REFRESH_EVERY:
            return
    collect_due(clock.today(), whose_work_tells(user))
    if session is not None:
        session["inbox_refreshed"] = now.isoformat()


@transaction.atomic
def mark_read(notice: Notice, *, by) -> Notice:
    """The user opened it."""
    if notice.user_id != by.pk:
        raise LookupError("not this user's notice")
    if notice.read_at is None:
        notice.read_at = clock.now()
        notice.save(update_fields=["read_at", "updated_at"])
    return notice


@transaction.atomic
def mark_all_read(*, by) -> int:
    return Notice.objects.filter(user=by, read_at__isnull=True).update(
        read_at=clock.now(), updated_at=clock.now()
    )


def seen(*targets, by) -> int:
    """Opening a page marks the user's (`by`) notices about what it shows read."""
    if not getattr(by, "is_authenticated", False) or not targets:
        return 0
    about = Q()
    for t in targets:
        about |= Q(target_type=ContentType.objects.get_for_model(type(t)), target_id=t.pk)
    return Notice.objects.filter(about, user=by, read_at__isnull=True).update(
        read_at=clock.now(), updated_at=clock.now()
    )


# --- reading ------------------------------------------------------------------


@dataclass
class Item:
    """A notice with its sentence and where it leads."""

    notice: Notice
    text: str
    url: str
    target: object = None

    @property
    def unread(self) -> bool:
        return self.notice.read_at is None

    @property
    def kind(self) -> Kind | None:
        return KINDS.get(self.notice.kind)


def visible(notices, user) -> list[Item]:
    """The notices whose target `user` may still see, with their text and link (one
    query per kind of target)."""
    notices = list(notices)
    by_type: dict[int, list[int]] = defaultdict(list)
    for n in notices:
        by_type[n.target_type_id].append(n.target_id)
    targets = {}
    for type_id, ids in by_type.items():
        model = ContentType.objects.get_for_id(type_id).model_class()
        try:
            qs = in_use(model, access.visible(user, model))
        except LookupError:
            continue
        for obj in qs.filter(pk__in=ids):
            targets[(type_id, obj.pk)] = obj
    out = []
    for n in notices:
        obj = targets.get((n.target_type_id, n.target_id))
        if obj is not None:
            out.append(Item(n, text(n), obj.get_absolute_url(), obj))
    return out


def notices_of(user):
    """The user's own notices (the access rule: nobody reads another's inbox)."""
    return access.visible(user, Notice).select_related("actor")


def items(user, *, unread_only: bool = False, limit: int = 100) -> list[Item]:
    qs = notices_of(user)
    if unread_only:
        qs = qs.filter(read_at__isnull=True)
    return visible(qs[:limit], user)


def unread_count(user) -> int:
    """How many unread notices of the user's are about something they may still see.
    The header shows it on every page: one query when nothing is unread, two when
    something is (each notice's target checked by its own rule, by primary key)."""
    unread = notices_of(user).filter(read_at__isnull=True)
    types = set(unread.values_list("target_type", flat=True).distinct())
    if not types:
        return 0
    about = Q()
    for type_id in types:
        model = ContentType.objects.get_for_id(type_id).model_class()
        if model in {k.about for k in KINDS.values()}:
            in_sight = in_use(model, access.visible(user, model)).filter(pk=OuterRef("target_id"))
            about |= Q(Exists(in_sight), target_type=type_id)
    return unread.filter(about).count() if about else 0


__all__ = ["collect_due", "items", "kind", "mark_read", "notify", "refresh", "unread_count"]
