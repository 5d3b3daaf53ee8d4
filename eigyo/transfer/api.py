"""POST /api/companies/import, /api/people/import and /api/leads/import: the same check
and all-or-nothing import as the pages, of the list as text or as the file itself
(base64: an .xlsx workbook, or CSV/TSV/vCard in any encoding the pages read);
GET /api/people/vcard and /api/people/{id}/vcard: people as vCard."""

from typing import Literal

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from pydantic import Base64Bytes

from eigyo.accounts import access
from eigyo.companies.access import can_import_companies
from eigyo.contacts.access import visible_people
from eigyo.contacts.filters import PersonFilter
from eigyo.core.api import Forbidden, FormInvalid
from eigyo.prospecting.access import can_enter_leads
from eigyo.prospecting.models import Lead
from eigyo.transfer import importing, pipeline, services, vcards
from eigyo.transfer.access import can_import_people
from eigyo.transfer.lead_import import LeadList

router = Router(tags=["companies"])

FILE_HELP = (
    "The file itself, base64-encoded, instead of `content`: an Excel workbook (.xlsx; "
    "the first sheet, or `sheet`), or CSV/TSV in UTF-8, Shift_JIS (cp932) or UTF-16"
)


class FileIn(Schema):
    """A list sent as text (`content`) or as the file's bytes (`file`, base64)."""

    content: str = ""  # the CSV text (send bytes of Shift_JIS files decoded, or as UTF-8)
    file: Base64Bytes | None = Field(None, description=FILE_HELP)
    sheet: str = Field("", description="The workbook's sheet to read (the first when empty)")
    filename: str = "api.csv"
    # One target per column ("" ignores it); omitted: guessed from the header row.
    mapping: list[str] | None = None
    commit: bool = False


def _text(payload: FileIn, *, decode: bool) -> str:
    """The list as CSV text, from the file's bytes or the text sent (ImportRefused)."""
    if payload.file is not None:
        return pipeline.read_file(payload.file, payload.sheet.strip())
    if not payload.content:
        raise FormInvalid.single("content", _("Send the list as content or as a file."))
    if len(payload.content.encode()) > pipeline.MAX_BYTES:
        raise FormInvalid.single("content", "too large")
    # vCard text and UTF-16 files are read by the same reader as an uploaded file.
    return pipeline.read_file(payload.content.encode()) if decode else payload.content


def _answer(checked: pipeline.Preview, committed: bool, extra) -> dict:
    """An import's answer: the counts and each row (line, name, action, errors, and
    what `extra(row)` adds for the kind of list)."""
    return {
        "headers": checked.headers,
        "mapping": checked.mapping,
        "created": checked.count("create"),
        "skipped": checked.count("skip"),
        "errors": checked.count("error"),
        "committed": committed,
        "rows": [
            {"line": r.line, "name": r.name, "action": r.action, "errors": r.errors, **extra(r)}
            for r in checked.rows
        ],
    }


def _rows_refused(exc: pipeline.RowsRefused) -> FormInvalid:
    return FormInvalid(
        errors=[
            {"field": f"line {r.line}", "message": m} for r in exc.checked.rows for m in r.errors
        ]
    )


class ImportIn(FileIn):
    pass


class ImportRowOut(Schema):
    line: int
    name: str
    action: str  # create | skip | error
    errors: list[str]
    match: str
    registry: int | None
    duplicate_of: int | None
    duplicate_line: int | None
    company: int | None


class ImportOut(Schema):
    headers: list[str]
    mapping: list[str]
    created: int
    skipped: int
    errors: int
    committed: bool
    rows: list[ImportRowOut]


@router.post("/companies/import", response=ImportOut)
def import_companies(request: HttpRequest, payload: ImportIn):
    """Check a company list (``commit: false``) or import it. With ``commit: true`` a
    file with any bad row is refused (422, each row's errors) and nothing is written."""
    if not can_import_companies(request.user):
        raise Forbidden
    org = access.membership(request.user).org
    try:
        text = _text(payload, decode=payload.file is not None)
        if payload.commit:  # checked once, inside the import's transaction
            checked = services.commit_import(
                text, payload.mapping, by=request.user, filename=payload.filename
            )
        else:
            checked = importing.preview(org, request.user, text, payload.mapping)
    except pipeline.RowsRefused as exc:
        raise _rows_refused(exc) from exc
    except importing.ImportRefused as exc:
        raise FormInvalid.single("content", str(exc)) from exc
    return _answer(
        checked,
        payload.commit,
        lambda r: {
            "match": r.match_status,
            "registry": r.entry.pk if r.entry else None,
            "duplicate_of": r.duplicate_of.pk if r.duplicate_of else None,
            "duplicate_line": r.duplicate_line,
            "company": r.company.pk if r.company else None,
        },
    )


class PeopleImportIn(FileIn):
    # content: the CSV or vCard text (a Shift_JIS file decoded, or sent as UTF-8)
    on_duplicate: Literal["skip", "merge"] = "skip"
    # A list from a third party: who gave it and how they obtained the data (APPI record
    # of receipt); both or neither.
    provider: str = ""
    obtained: str = ""


