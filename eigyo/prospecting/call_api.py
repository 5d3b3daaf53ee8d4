"""Cold calls over the API: scripts and their openings, outcome codes, call lists, the
next company to call, logging a call, and the figures per variant (the same forms,
services and access rules as the pages)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Prefetch
from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema, Status

from eigyo.accounts import access
from eigyo.core import clock
from eigyo.core.api import Forbidden, FormInvalid, valid
from eigyo.prospecting import call_services as services
from eigyo.prospecting import call_stats
from eigyo.prospecting.access import (
    can_call,
    can_edit_scripts,
    visible_call_lists,
    visible_calls,
    visible_outcomes,
    visible_rehearsals,
    visible_scripts,
)
from eigyo.prospecting.call_forms import (
    CallForm,
    CallListForm,
    PhoneForm,
    ScriptForm,
    VersionForm,
)
from eigyo.prospecting.domain import calls as rules
from eigyo.prospecting.models import CallListEntry

router = Router(tags=["calls"])


class OpeningsIn(Schema):
    reception: str = ""
    staff: str = ""
    manager: str = ""
    decision_maker: str = ""


class VersionOut(Schema):
    id: int
    variant: str
    number: int
    openings: dict[str, str]


class ScriptOut(Schema):
    id: int
    name: str
    purpose: str
    is_active: bool
    variants: list[VersionOut]


class ScriptIn(Schema):
    name: str
    purpose: str = ""
    is_active: bool = True


def _version(v) -> dict:
    return {
        "id": v.pk,
        "variant": v.variant,
        "number": v.number,
        "openings": {level: v.opening(level) for level in rules.OPENINGS},
    }


def _script(s) -> dict:
    current = services.current_versions(s)
    return {
        "id": s.pk,
        "name": s.name,
        "purpose": s.purpose,
        "is_active": s.is_active,
        "variants": [_version(current[k]) for k in sorted(current)],
    }


def _caller(request):
    if not can_call(request.user):
        raise Forbidden


@router.get("/call-scripts", response=list[ScriptOut])
def list_scripts(request: HttpRequest):
    _caller(request)
    return [
        _script(s) for s in visible_scripts(request.user).prefetch_related("versions")
    ]  # one query


@router.get("/call-scripts/{int:pk}", response=ScriptOut)
def get_script(request: HttpRequest, pk: int):
    return _script(access.get_visible(visible_scripts(request.user), pk=pk))


@router.post("/call-scripts", response={201: ScriptOut})
def create_script(request: HttpRequest, payload: ScriptIn):
    if not can_edit_scripts(request.user):
        raise Forbidden
    form = valid(ScriptForm(payload.dict(), user=request.user))
    return Status(201, _script(services.save_script(form, by=request.user)))


@router.put("/call-scripts/{int:pk}/variants/{variant}", response=VersionOut)
def put_variant(request: HttpRequest, pk: int, variant: str, payload: OpeningsIn):
    """Write a variant's openings: its latest version while unused, else a new one."""
    script = access.get_visible(visible_scripts(request.user), pk=pk)
    if not can_edit_scripts(request.user):
        raise Forbidden
    form = valid(VersionForm({"variant": variant, **payload.dict()}))
    data = form.cleaned_data
    version = services.save_version(
        script, data["variant"], {lv: data[lv] for lv in rules.OPENINGS}, by=request.user
    )
    return _version(version)


class RateOut(Schema):
    k: int
    n: int
    rate: float | None
    low: float
    high: float


class StatsRowOut(Schema):
    variant: str
    version: int | None
    calls: int
    reached: dict[str, int]
    rates: dict[str, RateOut]
    beats_first: dict[str, float] | None
    practised: int


class StatsOut(Schema):
    variants: list[StatsRowOut]
    versions: list[StatsRowOut]


