"""A people list's checked outcome kept between its preview and its import
(pipeline.Target's keeping half for PeopleList): what a row is to become, its
values as one line, and the delta check against what the organisation added or
changed since the preview; and the compact holder of a row's values."""

from __future__ import annotations

import json

from eigyo.companies.models import Company
from eigyo.contacts.models import Person
from eigyo.registry.models import RegistryEntry
from eigyo.transfer import pipeline

CHUNK = 2000  # values per IN (…) lookup
_decode = json.JSONDecoder().decode  # a kept line is UTF-8 JSON; no encoding to detect


def _chunks(values: list, size: int = CHUNK):
    for i in range(0, len(values), size):
        yield values[i : i + size]


class KeptPeople:
    """PeopleList's keeping: see pipeline.Target.marks, kept_rows, restore."""

    def identity(self) -> list:
        return [*super().identity(), self.merging]

    def marks(self) -> dict:
        return {
            "company": pipeline.mark(Company.objects.filter(org=self.org)),
            "person": pipeline.mark(Person.objects.filter(org=self.org)),
        }

    def kept_rows(self, preview: pipeline.Preview):
        rows = [r for r in preview.rows if r.action in ("create", "merge")]
        extra = {
            "groups": [[*g, *spec] for g, spec in _group_specs(rows).items()],
            "keys": sorted(self.companies),
            "entries": sorted({w.pk for kind, w in self.companies.values() if kind == "registry"}),
            "companies": sorted(
                {w.pk for kind, w in self.companies.values() if kind == "existing"}
            ),
        }

        def item(row: pipeline.Row) -> str:
            # The row's place and fate, then (tab) its values: the import holds the
            # values as this line's bytes and reads them a batch at a time.
            duplicate = getattr(row.duplicate_of, "pk", None)
            if row.action == "skip":
                return pipeline.line([row.line, row.name, "s", duplicate, row.duplicate_line])
            d = row.data
            group = d.get("company_group")
            head = pipeline.line([row.line, row.name, row.action[0], duplicate, group])
            return head + "\t" + pipeline.line([d.get(k) for k in _KEPT[:-1]])

        return extra, (item(row) for row in preview.rows)

    def restore(self, extra, items, since, marks) -> list[pipeline.Row] | None:
        people = Person.objects.filter(org=self.org)
        companies = Company.objects.filter(org=self.org)
        if not (
            pipeline.none_deleted(people, marks["person"])
            and pipeline.none_deleted(companies, marks["company"])
        ):
            return None
        entries = {
            e.pk: e
            for chunk in _chunks(extra["entries"])
            for e in RegistryEntry.objects.filter(pk__in=chunk)
        }
        if len(entries) != len(extra["entries"]):
            return None
        keys, known = set(extra["keys"]), set(extra["companies"])
        numbers = {e.corporate_number for e in entries.values() if e.corporate_number}
        for c in pipeline.changed_since(companies, since, marks["company"]).only(
            "pk", "name_key", "registry_id", "corporate_number"
        ):
            if (
                c.pk in known
                or c.name_key in keys
                or c.registry_id in entries
                or c.corporate_number in numbers
            ):
                return None  # a company of the file was added or changed: check again
        self.groups = {}
        for kind, value, *spec in extra["groups"]:
            entry = entries.get(value) if kind == "entry" else None
            self.groups[(kind, value)] = (*spec, entry)
        rows: list[pipeline.Row] = []
        targets: set[int] = set()
        for item in items:
            head, _tab, values = item.partition(b"\t")
            line, name, kind, duplicate, *rest = _decode(head.decode())
            row = pipeline.Row(line=line, name=name, data=None, duplicate_of=duplicate)
            if kind == "s":
                row.duplicate_line = rest[0]
            else:  # (company group, the values' line)
                row.merge, row.kept = kind == "m", (tuple(rest[0]) if rest[0] else None, values)
            if duplicate is not None:
                targets.add(duplicate)
            rows.append(row)
        found: dict[tuple, Person] = {}
        for p in pipeline.changed_since(people, since, marks["person"]):
            if p.pk in targets:
                return None  # a person a row repeats was changed: check again
            if p.email:
                found.setdefault(("email", p.email.lower()), p)
            found.setdefault((("company", p.company_id), p.family_name, p.given_name), p)
        for row in rows:
            if row.kept is None or row.duplicate_of is not None or not found:
                continue
            d = self._values(row)  # added since the preview: a duplicate now?
            row.duplicate_of = (
                found.get(("email", d["email"].lower())) if d["email"] else None
            ) or found.get((d["company_group"], d["family_name"], d["given_name"]))
            row.merge = self.merging and row.duplicate_of is not None
        merging = [r for r in rows if r.action == "merge" and isinstance(r.duplicate_of, int)]
        if merging:
            full = {
                p.pk: p
                for chunk in _chunks([r.duplicate_of for r in merging])
                for p in Person.objects.filter(org=self.org, pk__in=chunk)
            }
            for row in merging:
                row.duplicate_of = full[row.duplicate_of]
        return rows

    def _values(self, row: pipeline.Row) -> dict:
        """A kept row's values (a dict as _KEPT names them), read from its line."""
        group, line = row.kept
        values = _decode(line.decode())
        for i in _REPEATED:
            values[i] = self.same(values[i])
        values[-1] = [self.same(day) for day in values[-1]]
        return dict(zip(_KEPT, [*values, group], strict=True))


class Values:
    """One person row's values: read like a dict (`d["email"]`, `d.get(...)`), held
    in slots — 100,000 rows' dicts of 16 keys were a fifth of a people import's memory."""

    __slots__ = (
        "company_name",
        "company_kana",
        "company_phone",
        "department",
        "title",
        "family_name",
        "given_name",
        "family_kana",
        "given_kana",
        "email",
        "phone",
        "mobile",
        "notes",
        "owner",
        "exchanges",
        "tags",
        # set by the checks
        "owner_id",
        "company_key",
        "company_group",
        "company_id",
    )

    def __init__(self, **values) -> None:
        for name, value in values.items():
            setattr(self, name, value)

    def __getitem__(self, name: str):
        try:
            return getattr(self, name)
        except AttributeError:
            raise KeyError(name) from None

    def __setitem__(self, name: str, value) -> None:
        setattr(self, name, value)

    def __contains__(self, name: str) -> bool:
        return hasattr(self, name)

    def get(self, name: str, default=None):
        return getattr(self, name, default)


class _Fresh:
    """A new person's values, for Person.derive_search_fields without a model instance."""

    def __init__(self, **values) -> None:
        self.__dict__.update(values)
        self.family_romaji = self.given_romaji = ""


def _group_specs(rows: list[pipeline.Row]) -> dict[tuple, tuple[str, str, str]]:
    """(name, kana, phone) of each company to create, from the last row naming it."""
    specs = {}
    for row in rows:
        d = row.data
        group = d.get("company_group")
        if group and group[0] != "company":
            specs[group] = (d["company_name"], d["company_kana"], d["company_phone"])
    return specs


# What a kept row of a person to create or merge holds, in order.


_KEPT = (
    "family_name",
    "given_name",
    "family_kana",
    "given_kana",
    "department",
    "title",
    "email",
    "phone",
    "mobile",
    "notes",
    "owner_id",
    "exchanges",
    "company_group",
)
_WRITTEN = _KEPT[:10]
_REPEATED = [_KEPT.index(n) for n in ("family_name", "family_kana", "department", "title", "notes")]
