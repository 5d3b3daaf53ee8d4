"""Importing a list of companies (CSV or TSV from Excel, a CRM or a card app): the
company target of the import pipeline (transfer/pipeline.py).

Every row is checked first with the same CompanyForm as a typed company; each name
is resolved against the registry; a row that is already one of the organisation's
companies (same corporate number, same normalised name or same registry entity),
or repeats an earlier row, is proposed as a duplicate and skipped. Only a file
without bad rows is written, all rows in one transaction.
"""

from __future__ import annotations

import functools
import json

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from eigyo.companies import own_fields, services
from eigyo.companies.forms import CompanyForm
from eigyo.companies.models import Company, CompanyField
from eigyo.core import fields as core_fields
from eigyo.lib import jp_text
from eigyo.registry import codes
from eigyo.registry.models import RegistryEntry, search_fields
from eigyo.registry.resolving import resolve_names
from eigyo.transfer import bulk, pipeline
from eigyo.transfer.domain import company_columns as columns
from eigyo.transfer.models import CompanyImport

# The pipeline's names, for the company list's callers.
ImportRefused, Row, Preview = pipeline.ImportRefused, pipeline.Row, pipeline.Preview
MAX_BYTES = pipeline.MAX_BYTES


class CompanyList(pipeline.Target):
    """A company list: rows become companies, checked with CompanyForm, resolved
    against the registry, duplicates of the organisation's companies skipped."""

    key = "companies"
    required = "legal_name"

    def __init__(self, org, user) -> None:
        super().__init__(org, user)
        self.fields = own_fields.fields_of(org)
        self.by_key = {f.key: f for f in self.fields}
        self.required_message = _("No column holds the company's name: map one to “Legal name”.")
        self.meanwhile_message = _("Companies were added meanwhile; check the file again.")

    def choices(self) -> list[tuple[str, str]]:
        return target_choices(self.fields)

    def guess_mapping(self, headers: list[str]) -> list[str]:
        return columns.guess_mapping(headers, {f.key: f.label for f in self.fields})

    def row(self, line: int, cells: list[str], mapping: list[str]) -> Row:
        return _row(line, cells, mapping, self.by_key)

    def check(self, rows: list[Row]) -> None:
        _resolve(rows)
        _check(rows, self.org, self.user, self.fields)

    def save(self, row: Row) -> Company:
        company = _company(RowRules(self.user, self.fields), self.org, row)
        company.save()
        return company

    def identity(self) -> list:
        # The organisation's own fields check some columns: a change to them counts.
        own = [[f.pk, f.key, f.kind, f.updated_at.isoformat()] for f in self.fields]
        return [*super().identity(), own]

    def marks(self) -> dict:
        return {"company": pipeline.mark(Company.objects.filter(org=self.org))}

    def kept_rows(self, preview: Preview):
        def item(row: Row) -> str:
            if row.action == "create":
                values, custom = row.form
                entry = row.entry.pk if row.entry is not None else None
                return pipeline.line([row.line, row.name, "c", list(values), custom, entry])
            duplicate = getattr(row.duplicate_of, "pk", None)
            return pipeline.line([row.line, row.name, "s", duplicate, row.duplicate_line])

        return None, (item(row) for row in preview.rows)

    def restore(self, extra, items, since, marks) -> list[Row] | None:
        existing = Company.objects.filter(org=self.org)
        if not pipeline.none_deleted(existing, marks["company"]):
            return None
        rows: list[Row] = []
        repeated: set[int] = set()
        for line, name, kind, *rest in map(json.loads, items):
            row = Row(line=line, name=name, data=None)
            if kind == "c":
                values, custom, row.kept = rest
                row.form = (tuple(values), custom)
            else:
                row.duplicate_of, row.duplicate_line = rest
                repeated.add(row.duplicate_of)
            rows.append(row)
        changed = list(
            pipeline.changed_since(existing, since, marks["company"]).only(
                "pk", "legal_name", "short_name", "name_key", "corporate_number", "registry_id"
            )
        )
        if any(c.pk in repeated for c in changed):
            return None  # a company a row repeats was changed: check every row again
        creating = [r for r in rows if r.action == "create"]
        if changed:
            # Added (or renamed) since the preview: a row it repeats is skipped now.
            number_at = RowRules(self.user, self.fields).model_fields.index("corporate_number")
            found: dict[tuple, Company] = {}
            for c in changed:
                found.setdefault(("name", c.name_key), c)
                if c.corporate_number:
                    found.setdefault(("number", c.corporate_number), c)
                if c.registry_id:
                    found.setdefault(("entry", c.registry_id), c)
            for row in creating:
                keys = [("name", name_key_cached(row.name)), ("entry", row.kept)]
                keys.append(("number", row.form[0][number_at] or "-"))
                row.duplicate_of = next((found[k] for k in keys if k in found), None)
                if row.duplicate_of is not None:
                    row.form = None
            creating = [r for r in creating if r.duplicate_of is None]
        wanted = {r.kept for r in creating if r.kept}
        entries = {e.pk: e for e in _in_chunks(RegistryEntry.objects.all(), "pk", wanted)}
        if len(entries) != len(wanted):
            return None  # the registry changed: resolve the names again
        for row in creating:
            row.entry, row.kept = entries.get(row.kept), None
        return rows

    def save_all(self, rows: list[Row]) -> None:
        """Every new company in batches: a constant number of queries per batch."""
        rules = RowRules(self.user, self.fields)
        for i in range(0, len(rows), BATCH):
            batch = [_company(rules, self.org, row) for row in rows[i : i + BATCH]]
            bulk.insert(Company, batch)
            for row, company in zip(rows[i : i + BATCH], batch, strict=True):
                row.saved = company