class PeopleImportRowOut(Schema):
    line: int
    name: str
    action: str  # create | merge | skip | error
    errors: list[str]
    company_name: str
    company_match: str  # existing | matched | ambiguous | none | ""
    registry: int | None
    duplicate_of: int | None
    duplicate_line: int | None
    exchanges: list[str]
    person: int | None


class PeopleImportOut(Schema):
    format: str
    headers: list[str]
    mapping: list[str]
    created: int
    merged: int
    skipped: int
    errors: int
    committed: bool
    rows: list[PeopleImportRowOut]


@router.post("/people/import", response=PeopleImportOut, tags=["people"])
def import_people(request: HttpRequest, payload: PeopleImportIn):
    """Check a list of people (``commit: false``) or import it: Eight, Sansan, Google,
    Outlook, Salesforce, HubSpot, our template, or vCard text. With ``commit: true`` a
    file with any bad row is refused (422, each row's errors) and nothing is written."""
    if not can_import_people(request.user):
        raise Forbidden
    target = services.people_target(request.user, on_duplicate=payload.on_duplicate)
    try:
        text = _text(payload, decode=True)
        if payload.commit:  # checked once, inside the import's transaction
            if payload.provider.strip() and not payload.obtained.strip():
                raise FormInvalid.single("obtained", _("Say how the provider obtained the data."))
            checked = services.commit_people(
                text,
                payload.mapping,
                by=request.user,
                on_duplicate=payload.on_duplicate,
                filename=payload.filename,
                provider=payload.provider.strip()[:200],
                obtained=payload.obtained.strip()[:300],
            )
            target.start(checked.headers)  # the format named in the answer
        else:
            checked = pipeline.preview(target, text, payload.mapping)
    except pipeline.RowsRefused as exc:
        raise _rows_refused(exc) from exc
    except pipeline.ImportRefused as exc:
        raise FormInvalid.single("content", str(exc)) from exc
    return {
        "format": target.format,
        "merged": checked.count("merge"),
        **_answer(
            checked,
            payload.commit,
            lambda r: {
                "company_name": r.data.get("company_name", ""),
                "company_match": r.match_status,
                "registry": r.entry.pk if r.entry else None,
                "duplicate_of": r.duplicate_of.pk if r.duplicate_of else None,
                "duplicate_line": r.duplicate_line,
                "exchanges": r.data.get("exchanges", []),
                "person": r.saved,  # the person's id once written
            },
        ),
    }


class LeadImportIn(FileIn):
    # When the file does not say: where the leads came from, and the campaign.
    source: Lead.Source = Lead.Source.EXHIBITION
    campaign: str = Field("", max_length=120)


class LeadImportRowOut(Schema):
    line: int
    name: str  # the company's name
    action: str  # create | skip | error
    errors: list[str]
    duplicate_line: int | None


class LeadImportOut(Schema):
    headers: list[str]
    mapping: list[str]
    created: int
    skipped: int
    errors: int
    committed: bool
    rows: list[LeadImportRowOut]


@router.post("/leads/import", response=LeadImportOut, tags=["leads"])
def import_leads(request: HttpRequest, payload: LeadImportIn):
    """Check a lead list — exhibition cards, web-form exports — (``commit: false``) or
    import it. With ``commit: true`` a file with any bad row is refused (422, each
    row's errors) and nothing is written."""
    if not can_enter_leads(request.user):
        raise Forbidden
    target = LeadList(
        access.membership(request.user).org,
        request.user,
        source=payload.source,
        campaign=payload.campaign.strip(),
    )
    try:
        text = _text(payload, decode=True)
        if payload.commit:
            checked = pipeline.commit(target, text, payload.mapping)
        else:
            checked = pipeline.preview(target, text, payload.mapping)
    except pipeline.RowsRefused as exc:
        raise _rows_refused(exc) from exc
    except pipeline.ImportRefused as exc:
        raise FormInvalid.single("content", str(exc)) from exc
    return _answer(checked, payload.commit, lambda r: {"duplicate_line": r.duplicate_line})


@router.get("/people/vcard", tags=["people"])
def people_vcard(request: HttpRequest, filters: Query[PersonFilter]):
    """The people the caller sees (with the people list's filter) as vCard 3.0, with
    the kana reading (X-PHONETIC-*, SORT-STRING) and the company (ORG, X-PHONETIC-ORG)."""
    people = vcards.exportable(filters.filter(visible_people(request.user)))
    return vcards.response(request, people, "people.vcf", action="api")


@router.get("/people/{int:person_id}/vcard", tags=["people"])
def person_vcard(request: HttpRequest, person_id: int):
    """One person as vCard 3.0 (404 for a person the caller may not see)."""
    person = access.get_visible(visible_people(request.user), pk=person_id)
    return vcards.response(
        request,
        visible_people(request.user).filter(pk=person.pk),
        f"person-{person_id}.vcf",
        action="api",
    )
