"""Writes of the import pipeline, for the pages, the API and `eigyo import` alike."""

import datetime as dt

from django.db import transaction
from django.db.models import Case, Value, When

from eigyo.accounts import access
from eigyo.contacts.models import Person
from eigyo.core import clock
from eigyo.core.signals import personal_data_received
from eigyo.transfer import importing, pipeline
from eigyo.transfer.models import CompanyImport, ImportCheck
from eigyo.transfer.people_import import PeopleList


@transaction.atomic
def start_import(
    *,
    by,
    filename: str,
    text: str,
    mapping: list[str],
    target: str = "companies",
    options: dict | None = None,
    kept: bytes | None = None,
) -> CompanyImport:
    """Keep an uploaded list for its preview: nothing is imported until it is committed.
    `kept`: the preview's checked outcome (Preview.kept), for the import to start from."""
    batch = CompanyImport.objects.create(
        org=access.membership(by).org,
        created_by=by,
        filename=filename[:200],
        content=text,
        mapping=mapping,
        target=target,
        options=options or {},
    )
    _keep(batch, kept)
    return batch


def _keep(batch: CompanyImport, kept: bytes | None) -> None:
    ImportCheck.objects.filter(batch=batch).delete()
    if kept:
        ImportCheck.objects.create(batch=batch, outcome=kept)


@transaction.atomic
def remap_import(
    batch: CompanyImport,
    mapping: list[str],
    *,
    by,
    options: dict | None = None,
    kept: bytes | None = None,
) -> CompanyImport:
    """Change which column goes into which field (and the options) before committing;
    `kept`: the outcome of the preview with the new mapping."""
    batch.mapping = mapping
    if options is not None:
        batch.options = options
    batch.save(update_fields=["mapping", "options", "updated_at"])
    _keep(batch, kept)
    return batch


def commit_import(
    text: str,
    mapping: list[str] | None = None,
    *,
    by,
    filename: str = "",
    batch: CompanyImport | None = None,
) -> importing.Preview:
    """Import the list: every row checked again, all written or none (ImportRefused),
    recorded as one import of `by` (the previewed batch, or a new record)."""
    return importing.commit_recorded(
        access.membership(by).org, by, text, mapping, filename=filename, batch=batch
    )


def people_target(by, *, on_duplicate: str = "skip") -> PeopleList:
    return PeopleList(access.membership(by).org, by, on_duplicate=on_duplicate)


def commit_people(
    text: str,
    mapping: list[str] | None = None,
    *,
    by,
    on_duplicate: str = "skip",
    filename: str = "",
    batch: CompanyImport | None = None,
    provider: str = "",
    obtained: str = "",
) -> pipeline.Preview:
    """Import a list of people: every row checked again, all written or none
    (ImportRefused), duplicates skipped or merged, recorded as one import of `by`;
    a list from a third party (`provider`, and how it `obtained` the data) leaves the
    record of receipt the privacy law asks for."""
    target = people_target(by, on_duplicate=on_duplicate)
    if batch is not None:
        batch.options = {**batch.options, "on_duplicate": on_duplicate}
        provider = provider or batch.options.get("provider", "")
        obtained = obtained or batch.options.get("obtained", "")
    result = pipeline.commit_recorded(target, text, mapping, filename=filename, batch=batch)
    if provider:
        # A list from a third party (a purchased list, a partner's cards): the record
        # of receipt (APPI 確認記録), kept by the audit trail for the people it brought.
        personal_data_received.send(
            sender=Person,
            user=by,
            model=Person,
            pks=[r.saved for r in result.rows if r.action in ("create", "merge") and r.saved],
            provider=provider,
            obtained=obtained,
            source=filename or (batch.filename if batch is not None else ""),
        )
    return result


@transaction.atomic
def abandon_import(batch: CompanyImport, *, by) -> CompanyImport:
    """The uploader gives up a previewed list: nothing is imported; its file is
    deleted with the others after the keeping period."""
    batch.status = CompanyImport.Status.ABANDONED
    batch.save(update_fields=["status", "updated_at"])
    ImportCheck.objects.filter(batch=batch).delete()
    return batch


@transaction.atomic
def forget_uploads(*, keep_days: int, now: dt.datetime | None = None) -> int:
    """Delete the content of uploaded files `keep_days` after their import was
    committed or abandoned (a preview left untouched that long counts as
    abandoned); the record of the import stays. Answers how many were deleted."""
    now = now or clock.now()
    cutoff = now - dt.timedelta(days=keep_days)
    stale = CompanyImport.objects.filter(forgotten_at__isnull=True, updated_at__lt=cutoff)
    ImportCheck.objects.filter(batch__in=stale).delete()
    return stale.update(
        upload=b"",
        forgotten_at=now,
        status=_abandoned_unless_done(),
    )


def _abandoned_unless_done() -> Case:
    return Case(
        When(status=CompanyImport.Status.DONE, then=Value(CompanyImport.Status.DONE)),
        default=Value(CompanyImport.Status.ABANDONED),
    )
