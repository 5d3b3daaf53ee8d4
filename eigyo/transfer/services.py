"""Writes of the import pipeline that the pages start (the API and CLI commit at once
through importing.commit_recorded)."""

from django.db import transaction

from eigyo.accounts import access
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