def read_file(data: bytes, sheet: str = "") -> str:
    return pipeline.read_file(data, sheet)


def preview(
    org, user, text: str, mapping: list[str] | None = None, *, keep: bool = False
) -> Preview:
    """Check every row of a company list without writing anything (`keep`: and pack
    the outcome for the import to start from)."""
    return pipeline.preview(CompanyList(org, user), text, mapping, keep=keep)


def commit(org, user, text: str, mapping: list[str] | None = None) -> Preview:
    """Check again and write every new company, or nothing if any row is bad."""
    return pipeline.commit(CompanyList(org, user), text, mapping)


def commit_recorded(
    org,
    user,
    text: str,
    mapping: list[str] | None = None,
    *,
    filename: str = "",
    batch: CompanyImport | None = None,
) -> Preview:
    """commit(), with the record of the import in the same transaction."""
    return pipeline.commit_recorded(
        CompanyList(org, user), text, mapping, filename=filename, batch=batch
    )


def target_choices(fields: list[CompanyField]) -> list[tuple[str, str]]:
    """What a column can be mapped to, for the mapping form."""
    labels = {
        "legal_name": _("Legal name"),
        "short_name": _("Short name"),
        "name_en": _("English name"),
        "kana": _("Reading (kana)"),
        "corporate_number": _("Corporate number"),
        "sector33": _("Industry (TSE 33)"),
        "size_class": _("Size class"),
        "market_segment": _("Market segment"),
        "prefecture": _("Prefecture"),
        "city": _("City"),
        "address": _("Address"),
        "postal_code": _("Postal code"),
        "phone": _("Phone"),
        "website": _("Website"),
        "notes": _("Notes"),
    }
    return [
        ("", _("(ignore)")),
        *((t, labels[t]) for t in columns.TARGETS),
        *((f"own:{f.key}", f.label) for f in fields),
    ]


def _row(line: int, cells: list[str], mapping: list[str], fields: dict) -> Row:
    values: dict[str, list[str]] = {}
    for target, cell in zip(mapping, cells, strict=False):
        cell = cell.strip()
        if target and cell:
            values.setdefault(target, []).append(cell)
    data: dict = {}
    errors: list[str] = []
    for target, cells_of in values.items():
        text = cells_of[0]
        if target == "notes":
            data["notes"] = "\n".join(cells_of)
        elif target.startswith("own:"):
            _own_value(fields[target[4:]], text, data, errors)
        elif target in _CODED:
            code = _CODED[target](text)
            if code:
                data[target] = code
            else:
                errors.append(
                    _("%(column)s: “%(value)s” is not known.")
                    % {"column": _column_name(target), "value": text}
                )
        elif target != "city":
            data[target] = text
    city = values.get("city", [""])[0]
    address = data.get("address", "")
    if city and not address.startswith(city):
        # Japanese runs city and street together; "Minato-ku" + "5-7-1 Shiba" needs a space.
        gap = " " if address and city[-1].isascii() and address[0].isascii() else ""
        data["address"] = city + gap + address
    if "prefecture" not in data and data.get("address"):
        data["prefecture"] = codes.prefecture_code(jp_text.normalize_text(data["address"]))
    if data.get("prefecture"):
        # "東京都千代田区…" keeps only what follows the prefecture.
        name = dict((c, ja) for c, ja, _en in codes.PREFECTURES)[data["prefecture"]]
        address = jp_text.normalize_text(data.get("address", ""))
        data["address"] = address.removeprefix(name).strip()
    return Row(line=line, name=data.get("legal_name", ""), data=data, errors=errors)


