"""Importing people (business cards from Eight or Sansan, an address book from Google
or Outlook, a CRM's contacts from Salesforce or HubSpot, a phone's vCard file, our own
template): the people target of the import pipeline (transfer/pipeline.py).

Each row is checked with the rules of the person form (a family name, kana readings,
an e-mail address, Japanese phone numbers, the lengths of the fields) without building
a form per row, so a 100,000-row file is checked in seconds. Each person's company is
found among the organisation's companies (same normalised name, or the registry entity
the name resolves to) or created once — from the registry when the name resolves —
however many people of the file work there. A person already in the organisation
(same e-mail, else same name at the same company) is proposed as a duplicate: skipped,
or merged (blank fields filled in, new card exchanges added). A person who appears
once per card exchange (Eight) is one person; each exchange is kept as an activity and
makes the card's owner (the importing user, or Sansan's 名刺所有者 when that is one of
the organisation's users) acquainted with the person (a Tie of kind CARD), which the
warmest path uses. Everything is written in batches, in one transaction."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _

from eigyo.accounts import access
from eigyo.accounts.models import Membership
from eigyo.activities.models import Activity
from eigyo.companies.models import Company
from eigyo.companies.services import REGISTRY_FACTS, fill_from_registry
from eigyo.contacts.models import Person, Tie
from eigyo.core import writes
from eigyo.lib import jp_text
from eigyo.registry.models import search_fields
from eigyo.registry.resolving import resolve_names
from eigyo.transfer import bulk, pipeline
from eigyo.transfer.domain import people_columns as columns
from eigyo.transfer.importing import clean_phone_cached as clean_phone
from eigyo.transfer.importing import name_key_cached
from eigyo.transfer.people_kept import (
    _WRITTEN,
    KeptPeople,
    Values,
    _chunks,
    _Fresh,
    _group_specs,
)

BATCH = 1000  # rows per INSERT; SQLite allows 32,766 parameters a statement

LABELS = {
    "company_name": "会社名",
    "company_kana": "会社名フリガナ",
    "company_phone": "会社電話",
    "department": "部署",
    "title": "役職",
    "full_name": "氏名",
    "family_name": "姓",
    "given_name": "名",
    "full_kana": "氏名フリガナ",
    "family_kana": "姓フリガナ",
    "given_kana": "名フリガナ",
    "email": "メール",
    "phone": "電話番号",
    "mobile": "携帯電話",
    "postal_code": "郵便番号",
    "address": "住所",
    "website": "URL",
    "exchanged_on": "名刺交換日",
    "owner": "名刺所有者",
    "tags": "タグ",
    "notes": "備考",
}
TEMPLATE_HEADERS = [
    "会社名",
    "会社名フリガナ",
    "部署",
    "役職",
    "姓",
    "名",
    "姓フリガナ",
    "名フリガナ",
    "メール",
    "電話番号",
    "携帯電話",
    "名刺交換日",
    "名刺所有者",
    "備考",
]
CARD_STRENGTH = 0.5  # a card swapped: "fairly well", as the tie form's middle choice


class PeopleList(KeptPeople, pipeline.Target):
    """A list of people: rows become people at the organisation's companies."""

    key = "people"
    required = "family_name"

    def __init__(self, org, user, *, on_duplicate: str = "skip") -> None:
        super().__init__(org, user)
        self.merging = on_duplicate == "merge"
        self.headers: list[str] = []
        self.format = ""
        self.required_message = _(
            "No column holds the person's name: map one to “姓” or to “氏名”."
        )
        self.meanwhile_message = _("People were added meanwhile; check the file again.")
        self.companies: dict[object, tuple[str, object]] = {}
        # company group → (name, kana, phone, registry entry), as a kept preview has them
        self.groups: dict[tuple, tuple] = {}
        self._same: dict[str, str] = {}
        self._rules: dict[tuple, object] = {}
        self._mapped: list[str] | None = None
        self._columns: list[tuple[int, str, str]] = []
        # Translated once for the file, not once per row.
        self.tags_note = _("Tags: %(tags)s")

    def same(self, text: str) -> str:
        """One string object for equal values across the rows."""
        return self._same.setdefault(text, text) if text else text

    # ------------------------------------------------------------------ mapping

    def choices(self) -> list[tuple[str, str]]:
        return [("", _("(ignore)"))] + [(t, LABELS[t]) for t in columns.TARGETS]

    def guess_mapping(self, headers: list[str]) -> list[str]:
        return columns.guess_mapping(headers)

    def missing(self, mapping: list[str]) -> str:
        return "" if {"family_name", "full_name"} & set(mapping) else self.required_message

    def start(self, headers: list[str]) -> None:
        self.headers = headers
        self._mapped = None  # the columns' plan is the new headers'
        self.format = columns.detect_format(headers)

    @property
    def format_label(self) -> str:
        return columns.FORMAT_LABELS.get(self.format, "")

    # ------------------------------------------------------------------ one row

    def _plan(self, mapping: list[str]) -> list[tuple[int, str, str]]:
        """(column, target, header) of the mapped columns, worked out once a file."""
        if mapping != self._mapped:
            self._mapped = list(mapping)
            self._columns = [
                (i, target, self.headers[i] if i < len(self.headers) else "")
                for i, target in enumerate(mapping)
                if target
            ]
        return self._columns

    def _normal(self, text: str) -> str:
        """normalize_text; a non-ASCII value once per distinct value (a file repeats
        its companies, departments, titles, addresses and family names)."""
        if text.isascii():
            return " ".join(text.split())  # normalize_text's ASCII path, without the call
        return self._once(jp_text.normalize_text, text)

    def _once(self, how, *args):
        """A pure rule of the columns (a tag cell, a date, an address), once per value."""
        key = (how, args)
        try:
            return self._rules[key]
        except KeyError:
            if len(self._rules) > 50_000:
                self._rules.clear()
            done = self._rules[key] = how(*args)
            return done

    def row(self, line: int, cells: list[str], mapping: list[str]) -> pipeline.Row:
        got: dict[str, list[str]] = {}
        tags: list[str] = []
        width = len(cells)
        for i, target, header in self._plan(mapping):
            cell = cells[i].strip() if i < width else ""
            if not cell:
                continue
            if target == "tags":
                tags += [t for t in self._once(_tags, header, cell) if t not in tags]
                continue
            values = columns.cell_values(target, cell) if ":::" in cell else [cell]
            if target in got:
                got[target].extend(values)  # Google's "a ::: b", or two columns mapped
            else:
                got[target] = values

        first = {t: self._normal(v[0]) for t, v in got.items() if v}

        def one(target: str) -> str:  # each field's first value, normalised once
            return first.get(target, "")

        errors: list[str] = []
        family, given = one("family_name"), one("given_name")
        if not family and one("full_name"):
            family, given = columns.split_full_name(one("full_name"))
        elif not family and given:
            family, given = given, ""
        family_kana, given_kana = one("family_kana"), one("given_kana")
        if not family_kana and not given_kana and one("full_kana"):
            family_kana, given_kana = columns.split_reading(one("full_kana"))
            if not given_kana and given:  # a reading in one piece for a two-part name
                family_kana = one("full_kana")
        exchanges = []
        for cell in got.get("exchanged_on", ()):
            day = self._once(_iso_date, cell)
            if day is None:
                errors.append(
                    _("%(column)s: “%(value)s” is not a date.")
                    % {"column": LABELS["exchanged_on"], "value": cell}
                )
            elif day:
                exchanges.append(day)
        notes = list(got.get("notes", ()))
        address = self._once(columns.address_of, tuple(got.get("address", ())))
        if one("postal_code") or address:
            postal = f"〒{one('postal_code')}" if one("postal_code") else ""
            notes.append(" ".join(x for x in (postal, address) if x))
        if one("website"):
            notes.append(one("website"))
        if tags:
            notes.append(self.tags_note % {"tags": ", ".join(tags)})
        same = self.same  # repeated values (companies, departments, titles) held once
        data = Values(
            company_name=same(one("company_name")),
            company_kana=same(one("company_kana")),
            company_phone=same(one("company_phone")),
            department=self._once(columns.department_path, one("department")),
            title=same(one("title")),
            family_name=same(family),
            given_name=given,
            family_kana=same(family_kana),
            given_kana=given_kana,
            email=one("email"),
            phone=next((p for p in got.get("phone", ()) if p.strip()), "").strip(),
            mobile=one("mobile"),
            notes=same("\n".join(n for n in notes if n)),
            owner=same(one("owner")),
            exchanges=exchanges,
            tags=tags,
        )
        name = f"{family} {given}" if family and given else family or given
        return pipeline.Row(line=line, name=name, data=data, errors=errors)

    # ------------------------------------------------------------------ checks

    def check(self, rows: list[pipeline.Row]) -> None:
        for row in rows:
            self._validate(row)
        self._owners(rows)
        self._resolve_companies(rows)
        self._duplicates(rows)

    def _validate(self, row: pipeline.Row) -> None:
        """The person form's rules, as plain checks (no form built per row)."""
        d, errors = row.data, row.errors
        if not d.family_name:
            errors.append(_("Family name: Enter the family name."))
        for key, limit in _LIMITS:
            if len(getattr(d, key)) > limit:
                errors.append(
                    _("%(column)s: at most %(n)s characters.") % {"column": LABELS[key], "n": limit}
                )
        for key in ("family_kana", "given_kana", "company_kana"):
            value = getattr(d, key)
            if value:
                reading = self._once(columns.reading, value)
                if not reading:
                    errors.append(
                        _("%(column)s: “%(value)s” is not kana.")
                        % {"column": LABELS[key], "value": value}
                    )
                setattr(d, key, reading)
        if d.email and not self._email_ok(d.email):
            errors.append(
                _("%(column)s: “%(value)s” is not an e-mail address.")
                % {"column": LABELS["email"], "value": d.email}
            )
        for key in ("phone", "mobile", "company_phone"):
            value = getattr(d, key)
            if value:
                try:
                    setattr(d, key, clean_phone(value))
                except ValidationError as exc:
                    errors.append(f"{LABELS[key]}: {exc.messages[0]}")

    def _email_ok(self, email: str) -> bool:
        """Django's validate_email, its domain check made once per domain (a file's
        people share their companies' domains)."""
        if len(email) > 320 or "@" not in email:
            return False
        user_part, domain = email.rsplit("@", 1)
        if not validate_email.user_regex.match(user_part):
            return False
        if domain in validate_email.domain_allowlist:
            return True
        return self._once(validate_email.validate_domain_part, domain)

    def _owners(self, rows: list[pipeline.Row]) -> None:
        """Who received each card: a user of the organisation's sales side the owner
        cell names (by e-mail, or by name), else the importing user."""
        named = {r.data["owner"] for r in rows if r.data["owner"]}
        found: dict[str, int] = {}
        if named:
            # Only the sales side holds cards that are a way in (not partners, marketing).
            ours = access.sales_side_ids(self.org.pk)
            members = Membership.objects.filter(org=self.org, user__in=ours)
            for m in members.select_related("user"):
                u = m.user
                for key in (
                    u.email,
                    u.email.split("@")[0],
                    u.family_name + u.given_name,
                    u.given_name + u.family_name,
                ):
                    if key:
                        found.setdefault(_owner_key(key), u.pk)
        me = self.user.pk if self.user is not None else None
        for row in rows:
            owner = row.data["owner"]
            row.data["owner_id"] = found.get(_owner_key(owner), me) if owner else me

    def _resolve_companies(self, rows: list[pipeline.Row]) -> None:
        """Each company name → the organisation's company (same normalised name, or the
        registry entity the name resolves to), or one to create (from the registry
        when the name resolves, else new): the resolution the company list uses."""
        by_key: dict[str, str] = {}
        for row in rows:
            name = row.data["company_name"]
            if name:
                row.data["company_key"] = name_key_cached(name) or name
                by_key.setdefault(row.data["company_key"], name)
        keys = list(by_key)
        existing: dict[str, Company] = {}
        for chunk in _chunks(keys):
            for c in Company.objects.filter(org=self.org, name_key__in=chunk).only(
                "pk", "legal_name", "short_name", "name_key", "registry_id"
            ):
                existing.setdefault(c.name_key, c)
        unknown = [k for k in keys if k not in existing]
        entries = {}
        names = [by_key[k] for k in unknown]
        for key, (match, entry) in zip(unknown, resolve_names(names) if names else [], strict=True):
            entries[key] = (match.status, entry)
        by_entry: dict[int, Company] = {}
        found = [e for _s, e in entries.values() if e is not None]
        for chunk in _chunks([e.pk for e in found]):
            for c in Company.objects.filter(org=self.org, registry_id__in=chunk).only(
                "pk", "legal_name", "short_name", "name_key", "registry_id"
            ):
                by_entry.setdefault(c.registry_id, c)
        # A company typed in without its registry link, under its corporate number.
        numbers = {e.corporate_number: e.pk for e in found if e.corporate_number}
        for chunk in _chunks(list(numbers)):
            for c in Company.objects.filter(org=self.org, corporate_number__in=chunk).only(
                "pk", "legal_name", "short_name", "name_key", "corporate_number"
            ):
                by_entry.setdefault(numbers[c.corporate_number], c)
        # company_key → ("existing", Company) | ("registry", entry) | ("new", name);
        # two names of one registry entity share the company they resolve to.
        self.companies = {}
        for key in keys:
            if key in existing:
                self.companies[key] = ("existing", existing[key])
                continue
            status, entry = entries.get(key, ("none", None))
            if entry is not None and entry.pk in by_entry:
                self.companies[key] = ("existing", by_entry[entry.pk])
            elif entry is not None:
                self.companies[key] = ("registry", entry)
            else:
                self.companies[key] = ("new", by_key[key])
        for row in rows:
            key = row.data.get("company_key")
            if key:
                kind, what = self.companies[key]
                row.match_status = entries.get(key, ("existing", None))[0]
                if kind == "registry":
                    row.entry = what
                    row.data["company_group"] = ("entry", what.pk)
                elif kind == "existing":
                    row.data["company_group"] = ("company", what.pk)
                else:
                    row.data["company_group"] = ("name", key)

    def _duplicates(self, rows: list[pipeline.Row]) -> None:
        """A person already in the organisation (e-mail, else name at the company), or
        an earlier row of the file (one row per card exchange): the later rows' card
        exchanges and tags go to the first."""
        emails = sorted({r.data["email"].lower() for r in rows if r.data["email"]})
        people_by_email: dict[str, Person] = {}
        for chunk in _chunks(emails):
            for p in (
                Person.objects.filter(org=self.org)
                .annotate(email_lower=Lower("email"))
                .filter(email_lower__in=chunk)
            ):
                people_by_email.setdefault(p.email_lower, p)
        company_ids = sorted(
            {g[1] for r in rows if (g := r.data.get("company_group")) and g[0] == "company"}
        )
        people_by_name: dict[tuple, Person] = {}
        for chunk in _chunks(company_ids):
            for p in Person.objects.filter(org=self.org, company_id__in=chunk):
                people_by_name.setdefault(
                    (("company", p.company_id), p.family_name, p.given_name), p
                )
        first: dict[tuple, pipeline.Row] = {}
        for row in rows:
            d = row.data
            keys = []
            if d["email"]:
                keys.append(("email", d["email"].lower()))
            group = d.get("company_group")
            keys.append(("name", group, d["family_name"], d["given_name"]))
            earlier = next((first[k] for k in keys if k in first), None)
            if earlier is not None:
                row.duplicate_line = earlier.line
                _carry(row, earlier)
                continue
            for key in keys:
                first.setdefault(key, row)
            row.duplicate_of = (
                people_by_email.get(d["email"].lower()) if d["email"] else None
            ) or people_by_name.get((group, d["family_name"], d["given_name"]))
            row.merge = self.merging and row.duplicate_of is not None

    # ------------------------------------------------------------------ writing

    def save(self, row: pipeline.Row):
        self.save_all([row])
        return row.saved

    def save_all(self, rows: list[pipeline.Row]) -> None:
        """The companies first (each once), then the people a batch at a time with
        their card exchanges and ties: a constant number of queries per batch, and
        only one batch of records in memory. row.saved is the person's id."""
        company_of = self._companies_for(rows)
        me = getattr(self.user, "pk", None)
        for batch in _chunks(rows, BATCH):
            ds = [row.data if row.kept is None else self._values(row) for row in batch]
            ids: list = [None] * len(batch)
            changed: list[Person] = []
            new: list[tuple] = []
            at: list[int] = []
            for i, (row, d) in enumerate(zip(batch, ds, strict=True)):
                company = company_of.get(d.get("company_group"))
                if row.action == "merge":
                    person = row.duplicate_of
                    if _fill(person, d, company):
                        person.derive_search_fields()
                        changed.append(person)
                    ids[i], d["company_id"] = person.pk, person.company_id
                    continue
                fresh = _Fresh(**{name: d[name] for name in _WRITTEN}, company_id=company)
                Person.derive_search_fields(fresh)  # the derivation Person.save makes
                new.append(
                    (self.org.pk, company, *(d[n] for n in _WRITTEN))
                    + tuple(getattr(fresh, n) for n in _DERIVED)
                    + (me,)
                )
                at.append(i)
                d["company_id"] = company
            for i, pk in zip(at, bulk.insert_values(Person, _PERSON_COLUMNS, new), strict=True):
                ids[i] = pk
            if changed:
                writes.bulk_update(Person, changed, _FILLED + _DERIVED, by=self.user)
            self._exchanges(batch, ds, ids)
            for row, pk in zip(batch, ids, strict=True):
                row.saved = pk

    def _companies_for(self, rows: list[pipeline.Row]) -> dict[tuple, int]:
        """The company id of each company group of the rows, created once when new
        (from the registry's facts when the name resolved), all new ones in batches."""
        if rows and rows[0].kept is not None:
            specs = self.groups
        else:
            specs = {g: (*spec, None) for g, spec in _group_specs(rows).items()}
            for row in rows:
                if row.entry is not None and row.data.get("company_group") in specs:
                    group = row.data["company_group"]
                    specs[group] = (*specs[group][:3], row.entry)
        out: dict[tuple, int] = {}
        groups: set[tuple] = set()
        for r in rows:
            group = r.data.get("company_group") if r.kept is None else r.kept[0]
            if group:
                groups.add(group)
        new = []
        for group in groups:
            if group[0] == "company":
                out[group] = group[1]
            else:
                new.append(group)
        for batch in _chunks(new, BATCH):
            made = [self._new_company(group, *specs[group]) for group in batch]
            ids = bulk.insert_values(Company, _COMPANY_COLUMNS, made)
            out.update(zip(batch, ids, strict=True))
        return out

    def _new_company(self, group: tuple, name: str, kana: str, phone: str, entry) -> tuple:
        """A new company's values (_COMPANY_COLUMNS): from the registry's facts when
        the name resolved (fill_from_registry, the rule a company form follows)."""
        company = SimpleNamespace(
            legal_name=name, kana=kana, phone=phone, short_name="", registry=None
        )
        company.__dict__.update(dict.fromkeys(REGISTRY_FACTS, ""))
        if group[0] == "entry":
            company.legal_name, company.phone = entry.name, ""
            fill_from_registry(company, entry)
        derived = search_fields(company.legal_name, company.name_en, company.kana)
        return (
            self.org.pk,
            getattr(company.registry, "pk", None),
            *(getattr(company, n) for n in _COMPANY_GIVEN),
            *(derived[n] for n in _COMPANY_DERIVED),
        )

    def _exchanges(self, rows: list[pipeline.Row], ds: list[dict], ids: list[int]) -> None:
        """Each card exchange as an activity at the person's company, and the card
        owner's acquaintance with the person (one CARD tie per owner and person)."""
        card_file = self.format in columns.CARD_APPS
        had_ties: set[tuple[int, int]] = set()
        had_days: set[tuple[int, int, dt.date]] = set()
        merged = [pk for r, pk in zip(rows, ids, strict=True) if r.action == "merge"]
        for chunk in _chunks(merged):
            had_ties |= set(
                Tie.objects.filter(
                    org=self.org, person_id__in=chunk, source=Tie.Source.CARD
                ).values_list("user_id", "person_id")
            )
            for person_id, owner_id, when in Activity.people.through.objects.filter(
                person_id__in=chunk
            ).values_list("person_id", "activity__owner_id", "activity__occurred_at"):
                had_days.add((owner_id, person_id, timezone.localtime(when).date()))
        activities: list[tuple] = []
        met: list[int] = []
        ties: list[tuple] = []
        source = columns.FORMAT_LABELS.get(self.format) or _("a list")
        # Translated once for the file, not once per row.
        met_note = _("Business cards exchanged (imported from %(source)s)") % {"source": source}
        tie_note = _("Imported from %(source)s") % {"source": source}
        noon: dict[str, dt.datetime] = {}
        org, me = self.org.pk, getattr(self.user, "pk", None)
        for d, pk in zip(ds, ids, strict=True):
            owner = d.get("owner_id")
            if owner is None:
                continue
            days = sorted(set(d["exchanges"]))
            if d["company_id"] is not None:
                for day in days:
                    if (owner, pk, dt.date.fromisoformat(day)) in had_days:
                        continue
                    if day not in noon:
                        noon[day] = timezone.make_aware(
                            dt.datetime.combine(dt.date.fromisoformat(day), dt.time(12))
                        )
                    kind = Activity.Kind.MEETING
                    activities.append((org, kind, noon[day], d["company_id"], owner, met_note))
                    met.append(pk)
            if (days or card_file) and (owner, pk) not in had_ties:
                had_ties.add((owner, pk))
                since = dt.date.fromisoformat(days[0]) if days else None
                ties.append((org, owner, pk, Tie.Source.CARD, CARD_STRENGTH, since, tie_note, me))
        made = bulk.insert_values(Activity, _ACTIVITY_COLUMNS, activities)
        bulk.insert_values(
            Activity.people.through,
            ("activity_id", "person_id"),
            list(zip(made, met, strict=True)),
        )
        bulk.insert_values(Tie, _TIE_COLUMNS, ties)


