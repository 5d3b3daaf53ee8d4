"""Writes of the import pipeline, for the pages, the API and `eigyo import` alike."""

from django.db import transaction

from eigyo.accounts import access
from eigyo.transfer import importing
from eigyo.transfer.models import CompanyImport


@transaction.atomic
def start_import(*, by, filename: str, text: str, mapping: list[str]) -> CompanyImport:
    """Keep an uploaded list for its preview: nothing is imported until it is committed."""
    return CompanyImport.objects.create(
        org=access.membership(by).org,
        created_by=by,
        filename=filename[:200],
        content=text,
        mapping=mapping,
    )


@transaction.atomic
def remap_import(batch: CompanyImport, mapping: list[str], *, by) -> CompanyImport:
    """Change which column goes into which field before committing."""
    batch.mapping = mapping
    batch.save(update_fields=["mapping", "updated_at"])
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
