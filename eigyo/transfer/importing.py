"""Importing a list of companies (CSV or TSV from Excel, a CRM or a card app): the
company target of the import pipeline (transfer/pipeline.py).

Every row is checked first with the same CompanyForm as a typed company; each name
is resolved against the registry; a row that is already one of the organisation's
companies (same corporate number, same normalised name or same registry entity),
or repeats an earlier row, is proposed as a duplicate and skipped. Only a file
without bad rows is written, all rows in one transaction.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from eigyo.companies import own_fields, services
from eigyo.companies.forms import CompanyForm
from eigyo.companies.models import Company, CompanyField
from eigyo.core import fields as core_fields
from eigyo.lib import jp_text
from eigyo.registry import codes
from eigyo.registry.models import RegistryEntry
from eigyo.registry.resolving import resolve_names
from eigyo.transfer import pipeline
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
        return _save(row.form, row.entry)


def read_file(data: bytes, sheet: str = "") -> str:
    return pipeline.read_file(data, sheet)


def preview(org, user, text: str, mapping: list[str] | None = None) -> Preview:
    """Check every row of a company list without writing anything."""
    return pipeline.preview(CompanyList(org, user), text, mapping)


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


def _check(rows: list[Row], org, user, fields) -> None:
    """Form validation per row, then duplicates against the organisation and the file."""
    existing = Company.objects.filter(org=org)
    by_number = {
        c.corporate_number: c
        for c in existing.exclude(corporate_number="").only(
            "pk", "legal_name", "short_name", "corporate_number"
        )
    }
    names = {
        r.data.get("legal_name") and jp_text.company_name_key(r.data["legal_name"]) for r in rows
    } - {None, ""}
    by_name = {
        c.name_key: c
        for c in existing.filter(name_key__in=names).only(
            "pk", "legal_name", "short_name", "name_key"
        )
    }
    entries = {r.entry.pk for r in rows if r.entry is not None}
    by_entry = {
        c.registry_id: c
        for c in existing.filter(registry_id__in=entries).only(
            "pk", "legal_name", "short_name", "registry_id"
        )
    }
    seen: dict[tuple[str, object], int] = {}
    for row in rows:
        if row.errors:
            continue
        form = row.form = CompanyForm(row.data, user=user, own=fields, check_duplicates=False)
        if not form.is_valid():
            duplicate_number = any(
                e.code == "duplicate" for e in form.errors.as_data().get("corporate_number", [])
            )
            if duplicate_number and set(form.errors) == {"corporate_number"}:
                # The clash means the number cleaned well: clean it the same way to find it.
                number = core_fields.clean_corporate_number(row.data["corporate_number"])
                row.duplicate_of = by_number.get(number)
            if row.duplicate_of is None:
                row.errors = [
                    f"{_label(form, name)}: {message}" if name != "__all__" else message
                    for name, messages in form.errors.items()
                    for message in messages
                ]
                continue
        clean = form.cleaned_data if form.is_valid() else {}
        keys = [("name", jp_text.company_name_key(row.name))]
        if clean.get("corporate_number"):
            keys.append(("number", clean["corporate_number"]))
        if row.entry is not None:
            keys.append(("entry", row.entry.pk))
        if row.duplicate_of is None:
            row.duplicate_of = (
                by_number.get(clean.get("corporate_number") or "-")
                or by_name.get(keys[0][1])
                or (by_entry.get(row.entry.pk) if row.entry else None)
            )
        if row.duplicate_of is None:
            row.duplicate_line = next((seen[k] for k in keys if k in seen), None)
        for key in keys:
            seen.setdefault(key, row.line)


def _label(form, name: str) -> str:
    field = form.fields.get(name)
    return str(field.label) if field is not None else name


def _save(form: CompanyForm, entry: RegistryEntry | None) -> Company:
    """Save a checked row, linked to the entity its name resolved to in the preview
    (the rule of forms.link_resolved, without resolving the name a second time)."""
    company = form.save(commit=False)
    number = company.corporate_number
    if entry is not None and (not number or entry.corporate_number in ("", number)):
        return services.link_to_registry(company, entry)
    company.save()
    return company