_COMPANY_GIVEN = ("legal_name", "kana", "phone", "short_name", *REGISTRY_FACTS)
_COMPANY_DERIVED = ("name_key", "name_en_key", "kana_key", "romaji")
_COMPANY_COLUMNS = ("org_id", "registry_id", *_COMPANY_GIVEN, *_COMPANY_DERIVED)
# The longest value of each field a row fills: the person's and the company's columns.
_LIMITS = tuple(
    (key, model._meta.get_field(field).max_length)
    for key, model, field in (
        ("family_name", Person, "family_name"),
        ("given_name", Person, "given_name"),
        ("family_kana", Person, "family_kana"),
        ("given_kana", Person, "given_kana"),
        ("department", Person, "department"),
        ("title", Person, "title"),
        ("company_name", Company, "legal_name"),
        ("company_kana", Company, "kana"),
    )
)
_ACTIVITY_COLUMNS = ("org_id", "kind", "occurred_at", "company_id", "owner_id", "notes")
_TIE_COLUMNS = (
    "org_id",
    "user_id",
    "person_id",
    "source",
    "strength",
    "since",
    "note",
    "recorded_by_id",
)


# What a merge may fill on a person already there: the company and every written
# field but the family name (the name that found the duplicate).
_FILLED = ["company", *_WRITTEN[1:]]
_DERIVED = ["family_romaji", "given_romaji", "search_text", "name_key", "kana_key", "romaji_key"]
_PERSON_COLUMNS = ("org_id", "company_id", *_WRITTEN, *_DERIVED, "created_by_id")