def _own_value(field: CompanyField, text: str, data: dict, errors: list[str]) -> None:
    name = own_fields.name(field)
    try:
        if field.kind == CompanyField.Kind.YES_NO:
            value = columns.parse_yes_no(text)
            data[name] = "" if value is None else ("yes" if value else "no")
        elif field.kind == CompanyField.Kind.NUMBER:
            value = columns.parse_number(text)
            data[name] = "" if value is None else value
        else:
            data[name] = jp_text.normalize_text(text)
    except ValueError:
        errors.append(
            _("%(column)s: “%(value)s” is not understood.") % {"column": field.label, "value": text}
        )


def _lookup(table: list[tuple], extra: dict[str, str] | None = None):
    index = {columns.header_key(code): code for code, *_names in table}
    for code, *names in table:
        for name in names:
            index[columns.header_key(str(name))] = code
    index.update({columns.header_key(k): v for k, v in (extra or {}).items()})
    return lambda text: index.get(columns.header_key(text), "")


def _prefecture(text: str) -> str:
    text = jp_text.normalize_text(text)
    if text.isdigit() and 1 <= int(text) <= 47:
        return text.zfill(2)
    by_english = {en.casefold(): code for code, _ja, en in codes.PREFECTURES}
    return by_english.get(
        text.casefold()
        .removesuffix(" prefecture")
        .removesuffix("-ken")
        .removesuffix(" to")
        .removesuffix("-to"),
        "",
    ) or codes.prefecture_code(text)


def _sector(text: str) -> str:
    text = jp_text.normalize_text(text)
    return codes.sector_code(text) or _SECTORS(text)


_SECTORS = _lookup(codes.SECTORS_33)
_CODED = {
    "sector33": _sector,
    "prefecture": _prefecture,
    "size_class": _lookup(
        [(c, label) for c, label in codes.SIZE_CLASSES],
        {
            "Core30": "core30",
            "Large70": "large70",
            "Mid400": "mid400",
            "Small1": "small1",
            "Small2": "small2",
        },
    ),
    "market_segment": _lookup(
        codes.MARKET_SEGMENTS,
        {"東証プライム": "prime", "東証スタンダード": "standard", "東証グロース": "growth"},
    ),
}


def _column_name(target: str) -> str:
    return {
        "sector33": _("Industry"),
        "prefecture": _("Prefecture"),
        "size_class": _("Size class"),
        "market_segment": _("Market segment"),
    }[target]


def _resolve(rows: list[Row]) -> None:
    named = [r for r in rows if r.name]
    for row, (match, entry) in zip(named, resolve_names([r.name for r in named]), strict=True):
        row.match_status, row.entry = match.status, entry


# Pure functions called for every row: a list's repeated numbers and names cost a
# look-up (few phone numbers repeat; most are read by lib.phones' quick way).
clean_phone_cached = functools.lru_cache(maxsize=4096)(core_fields.clean_phone)
name_key_cached = functools.lru_cache(maxsize=65_536)(jp_text.company_name_key)


class _RowForm(CompanyForm):
    """CompanyForm for the rows of a list: the corporate number's clash with a company
    of the organisation is found for all rows at once (`_check`), not by a query per
    row."""

    def clean_corporate_number(self):
        return core_fields.clean_corporate_number(self.cleaned_data.get("corporate_number", ""))

    def clean_phone(self):
        return clean_phone_cached(self.cleaned_data.get("phone", ""))


