"""Everything eigyo holds about one person (APPI Art. 33 disclosure): the person
record, the activities they took part in, the deals where they are a stakeholder and
the promises made there, praise, objections, ties, leads and favours naming them,
every free-text note that names them, the imports that brought them, their audit
history, the records of third-party provision about them and their requests.

`SECTIONS` and `TEXT_SCANNED` cover the models; `NOT_PERSONAL` lists every other
model with the reason it holds no one's personal data (the census test fails on a
model in neither)."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from eigyo.audit import tracking
from eigyo.audit.models import AuditEvent, AuditSubject, ProvisionRecord, SubjectRequest
from eigyo.lib import jp_text

HONORIFICS = ("さん", "様", "さま", "氏", "殿", "部長", "課長", "社長", "専務", "常務")

# Models with no one's personal data (the census test checks every model is covered or here).
NOT_PERSONAL = {
    "accounts.Organisation": "the tenant (a company)",
    "accounts.User": "our own staff's accounts, not data subjects of the CRM",
    "accounts.Team": "our teams",
    "accounts.Partner": "a partner firm (a company)",
    "accounts.Membership": "our staff's roles",
    "accounts.ApiToken": "our staff's credentials",
    "accounts.SavedView": "a list's filters",
    "accounts.PasswordResetRequest": "our staff's reset requests (a hash), for an hour",
    "worktime.WorkCalendar": "the business calendar",
    "worktime.Closure": "closure days",
    "worktime.DayOff": "our staff's days off",
    "registry.RegistryEntry": "the public company master",
    "registry.RegistryAlias": "former company names",
    "companies.CompanyField": "the definition of an own field",
    "portfolio.PortfolioSettings": "cadence and capacity settings",
    "deals.StageProbability": "forecast settings",
    "deals.StageChange": "a deal's stage moves (stages and dates, no one named)",
    "prospecting.Rehearsal": "our reps' rehearsals of a call script",
    "prospecting.Avatar": "the ideal-client profile",
    "prospecting.OutcomeCode": "call outcome codes",
    "prospecting.CallListEntry": "a company on a call list",
    "followups.Reminder": "the e-mail queue (its notice is scanned)",
    "agenda.CalendarFeed": "our staff's feed addresses",
    "partners.Target": "a contract's performance target (periods and amounts)",
    "audit.AuditChain": "the chain head (hashes and numbers)",
    "audit.AuditSubject": "the index of events (the events are disclosed)",
}


@dataclass(frozen=True)
class Section:
    key: str
    title: object
    model: str
    rows: Callable  # (person) -> iterable of model instances


def _m(label: str):
    return apps.get_model(label)


def _deals_of(person):
    Stakeholder = _m("deals.Stakeholder")
    return _m("deals.Deal").objects.filter(
        pk__in=Stakeholder.objects.filter(person=person).values("deal_id")
    )


SECTIONS = [
    Section("person", _("Person"), "contacts.Person", lambda p: [p]),
    Section(
        "activities",
        _("Activities they took part in"),
        "activities.Activity",
        lambda p: _m("activities.Activity").objects.filter(people=p).order_by("occurred_at"),
    ),
    Section(
        "stakeholder",
        _("Buying groups they are in"),
        "deals.Stakeholder",
        lambda p: _m("deals.Stakeholder").objects.filter(person=p),
    ),
    Section("deals", _("Deals where they are a stakeholder"), "deals.Deal", _deals_of),
    Section(
        "promises",
        _("Promises made on those deals"),
        "deals.Promise",
        lambda p: _m("deals.Promise").objects.filter(deal__in=_deals_of(p)),
    ),
    Section(
        "praise",
        _("Praise by or about them"),
        "deals.Praise",
        lambda p: _m("deals.Praise").objects.filter(Q(about=p) | Q(to=p)),
    ),
    Section(
        "objections",
        _("Objections they raised"),
        "deals.Objection",
        lambda p: _m("deals.Objection").objects.filter(raised_by=p),
    ),
    Section(
        "ties",
        _("Who knows them"),
        "contacts.Tie",
        lambda p: _m("contacts.Tie").objects.filter(Q(person=p) | Q(other=p)),
    ),
    Section(
        "private",
        _("Kept as a private contact"),
        "contacts.PrivateContact",
        lambda p: _m("contacts.PrivateContact").objects.filter(person=p),
    ),
    Section(
        "leads",
        _("Enquiries (leads)"),
        "prospecting.Lead",
        lambda p: _m("prospecting.Lead").objects.filter(person=p),
    ),
    Section(
        "favours",
        _("Introductions and favours"),
        "prospecting.Favour",
        lambda p: _m("prospecting.Favour").objects.filter(Q(counterpart=p) | Q(introduced=p)),
    ),
    Section(
        "trainee",
        _("Partner training they took"),
        "partners.Trainee",
        lambda p: _m("partners.Trainee").objects.filter(
            org_id=p.org_id, family_name=p.family_name, given_name=p.given_name
        ),
    ),
    Section(
        "attendance",
        _("Training sessions they attended"),
        "partners.Attendance",
        lambda p: _m("partners.Attendance").objects.filter(
            org_id=p.org_id,
            trainee__family_name=p.family_name,
            trainee__given_name=p.given_name,
        ),
    ),
    Section(
        "provision",
        _("Records of third-party provision and receipt"),
        "audit.ProvisionRecord",
        lambda p: ProvisionRecord.objects.filter(org_id=p.org_id, person=p),
    ),
    Section(
        "requests",
        _("Their requests"),
        "audit.SubjectRequest",
        lambda p: SubjectRequest.objects.filter(org_id=p.org_id, person=p),
    ),
    Section(
        "audit",
        _("Audit history"),
        "audit.AuditEvent",
        lambda p: (
            AuditEvent.objects.filter(org_id=p.org_id)
            .filter(
                Q(
                    pk__in=AuditSubject.objects.filter(org_id=p.org_id, person_id=p.pk).values(
                        "event"
                    )
                )
                | AuditEvent.about("contacts.person", p.pk)
            )
            .order_by("seq")
        ),
    ),
]

# Free text that may name anyone, scanned for the person's names: every text field and
# every longer character field of these models (derived search keys excluded).
SKIP_TEXT = {"search_text", "name_key", "kana_key", "romaji_key", "name_en_key", "romaji", "key"}


def text_fields(model) -> list[str]:
    out = []
    for f in model._meta.concrete_fields:
        if f.name in SKIP_TEXT or f.is_relation:
            continue
        if isinstance(f, models.TextField) or (
            isinstance(f, models.CharField) and (f.max_length or 0) >= 120 and not f.choices
        ):
            out.append(f.name)
    return out


def scanned_models() -> list[type[models.Model]]:
    """Every eigyo model with free text, except the person itself and the trail."""
    skip = {
        "audit.AuditEvent",
        "audit.ProvisionRecord",
        "transfer.CompanyImport",
        "transfer.ImportCheck",
    }
    skip |= set(NOT_PERSONAL)
    return [
        m
        for m in apps.get_models()
        if m.__module__.startswith("eigyo.") and m._meta.label not in skip and text_fields(m)
    ]


def covered_labels() -> set[str]:
    covered = {s.model for s in SECTIONS} | {m._meta.label for m in scanned_models()}
    # The imports section: an uploaded list, and its preview's checked rows (the same
    # file's, deleted with its content and when a person in it is erased).
    return covered | {"transfer.CompanyImport", "transfer.ImportCheck"}


def name_forms(person) -> list[str]:
    """The ways a note may name the person: full names (with and without a space, in
    kanji, kana and romaji), family name with an honorific, e-mail, phone numbers."""
    forms = set()
    fam, giv = person.family_name.strip(), person.given_name.strip()
    fk, gk = person.family_kana.strip(), person.given_kana.strip()
    for a, b in ((fam, giv), (fk, gk), (jp_text.to_hiragana(fk), jp_text.to_hiragana(gk))):
        if a and b:
            forms |= {a + b, f"{a} {b}", f"{a}　{b}"}
    if person.family_romaji and person.given_romaji:
        forms |= {
            f"{person.given_romaji} {person.family_romaji}",
            f"{person.family_romaji} {person.given_romaji}",
        }
    if fam:
        forms |= {fam + h for h in HONORIFICS}
    for v in (person.email, person.phone, person.mobile):
        if v and len(v.strip()) >= 5:
            forms.add(v.strip())
    return sorted((f for f in forms if len(f) >= 2), key=len, reverse=True)


def _naming(model, person, forms):
    q = Q()
    for field in text_fields(model):
        for form in forms:
            q |= Q(**{f"{field}__icontains": form})
    qs = model._base_manager.filter(q) if q else model._base_manager.none()
    if any(f.name == "org" for f in model._meta.concrete_fields):
        qs = qs.filter(org_id=person.org_id)
    if model._meta.label == "contacts.Person":
        qs = qs.exclude(pk=person.pk)
    return qs


def notes_naming(person) -> list:
    forms = name_forms(person)
    if not forms:
        return []
    found = []
    for model in scanned_models():
        found += list(_naming(model, person, forms)[:500])
    return found


def imports_naming(person) -> list:
    """The uploaded lists whose file names the person (the records of what came in)."""
    CompanyImport = _m("transfer.CompanyImport")
    forms = [f for f in name_forms(person) if not f.endswith(HONORIFICS)]
    if not forms:
        return []
    # The files are kept compressed, and only for a few days: read in Python.
    uploads = CompanyImport.objects.filter(org_id=person.org_id).exclude(upload=b"")
    found = []
    for upload in uploads.iterator(chunk_size=20):
        text = upload.content.casefold()
        if any(form.casefold() in text for form in forms):
            found.append(upload)
    return found


HIDDEN_FIELDS = {
    "search_text",
    "name_key",
    "kana_key",
    "romaji_key",
    "payload_digest",
    "prev_hash",
    "hash",
    "upload",
    "org",
    "payload",  # shown decoded as "details"
}


def as_row(obj) -> dict:
    row = {"id": obj.pk}
    for f in obj._meta.concrete_fields:
        if f.name in HIDDEN_FIELDS or f.primary_key:
            continue
        value = getattr(obj, f.attname)
        if f.is_relation and value is not None:
            try:
                value = str(getattr(obj, f.name))
            except Exception:  # a dangling link: the id says enough
                pass
        elif f.choices and value not in (None, ""):
            value = str(getattr(obj, f"get_{f.name}_display")())
        row[str(f.verbose_name)] = value if value is None else _plain(value)
    if isinstance(obj, AuditEvent):
        row["details"] = obj.data
    return row


def _event_row(event: AuditEvent, person) -> dict:
    """An audit event as disclosed: a bulk write shows only the person's rows."""
    row = as_row(event)
    data = row["details"]
    if not event.object_id and "rows" in data:
        row["details"] = {
            "bulk": True,
            "count": data.get("count"),
            "rows": tracking.rows_about(event, person.pk),
        }
    return row