def _fill(person: Person, d: dict, company: int | None) -> bool:
    """Fill the existing person's blank fields from the row; True when any changed.
    What the organisation has is never overwritten; notes are added to."""
    changed = False
    if person.company_id is None and company is not None:
        person.company_id, changed = company, True
    for name in _FILLED[1:-1]:
        if not getattr(person, name) and d.get(name):
            setattr(person, name, d[name])
            changed = True
    if d["notes"] and d["notes"] not in person.notes:
        person.notes = "\n".join(n for n in (person.notes, d["notes"]) if n)
        changed = True
    return changed


def _carry(row: pipeline.Row, earlier: pipeline.Row) -> None:
    """A repeated row (another card exchange of the same person) adds its exchanges,
    tags and whatever the first row lacks to the first row."""
    d, e = row.data, earlier.data
    e["exchanges"] = sorted(set(e["exchanges"]) | set(d["exchanges"]))
    for key in (
        "given_name",
        "family_kana",
        "given_kana",
        "department",
        "title",
        "phone",
        "mobile",
    ):
        if not e[key] and d[key]:
            e[key] = d[key]
    new_tags = [t for t in d["tags"] if t not in e["tags"]]
    if new_tags:
        e["tags"] += new_tags
        e["notes"] = "\n".join(
            [
                n
                for n in e["notes"].split("\n")
                if not n.startswith(_("Tags: %(tags)s") % {"tags": ""})
            ]
            + [_("Tags: %(tags)s") % {"tags": ", ".join(e["tags"])}]
        )


def _iso_date(cell: str) -> str | None:
    """The day a cell gives, as ISO text: "" for blank, None for not a date."""
    try:
        day = columns.parse_date(cell)
    except ValueError:
        return None
    return day.isoformat() if day is not None else ""


def _tags(header: str, cell: str) -> tuple[str, ...]:
    return tuple(columns.tags_of(header, cell))


def _owner_key(text: str) -> str:
    return "".join(jp_text.normalize_text(text).casefold().split())
