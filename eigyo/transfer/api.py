"""POST /api/companies/import: the same check and all-or-nothing import as the page."""

from django.http import HttpRequest
from ninja import Router, Schema

from eigyo.accounts import access
from eigyo.companies.access import can_import_companies
from eigyo.core.api import Forbidden, FormInvalid
from eigyo.transfer import importing, services

router = Router(tags=["companies"])


class ImportIn(Schema):
    content: str  # the CSV text (send bytes of Shift_JIS files decoded, or as UTF-8)
    filename: str = "api.csv"
    # One target per column ("" ignores it); omitted: guessed from the header row.
    mapping: list[str] | None = None
    commit: bool = False


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
    if len(payload.content.encode()) > importing.MAX_BYTES:
        raise FormInvalid.single("content", "at most 10 MB")
    try:
        checked = importing.preview(org, request.user, payload.content, payload.mapping)
        if payload.commit and checked.count("error"):
            raise FormInvalid(
                errors=[
                    {"field": f"line {r.line}", "message": m}
                    for r in checked.rows
                    for m in r.errors
                ]
            )
        if payload.commit:
            checked = services.commit_import(
                payload.content, checked.mapping, by=request.user, filename=payload.filename
            )
    except importing.ImportRefused as exc:
        raise FormInvalid.single("content", str(exc)) from exc
    return {
        "headers": checked.headers,
        "mapping": checked.mapping,
        "created": checked.count("create"),
        "skipped": checked.count("skip"),
        "errors": checked.count("error"),
        "committed": payload.commit,
        "rows": [
            {
                "line": r.line,
                "name": r.name,
                "action": r.action,
                "errors": r.errors,
                "match": r.match_status,
                "registry": r.entry.pk if r.entry else None,
                "duplicate_of": r.duplicate_of.pk if r.duplicate_of else None,
                "duplicate_line": r.duplicate_line,
                "company": r.company.pk if r.company else None,
            }
            for r in checked.rows
        ],
    }