def _plain(v):
    if isinstance(v, str | int | float | bool | list | dict):
        return v
    return str(v)


def package(person) -> dict:
    """The disclosure package: {section key: {"title", "rows"}} in a fixed order."""
    out = {}
    for s in SECTIONS:
        show = (lambda o: _event_row(o, person)) if s.key == "audit" else as_row
        out[s.key] = {"title": str(s.title), "rows": [show(o) for o in s.rows(person)]}
    notes = notes_naming(person)
    out["notes"] = {
        "title": str(_("Notes that name them")),
        "rows": [
            {"record": f"{o._meta.verbose_name} #{o.pk}", **_naming_fields(o, person)}
            for o in notes
        ],
    }
    out["imports"] = {
        "title": str(_("Imported lists that brought them")),
        "rows": [
            {
                "id": i.pk,
                str(_("file")): i.filename,
                str(_("imported at")): str(i.imported_at or i.created_at),
                str(_("lines naming them")): _lines_naming(i.content, person),
            }
            for i in imports_naming(person)
        ],
    }
    return out


def _naming_fields(obj, person) -> dict:
    forms = [f.casefold() for f in name_forms(person)]
    out = {}
    for field in text_fields(type(obj)):
        value = getattr(obj, field) or ""
        if any(f in value.casefold() for f in forms):
            out[str(obj._meta.get_field(field).verbose_name)] = value
    return out


