"""Cold calls, the writes: scripts and their versions, the organisation's outcome
codes, call lists, and logging a call (one function per operation, `by=` the acting
user, one transaction each)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Case, IntegerField, Q, When
from django.utils import timezone
from django.utils.translation import gettext as _

from eigyo.accounts import access
from eigyo.activities.models import Activity
from eigyo.companies import services as company_services
from eigyo.companies.access import visible_companies
from eigyo.companies.services import company_from_registry
from eigyo.core import clock, writes
from eigyo.portfolio import services as portfolio
from eigyo.portfolio.access import visible_relationships
from eigyo.portfolio.models import Relationship
from eigyo.prospecting import spider
from eigyo.prospecting.domain import calls as rules
from eigyo.prospecting.models import (
    LEVEL_CHOICES,
    Avatar,
    Call,
    CallList,
    CallListEntry,
    CallScript,
    OutcomeCode,
    Rehearsal,
    ScriptVersion,
)
from eigyo.registry.models import RegistryEntry

# The usual Japanese outcomes: (label, level, connected, call back, closes, never again).
SEED_OUTCOMES = [
    ("不通", "no_answer", False, True, False, False),
    ("受付NG", "reception", True, False, True, False),
    ("担当不在（再架電）", "reception", True, True, False, False),
    ("担当不在（終了）", "reception", True, False, True, False),
    ("担当NG", "staff", True, False, True, False),
    ("折り返し待ち", "staff", True, True, False, False),
    ("資料送付", "staff", True, True, False, False),
    ("アポ獲得", "appointment", True, False, True, False),
    ("番号違い", "no_answer", False, False, True, False),
    ("架電禁止", "reception", True, False, True, True),
]


def outcomes_for(org):
    """The organisation's outcome codes, seeded with the usual ones on first use."""
    codes = OutcomeCode.objects.filter(org=org)
    if not codes.exists():
        with transaction.atomic():
            OutcomeCode.objects.bulk_create(
                [
                    OutcomeCode(
                        org=org,
                        label=label,
                        level=level,
                        connected=connected,
                        call_back=back,
                        closes=closes,
                        do_not_call=never,
                        position=i,
                    )
                    for i, (label, level, connected, back, closes, never) in enumerate(
                        SEED_OUTCOMES
                    )
                ],
                ignore_conflicts=True,
            )
    return codes.filter(is_active=True)


@transaction.atomic
def save_script(form, *, by) -> CallScript:
    """Create or rename a script (a validated ScriptForm of `by`)."""
    script = form.save(commit=False)
    if script._state.adding:
        script.created_by = by
    script.save()
    return access.ensure_visible(by, script)


def is_used(version: ScriptVersion) -> bool:
    return version.pk is not None and Call.objects.filter(version=version).exists()


@transaction.atomic
def save_version(script: CallScript, variant: str, openings: dict[str, str], *, by):
    """Write a variant's openings: into its latest version while no call has used it,
    else as the next version (a used version is what its figures were measured on)."""
    if variant not in rules.VARIANTS:
        raise ValueError(f"not a variant: {variant!r}")
    latest = script.versions.filter(variant=variant).order_by("-number").first()
    if latest is None or is_used(latest):
        latest = ScriptVersion(
            org_id=script.org_id,
            script=script,
            variant=variant,
            number=(latest.number + 1) if latest else 1,
            created_by=by,
        )
    for level in rules.OPENINGS:
        setattr(latest, f"opening_{level}", (openings.get(level) or "").strip())
    latest.save()
    return latest


def current_versions(script: CallScript) -> dict[str, ScriptVersion]:
    """Each variant's latest version (the one a new call is made with)."""
    out: dict[str, ScriptVersion] = {}
    for v in sorted(script.versions.all(), key=lambda v: (v.variant, -v.number)):
        out.setdefault(v.variant, v)
    return out