def _row(r: call_stats.Row) -> dict:
    return {
        "variant": r.variant,
        "version": r.number,
        "calls": r.funnel.calls,
        "reached": r.funnel.at_least,
        "rates": {
            name: {
                "k": rate.k,
                "n": rate.n,
                "rate": rate.value,
                "low": rate.interval[0],
                "high": rate.interval[1],
            }
            for name, rate in r.rates.items()
        },
        "beats_first": r.beats_first,
        "practised": r.practised,
    }


@router.get("/call-scripts/{int:pk}/stats", response=StatsOut)
def script_stats(request: HttpRequest, pk: int, caller: int | None = None, month: str = ""):
    """How far calls with each version and variant got: the conditional rates (past
    reception = staff ÷ reception, decision maker ÷ staff, appointments ÷ conversations)
    with Wilson 95 % intervals, and the chance each variant beats A."""
    script = access.get_visible(visible_scripts(request.user), pk=pk)
    who = access.get_visible(access.portfolio_owners(request.user), pk=caller) if caller else None
    calls = call_stats.filtered(visible_calls(request.user), script=script, caller=who, month=month)
    practice = call_stats.filtered_rehearsals(
        visible_rehearsals(request.user), script=script, rep=who, month=month
    )
    versions, variants = call_stats.script_rows(
        calls, practice, known=script.versions.values_list("variant", "number")
    )
    return {"variants": [_row(r) for r in variants], "versions": [_row(r) for r in versions]}


class OutcomeOut(Schema):
    id: int
    label: str
    level: str
    connected: bool
    call_back: bool
    closes: bool
    do_not_call: bool


@router.get("/call-outcomes", response=list[OutcomeOut])
def list_outcomes(request: HttpRequest):
    _caller(request)
    services.outcomes_for(access.membership(request.user).org)
    return list(visible_outcomes(request.user).filter(is_active=True))


class EntryOut(Schema):
    id: int
    company: int
    company_name: str
    phone: str
    variant: str
    status: str
    level: str
    call_back_at: dt.datetime | None


class CallListOut(Schema):
    id: int
    name: str
    owner: int
    script: int
    source: str
    entries: list[EntryOut]


class CallListIn(Schema):
    name: str
    script: int
    source: str = "portfolio"
    limit: int = 50
    seed: int | None = None  # spider: the won client the companies should be like
    sector33: str = ""  # registry: narrow by industry (TSE 33 code) …
    prefecture: str = ""  # … prefecture (JIS code, "13" = Tokyo) …
    size_class: str = ""  # … size class …
    listed_only: bool = False  # … or listed companies only


def _entry(e) -> dict:
    return {
        "id": e.pk,
        "company": e.company_id,
        "company_name": e.company.display_name,
        "phone": e.company.phone,
        "variant": e.variant,
        "status": e.status,
        "level": e.level,
        "call_back_at": e.call_back_at,
    }


def _list(cl) -> dict:
    return {
        "id": cl.pk,
        "name": cl.name,
        "owner": cl.owner_id,
        "script": cl.script_id,
        "source": cl.source,
        "entries": [_entry(e) for e in cl.entries.all()],
    }


@router.get("/call-lists", response=list[CallListOut])
def list_call_lists(request: HttpRequest):
    _caller(request)
    lists = visible_call_lists(request.user).prefetch_related(
        Prefetch("entries", queryset=CallListEntry.objects.select_related("company"))
    )
    return [_list(cl) for cl in lists[:200]]


@router.get("/call-lists/{int:pk}", response=CallListOut)
def get_call_list(request: HttpRequest, pk: int):
    return _list(access.get_visible(visible_call_lists(request.user), pk=pk))


@router.post("/call-lists", response={201: CallListOut})
def create_call_list(request: HttpRequest, payload: CallListIn):
    """A list of the caller's own new approaches (`portfolio`), the companies that fit
    the avatar best (`avatar`) — both with phone numbers —, companies like a won client
    (`spider`, with `seed`) or from the registry (`registry`, narrowed and ranked by the
    avatar); those two come without a phone number, to be found before the call.
    Never a 架電禁止."""
    _caller(request)
    form = valid(CallListForm(payload.dict(), user=request.user))
    data = form.cleaned_data
    try:
        made = services.make_call_list(
            name=data["name"],
            script=data["script"],
            source=data["source"],
            candidates=form.candidates(),
            limit=data["limit"],
            by=request.user,
        )
    except ValueError as exc:
        raise FormInvalid.single("script", str(exc)) from exc
    return Status(201, _list(made))


