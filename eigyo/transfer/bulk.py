"""Inserting many rows of one model fast, for the imports: `core.writes.insert`
(one INSERT … RETURNING of up to 8,000 parameters on SQLite, bulk_create in batches
on PostgreSQL), the rows reported to the audit trail in batches."""

from __future__ import annotations

from eigyo.core import writes


def insert(model, objs: list) -> list:
    """Insert `objs` (new instances of `model`), setting their primary keys."""
    return writes.insert(model, objs)
