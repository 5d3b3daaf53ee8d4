"""Inserting many rows of one model fast, for the imports.

`insert` takes model instances (as bulk_create), `insert_values` plain tuples of the
named fields' values — for rows that need no instance (an import's card exchanges,
ties, people): building 400,000 model instances was a third of a 100,000-person
import. Both write one INSERT … VALUES (…), (…) … RETURNING per chunk, on SQLite and
PostgreSQL alike (Django's bulk_create on SQLite stops at 999 parameters, 38 companies a
statement, and building those statements was half of an import's write time), with the
values Django would send (`Field.pre_save`, `get_db_prep_save`), the ids read back in
order as Django's own bulk_create reads them; on PostgreSQL with COPY (see `_copy`).
The rows written are reported to the audit trail in batches (`core.writes.created`,
`created_values`), by the acting user."""

from __future__ import annotations

from collections.abc import Sequence

from django.db import connections, models, router

from eigyo.core import writes

SQLITE_PARAMS = 8_000  # well below SQLITE_MAX_VARIABLE_NUMBER (32,766 since SQLite 3.32)
POSTGRES_PARAMS = 30_000  # below PostgreSQL's 65,535 parameters a statement
BATCH = 1_000

# Fields whose Python value is already what the database driver takes (no conversion).
_PLAIN = (
    models.CharField,
    models.TextField,
    models.IntegerField,
    models.BooleanField,
    models.FloatField,
)


def _connection(model):
    return router.db_for_write(model), connections[router.db_for_write(model)]


def _fast(connection) -> bool:
    if connection.vendor == "sqlite":
        return connection.Database.sqlite_version_info >= (3, 35)
    return connection.vendor == "postgresql"


def _per_statement(connection, width: int) -> int:
    limit = SQLITE_PARAMS if connection.vendor == "sqlite" else POSTGRES_PARAMS
    return max(1, min(BATCH * 4, limit // max(width, 1)))


def _copy(connection, model, fields, rows: Sequence[Sequence]) -> list:
    """PostgreSQL: the ids drawn from the table's sequence in one query, then every row
    sent with COPY. (A multi-row INSERT binds its parameters on the client with
    psycopg: each statement of 30,000 placeholders was split and quoted in Python,
    50 s of a 100,000-person import.)"""
    meta = model._meta
    qn = connection.ops.quote_name
    columns = ", ".join(qn(c) for c in [meta.pk.column, *(f.column for f in fields)])
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [meta.db_table, meta.pk.column, len(rows)],
        )
        ids = [pk for (pk,) in cursor.fetchall()]
        with cursor.cursor.copy(f"COPY {qn(meta.db_table)} ({columns}) FROM STDIN") as copy:
            for pk, row in zip(ids, rows, strict=True):
                copy.write_row((pk, *row))
    return ids


def _execute(connection, model, fields, rows: Sequence[Sequence]) -> list:
    """INSERT the rows (DB-ready values of `fields`) a chunk at a time; their ids."""
    if connection.vendor == "postgresql":
        return _copy(connection, model, fields, rows)
    meta = model._meta
    qn = connection.ops.quote_name
    columns = ", ".join(qn(f.column) for f in fields)
    one = "(" + ", ".join(["%s"] * len(fields)) + ")"
    per = _per_statement(connection, len(fields))
    ids: list = []
    with connection.cursor() as cursor:
        for start in range(0, len(rows), per):
            chunk = rows[start : start + per]
            params = [value for row in chunk for value in row]
            cursor.execute(
                f"INSERT INTO {qn(meta.db_table)} ({columns}) VALUES "
                + ", ".join([one] * len(chunk))
                + f" RETURNING {qn(meta.pk.column)}",
                params,
            )
            got = cursor.fetchall()
            if len(got) != len(chunk):  # pragma: no cover - a driver would have to misbehave
                raise RuntimeError("INSERT … RETURNING answered a different number of rows")
            ids.extend(pk for (pk,) in got)
    return ids


def insert(model, objs: list, *, by=None) -> list:
    """Insert `objs` (new instances of `model`), setting their primary keys, and
    report them to the audit trail."""
    if not objs:
        return objs
    db, connection = _connection(model)
    if not _fast(connection):
        model.objects.bulk_create(objs, batch_size=BATCH)
        return writes.created(model, objs, by=by)
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    rows = [[f.get_db_prep_save(f.pre_save(obj, True), connection) for f in fields] for obj in objs]
    for obj, pk in zip(objs, _execute(connection, model, fields, rows), strict=True):
        obj.pk = pk
        obj._state.adding, obj._state.db = False, db
    return writes.created(model, objs, by=by)


def insert_values(model, names: Sequence[str], rows: Sequence[Sequence], *, by=None) -> list:
    """Insert rows given as tuples of the values of the fields `names` (attnames:
    `company_id`, not `company`); every other field takes its default, computed once
    for the call (the created/updated stamps: one moment for the batch). The new ids,
    in order."""
    if not rows:
        return []
    _db, connection = _connection(model)
    meta = model._meta
    given = [meta.get_field(name) for name in names]
    index = {f.attname: i for i, f in enumerate(given)}
    fields = [f for f in meta.concrete_fields if not f.primary_key]
    if not _fast(connection):
        objs = [model(**dict(zip(names, row, strict=True))) for row in rows]
        ids = [o.pk for o in model.objects.bulk_create(objs, batch_size=BATCH)]
        writes.created_values(model, ids, list(names), list(rows), by=by)
        return ids
    plan = []  # per column: ("value", i, convert) or ("default", prepared)
    for f in fields:
        if f.attname in index:
            plain = (
                isinstance(f, _PLAIN)
                and type(f).get_db_prep_value is models.Field.get_db_prep_value
            )
            plain = plain or (
                f.is_relation and isinstance(f.target_field, models.AutoField | models.IntegerField)
            )
            plan.append((index[f.attname], None if plain else f))
        else:
            plan.append((-1, f.get_db_prep_save(f.get_default(), connection)))
    ready = []
    for row in rows:
        out = []
        for i, how in plan:
            if i < 0:
                out.append(how)
            elif how is None:
                out.append(row[i])
            else:
                out.append(how.get_db_prep_save(row[i], connection))
        ready.append(out)
    ids = _execute(connection, model, fields, ready)
    writes.created_values(model, ids, list(names), list(rows), by=by)
    return ids