def _lines_naming(content: str, person) -> list[str]:
    forms = [f.casefold() for f in name_forms(person) if not f.endswith(HONORIFICS)]
    return [line for line in content.splitlines() if any(f in line.casefold() for f in forms)]


def to_json(pkg: dict) -> str:
    return json.dumps(pkg, ensure_ascii=False, indent=2, default=str)


def to_csv(pkg: dict) -> str:
    """One line per value: section, record, item, value (opens in Excel via the BOM)."""
    from eigyo.lib.spreadsheet import neutralise

    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(["section", "record", "item", "value"])
    for section in pkg.values():
        for i, row in enumerate(section["rows"], 1):
            for item, value in row.items():
                if isinstance(value, dict | list):
                    value = json.dumps(value, ensure_ascii=False, default=str)
                writer.writerow([section["title"], i, item, neutralise(value)])
    return "\ufeff" + buf.getvalue()


def find_people(queryset, q: str):
    """People found by name (kanji, kana, romaji), e-mail or phone."""
    q = (q or "").strip()
    if not q:
        return queryset.none()
    key = jp_text.normalize_text(jp_text.to_hiragana(q)).casefold().replace(" ", "")
    digits = re.sub(r"\D", "", q)
    cond = Q(search_text__icontains=key) | Q(email__iexact=q)
    if len(digits) >= 6:
        cond |= Q(phone__icontains=q) | Q(mobile__icontains=q)
        cond |= Q(phone__icontains=digits) | Q(mobile__icontains=digits)
    return queryset.filter(cond)