class NextOut(Schema):
    entry: EntryOut | None
    version: VersionOut | None
    opening: str | None  # which opening to read first


@router.get("/call-lists/{int:pk}/next", response=NextOut)
def next_call(request: HttpRequest, pk: int):
    call_list = access.get_visible(visible_call_lists(request.user), pk=pk)
    entry = services.next_entry(call_list, clock.now())
    if entry is None:
        return {"entry": None, "version": None, "opening": None}
    return {
        "entry": _entry(entry),
        "version": _version(services.version_for(entry)),
        "opening": rules.opening_for(entry.level or None),
    }


class CallIn(Schema):
    entry: int
    outcome: int
    level: str = ""
    reached: str = ""
    call_back_at: dt.datetime | None = None
    notes: str = ""


class CallOut(Schema):
    id: int
    company: int
    activity: int
    outcome: str
    level: str
    reached: str
    call_back_at: dt.datetime | None
    version: int


@router.post("/call-lists/{int:pk}/calls", response={201: CallOut})
def log_call(request: HttpRequest, pk: int, payload: CallIn):
    """Log a call from the caller's own list (its activity lands on the timeline)."""
    call_list = access.get_visible(visible_call_lists(request.user), pk=pk)
    if call_list.owner_id != request.user.pk:
        raise Forbidden
    entry = access.get_visible(call_list.entries.all(), pk=payload.entry)
    data = payload.dict()
    when = data["call_back_at"]
    if when:  # the form reads local (Tokyo) wall-clock time
        data["call_back_at"] = (
            timezone.localtime(when) if timezone.is_aware(when) else when
        ).strftime("%Y-%m-%d %H:%M")
    form = valid(
        CallForm({k: ("" if v is None else v) for k, v in data.items()}, user=request.user)
    )
    d = form.cleaned_data
    try:
        call = services.log_call(
            entry,
            outcome=d["outcome"],
            level=d["level"] or None,
            reached=d["reached"],
            call_back_at=d["call_back_at"],
            notes=d["notes"],
            by=request.user,
        )
    except services.CallRefused as exc:
        raise FormInvalid.single("entry", str(exc)) from exc
    return Status(
        201,
        {
            "id": call.pk,
            "company": call.company_id,
            "activity": call.activity_id,
            "outcome": call.outcome.label,
            "level": call.level,
            "reached": call.reached,
            "call_back_at": call.call_back_at,
            "version": call.version_id,
        },
    )


class PhoneIn(Schema):
    entry: int
    phone: str


class EntryIn(Schema):
    entry: int


def _own_entry(request: HttpRequest, pk: int, entry: int):
    call_list = access.get_visible(visible_call_lists(request.user), pk=pk)
    if call_list.owner_id != request.user.pk:
        raise Forbidden
    return access.get_visible(call_list.entries.select_related("company"), pk=entry)


@router.post("/call-lists/{int:pk}/phone", response=EntryOut)
def set_phone(request: HttpRequest, pk: int, payload: PhoneIn):
    """The number found for a listed company that came without one (from the spider
    or the registry): it becomes the company's, and the company can be called."""
    entry = _own_entry(request, pk, payload.entry)
    form = valid(PhoneForm({"phone": payload.phone}))
    return _entry(services.set_entry_phone(entry, form.cleaned_data["phone"], by=request.user))


@router.post("/call-lists/{int:pk}/skip", response=EntryOut)
def skip(request: HttpRequest, pk: int, payload: EntryIn):
    """Take a company off the list without a call (no number could be found)."""
    return _entry(services.skip_entry(_own_entry(request, pk, payload.entry), by=request.user))