def candidates(user, source: str):
    """Whom `user` could call from `source`: their own new approaches, or the
    organisation's companies that fit the avatar best (what they may see)."""
    org = access.membership(user).org
    if source == CallList.Source.AVATAR:  # the best fit first
        ids = [
            c.pk for c, _s, _r in spider.companies_by_fit(org, visible_companies(user), limit=1000)
        ]
        rank = Case(*[When(pk=pk, then=i) for i, pk in enumerate(ids)], output_field=IntegerField())
        return (
            visible_companies(user).filter(pk__in=ids).order_by(rank)
            if ids
            else visible_companies(user).none()
        )
    mine = visible_relationships(user).filter(owner=user, tier="new")
    return visible_companies(user).filter(pk__in=mine.values("company")).order_by("kana_key", "pk")


def won_clients(user):
    """The companies a list "similar to a won client" can start from: clients in the
    portfolios the user sees, and companies of the won deals they see."""
    from eigyo.deals.access import visible_deals

    clients = visible_relationships(user).filter(tier="client").values("company")
    won = visible_deals(user).filter(stage="won").values("company")
    return (
        visible_companies(user)
        .filter(Q(pk__in=clients) | Q(pk__in=won))
        .order_by("kana_key", "name_key", "pk")
    )


@dataclass(frozen=True)
class RegistryFilter:
    """Which registry companies a list "from the registry" takes: any of these left
    empty does not narrow; ranked by the avatar's fit, then by reading."""

    sector33: str = ""
    prefecture: str = ""
    size_class: str = ""
    listed_only: bool = False

    def is_empty(self) -> bool:
        return not (self.sector33 or self.prefecture or self.size_class or self.listed_only)


def registry_candidates(user, source: str, *, seed=None, where: RegistryFilter | None = None):
    """Registry companies (RegistryEntry) for a list from the spider (similar to the
    won client `seed`) or from the registry (`where`, ranked by the avatar's fit), in
    the order to call them; none already in a portfolio of the organisation."""
    org = access.membership(user).org
    if source == CallList.Source.SPIDER:
        return [p.entry for p in spider.propose(seed, limit=100) if not p.entry.closed]
    where = where or RegistryFilter()
    qs = RegistryEntry.objects.filter(closed=False).exclude(pk__in=spider.taken_registry_ids(org))
    for field in ("sector33", "prefecture", "size_class"):
        if getattr(where, field):
            qs = qs.filter(**{field: getattr(where, field)})
    if where.listed_only:
        qs = qs.filter(is_listed=True)
    avatar = Avatar.objects.filter(org=org).first()
    return qs.annotate(fit_raw=spider.avatar_sql(avatar)).order_by(
        "-fit_raw", "kana_key", "name_key", "pk"
    )


class CallRefused(ValueError):
    """The call may not be logged; the message is for the user."""


def never_call(org):
    """Companies that asked never to be called again (an outcome marked 架電禁止)."""
    return Call.objects.filter(org=org, outcome__do_not_call=True).values("company")


def callable_companies(org, companies):
    """Of `companies`, those with a phone number that did not ask not to be called."""
    return companies.filter(org=org).exclude(phone="").exclude(pk__in=never_call(org))


@transaction.atomic
def build_call_list(
    *, name: str, script: CallScript, source: str, companies, by, limit: int | None = None
) -> CallList:
    """A call list for `by` from `companies` (already what they may see, in the order
    to call them): only those with a phone number and not 架電禁止, at most `limit`,
    each with its script variant for good."""
    org = access.membership(by).org
    chosen = list(dict.fromkeys(callable_companies(org, companies).values_list("pk", flat=True)))
    return _make_list(org, name, script, source, chosen[:limit] if limit else chosen, by)