class RowRules:
    """The company form's rules, applied to one row after another without building a
    form per row: the form is built once (building one deep-copies its ~20 fields and
    their choices, two-thirds of the time a row took), and each row's values go
    through the same fields and the same clean_<field> methods. The form-wide checks
    are the duplicates, which the import finds for all rows at once; the model's
    field rules are the form fields' own (lengths, choices, URLs)."""

    def __init__(self, user, fields: list[CompanyField]) -> None:
        self.form = _RowForm(user=user, own=fields, check_duplicates=False)
        self.fields = fields
        self.steps = [
            (name, field, getattr(self.form, f"clean_{name}", None))
            for name, field in self.form.fields.items()
        ]
        self.model_fields = [
            f.name for f in Company._meta.concrete_fields if f.name in self.form.fields
        ]
        for field in self.form.fields.values():
            if isinstance(field, forms.ChoiceField) and not hasattr(field, "queryset"):
                # The same choices, looked up in a set rather than scanned per row.
                allowed = frozenset(str(value) for value, _label in _flat(field.choices))
                field.valid_value = allowed.__contains__

    def clean(self, data: dict) -> tuple[dict, dict[str, list[str]]]:
        """(cleaned data, errors by field) for one row's form data."""
        form = self.form
        form.cleaned_data = cleaned = {}
        errors: dict[str, list[str]] = {}
        for name, field, extra in self.steps:
            try:
                cleaned[name] = field.clean(field.widget.value_from_datadict(data, {}, name))
                if extra is not None:
                    cleaned[name] = extra()
            except ValidationError as exc:
                errors[name] = exc.messages
                cleaned.pop(name, None)
        return cleaned, errors

    def compact(self, cleaned: dict) -> tuple:
        """What a row to be written keeps until then: its values, without a dict each
        (100,000 rows' dicts were a third of the import's memory)."""
        return (
            tuple(cleaned[name] for name in self.model_fields),
            own_fields.values_from(cleaned, self.fields, {}) if self.fields else None,
        )

    def company(self, org, kept: tuple) -> Company:
        values, custom = kept
        company = Company(org=org, **dict(zip(self.model_fields, values, strict=True)))
        company.custom = custom or {}
        return company

    def label(self, name: str) -> str:
        field = self.form.fields.get(name)
        return str(field.label) if field is not None else name


def _flat(choices):
    for value, label in choices:
        if isinstance(label, list | tuple):  # a group of choices
            yield from label
        else:
            yield value, label


def _in_chunks(queryset, lookup: str, values, size: int = 2000):
    """queryset.filter(<lookup>__in=values), a chunk at a time (SQLite takes at most
    32,766 parameters in a statement, a file may name 100,000 companies)."""
    values = list(values)
    for i in range(0, len(values), size):
        yield from queryset.filter(**{f"{lookup}__in": values[i : i + size]})


def _check(rows: list[Row], org, user, fields) -> None:
    """The form's rules per row, then duplicates against the organisation and the file."""
    existing = Company.objects.filter(org=org)
    by_number = {
        c.corporate_number: c
        for c in existing.exclude(corporate_number="").only(
            "pk", "legal_name", "short_name", "corporate_number"
        )
    }
    names = {r.data.get("legal_name") and name_key_cached(r.data["legal_name"]) for r in rows} - {
        None,
        "",
    }
    by_name = {
        c.name_key: c
        for c in _in_chunks(
            existing.only("pk", "legal_name", "short_name", "name_key"), "name_key", names
        )
    }
    entries = {r.entry.pk for r in rows if r.entry is not None}
    by_entry = {
        c.registry_id: c
        for c in _in_chunks(
            existing.only("pk", "legal_name", "short_name", "registry_id"), "registry_id", entries
        )
    }
    rules = RowRules(user, fields)
    seen: dict[tuple[str, object], int] = {}
    for row in rows:
        if row.errors:
            continue
        clean, errors = rules.clean(row.data)
        if errors:
            row.errors = [
                f"{rules.label(name)}: {message}"
                for name, messages in errors.items()
                for message in messages
            ]
            continue
        keys = [("name", name_key_cached(row.name))]
        if clean.get("corporate_number"):
            keys.append(("number", clean["corporate_number"]))
        if row.entry is not None:
            keys.append(("entry", row.entry.pk))
        row.duplicate_of = (
            by_number.get(clean.get("corporate_number") or "-")
            or by_name.get(keys[0][1])
            or (by_entry.get(row.entry.pk) if row.entry else None)
        )
        if row.duplicate_of is None:
            row.duplicate_line = next((seen[k] for k in keys if k in seen), None)
        if row.action == "create":
            row.form = rules.compact(clean)  # the company is built from it when written
        for key in keys:
            seen.setdefault(key, row.line)


def _company(rules: RowRules, org, row: Row) -> Company:
    """A checked row's company, linked to the entity its name resolved to in the
    preview (the rule of forms.link_resolved, without resolving the name again), its
    search columns derived as Company.save derives them (bulk_create skips save)."""
    company, entry = rules.company(org, row.form), row.entry
    row.form = None  # the cleaned values are in the company now
    number = company.corporate_number
    if entry is not None and (not number or entry.corporate_number in ("", number)):
        services.fill_from_registry(company, entry)
    for name, value in search_fields(company.legal_name, company.name_en, company.kana).items():
        setattr(company, name, value)
    return company


BATCH = 1000  # rows per INSERT
