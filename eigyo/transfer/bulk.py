"""Inserting many rows of one model fast, for the imports: `core.writes.insert` (model
instances) and `insert_values` (plain tuples), which write in large statements (COPY
on PostgreSQL) and report the rows to the audit trail in batches, by the acting user."""

from __future__ import annotations

from eigyo.core.writes import insert, insert_values

__all__ = ["insert", "insert_values"]