@transaction.atomic
def build_registry_call_list(
    *, name: str, script: CallScript, source: str, entries, by, limit: int
) -> CallList:
    """A call list for `by` from registry companies (`entries`, in the order to call
    them): each becomes (or is found as) one of the organisation's companies, at most
    `limit`, never a 架電禁止 one. The public registry has no phone numbers, so those
    without one are listed to find it first: the calling screen asks for it."""
    org = access.membership(by).org
    if not current_versions(script):
        raise ValueError(_("The script has no opening yet."))
    refused = set(never_call(org).values_list("company", flat=True))
    chosen: list[int] = []
    for entry in entries[: limit + len(refused)]:  # a LIMIT, not the whole registry
        if len(chosen) >= limit:
            break
        company, _created = company_from_registry(org, entry)
        if company.pk not in refused and company.pk not in chosen:
            chosen.append(company.pk)
    return _make_list(org, name, script, source, chosen, by)


def make_call_list(*, name: str, script: CallScript, source: str, candidates, by, limit: int):
    """A call list from what `CallListForm.candidates` chose: our companies (portfolio,
    avatar) or registry companies (spider, registry)."""
    build = (
        build_registry_call_list
        if source in (CallList.Source.SPIDER, CallList.Source.REGISTRY)
        else build_call_list
    )
    key = "entries" if build is build_registry_call_list else "companies"
    return build(name=name, script=script, source=source, limit=limit, by=by, **{key: candidates})


def _make_list(org, name, script, source, chosen: list[int], by) -> CallList:
    """The list with an entry per company in `chosen` (ids, in order), each given the
    variant it had on an earlier list of the script, else the one given least so far."""
    variants = sorted(current_versions(script))
    if not variants:
        raise ValueError(_("The script has no opening yet."))
    call_list = CallList.objects.create(
        org=org, name=name.strip(), owner=by, script=script, source=source
    )
    earlier = dict(
        CallListEntry.objects.filter(org=org, call_list__script=script, company__in=chosen)
        .order_by("created_at", "pk")
        .values_list("company", "variant")
    )
    given = Counter(
        CallListEntry.objects.filter(org=org, call_list__script=script).values_list(
            "variant", flat=True
        )
    )
    entries = []
    for position, company_id in enumerate(chosen):
        variant = earlier.get(company_id)
        if variant is None:
            variant = rules.assign_variant(given, variants)
            given[variant] += 1
        entries.append(
            CallListEntry(
                org=org,
                call_list=call_list,
                company_id=company_id,
                position=position,
                variant=variant,
            )
        )
    writes.created(CallListEntry, CallListEntry.objects.bulk_create(entries), by=by)
    return access.ensure_visible(by, call_list)


def next_entry(call_list: CallList, now: dt.datetime) -> CallListEntry | None:
    """The next company to call: a call-back whose time has come, else the next one
    not called yet."""
    entries = call_list.entries.select_related("company").exclude(
        company__in=never_call(call_list.org_id)
    )
    due = (
        entries.filter(status=CallListEntry.Status.CALL_BACK, call_back_at__lte=now)
        .order_by("call_back_at", "position")
        .first()
    )
    return due or entries.filter(status=CallListEntry.Status.OPEN).order_by("position").first()


def version_for(entry: CallListEntry) -> ScriptVersion:
    """The opening this entry is called with: its variant's latest version."""
    version = (
        ScriptVersion.objects.filter(script=entry.call_list.script_id, variant=entry.variant)
        .order_by("-number")
        .first()
    )
    if version is None:
        raise ValueError(_("The script has no opening yet."))
    return version


@transaction.atomic
def set_entry_phone(entry: CallListEntry, phone: str, *, by) -> CallListEntry:
    """The number found for a listed company that came without one (a validated,
    normalised phone): it becomes the company's, so the call can be made."""
    if not phone:
        raise ValueError(_("Enter the phone number."))
    company_services.set_phone(entry.company, phone, by=by)
    return access.ensure_visible(by, entry)


@transaction.atomic
def skip_entry(entry: CallListEntry, *, by) -> CallListEntry:
    """Take a company off the list without a call (no number could be found)."""
    entry.status = CallListEntry.Status.DONE
    entry.save(update_fields=["status", "updated_at"])
    return access.ensure_visible(by, entry)


@transaction.atomic
def log_call(
    entry: CallListEntry,
    *,
    outcome: OutcomeCode,
    by,
    level: str | None = None,
    reached: str = "",
    call_back_at: dt.datetime | None = None,
    notes: str = "",
) -> Call:
    """Record a call from a list: its activity on the company's timeline, the level
    reached (the outcome's unless said), a call-back on the caller's agenda, and for an
    appointment the company as a new approach in the caller's portfolio."""
    if outcome.org_id != entry.org_id or not outcome.is_active:
        raise ValueError("not an outcome of this organisation")
    if Call.objects.filter(company=entry.company_id, outcome__do_not_call=True).exists():
        raise CallRefused(_("This company asked not to be called again (架電禁止)."))
    if not entry.company.phone:
        raise CallRefused(_("Find the company's phone number first."))
    level = level or outcome.level
    if level not in rules.LADDER:
        raise ValueError(f"not a level: {level!r}")
    if outcome.level == "appointment":
        level = "appointment"
    now = clock.now()
    version = version_for(entry)
    text = " · ".join(
        x for x in (outcome.label, str(dict(LEVEL_CHOICES)[level]), reached, notes) if x
    )
    activity = Activity.objects.create(
        org_id=entry.org_id,
        company_id=entry.company_id,
        owner=by,
        kind=Activity.Kind.CALL,
        occurred_at=now,
        notes=text,
        outcome=outcome.label,
        next_step=_("Call back") if call_back_at else "",
        next_step_on=timezone.localtime(call_back_at).date() if call_back_at else None,
    )
    call = Call.objects.create(
        org_id=entry.org_id,
        company_id=entry.company_id,
        caller=by,
        entry=entry,
        version=version,
        outcome=outcome,
        level=level,
        reached=reached.strip(),
        call_back_at=call_back_at,
        called_at=now,
        activity=activity,
    )
    if not entry.level or rules.rank(level) > rules.rank(entry.level):
        entry.level = level
    if outcome.closes or outcome.do_not_call:
        entry.status = CallListEntry.Status.DONE
    elif outcome.call_back:
        entry.status = CallListEntry.Status.CALL_BACK
        entry.call_back_at = call_back_at or now + dt.timedelta(days=1)
    else:
        entry.status = CallListEntry.Status.DONE
    entry.save(update_fields=["level", "status", "call_back_at", "updated_at"])
    if (
        level == "appointment"
        and not Relationship.objects.filter(
            org_id=entry.org_id, company_id=entry.company_id, owner=by
        ).exists()
    ):
        portfolio.add_to_portfolio(
            org=access.membership(by).org,
            company=entry.company,
            owner=by,
            tier="new",
            on=clock.today(),
            reason=_("Appointment from a cold call"),
            by=by,
        )
    return call


def call_backs_due(user, org, day: dt.date):
    """The user's call-backs due by the end of `day` (those left from before, too)."""
    end = timezone.make_aware(dt.datetime.combine(day + dt.timedelta(days=1), dt.time.min))
    return (
        CallListEntry.objects.filter(
            org=org,
            call_list__owner=user,
            status=CallListEntry.Status.CALL_BACK,
            call_back_at__lt=end,
        )
        .select_related("company", "call_list")
        .order_by("call_back_at")
    )


@transaction.atomic
def save_outcomes(formset, *, by) -> list[OutcomeCode]:
    """The organisation's outcome codes as edited (a validated OutcomeFormSet of `by`);
    a code in use is retired (not in use), never deleted: its calls keep their meaning."""
    org = access.membership(by).org
    saved = []
    for code in formset.save(commit=False):
        code.org = org
        code.save()
        saved.append(code)
    return saved


@transaction.atomic
def record_rehearsal(form, *, by) -> Rehearsal:
    """A rep practised a version (a validated RehearsalForm of `by`)."""
    rehearsal = form.save(commit=False)
    rehearsal.org = access.membership(by).org
    rehearsal.recorded_by = by
    rehearsal.save()
    return access.ensure_visible(by, rehearsal)


__all__ = ["build_call_list", "log_call", "outcomes_for", "save_script", "save_version"]
